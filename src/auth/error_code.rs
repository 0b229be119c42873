//! OAuth error codes (RFC 6749 §5.2, RFC 8628 §3.5, RFC 7009 §2.2.1, RFC 6750 §3.1) as one
//! enum, so every layer matches them with the compiler's help; a code nobody registered keeps
//! its text.

use std::fmt;

/// An OAuth `error` code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The request is malformed: a parameter missing, repeated or invalid.
    InvalidRequest,
    /// The client's credentials are wrong or missing.
    InvalidClient,
    /// The code or refresh token is invalid, expired, revoked or was issued to another client.
    InvalidGrant,
    /// This client may not use this grant.
    UnauthorizedClient,
    /// The server does not support this grant.
    UnsupportedGrantType,
    /// The scope asked for is invalid or beyond what was granted.
    InvalidScope,
    /// RFC 8628: the person has not answered yet.
    AuthorizationPending,
    /// RFC 8628: poll 5 s more slowly, from now on.
    SlowDown,
    /// The person declined (only a 4xx carrying it says so).
    AccessDenied,
    /// RFC 8628: the device code expired.
    ExpiredToken,
    /// RFC 7009: the server cannot revoke this kind of token.
    UnsupportedTokenType,
    /// RFC 6750: the access token itself was refused.
    InvalidToken,
    /// RFC 6750: the access token lacks a scope the API needs.
    InsufficientScope,
    /// The server is overloaded or down for maintenance; try again later.
    TemporarilyUnavailable,
    /// The server failed unexpectedly.
    ServerError,
    /// Any other code, as sent.
    Other(String),
}

const KNOWN: [(ErrorCode, &str); 15] = [
    (ErrorCode::InvalidRequest, "invalid_request"),
    (ErrorCode::InvalidClient, "invalid_client"),
    (ErrorCode::InvalidGrant, "invalid_grant"),
    (ErrorCode::UnauthorizedClient, "unauthorized_client"),
    (ErrorCode::UnsupportedGrantType, "unsupported_grant_type"),
    (ErrorCode::InvalidScope, "invalid_scope"),
    (ErrorCode::AuthorizationPending, "authorization_pending"),
    (ErrorCode::SlowDown, "slow_down"),
    (ErrorCode::AccessDenied, "access_denied"),
    (ErrorCode::ExpiredToken, "expired_token"),
    (ErrorCode::UnsupportedTokenType, "unsupported_token_type"),
    (ErrorCode::InvalidToken, "invalid_token"),
    (ErrorCode::InsufficientScope, "insufficient_scope"),
    (ErrorCode::TemporarilyUnavailable, "temporarily_unavailable"),
    (ErrorCode::ServerError, "server_error"),
];

impl ErrorCode {
    /// The code for `text` as a server wrote it.
    pub fn parse(text: &str) -> ErrorCode {
        KNOWN.iter().find(|(_, name)| *name == text).map_or_else(
            || ErrorCode::Other(text.to_string()),
            |(code, _)| code.clone(),
        )
    }

    /// The code as written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            ErrorCode::Other(text) => text,
            known => KNOWN
                .iter()
                .find(|(code, _)| code == known)
                .map_or("", |(_, name)| name),
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_code_reads_back_as_written() {
        for (code, name) in KNOWN {
            assert_eq!(ErrorCode::parse(name), code);
            assert_eq!(code.as_str(), name);
        }
        let odd = ErrorCode::parse("tenant_rate_limited");
        assert_eq!(odd, ErrorCode::Other("tenant_rate_limited".into()));
        assert_eq!(odd.to_string(), "tenant_rate_limited");
    }
}
