//! `config.ron`: which provider and client tvauth uses. Checked at load, with messages that
//! name the field; plain `http://` is accepted only for this machine (tests, the demo server).

use std::path::{Path, PathBuf};

use serde::Deserialize;
use url::Url;

use crate::auth::ClientSettings;
use crate::auth::credentials::{AuthMethod, SecretSource};
use crate::auth::discovery::{Endpoints, is_secure_or_loopback};

mod blank;
mod dpop;
pub mod locate;
pub use dpop::DpopMode;
pub use locate::{ConfigOrigin, ConfigSource};

/// Where the device client's secret may come from when it is a confidential client.
pub const CLIENT_SECRET_ENV: &str = "TVAUTH_CLIENT_SECRET";
/// Where the service identity's secret may come from.
pub const SERVICE_SECRET_ENV: &str = "TVAUTH_SERVICE_CLIENT_SECRET";
/// The systemd credential (`LoadCredential=client-secret:…`) holding the device client's
/// secret; it wins over the variable and the file.
pub const CLIENT_SECRET_CREDENTIAL: &str = "client-secret";
/// The systemd credential holding the service identity's secret.
pub const SERVICE_SECRET_CREDENTIAL: &str = "service-client-secret";

/// What a device asks for when the configuration does not say.
pub const DEFAULT_SCOPE: &str = "openid profile email offline_access";

/// A checked configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The provider's base address, where discovery starts; `https://` except on this machine.
    pub issuer: Url,
    /// The OAuth client id the provider knows this box by.
    pub client_id: String,
    /// Auth0's `audience`: the API the access token is for.
    pub audience: Option<String>,
    /// The scopes the device asks for, space-separated ([`DEFAULT_SCOPE`] when not set).
    pub scope: String,
    /// Base of the protected API, ending with `/`.
    pub api_base_url: Option<Url>,
    /// The API path the TV home screen shows, relative to `api_base_url`.
    pub home_path: Option<String>,
    /// Set for a confidential client (seed 003): its secret's file or variable.
    pub client_secret: SecretSource,
    /// How the client secret is sent, when there is one; `None` lets discovery choose.
    pub token_endpoint_auth_method: Option<AuthMethod>,
    /// The box's own identity for machine-to-machine calls (client credentials, seed 002).
    pub service: Option<ServiceConfig>,
    /// Endpoints that fill or override the provider's discovery document.
    pub endpoints: Endpoints,
    /// How many days a session lasts from the sign-in however often it is refreshed, when
    /// the provider does not say (Auth0's rotating refresh tokens: 30 by default); 1..=3650.
    pub session_lifetime_days: Option<u32>,
    /// When sessions are bound to this box's key with DPoP (`auto` by default).
    pub dpop: DpopMode,
    /// Whether the TV app offers "Sign in on this TV" (a browser on the box); `None` leaves
    /// it to the mode: offered on a desktop, not in the kiosk.
    pub browser_sign_in: Option<bool>,
    /// Where this configuration was found; `None` when parsed from text (tests, the demo's
    /// before it is given its origin).
    pub origin: Option<ConfigOrigin>,
}

/// A confidential client the box uses on its own behalf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceConfig {
    /// The service client's OAuth client id.
    pub client_id: String,
    /// Where its secret is read from: a service client is always confidential.
    pub client_secret: SecretSource,
    /// Defaults to the top-level `audience`.
    pub audience: Option<String>,
    /// The scopes it asks for; `None` sends no `scope`.
    pub scope: Option<String>,
    /// How its secret is sent; `None` lets discovery choose.
    pub token_endpoint_auth_method: Option<AuthMethod>,
}

/// Why a configuration cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {message}")]
    Read {
        /// The configuration file.
        path: PathBuf,
        /// The I/O error, in words.
        message: String,
    },
    /// The file is not valid RON, or a field is missing, unknown or of the wrong type.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        /// The configuration file.
        path: PathBuf,
        /// The line of the error, from 1.
        line: usize,
        /// The column of the error, from 1.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// A URL field uses plain `http://` off this machine: tokens would cross the network
    /// unencrypted.
    #[error(
        "{path}: field `{field}`: '{url}' must use https:// (http:// is only for 127.0.0.1, [::1] or localhost)"
    )]
    Insecure {
        /// The configuration file.
        path: PathBuf,
        /// The field, as written in config.ron.
        field: &'static str,
        /// The URL as written.
        url: String,
    },
    /// A field has an unusable value.
    #[error("{path}: field `{field}`: {message}")]
    Field {
        /// The configuration file.
        path: PathBuf,
        /// The field, as written in config.ron.
        field: &'static str,
        /// What is wrong with its value.
        message: String,
    },
    /// The file holds only comments and white space, as the package's /etc/tvauth/config.ron
    /// ships: it configures no provider.
    #[error(
        "{path} sets nothing (only comments): uncomment at least `issuer` and `client_id` and fill them in"
    )]
    NothingSet {
        /// The configuration file.
        path: PathBuf,
    },
}

impl ConfigError {
    /// The configuration file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            ConfigError::Read { path, .. }
            | ConfigError::Syntax { path, .. }
            | ConfigError::Insecure { path, .. }
            | ConfigError::Field { path, .. }
            | ConfigError::NothingSet { path } => path,
        }
    }
}

const SECRET_IN_CONFIG: &str = "secrets do not belong in config.ron (it is shared and backed up): \
put the secret in a file only you can read (chmod 600) and name it with client_secret_file, \
or give it to the kiosk unit as a systemd credential (LoadCredential=, see the README)";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    issuer: String,
    client_id: String,
    #[serde(default)]
    audience: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    api_base_url: Option<String>,
    #[serde(default)]
    home_path: Option<String>,
    #[serde(default)]
    client_secret_file: Option<String>,
    #[serde(default)]
    token_endpoint_auth_method: Option<String>,
    /// Only here to refuse it with a clear message: secrets never live in config.ron.
    #[serde(default)]
    client_secret: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    service: Option<RawService>,
    #[serde(default)]
    device_authorization_endpoint: Option<String>,
    #[serde(default)]
    token_endpoint: Option<String>,
    #[serde(default)]
    revocation_endpoint: Option<String>,
    #[serde(default)]
    userinfo_endpoint: Option<String>,
    #[serde(default)]
    jwks_uri: Option<String>,
    /// Signed, so that a negative number gets the same clear message as zero.
    #[serde(default)]
    session_lifetime_days: Option<i64>,
    #[serde(default)]
    dpop: Option<String>,
    #[serde(default)]
    browser_sign_in: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    client_id: String,
    #[serde(default)]
    client_secret_file: Option<String>,
    #[serde(default)]
    client_secret: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    audience: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    token_endpoint_auth_method: Option<String>,
}

impl Config {
    /// Reads and checks a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Config::parse(&text, path)
    }

    /// Checks configuration text; `path` only names it in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        if blank::is_blank(text) {
            return Err(ConfigError::NothingSet {
                path: path.to_path_buf(),
            });
        }
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let raw: RawConfig = options.from_str(text).map_err(|e| ConfigError::Syntax {
            path: path.to_path_buf(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
        let field = |field: &'static str, message: String| ConfigError::Field {
            path: path.to_path_buf(),
            field,
            message,
        };
        let url = |name: &'static str, text: &str| -> Result<Url, ConfigError> {
            let url =
                Url::parse(text.trim()).map_err(|e| field(name, format!("not a URL: {e}")))?;
            if !is_secure_or_loopback(&url) {
                return Err(ConfigError::Insecure {
                    path: path.to_path_buf(),
                    field: name,
                    url: url.to_string(),
                });
            }
            if url.query().is_some() || url.fragment().is_some() {
                return Err(field(name, "must not have a query or fragment".into()));
            }
            Ok(url)
        };
        let client_id = |name: &'static str, text: &str| {
            let id = text.trim();
            if id.is_empty() || id.contains(char::is_whitespace) {
                return Err(field(name, "must be a non-empty id without spaces".into()));
            }
            Ok(id.to_string())
        };
        let issuer = url("issuer", &raw.issuer)?;
        let scope = raw
            .scope
            .map(|s| normalize_scope(&s))
            .unwrap_or_else(|| DEFAULT_SCOPE.to_string());
        if scope.is_empty() {
            return Err(field("scope", "must not be empty".into()));
        }
        let api_base_url = match raw.api_base_url {
            Some(text) => {
                let mut url = url("api_base_url", &text)?;
                if !url.path().ends_with('/') {
                    url.set_path(&format!("{}/", url.path()));
                }
                Some(url)
            }
            None => None,
        };
        let home_path = raw
            .home_path
            .map(|p| p.trim().trim_start_matches('/').to_string())
            .filter(|p| !p.is_empty());
        if raw.client_secret.is_some() {
            return Err(field("client_secret", SECRET_IN_CONFIG.into()));
        }
        let base_dir = path.parent().unwrap_or(Path::new("."));
        let secret_file = |text: Option<String>| non_empty(text).map(|t| base_dir.join(t));
        let auth_method = |name: &'static str, text: Option<String>| match text {
            None => Ok(None),
            Some(text) => AuthMethod::parse(text.trim()).map(Some).ok_or_else(|| {
                field(
                    name,
                    format!("'{text}' is not client_secret_post or client_secret_basic"),
                )
            }),
        };
        let endpoint = |name: &'static str, text: Option<String>| {
            non_empty(text).map(|t| url(name, &t)).transpose()
        };
        let endpoints = Endpoints {
            device_authorization_endpoint: endpoint(
                "device_authorization_endpoint",
                raw.device_authorization_endpoint,
            )?,
            token_endpoint: endpoint("token_endpoint", raw.token_endpoint)?,
            revocation_endpoint: endpoint("revocation_endpoint", raw.revocation_endpoint)?,
            userinfo_endpoint: endpoint("userinfo_endpoint", raw.userinfo_endpoint)?,
            jwks_uri: endpoint("jwks_uri", raw.jwks_uri)?,
        };
        let service = match raw.service {
            None => None,
            Some(service) => {
                if service.client_secret.is_some() {
                    return Err(field("service.client_secret", SECRET_IN_CONFIG.into()));
                }
                Some(ServiceConfig {
                    client_id: client_id("service.client_id", &service.client_id)?,
                    client_secret: SecretSource {
                        credential: SERVICE_SECRET_CREDENTIAL,
                        env: SERVICE_SECRET_ENV,
                        file: secret_file(service.client_secret_file),
                    },
                    audience: non_empty(service.audience),
                    scope: service
                        .scope
                        .map(|s| normalize_scope(&s))
                        .filter(|s| !s.is_empty()),
                    token_endpoint_auth_method: auth_method(
                        "service.token_endpoint_auth_method",
                        service.token_endpoint_auth_method,
                    )?,
                })
            }
        };
        Ok(Config {
            issuer,
            client_id: client_id("client_id", &raw.client_id)?,
            audience: non_empty(raw.audience),
            scope,
            api_base_url,
            home_path,
            client_secret: SecretSource {
                credential: CLIENT_SECRET_CREDENTIAL,
                env: CLIENT_SECRET_ENV,
                file: secret_file(raw.client_secret_file),
            },
            token_endpoint_auth_method: auth_method(
                "token_endpoint_auth_method",
                raw.token_endpoint_auth_method,
            )?,
            service,
            endpoints,
            session_lifetime_days: lifetime_days(raw.session_lifetime_days)
                .map_err(|message| field("session_lifetime_days", message))?,
            dpop: match raw.dpop {
                None => DpopMode::Auto,
                Some(text) => DpopMode::parse(&text)
                    .ok_or_else(|| field("dpop", format!("'{text}' is not auto, on or off")))?,
            },
            browser_sign_in: raw.browser_sign_in,
            origin: None,
        })
    }

    /// Whether the TV app offers "Sign in on this TV": config.ron's `browser_sign_in` when
    /// set, else yes on a desktop and no in the kiosk, where the browser would run as the
    /// kiosk user and a keyboard would reach whatever it can.
    pub fn offers_browser_sign_in(&self, kiosk: bool) -> bool {
        self.browser_sign_in.unwrap_or(!kiosk)
    }

    /// The part of the configuration the protocol needs, for the device client.
    pub fn client_settings(&self) -> ClientSettings {
        ClientSettings {
            client_id: self.client_id.clone(),
            scope: self.scope.clone(),
            audience: self.audience.clone(),
        }
    }
}

/// The longest `session_lifetime_days` accepted: ten years.
pub const MAX_SESSION_LIFETIME_DAYS: u32 = 3650;

/// `session_lifetime_days`, checked: a whole number of days from 1 to 3650.
fn lifetime_days(days: Option<i64>) -> Result<Option<u32>, String> {
    days.map(|days| {
        u32::try_from(days)
            .ok()
            .filter(|d| (1..=MAX_SESSION_LIFETIME_DAYS).contains(d))
            .ok_or_else(|| {
                format!(
                    "{days} is not a number of days from 1 to {MAX_SESSION_LIFETIME_DAYS} \
                     (how long a sign-in lasts at the provider, e.g. 30 for Auth0's default)"
                )
            })
    })
    .transpose()
}

/// Trimmed, and `None` when nothing is left.
fn non_empty(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// Scopes separated by single spaces.
fn normalize_scope(scope: &str) -> String {
    scope.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
