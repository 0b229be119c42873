//! The OAuth client core, with no GUI in it: discovery, the device flow and its poller, the
//! token endpoint, ID token validation, revocation. The TV app and the command line are two
//! faces over this.

pub mod backoff;
pub mod bearer;
pub mod bounds;
pub mod clock_offset;
pub mod credentials;
pub mod device;
pub mod discovery;
pub mod dpop;
pub mod error_code;
pub mod http;
pub mod id_token;
pub mod lenient;
pub mod loopback;
pub mod pkce;
pub mod revocation;
pub mod secret;
pub mod token;
pub mod userinfo;

use std::sync::Arc;
use std::time::Duration;

pub use discovery::Provider;
pub use error_code::ErrorCode;
pub use secret::Secret;

/// Why a call to the provider failed. `Clone`, so results travel in GUI messages.
#[derive(Debug, Clone, thiserror::Error)]
pub enum AuthError {
    /// The network failed: no route, DNS, refused, timeout, TLS. Worth retrying.
    #[error("network error: {0}")]
    Network(Arc<str>),
    /// The server is in trouble (5xx) or asks us to wait (429). Worth retrying.
    #[error("the server answered HTTP {status}")]
    Http {
        /// The HTTP status code.
        status: u16,
        /// The wait the server asked for in `Retry-After`, if it did; read it through
        /// [`AuthError::retry_after`], which bounds it.
        retry_after: Option<Duration>,
    },
    /// The server refused with an OAuth error code.
    #[error("the server refused: {code}{}", description.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
    OAuth {
        /// The RFC 6749 §5.2 `error` value.
        code: ErrorCode,
        /// The server's `error_description`, when it sent one: free text for people, not for logic.
        description: Option<String>,
    },
    /// The answer could not be understood.
    #[error("unexpected answer from the {what}: {detail}")]
    Malformed {
        /// Which answer it was, e.g. "token endpoint".
        what: &'static str,
        /// What was wrong with it.
        detail: String,
    },
    /// The answer was larger than any legitimate one.
    #[error("the server's answer was too large")]
    TooLarge,
    /// The provider's metadata is unusable.
    #[error("provider discovery failed: {0}")]
    Discovery(String),
    /// The ID token failed validation; nothing was stored.
    #[error("the ID token was rejected: {0}")]
    IdToken(String),
    /// The system's random source failed: no `state`, nonce or PKCE verifier can be made.
    #[error("no randomness available: {0}")]
    Random(Arc<str>),
    /// DPoP (RFC 9449) cannot be used: the key this session is bound to is missing or
    /// unreadable, or a proof could not be made. The session is kept.
    #[error("DPoP: {0}")]
    Dpop(String),
}

impl AuthError {
    /// From a reqwest error, without its URL (URLs here carry no secret, but keep messages short).
    pub fn network(error: &reqwest::Error) -> AuthError {
        let kind = if error.is_timeout() {
            "timed out"
        } else if error.is_connect() {
            "could not connect"
        } else if error.is_body() || error.is_decode() {
            "the connection broke"
        } else {
            "request failed"
        };
        let host = error
            .url()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_default();
        AuthError::Network(format!("{kind} ({host})").into())
    }

    /// Whether trying again later may succeed (network, 5xx, 429, garbage from a captive portal).
    pub fn is_transient(&self) -> bool {
        match self {
            AuthError::Network(_) | AuthError::Malformed { .. } | AuthError::TooLarge => true,
            // A 4xx (a JWKS that is not there, a userinfo that refuses) will not mend itself.
            AuthError::Http { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }

    /// How long the server asked to wait (`Retry-After`, bounded), if it did.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            AuthError::Http { retry_after, .. } => retry_after.map(bounds::retry_after),
            _ => None,
        }
    }

    /// Whether the provider refused the client itself rather than this request: its
    /// credentials (`invalid_client`), or the grant it tried (not enabled for it).
    pub fn client_rejection(&self) -> Option<ClientRejection> {
        match self.oauth_code()? {
            ErrorCode::InvalidClient => Some(ClientRejection::Credentials),
            ErrorCode::UnauthorizedClient | ErrorCode::UnsupportedGrantType => {
                Some(ClientRejection::Grant)
            }
            _ => None,
        }
    }

    /// The OAuth error code, if the server sent one.
    pub fn oauth_code(&self) -> Option<&ErrorCode> {
        match self {
            AuthError::OAuth { code, .. } => Some(code),
            _ => None,
        }
    }

    /// A short code for screens and scripts, e.g. `network`, `http-503`, `invalid_client`.
    pub fn short_code(&self) -> String {
        match self {
            AuthError::Network(_) => "network".into(),
            AuthError::Http { status, .. } => format!("http-{status}"),
            AuthError::OAuth { code, .. } => code.to_string(),
            AuthError::Malformed { .. } => "malformed".into(),
            AuthError::TooLarge => "too-large".into(),
            AuthError::Discovery(_) => "discovery".into(),
            AuthError::IdToken(_) => "id-token".into(),
            AuthError::Random(_) => "random".into(),
            AuthError::Dpop(_) => "dpop".into(),
        }
    }
}

/// What the provider refused about the client itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientRejection {
    /// Wrong or missing credentials (`invalid_client`).
    Credentials,
    /// The grant is not enabled for this client.
    Grant,
}

/// Who the client is and what it asks for: the part of the configuration the protocol needs.
#[derive(Debug, Clone)]
pub struct ClientSettings {
    /// The OAuth client id the provider knows this box by.
    pub client_id: String,
    /// The space-separated scopes asked for (e.g. `openid profile offline_access`).
    pub scope: String,
    /// The API the access token is for (Auth0's `audience`); `None` asks for no particular API.
    pub audience: Option<String>,
}
