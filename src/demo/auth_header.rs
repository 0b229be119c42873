//! The `Authorization` request header: the credentials of one scheme (`Basic` for client
//! authentication, `Bearer` for the protected API), and the bearer-token extractor with the
//! refusals of RFC 6750 §3.
//!
//! Bearer refusals are not [`super::oauth_error::OAuthError`]s: a resource server answers with
//! a `Bearer` challenge in `WWW-Authenticate` and no caching headers, where the token endpoint
//! answers with a `Basic` one.

use axum::Json;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The credentials after `scheme` in the `Authorization` header, trimmed. The scheme is
/// accepted as registered (`Bearer`) or in lower case, the spellings clients send.
pub fn credentials<'h>(headers: &'h HeaderMap, scheme: &str) -> Option<&'h str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let rest = value
        .strip_prefix(scheme)
        .or_else(|| value.strip_prefix(scheme.to_lowercase().as_str()))?;
    rest.strip_prefix(' ').map(str::trim)
}

/// The access token a request presents, as `Bearer` or as `DPoP` with its proof (RFC 9449
/// §7); without one the request is refused with a bare challenge ([`BearerError::Missing`]).
/// Whether the token is any good is the handler's to check: the audience and scope it needs
/// differ per route.
#[derive(Debug)]
pub struct BearerToken {
    /// The access token.
    pub token: String,
    /// The proof, when the token came with the `DPoP` scheme.
    pub dpop: Option<DpopPresentation>,
    /// The request's method and path, which a proof must name.
    pub method: String,
    /// The request's path (without query).
    pub path: String,
}

/// What came with a token presented with the `DPoP` scheme.
#[derive(Debug)]
pub struct DpopPresentation {
    /// The `DPoP` header; `None` when missing (or sent twice).
    pub proof: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for BearerToken {
    type Rejection = BearerError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let headers = &parts.headers;
        let (token, dpop) = if let Some(token) = credentials(headers, "Bearer") {
            (token, None)
        } else if let Some(token) = credentials(headers, "DPoP") {
            let mut proofs = headers.get_all("DPoP").iter();
            let proof = match (proofs.next(), proofs.next()) {
                (Some(one), None) => one.to_str().ok().map(str::to_string),
                _ => None,
            };
            (token, Some(DpopPresentation { proof }))
        } else {
            return Err(BearerError::Missing);
        };
        Ok(BearerToken {
            token: token.to_string(),
            dpop,
            method: parts.method.as_str().to_string(),
            path: parts.uri.path().to_string(),
        })
    }
}

/// A refusal of the protected API (RFC 6750 §3).
#[derive(Debug)]
pub enum BearerError {
    /// No token at all: a bare challenge, no error code (RFC 6750 §3.1).
    Missing,
    InvalidToken(String),
    InsufficientScope(&'static str),
    /// A DPoP-bound token without a valid proof by its key, or a bad proof (RFC 9449 §7.1):
    /// the `DPoP` challenge, with `invalid_token` or `invalid_dpop_proof`.
    Dpop {
        code: &'static str,
        why: String,
    },
}

impl IntoResponse for BearerError {
    fn into_response(self) -> Response {
        let realm = r#"Bearer realm="tvauth-demo""#;
        let (status, challenge, body) = match self {
            BearerError::Missing => (
                StatusCode::UNAUTHORIZED,
                realm.to_string(),
                json!({"error_description": "an access token is required"}),
            ),
            BearerError::InvalidToken(why) => (
                StatusCode::UNAUTHORIZED,
                format!(
                    r#"{realm}, error="invalid_token", error_description="{}""#,
                    why.replace('"', "'")
                ),
                json!({"error": "invalid_token", "error_description": why}),
            ),
            BearerError::Dpop { code, why } => (
                StatusCode::UNAUTHORIZED,
                format!(
                    r#"DPoP algs="ES256", error="{code}", error_description="{}""#,
                    why.replace('"', "'")
                ),
                json!({"error": code, "error_description": why}),
            ),
            BearerError::InsufficientScope(scope) => (
                StatusCode::FORBIDDEN,
                format!(r#"{realm}, error="insufficient_scope", scope="{scope}""#),
                json!({"error": "insufficient_scope", "error_description": format!("the token lacks the scope '{scope}'")}),
            ),
        };
        let mut response = (status, Json(body)).into_response();
        if let Ok(value) = HeaderValue::from_str(&challenge) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_authorization(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn the_scheme_is_matched_as_registered_or_in_lower_case() {
        let token = |value| credentials(&with_authorization(value), "Bearer").map(str::to_string);
        assert_eq!(token("Bearer abc "), Some("abc".into()));
        assert_eq!(token("bearer abc"), Some("abc".into()));
        assert_eq!(token("BEARER abc"), None);
        assert_eq!(token("Bearerabc"), None);
        assert_eq!(token("Basic abc"), None);
        assert_eq!(credentials(&HeaderMap::new(), "Bearer"), None);
    }
}
