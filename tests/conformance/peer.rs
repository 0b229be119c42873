//! The two peers the scenarios run against: our embedded demo server, and panva's
//! oidc-provider (a certified OpenID provider nobody here wrote), configured like Auth0.
//! Each scenario gets its own fresh peer.

use std::path::PathBuf;

use tempfile::TempDir;
use tvauth::demo::{DemoOptions, DemoServer, SERVICE_CLIENT_ID, TV_CLIENT_ID};
use url::Url;

use crate::support::activation;
use crate::support::dpop as support_dpop;
use crate::support::oauth;
use crate::support::oidc_provider::{self, OidcProvider};
use tvauth::auth::dpop::Dpop;

pub const AUDIENCE: &str = "urn:tvauth:demo-api";
pub const SCOPE: &str = "openid profile email offline_access read:library";
/// Who approves on the provider's pages.
pub use activation::PERSON;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Demo,
    OidcProvider,
}

/// How a confidential client sends its secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Post,
    Basic,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Post => "client_secret_post",
            Method::Basic => "client_secret_basic",
        }
    }
}

enum Server {
    /// The data dir lives as long as the server.
    Demo(DemoServer, #[allow(dead_code)] TempDir),
    OidcProvider(OidcProvider),
}

#[allow(missing_debug_implementations)]
pub struct Peer {
    pub kind: Kind,
    pub issuer: String,
    server: Server,
    /// Device codes of the TV client live only a few seconds (expiry scenarios).
    short_codes: bool,
    http: reqwest::Client,
}

impl Peer {
    /// A fresh peer; `None` when oidc-provider is skipped on purpose (TVAUTH_SKIP_NODE=1
    /// without Node.js; otherwise a missing Node.js fails).
    pub async fn start(kind: Kind) -> Option<Peer> {
        Peer::start_with(kind, false).await
    }

    pub async fn with_short_codes(kind: Kind) -> Option<Peer> {
        Peer::start_with(kind, true).await
    }

    async fn start_with(kind: Kind, short_codes: bool) -> Option<Peer> {
        let server = match kind {
            Kind::Demo => {
                let dir = TempDir::new().unwrap();
                let mut options = DemoOptions::new(dir.path());
                options.interval = 1;
                // Both peers bind tokens with DPoP (oidc-provider does by default): every
                // scenario runs with proofs, nonces required, as against Auth0.
                options.dpop = true;
                if short_codes {
                    options.expires_in = 3;
                }
                Server::Demo(DemoServer::start(options).await.unwrap(), dir)
            }
            Kind::OidcProvider => Server::OidcProvider(OidcProvider::start_with(true).await?),
        };
        let issuer = match &server {
            Server::Demo(demo, _) => demo.issuer().to_string(),
            Server::OidcProvider(oidc) => oidc.issuer.clone(),
        };
        Some(Peer {
            kind,
            issuer,
            server,
            short_codes,
            http: reqwest::Client::new(),
        })
    }

    /// The public TV client.
    pub fn tv_client(&self) -> &'static str {
        match (self.kind, self.short_codes) {
            (Kind::OidcProvider, true) => "tvauth-tv-short",
            _ => TV_CLIENT_ID,
        }
    }

    /// A confidential client of the peer that authenticates with `method`: the demo server's
    /// service client takes both; oidc-provider registers one method per client.
    pub fn confidential_client(&self, method: Method) -> &'static str {
        match (self.kind, method) {
            (Kind::OidcProvider, Method::Post) => "tvauth-service-post",
            _ => SERVICE_CLIENT_ID,
        }
    }

    /// The confidential clients' secret (a 0600 file the peer wrote).
    pub fn secret_file(&self) -> PathBuf {
        match &self.server {
            Server::Demo(demo, _) => demo.service_secret_file(),
            Server::OidcProvider(oidc) => oidc.service_secret_file(),
        }
    }

    pub fn secret(&self) -> String {
        std::fs::read_to_string(self.secret_file())
            .unwrap()
            .trim()
            .to_string()
    }

    /// The protected API, where the peer has one (oidc-provider is only a provider).
    pub fn api_base(&self) -> Option<String> {
        match self.kind {
            Kind::Demo => Some(format!("{}api/", self.issuer)),
            Kind::OidcProvider => None,
        }
    }

    /// config.ron for `client_id`, with `extra` RON fields appended.
    pub fn config_ron(&self, client_id: &str, extra: &str) -> String {
        let api = self
            .api_base()
            .map(|base| format!("api_base_url: \"{base}\", home_path: \"library\","))
            .unwrap_or_default();
        format!(
            "#![enable(implicit_some)]\n(issuer: \"{}\", client_id: \"{client_id}\", \
             audience: \"{AUDIENCE}\", scope: \"{SCOPE}\", {api} {extra})\n",
            self.issuer
        )
    }

    /// The person approves `user_code` on the peer's own pages.
    pub async fn approve(&self, user_code: &str) {
        match self.kind {
            Kind::Demo => {
                activation::decided(&self.http, &self.issuer, user_code, PERSON, "approve").await;
            }
            Kind::OidcProvider => oidc_provider::approve_device(&self.issuer, user_code, PERSON)
                .await
                .unwrap(),
        }
    }

    /// The person declines `user_code`.
    pub async fn deny(&self, user_code: &str) {
        match self.kind {
            Kind::Demo => {
                activation::decided(&self.http, &self.issuer, user_code, PERSON, "deny").await;
            }
            Kind::OidcProvider => oidc_provider::deny_device(&self.issuer, user_code)
                .await
                .unwrap(),
        }
    }

    /// Plays the browser on an authorization URL: the person signs in and approves (or
    /// declines); returns where the provider sends the browser back, without going there.
    pub async fn browse(&self, authorize_url: &str, approve: bool) -> Url {
        match (self.kind, approve) {
            (Kind::Demo, _) => demo_consent(authorize_url, approve).await,
            (Kind::OidcProvider, true) => oidc_provider::authorize(authorize_url, PERSON)
                .await
                .unwrap(),
            (Kind::OidcProvider, false) => oidc_provider::abort(authorize_url).await.unwrap(),
        }
    }

    /// Asks the token endpoint to refresh with `token` for `client_id`; the OAuth error code
    /// (None when it worked). Only for tokens expected dead: a live one would be rotated.
    pub async fn refresh_error(&self, client_id: &str, token: &str) -> Option<String> {
        oauth::refresh_error(&self.http, &self.issuer, client_id, token).await
    }

    /// [`Peer::refresh_error`] with a DPoP proof by `dpop` (a bound token is refused
    /// without one, whatever else is wrong with it).
    pub async fn refresh_error_with(
        &self,
        client_id: &str,
        token: &str,
        dpop: Option<&Dpop>,
    ) -> Option<String> {
        support_dpop::refresh_error(&self.http, &self.issuer, client_id, token, dpop).await
    }

    /// Verifies a JWT for the API (signed with a published key of the peer, issued by it,
    /// for the API's audience); its claims.
    pub async fn verify_api_jwt(&self, token: &str) -> serde_json::Value {
        oauth::verify_jwt(&self.http, &self.issuer, token, AUDIENCE).await
    }
}

/// The demo server's consent page: the hidden fields, a name and the decision; where it sends
/// the browser back.
async fn demo_consent(authorize_url: &str, approve: bool) -> Url {
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let decision = if approve { "approve" } else { "deny" };
    let answer = activation::consent(&no_redirects, authorize_url, PERSON, decision).await;
    assert!(answer.status().is_redirection(), "{}", answer.status());
    Url::parse(answer.headers()["location"].to_str().unwrap()).unwrap()
}
