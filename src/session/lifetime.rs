//! How long a session lasts however often it is refreshed (Auth0's rotating refresh tokens:
//! 30 days by default), and when to renew it: the end the provider states
//! (`refresh_token_expires_in`), else `session_lifetime_days` of config.ron counted from the
//! sign-in. Times are Unix seconds in the session's time base (see [`Summary::as_of`]).

use std::time::Duration;

use super::{StoredSession, Summary};
use crate::config::Config;

/// Renewal is due this long before the session ends: the TV offers it, `status` says so and
/// `tvauth login` renews instead of saying who is signed in.
pub const RENEW_BEFORE: Duration = Duration::from_secs(3 * 24 * 3600);

/// Whether a session ending at `ends_at` should be renewed at `now` (both Unix seconds in
/// the same time base): from [`RENEW_BEFORE`] before the end, and after it.
pub fn renewal_due(ends_at: u64, now: u64) -> bool {
    now.saturating_add(RENEW_BEFORE.as_secs()) >= ends_at
}

impl Summary {
    /// Whether the session should be renewed now (judged at [`Summary::as_of`]); `false` when
    /// its end is unknown.
    pub fn renewal_due(&self) -> bool {
        self.session_ends_at
            .is_some_and(|end| renewal_due(end, self.as_of))
    }
}

impl StoredSession {
    /// When the session ends: as the provider last stated, else `config`'s
    /// `session_lifetime_days` after the sign-in (so a lifetime configured later applies to
    /// sessions already made, 0.1's included); `None` when neither says.
    pub fn ends_at(&self, config: &Config) -> Option<u64> {
        self.session_ends_at.or_else(|| {
            config.session_lifetime_days.map(|days| {
                self.signed_in_at
                    .saturating_add(u64::from(days).saturating_mul(86_400))
            })
        })
    }
}

/// The end a token answer received at `received` states, if it states one.
pub(super) fn stated_end(received: u64, lifetime: Option<u64>) -> Option<u64> {
    lifetime.map(|seconds| received.saturating_add(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renewal_is_due_from_three_days_before_the_end() {
        let end = 1_800_000_000;
        let three_days = RENEW_BEFORE.as_secs();
        assert!(!renewal_due(end, end - three_days - 1));
        assert!(renewal_due(end, end - three_days));
        assert!(renewal_due(end, end - 60));
        assert!(renewal_due(end, end + 60), "still due once ended");
        assert!(!renewal_due(u64::MAX, u64::MAX - three_days - 1));
    }

    #[test]
    fn a_stated_end_counts_from_the_answer() {
        assert_eq!(stated_end(1_000, Some(60)), Some(1_060));
        assert_eq!(stated_end(1_000, None), None);
        assert_eq!(stated_end(u64::MAX, Some(60)), Some(u64::MAX));
    }
}
