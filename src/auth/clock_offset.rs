//! How far this box's wall clock is from the provider's, read from the `Date` header of its
//! answers. Boards without a battery-backed clock boot with a stale time until network time
//! arrives; the provider's clock is the one its tokens' `iat`/`exp` were written with.

use std::time::{Instant, SystemTime};

use reqwest::header::{DATE, HeaderMap};
use serde::{Deserialize, Serialize};

/// From this far off, an ID token's time claims are judged by the provider's time: the 60 s
/// leeway can no longer absorb the difference (a 5 min threshold would reject every token of a
/// box 2 to 5 minutes off). The same as [`super::id_token::LEEWAY_SECONDS`] on purpose.
pub const JUDGE_BY_PROVIDER_FROM: u64 = super::id_token::LEEWAY_SECONDS;

/// From this far off, the faces say so ("This TV's clock is N min off"): far above the
/// second or two of error in a measurement (the header has whole seconds, the answer took
/// time to come), close to what a person notices on a clock.
pub const REPORT_FROM: u64 = 120;

/// This box's wall clock minus the provider's, in whole seconds: positive when the box is
/// ahead, negative when it is behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClockOffset(i64);

impl ClockOffset {
    /// The offset of `local` from the provider's `Date` header, when the answer has a readable
    /// one (RFC 9110 IMF-fixdate, or the obsolete forms `httpdate` reads).
    pub fn measure(headers: &HeaderMap, local: SystemTime) -> Option<ClockOffset> {
        let date = headers.get(DATE)?.to_str().ok()?;
        let provider = httpdate::parse_http_date(date.trim()).ok()?;
        Some(ClockOffset::between(local, provider))
    }

    /// `local` minus `provider`, rounded to the second.
    pub fn between(local: SystemTime, provider: SystemTime) -> ClockOffset {
        let seconds = match local.duration_since(provider) {
            Ok(ahead) => ahead.as_secs_f64().round() as i64,
            Err(behind) => -(behind.duration().as_secs_f64().round() as i64),
        };
        ClockOffset(seconds)
    }

    /// An offset of `seconds` (this box minus the provider).
    pub fn from_seconds(seconds: i64) -> ClockOffset {
        ClockOffset(seconds)
    }

    /// This box's clock minus the provider's, in seconds.
    pub fn seconds(self) -> i64 {
        self.0
    }

    /// How far off, whichever way.
    pub fn magnitude(self) -> u64 {
        self.0.unsigned_abs()
    }

    /// Whether this box is ahead of the provider (else behind, or exactly on time).
    pub fn is_ahead(self) -> bool {
        self.0 > 0
    }

    /// Whether time claims must be judged by the provider's time rather than this box's.
    pub fn is_large(self) -> bool {
        self.magnitude() > JUDGE_BY_PROVIDER_FROM
    }

    /// Whether it is worth telling the person ("This TV's clock is N min off").
    pub fn is_reportable(self) -> bool {
        self.magnitude() >= REPORT_FROM
    }

    /// The provider's time for this box's `local` time, in Unix seconds (0 before 1970).
    pub fn provider_time(self, local: u64) -> u64 {
        let provider = i128::from(local) - i128::from(self.0);
        u64::try_from(provider.max(0)).unwrap_or(u64::MAX)
    }
}

/// When an answer arrived, on both of this box's clocks, and how far off its wall clock was
/// from the provider's then: expiries count from here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Receipt {
    /// On the monotonic clock, which a wall clock set later does not move.
    pub at: Instant,
    /// This box's wall clock, in Unix seconds.
    pub local: u64,
    /// This box's clock minus the provider's, when the answer had a readable `Date`.
    pub offset: Option<ClockOffset>,
}

impl Receipt {
    /// An answer with these headers, arriving now.
    pub fn now(headers: &HeaderMap) -> Receipt {
        let local = SystemTime::now();
        Receipt {
            at: Instant::now(),
            local: crate::clock::unix_seconds(local),
            offset: ClockOffset::measure(headers, local),
        }
    }

    /// The provider's time at receipt, in Unix seconds: this box's when it was not measured.
    pub fn provider_time(&self) -> u64 {
        self.offset
            .map_or(self.local, |offset| offset.provider_time(self.local))
    }
}

#[cfg(test)]
mod tests;
