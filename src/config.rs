//! `config.ron`: which provider and client tvauth uses. Checked at load, with messages that
//! name the field; plain `http://` is accepted only for this machine (tests, the demo server).

use std::path::{Path, PathBuf};

use serde::Deserialize;
use url::Url;

use crate::auth::ClientSettings;
use crate::auth::discovery::is_secure_or_loopback;

/// What a device asks for when the configuration does not say.
pub const DEFAULT_SCOPE: &str = "openid profile email offline_access";

/// A checked configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub issuer: Url,
    pub client_id: String,
    /// Auth0's `audience`: the API the access token is for.
    pub audience: Option<String>,
    pub scope: String,
    /// Base of the protected API, ending with `/`.
    pub api_base_url: Option<Url>,
    /// The API path the TV home screen shows, relative to `api_base_url`.
    pub home_path: Option<String>,
}

/// Why a configuration cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {message}")]
    Read { path: PathBuf, message: String },
    /// The file is not valid RON, or a field is missing, unknown or of the wrong type.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A field has an unusable value.
    #[error("{path}: field `{field}`: {message}")]
    Field {
        path: PathBuf,
        field: &'static str,
        message: String,
    },
}

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
                return Err(field(
                    name,
                    format!(
                        "'{url}' must use https:// (http:// is only for 127.0.0.1, [::1] or localhost)"
                    ),
                ));
            }
            if url.query().is_some() || url.fragment().is_some() {
                return Err(field(name, "must not have a query or fragment".into()));
            }
            Ok(url)
        };
        let issuer = url("issuer", &raw.issuer)?;
        let client_id = raw.client_id.trim().to_string();
        if client_id.is_empty() || client_id.contains(char::is_whitespace) {
            return Err(field(
                "client_id",
                "must be a non-empty id without spaces".into(),
            ));
        }
        let scope = raw
            .scope
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|| DEFAULT_SCOPE.to_string());
        if scope.is_empty() {
            return Err(field("scope", "must not be empty".into()));
        }
        let audience = raw
            .audience
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty());
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
        Ok(Config {
            issuer,
            client_id,
            audience,
            scope,
            api_base_url,
            home_path,
        })
    }

    pub fn client_settings(&self) -> ClientSettings {
        ClientSettings {
            client_id: self.client_id.clone(),
            scope: self.scope.clone(),
            audience: self.audience.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("config.ron"))
    }

    #[test]
    fn the_demo_servers_config_parses() {
        let config = parse(
            "#![enable(implicit_some)]\n(issuer: \"http://127.0.0.1:4000/\", client_id: \"tvauth-tv\", \
             audience: \"urn:tvauth:demo-api\", scope: \"openid  offline_access\", \
             api_base_url: \"http://127.0.0.1:4000/api\", home_path: \"/library\")",
        )
        .unwrap();
        assert_eq!(config.scope, "openid offline_access");
        assert_eq!(
            config.api_base_url.unwrap().as_str(),
            "http://127.0.0.1:4000/api/"
        );
        assert_eq!(config.home_path.as_deref(), Some("library"));
        assert_eq!(config.audience.as_deref(), Some("urn:tvauth:demo-api"));
    }

    #[test]
    fn minimal_config_gets_defaults_and_options_need_no_some() {
        let config = parse(
            "(issuer: \"https://t.eu.auth0.com/\", client_id: \"abc\", audience: \"https://api\")",
        )
        .unwrap();
        assert_eq!(config.scope, DEFAULT_SCOPE);
        assert_eq!(config.audience.as_deref(), Some("https://api"));
        assert!(config.api_base_url.is_none());
    }

    #[test]
    fn errors_name_the_field() {
        let err = |text: &str| parse(text).unwrap_err().to_string();
        assert!(
            err("(issuer: \"http://idp.example.com/\", client_id: \"a\")")
                .contains("field `issuer`")
        );
        assert!(err("(issuer: \"not a url\", client_id: \"a\")").contains("field `issuer`"));
        assert!(err("(issuer: \"https://idp/\", client_id: \" \")").contains("field `client_id`"));
        assert!(
            err("(issuer: \"https://idp/\", client_id: \"a\", api_base_url: \"http://10.0.0.1/\")")
                .contains("field `api_base_url`")
        );
        assert!(err("(issuer: \"https://idp/\")").contains("client_id"));
        assert!(
            err("(issuer: \"https://idp/\", client_id: \"a\", clientsecret: \"x\")")
                .contains("clientsecret")
        );
        let syntax = parse("(issuer: ").unwrap_err();
        assert!(
            matches!(syntax, ConfigError::Syntax { line: 1, .. }),
            "{syntax}"
        );
    }
}
