//! config.ron's `dpop`: when sessions are bound to this box's key (RFC 9449).

use crate::auth::Provider;

/// When tvauth binds a session's tokens to this box's key with DPoP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DpopMode {
    /// When the provider advertises ES256 in `dpop_signing_alg_values_supported`.
    #[default]
    Auto,
    /// Always: every sign-in sends proofs (a provider that does not bind answers Bearer
    /// tokens, which are then used as such).
    On,
    /// Never: plain Bearer tokens.
    Off,
}

impl DpopMode {
    /// The mode named `text` (`auto`, `on`, `off`).
    pub fn parse(text: &str) -> Option<DpopMode> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(DpopMode::Auto),
            "on" => Some(DpopMode::On),
            "off" => Some(DpopMode::Off),
            _ => None,
        }
    }

    /// Whether a new sign-in with `provider` makes a key and sends proofs.
    pub fn wanted(self, provider: &Provider) -> bool {
        match self {
            DpopMode::Auto => provider.supports_dpop(),
            DpopMode::On => true,
            DpopMode::Off => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_and_auto_follows_discovery() {
        assert_eq!(DpopMode::parse(" On "), Some(DpopMode::On));
        assert_eq!(DpopMode::parse("sometimes"), None);
        let issuer = url::Url::parse("https://idp.example/").unwrap();
        let mut provider = crate::auth::discovery::auth0_defaults(&issuer).unwrap();
        assert!(!DpopMode::Auto.wanted(&provider));
        assert!(DpopMode::On.wanted(&provider));
        provider.dpop_algs = vec!["RS256".into(), "ES256".into()];
        assert!(DpopMode::Auto.wanted(&provider));
        assert!(!DpopMode::Off.wanted(&provider));
    }
}
