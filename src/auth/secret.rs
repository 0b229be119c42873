//! Secrets (tokens, device codes, client secrets, PKCE verifiers) as a type whose `Debug` and
//! `Display` print `[redacted]`, so a log line, a panic or an error message cannot show one.
//! It is deliberately not `Clone`: share it behind an `Arc` when it must travel.

use serde::{Deserialize, Serialize};

/// A secret string that never shows in `Debug` or `Display`.
#[derive(PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value itself, for the one place that must send or store it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// An explicit copy, for the rare place that must keep one (the session file).
    pub fn duplicate(&self) -> Secret {
        Secret(self.0.clone())
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let secret = Secret::new("eyJhbGciOi.top.secret");
        assert_eq!(format!("{secret:?} {secret}"), "[redacted] [redacted]");
        assert_eq!(secret.expose(), "eyJhbGciOi.top.secret");
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            token: Secret,
        }
        let shown = format!("{:?}", Holder { token: secret });
        assert!(!shown.contains("top.secret"));
    }
}
