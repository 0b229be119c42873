//! Why an account operation failed, in one enum that travels in GUI messages.

use crate::auth::credentials::SecretError;
use crate::auth::loopback::RedirectError;
use crate::auth::{AuthError, ClientRejection, ErrorCode};
use crate::store::StoreError;

/// Why an account operation failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SessionError {
    /// Nobody is signed in.
    #[error("not signed in")]
    SignedOut,
    /// The provider ended the session (`invalid_grant` on refresh): sign in again.
    #[error("the session has ended: sign in again")]
    Ended,
    /// The provider cannot be reached now; the session is kept.
    #[error("the provider cannot be reached: {0}")]
    Offline(AuthError),
    /// The provider refused, or answered something unusable.
    #[error(transparent)]
    Auth(AuthError),
    /// The session file could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The protected API refused or failed.
    #[error("the API answered HTTP {status}{}", code.as_ref().map(|c| format!(" ({c})")).unwrap_or_default())]
    Api {
        /// The HTTP status.
        status: u16,
        /// The OAuth error code of its `WWW-Authenticate` challenge, if any (RFC 6750 §3).
        code: Option<ErrorCode>,
    },
    /// The configuration does not allow this.
    #[error("{0}")]
    Config(String),
    /// A confidential client's secret cannot be read.
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// The person declined at the provider (`access_denied`).
    #[error("the sign-in was declined")]
    Declined,
    /// The browser came back with an answer that is not trusted.
    #[error(transparent)]
    Redirect(#[from] RedirectError),
    /// The provider refused the authorization code: used, expired, or the PKCE verifier
    /// does not match.
    #[error("the provider refused the authorization code{}", .0.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
    CodeRejected(Option<String>),
    /// A new person signed in, but this box already has [`super::MAX_PROFILES`] profiles:
    /// nothing was saved (their tokens are queued for revocation).
    #[error(
        "this TV already has {} profiles: remove one first",
        super::MAX_PROFILES
    )]
    TooManyProfiles,
}

/// What kind of trouble an error is: the one classification that the TV's notices, the
/// command line's exit statuses and messages, and `--json` error events are chosen from, so
/// they cannot drift apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// No network, DNS, refused connection, timeout: nothing lost, try again.
    Network,
    /// The provider or the API is in trouble (5xx, 429, garbage): nothing lost, try again.
    Server,
    /// Nobody is signed in, or the provider ended the session.
    SignedOut,
    /// The person said no.
    Declined,
    /// The provider refused the client itself, or its secret cannot be read.
    ClientRejected,
    /// The session file could not be read or written.
    Storage,
    /// Anything else the provider, the API or the configuration refused.
    Refused,
}

impl ErrorKind {
    /// The kind's name in `--json` output.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Network => "network",
            ErrorKind::Server => "server",
            ErrorKind::SignedOut => "signed_out",
            ErrorKind::Declined => "declined",
            ErrorKind::ClientRejected => "client_rejected",
            ErrorKind::Storage => "storage",
            ErrorKind::Refused => "refused",
        }
    }
}

impl SessionError {
    /// How long the provider asked to wait before trying again, if it did.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            SessionError::Offline(error) => error.retry_after(),
            _ => None,
        }
    }

    /// What kind of trouble this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            SessionError::SignedOut | SessionError::Ended => ErrorKind::SignedOut,
            SessionError::Offline(AuthError::Network(_)) => ErrorKind::Network,
            SessionError::Offline(_) => ErrorKind::Server,
            SessionError::Api { status, .. } if *status >= 500 || *status == 429 => {
                ErrorKind::Server
            }
            SessionError::Declined => ErrorKind::Declined,
            SessionError::Secret(_) => ErrorKind::ClientRejected,
            SessionError::Auth(e) if e.client_rejection().is_some() => ErrorKind::ClientRejected,
            SessionError::Store(_) => ErrorKind::Storage,
            SessionError::Api { .. }
            | SessionError::Auth(_)
            | SessionError::Config(_)
            | SessionError::Redirect(_)
            | SessionError::CodeRejected(_)
            | SessionError::TooManyProfiles => ErrorKind::Refused,
        }
    }

    /// What the provider refused about the client itself, if that is why this failed: a
    /// [`ClientRejection::Grant`] in a device sign-in means the provider forbids codes.
    pub fn client_rejection(&self) -> Option<ClientRejection> {
        match self {
            SessionError::Auth(error) => error.client_rejection(),
            _ => None,
        }
    }

    /// The provider's own words about the refusal (`error_description`), when it sent some:
    /// free text from a server, to be cleaned before it is shown.
    pub fn provider_description(&self) -> Option<&str> {
        match self {
            SessionError::Auth(AuthError::OAuth { description, .. }) => description.as_deref(),
            SessionError::CodeRejected(description) => description.as_deref(),
            _ => None,
        }
    }

    /// A short code for screens and scripts, e.g. `network`, `invalid_client`, `api-503`.
    pub fn short_code(&self) -> String {
        match self {
            SessionError::Offline(e) | SessionError::Auth(e) => e.short_code(),
            SessionError::SignedOut => "signed_out".into(),
            SessionError::Ended => "session_ended".into(),
            SessionError::Store(_) => "storage".into(),
            SessionError::Api { status, .. } => format!("api-{status}"),
            SessionError::Config(_) => "config".into(),
            SessionError::Secret(_) => "client-secret".into(),
            SessionError::Declined => ErrorCode::AccessDenied.to_string(),
            SessionError::Redirect(RedirectError::StateMismatch) => "state-mismatch".into(),
            SessionError::Redirect(RedirectError::IssuerMismatch(_)) => "issuer-mismatch".into(),
            SessionError::Redirect(_) => "redirect".into(),
            SessionError::CodeRejected(_) => "code-rejected".into(),
            SessionError::TooManyProfiles => "too-many-profiles".into(),
        }
    }
}

impl From<AuthError> for SessionError {
    fn from(error: AuthError) -> Self {
        if error.is_transient() {
            SessionError::Offline(error)
        } else {
            SessionError::Auth(error)
        }
    }
}
