//! What a person helping with a stuck sign-in needs to see, gathered from the account without
//! a token or a secret in it: the app's version, the provider and the endpoints in use, the
//! client's settings, whether the provider answers now, the clock, the session's times and
//! where the files are. The TV's diagnostics screen shows it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::{Account, ClockOffset, SessionError, Summary};
use crate::store::{CONFIG_FILE, SESSION_FILE};

/// One endpoint in use, and whether config.ron set it (else the provider's metadata did).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointInUse {
    /// Which endpoint: `device_authorization`, `token`, `authorization`, `userinfo`,
    /// `revocation`, `jwks`.
    pub name: &'static str,
    /// Its address.
    pub url: String,
    /// Whether config.ron set it.
    pub configured: bool,
}

/// Whether the provider answers now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reachability {
    /// It answered its discovery document in this round trip.
    Answered(Duration),
    /// It did not (a short error code: `network`, `http-503`…).
    Failed(String),
}

/// The account as diagnostics show it. Never a token, never a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// This app's version.
    pub version: &'static str,
    /// The provider's host (config.ron's issuer).
    pub provider_host: String,
    /// The endpoints in use; empty when the provider could not be asked for them.
    pub endpoints: Vec<EndpointInUse>,
    /// The OAuth client id.
    pub client_id: String,
    /// The scopes asked for.
    pub scope: String,
    /// The API asked for, if any.
    pub audience: Option<String>,
    /// Whether the provider answers now.
    pub reachability: Reachability,
    /// This box's clock minus the provider's, when measured.
    pub clock_offset: Option<ClockOffset>,
    /// The signed-in session's times, when someone is signed in.
    pub session: Option<Summary>,
    /// Whether the session's tokens are bound to this box's key (DPoP).
    pub dpop_bound: bool,
    /// The configuration file read (where config.ron would go, for the embedded demo).
    pub config_file: PathBuf,
    /// Where the session is kept.
    pub session_file: PathBuf,
}

impl Account {
    /// Gathers the report: the session file and one request to the provider (its discovery
    /// document, timed), within the HTTP client's own time limits.
    pub async fn report(&self) -> Report {
        let config = self.config();
        let status = self.status().ok();
        let dpop_bound = status.as_ref().is_some_and(|s| s.dpop_bound);
        let session = status.and_then(|status| status.summary);
        Report {
            version: env!("CARGO_PKG_VERSION"),
            provider_host: config.issuer.host_str().unwrap_or_default().to_string(),
            endpoints: self.endpoints_in_use().await,
            client_id: config.client_id.clone(),
            scope: config.scope.clone(),
            audience: config.audience.clone(),
            reachability: self.reachability().await,
            clock_offset: self.clock_offset(),
            session,
            dpop_bound,
            // The file actually read (/etc's, `--config`'s…); for the embedded demo, where
            // this user's would go.
            config_file: config
                .origin
                .as_ref()
                .map_or_else(|| self.box_store().path(CONFIG_FILE), |o| o.path.clone()),
            session_file: self.store().path(SESSION_FILE),
        }
    }

    async fn endpoints_in_use(&self) -> Vec<EndpointInUse> {
        let Ok(provider) = self.provider().await else {
            return Vec::new();
        };
        let set = &self.config().endpoints;
        [
            (
                "device_authorization",
                provider.device_authorization_endpoint.as_ref(),
                set.device_authorization_endpoint.is_some(),
            ),
            (
                "token",
                Some(&provider.token_endpoint),
                set.token_endpoint.is_some(),
            ),
            (
                "authorization",
                provider.authorization_endpoint.as_ref(),
                false,
            ),
            (
                "userinfo",
                provider.userinfo_endpoint.as_ref(),
                set.userinfo_endpoint.is_some(),
            ),
            (
                "revocation",
                provider.revocation_endpoint.as_ref(),
                set.revocation_endpoint.is_some(),
            ),
            ("jwks", provider.jwks_uri.as_ref(), set.jwks_uri.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, url, configured)| {
            url.map(|url| EndpointInUse {
                name,
                url: url.to_string(),
                configured,
            })
        })
        .collect()
    }

    /// One fresh request for the discovery document: answered (any HTTP answer counts, the
    /// network and the server are up), or why not.
    async fn reachability(&self) -> Reachability {
        let url = format!(
            "{}/.well-known/openid-configuration",
            self.config().issuer.as_str().trim_end_matches('/')
        );
        let http = match self.http() {
            Ok(http) => http,
            Err(error) => return Reachability::Failed(error.short_code()),
        };
        let started = Instant::now();
        match http.get(url).send().await {
            Ok(response) if response.status().is_server_error() => {
                Reachability::Failed(format!("http-{}", response.status().as_u16()))
            }
            Ok(_) => Reachability::Answered(started.elapsed()),
            Err(error) => Reachability::Failed(
                SessionError::Offline(crate::auth::AuthError::network(&error)).short_code(),
            ),
        }
    }
}
