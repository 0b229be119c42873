//! The account's knowledge of the provider's time: the clock measured on the last token
//! answer, kept in memory and with the session, and the offset the faces report ("This TV's
//! clock is N min off" when [`ClockOffset::is_reportable`]).

use std::sync::{Mutex, PoisonError};

use super::provider_clock::ProviderClock;
use super::{Account, StoredSession};
use crate::auth::clock_offset::{ClockOffset, Receipt};

/// The provider clock last measured by this process.
#[derive(Debug, Default)]
pub(super) struct Remembered(Mutex<Option<ProviderClock>>);

impl Account {
    /// This box's clock minus the provider's, as last measured on a token answer (sign-in,
    /// refresh, code exchange) by this process or by another one in this boot (it is saved
    /// with the session); `None` when never measured, or when the measurement was made in
    /// another boot. Reads the boot clock, and the session file when this process has measured
    /// nothing: call it when a status line is built, not on every frame.
    pub fn clock_offset(&self) -> Option<ClockOffset> {
        if let Some(offset) = self.remembered_clock().and_then(|c| c.offset()) {
            return Some(offset);
        }
        let mut loaded = self.load().ok()?;
        let session = self.matching(&mut loaded.value)?;
        session.provider_clock.as_ref()?.offset()
    }

    /// The clock to judge `session`'s times by: this process's latest measurement while it
    /// holds, else the one saved with the session.
    pub(super) fn clock_for(&self, session: &StoredSession) -> Option<ProviderClock> {
        self.remembered_clock()
            .filter(|c| c.provider_now().is_some())
            .or_else(|| session.provider_clock.clone())
    }

    /// The clock a token answer measured (else the latest known, `fallback` last), now
    /// remembered by this process.
    pub(super) fn measured_clock(
        &self,
        receipt: &Receipt,
        fallback: Option<ProviderClock>,
    ) -> Option<ProviderClock> {
        let measured = ProviderClock::from_receipt(receipt);
        if let Some(clock) = &measured {
            let offset = clock.measured();
            if offset.is_reportable() {
                tracing::info!(seconds = offset.seconds(), "this box's clock is off");
            }
            *self
                .shared
                .remembered
                .0
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = measured.clone();
        }
        measured.or_else(|| self.remembered_clock()).or(fallback)
    }

    fn remembered_clock(&self) -> Option<ProviderClock> {
        self.shared
            .remembered
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}
