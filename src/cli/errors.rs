//! What a command says when it fails, in the person's language, and the exit status for it.

use i18n_embed::fluent::FluentLanguageLoader;

use super::exit;
use crate::format;
use crate::i18n::fl;
use crate::session::{ClientRejection, ErrorKind, MAX_PROFILES, SessionError};

/// The exit status for an error, from its kind.
pub(super) fn exit_status(error: &SessionError) -> u8 {
    match error.kind() {
        ErrorKind::SignedOut => exit::SIGNED_OUT,
        ErrorKind::Network | ErrorKind::Server => exit::OFFLINE,
        ErrorKind::Declined => exit::DENIED,
        ErrorKind::ClientRejected => exit::CLIENT_REJECTED,
        ErrorKind::Storage | ErrorKind::Refused => exit::FAILURE,
    }
}

/// What went wrong, in the person's language, chosen by kind (with the technical detail
/// where it helps; what a server wrote cleaned of control characters and capped).
pub(super) fn error_message(t: &FluentLanguageLoader, error: &SessionError) -> String {
    let detail = || match error {
        SessionError::Offline(e) | SessionError::Auth(e) => format::error(&e.to_string()),
        SessionError::Secret(e) => format::error(&e.to_string()),
        SessionError::Redirect(e) => format::error(&e.to_string()),
        other => format::error(&other.to_string()),
    };
    match (error.kind(), error) {
        (ErrorKind::SignedOut, SessionError::Ended) => fl!(t, "cli-error-ended"),
        (ErrorKind::SignedOut, _) => fl!(t, "cli-error-signed-out"),
        (ErrorKind::Network | ErrorKind::Server, _) => {
            fl!(t, "cli-error-offline", error = detail())
        }
        (ErrorKind::Declined, _) => fl!(t, "cli-login-denied"),
        (ErrorKind::ClientRejected, SessionError::Auth(e)) => match e.client_rejection() {
            Some(ClientRejection::Grant) => fl!(t, "cli-error-grant-refused", error = detail()),
            _ => fl!(t, "cli-error-invalid-client", error = detail()),
        },
        (ErrorKind::ClientRejected, _) => fl!(t, "cli-error-secret", error = detail()),
        (_, SessionError::Redirect(_)) => fl!(t, "cli-error-redirect", error = detail()),
        (_, SessionError::CodeRejected(_)) => fl!(t, "cli-error-code-rejected"),
        (_, SessionError::TooManyProfiles) => {
            fl!(t, "cli-error-too-many-profiles", max = MAX_PROFILES)
        }
        (ErrorKind::Storage | ErrorKind::Refused, _) => detail(),
    }
}

/// Says what went wrong and picks the exit status.
pub(super) fn report(t: &FluentLanguageLoader, error: &SessionError) -> u8 {
    eprintln!("tvauth: {}", error_message(t, error));
    exit_status(error)
}
