//! Numbers from the network, made safe before they reach time arithmetic: every duration a
//! server states (`expires_in`, `interval`, `Retry-After`, token and session lifetimes) is read leniently
//! and clamped here, so no answer can overflow an `Instant` or a timestamp.

use std::time::Duration;

use serde_json::Value;

/// The longest a device code is believed to live (RFC 8628 leaves it to the server).
pub const MAX_CODE_LIFETIME: Duration = Duration::from_secs(24 * 3600);
/// A device code's lifetime when the answer gives none, zero, or garbage: short enough that
/// the countdown never promises more than a careful server would give.
pub const DEFAULT_CODE_LIFETIME: Duration = Duration::from_secs(300);
/// The longest polling interval a server may impose.
pub const MAX_INTERVAL: Duration = Duration::from_secs(600);
/// The longest `Retry-After` honoured.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(600);
/// The longest access token lifetime believed (Auth0's own maximum is 30 days).
pub const MAX_TOKEN_LIFETIME: u64 = 30 * 24 * 3600;
/// The shortest session lifetime (`refresh_token_expires_in`) believed: a shorter one could
/// not even be shown before it ends.
pub const MIN_SESSION_LIFETIME: u64 = 60;
/// The longest session lifetime believed: ten years.
pub const MAX_SESSION_LIFETIME: u64 = 10 * 365 * 24 * 3600;

/// A count of seconds sent as a JSON number or a string of digits (both are seen in the
/// wild). Negative, fractional-negative, non-numeric: `None`. Beyond `u64`: `u64::MAX`, which
/// the clamps below then bound.
pub fn seconds(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.is_finite() && *f >= 0.0)
                .map(|f| f as u64)
        }),
        Value::String(s) => {
            let s = s.trim();
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                Some(s.parse().unwrap_or(u64::MAX))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A device code's lifetime: the stated one within (0, 1 day], else the default.
pub fn code_lifetime(stated: Option<u64>) -> Duration {
    match stated {
        Some(0) | None => DEFAULT_CODE_LIFETIME,
        Some(s) => Duration::from_secs(s).min(MAX_CODE_LIFETIME),
    }
}

/// A polling interval: `None` (the default applies) when absent or zero, at most 10 min.
pub fn interval(stated: Option<u64>) -> Option<Duration> {
    stated
        .filter(|s| *s > 0)
        .map(|s| Duration::from_secs(s).min(MAX_INTERVAL))
}

/// An access token's lifetime in seconds: `None` (the default applies) when absent or zero,
/// at most 30 days.
pub fn token_lifetime(stated: Option<u64>) -> Option<u64> {
    stated.filter(|s| *s > 0).map(|s| s.min(MAX_TOKEN_LIFETIME))
}

/// A session's lifetime in seconds (`refresh_token_expires_in`): `None` (unknown) when absent
/// or zero, else within 1 minute .. 10 years.
pub fn session_lifetime(stated: Option<u64>) -> Option<u64> {
    stated
        .filter(|s| *s > 0)
        .map(|s| s.clamp(MIN_SESSION_LIFETIME, MAX_SESSION_LIFETIME))
}

/// A `Retry-After` wait, at most 10 min.
pub fn retry_after(wait: Duration) -> Duration {
    wait.min(MAX_RETRY_AFTER)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_strings_and_garbage() {
        assert_eq!(seconds(&json!(60)), Some(60));
        assert_eq!(seconds(&json!("60")), Some(60));
        assert_eq!(seconds(&json!(" 7 ")), Some(7));
        assert_eq!(seconds(&json!(2.5)), Some(2));
        assert_eq!(seconds(&json!(-1)), None);
        assert_eq!(seconds(&json!("-1")), None);
        assert_eq!(seconds(&json!("soon")), None);
        assert_eq!(seconds(&json!(null)), None);
        assert_eq!(seconds(&json!(1e300)), Some(u64::MAX));
        assert_eq!(seconds(&json!("99999999999999999999999")), Some(u64::MAX));
    }

    #[test]
    fn every_duration_is_bounded() {
        assert_eq!(code_lifetime(Some(u64::MAX)), MAX_CODE_LIFETIME);
        assert_eq!(code_lifetime(Some(0)), DEFAULT_CODE_LIFETIME);
        assert_eq!(code_lifetime(None), DEFAULT_CODE_LIFETIME);
        assert_eq!(code_lifetime(Some(900)), Duration::from_secs(900));
        assert_eq!(interval(Some(u64::MAX)), Some(MAX_INTERVAL));
        assert_eq!(interval(Some(0)), None);
        assert_eq!(token_lifetime(Some(u64::MAX)), Some(MAX_TOKEN_LIFETIME));
        assert_eq!(token_lifetime(Some(0)), None);
        assert_eq!(session_lifetime(Some(u64::MAX)), Some(MAX_SESSION_LIFETIME));
        assert_eq!(session_lifetime(Some(5)), Some(MIN_SESSION_LIFETIME));
        assert_eq!(session_lifetime(Some(86_400)), Some(86_400));
        assert_eq!(session_lifetime(Some(0)), None);
        assert_eq!(session_lifetime(None), None);
        assert_eq!(retry_after(Duration::from_secs(u64::MAX)), MAX_RETRY_AFTER);
    }
}
