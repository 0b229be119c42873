//! The provider's time as this box best knows it: measured from a token answer's `Date`, then
//! carried forward on clocks that setting the wall clock does not move (the monotonic clock
//! within this process, the boot clock across the processes of one boot). Session times
//! (sign-in, refresh, access token expiry) are kept on this clock, so a wall clock that jumps
//! when network time arrives does not make them lie. A session written by tvauth 0.1 has no
//! provider clock: its times are this box's, and are read as such.

use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::auth::clock_offset::{ClockOffset, Receipt};
use crate::clock::{self, BootTime};

/// The provider's time, anchored where it was measured. Kept in memory by the account and in
/// `session.ron` beside the session (the boot anchor and the offset measured; the in-process
/// anchor is not saved).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProviderClock {
    /// This box's clock minus the provider's when measured; used only when no anchor holds.
    measured: ClockOffset,
    /// The provider's time on the boot clock, valid in the boot it was measured in.
    #[serde(default)]
    boot: Option<BootAnchor>,
    /// The provider's time (Unix seconds) at an instant of this process.
    #[serde(skip)]
    process: Option<(Instant, u64)>,
}

/// The provider's time minus the boot clock, in one boot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct BootAnchor {
    boot_id: String,
    provider_minus_boot: i64,
}

impl ProviderClock {
    /// The clock an answer measured, read now; `None` when it had no readable `Date`.
    pub fn from_receipt(receipt: &Receipt) -> Option<ProviderClock> {
        ProviderClock::from_receipt_at(receipt, clock::boot_now().as_ref(), Instant::now())
    }

    /// [`ProviderClock::from_receipt`] with the boot clock read as `boot` at `now`.
    pub fn from_receipt_at(
        receipt: &Receipt,
        boot: Option<&BootTime>,
        now: Instant,
    ) -> Option<ProviderClock> {
        let measured = receipt.offset?;
        let at_receipt = receipt.provider_time();
        let since = now.saturating_duration_since(receipt.at).as_secs();
        let boot = boot.map(|boot| BootAnchor {
            boot_id: boot.boot_id.clone(),
            provider_minus_boot: signed(at_receipt.saturating_add(since)) - signed(boot.seconds),
        });
        Some(ProviderClock {
            measured,
            boot,
            process: Some((receipt.at, at_receipt)),
        })
    }

    /// The provider's time now, in Unix seconds; `None` when no anchor holds (a clock saved in
    /// another boot, read by another process: the box's clock may have been set since).
    pub fn provider_now(&self) -> Option<u64> {
        self.provider_now_at(clock::boot_now().as_ref(), Instant::now())
    }

    /// [`ProviderClock::provider_now`] with the boot clock read as `boot` at `now`. The boot
    /// clock counts a suspend, which the monotonic clock does not: it is preferred.
    pub fn provider_now_at(&self, boot: Option<&BootTime>, now: Instant) -> Option<u64> {
        let on_boot = self.boot.as_ref().zip(boot).and_then(|(anchor, boot)| {
            (anchor.boot_id == boot.boot_id)
                .then(|| {
                    u64::try_from(signed(boot.seconds).saturating_add(anchor.provider_minus_boot))
                        .ok()
                })
                .flatten()
        });
        on_boot.or_else(|| {
            self.process.map(|(at, provider)| {
                provider.saturating_add(now.saturating_duration_since(at).as_secs())
            })
        })
    }

    /// This box's clock minus the provider's now, when the provider's time is known.
    pub fn offset(&self) -> Option<ClockOffset> {
        let provider = self.provider_now()?;
        Some(ClockOffset::from_seconds(
            signed(clock::unix_now()) - signed(provider),
        ))
    }

    /// The offset measured with the answer, whatever happened to the clock since.
    pub fn measured(&self) -> ClockOffset {
        self.measured
    }
}

/// The time session times are kept in, now: the provider's when known, else this box's.
pub fn session_now(clock: Option<&ProviderClock>) -> u64 {
    clock
        .and_then(ProviderClock::provider_now)
        .unwrap_or_else(clock::unix_now)
}

/// The time to judge an ID token's `exp`/`iat`/`nbf` by: the provider's when this box is
/// further off than the leeway, else this box's (with the usual leeway).
pub fn claims_now(clock: Option<&ProviderClock>) -> u64 {
    let known = clock.and_then(|c| Some((c.offset()?, c.provider_now()?)));
    match known {
        Some((offset, provider)) if offset.is_large() => provider,
        _ => clock::unix_now(),
    }
}

fn signed(seconds: u64) -> i64 {
    i64::try_from(seconds).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests;
