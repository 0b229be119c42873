//! The checks that read the configuration itself: config.ron loads, every address is https
//! off this machine (config.ron's, the provider's metadata, the page the phone visits), and
//! `offline_access` is asked for.

use std::path::Path;

use serde_json::Value;
use url::Url;

use super::{Because, Check, CheckId, Fix, Passed, Problem};
use crate::auth::discovery::is_secure_or_loopback;
use crate::config::locate::Chosen;
use crate::config::{Config, ConfigError};

/// Whether a configuration was found (as every command looks for it) and loads; `system` is
/// the system-wide file, offered beside the user's when there is none.
pub fn config_check(chosen: &Result<Chosen, ConfigError>, system: &Path) -> Check {
    let missing = |path: &Path| {
        Check::fail(
            CheckId::Config,
            Problem::ConfigMissing {
                path: path.to_path_buf(),
            },
            Fix::CreateConfig {
                path: path.to_path_buf(),
                system: system.to_path_buf(),
            },
        )
    };
    match chosen {
        Ok(Chosen {
            config: Some(_),
            origin,
        }) => Check::pass(
            CheckId::Config,
            Passed::Config {
                path: origin.path.clone(),
            },
        ),
        Ok(Chosen {
            config: None,
            origin,
        }) => missing(&origin.path),
        Err(ConfigError::Read { path, .. }) if !path.exists() => missing(path),
        Err(error) => Check::fail(
            CheckId::Config,
            Problem::ConfigInvalid {
                message: error.to_string(),
            },
            match error {
                ConfigError::Insecure { field, .. } => Fix::UseHttps {
                    field: (*field).to_string(),
                },
                _ => Fix::EditConfig,
            },
        ),
    }
}

/// The provider metadata fields that hold addresses.
const METADATA_URLS: [&str; 7] = [
    "issuer",
    "authorization_endpoint",
    "token_endpoint",
    "device_authorization_endpoint",
    "userinfo_endpoint",
    "revocation_endpoint",
    "jwks_uri",
];

/// Every address tokens or codes travel to is https://, or http:// to this machine only:
/// config.ron's (a field refused at load says which), the discovery document's, and the
/// verification page the person opens on a phone.
pub fn https(
    config: Result<&Config, &ConfigError>,
    document: Option<&Value>,
    verification_uri: Option<&str>,
) -> Check {
    let config = match config {
        Ok(config) => config,
        Err(ConfigError::Insecure { field, url, .. }) => {
            let why = Problem::Insecure {
                place: (*field).to_string(),
                url: url.clone(),
            };
            let fix = Fix::UseHttps {
                field: (*field).to_string(),
            };
            return Check::fail(CheckId::Https, why, fix);
        }
        Err(_) => return Check::skip(CheckId::Https, Because::ConfigUnusable),
    };
    // config.ron's addresses were checked at load; the provider's remain.
    let advertised = METADATA_URLS.iter().filter_map(|field| {
        let url = document?.get(*field)?.as_str()?;
        Some((format!("discovery: {field}"), url.to_string()))
    });
    let phone = verification_uri.map(|url| ("verification_uri".to_string(), url.to_string()));
    let insecure = advertised
        .chain(phone)
        .find(|(_, url)| Url::parse(url).is_ok_and(|u| !is_secure_or_loopback(&u)));
    match insecure {
        None => {
            debug_assert!(is_secure_or_loopback(&config.issuer));
            Check::pass(CheckId::Https, Passed::Https)
        }
        Some((place, url)) => Check::fail(
            CheckId::Https,
            Problem::Insecure { place, url },
            Fix::ProviderHttps,
        ),
    }
}

/// Without `offline_access` there is no refresh token: the TV would ask for a new sign-in
/// every time its access token expires.
pub fn offline_access(config: Option<&Config>) -> Check {
    match config {
        None => Check::skip(CheckId::OfflineAccess, Because::ConfigUnusable),
        Some(config) if config.scope.split(' ').any(|s| s == "offline_access") => {
            Check::pass(CheckId::OfflineAccess, Passed::OfflineAccess)
        }
        Some(_) => Check::fail(
            CheckId::OfflineAccess,
            Problem::NoOfflineAccess,
            Fix::AddOfflineAccess,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn config(extra: &str) -> Config {
        Config::parse(
            &format!("(issuer: \"https://tenant.example.com/\", client_id: \"tv\", {extra})"),
            Path::new("config.ron"),
        )
        .unwrap()
    }

    #[test]
    fn an_http_field_fails_both_config_and_https_naming_it() {
        let loaded = Config::parse(
            "(issuer: \"https://tenant.example.com/\", client_id: \"tv\", api_base_url: \"http://tv.example.com/api/\")",
            Path::new("config.ron"),
        );
        let chosen = loaded.clone().map(|config| Chosen {
            origin: crate::config::ConfigOrigin {
                source: crate::config::ConfigSource::CommandLine,
                path: "config.ron".into(),
            },
            config: Some(config),
        });
        assert!(config_check(&chosen, Path::new("/etc/tvauth/config.ron")).failed());
        let https = https(loaded.as_ref(), None, None);
        assert_eq!(
            https.outcome,
            super::super::Outcome::Fail {
                why: Problem::Insecure {
                    place: "api_base_url".into(),
                    url: "http://tv.example.com/api/".into()
                },
                fix: Fix::UseHttps {
                    field: "api_base_url".into()
                },
            }
        );
    }

    #[test]
    fn advertised_and_phone_addresses_must_be_https_off_loopback() {
        let good = config("");
        let doc = json!({"issuer": "https://tenant.example.com/", "token_endpoint": "https://tenant.example.com/oauth/token"});
        assert!(
            !https(
                Ok(&good),
                Some(&doc),
                Some("https://tenant.example.com/activate")
            )
            .failed()
        );
        assert!(!https(Ok(&good), None, Some("http://127.0.0.1:9/activate")).failed());
        let bad = json!({"issuer": "https://tenant.example.com/", "jwks_uri": "http://cdn.example.com/jwks"});
        assert!(https(Ok(&good), Some(&bad), None).failed());
        assert!(https(Ok(&good), None, Some("http://tenant.example.com/activate")).failed());
    }

    #[test]
    fn offline_access_is_a_scope_word_not_a_substring() {
        assert!(!offline_access(Some(&config(""))).failed());
        assert!(offline_access(Some(&config("scope: \"openid profile\""))).failed());
        assert!(offline_access(Some(&config("scope: \"openid offline_accessx\""))).failed());
    }
}
