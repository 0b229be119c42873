//! The protected API (`/api/me`, `/api/library`) and `/userinfo`. As the source documents
//! say, the first thing an API does is verify the access token: signature with this server's
//! key, issuer, audience, expiry, then scope (RFC 6750 errors otherwise).

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jsonwebtoken::{Algorithm, Validation};
use serde_json::{Value, json};

use crate::i18n;

use super::Shared;
use super::clients::{API_AUDIENCE, API_SCOPE};
use super::pages::lang_of;
use super::posters::CATALOGUE;
use super::state::unix_now;
use super::tokens::{ACCESS_TOKEN_TYPE, AccessClaims, ProfileClaims};

/// A refusal of the protected API (RFC 6750 §3).
#[derive(Debug)]
pub enum BearerError {
    /// No token at all: a bare challenge, no error code (RFC 6750 §3.1).
    Missing,
    InvalidToken(String),
    InsufficientScope(&'static str),
}

impl IntoResponse for BearerError {
    fn into_response(self) -> Response {
        let realm = r#"Bearer realm="tvauth-demo""#;
        let (status, challenge, body) = match self {
            BearerError::Missing => (
                StatusCode::UNAUTHORIZED,
                realm.to_string(),
                json!({"error": "invalid_token", "error_description": "an access token is required"}),
            ),
            BearerError::InvalidToken(why) => (
                StatusCode::UNAUTHORIZED,
                format!(
                    r#"{realm}, error="invalid_token", error_description="{}""#,
                    why.replace('"', "'")
                ),
                json!({"error": "invalid_token", "error_description": why}),
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

/// Validates the Bearer token of a request for `audience`, then checks it holds `scope`.
fn authorize(
    shared: &Shared,
    headers: &HeaderMap,
    audience: &str,
    scope: &'static str,
) -> Result<AccessClaims, BearerError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .ok_or(BearerError::Missing)?;
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_issuer(&[&shared.issuer]);
    validation.set_audience(&[audience]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    validation.leeway = 0;
    let claims: AccessClaims = shared
        .key
        .verify(token, ACCESS_TOKEN_TYPE, &validation)
        .map_err(|why| {
            BearerError::InvalidToken(format!("the access token is not valid: {why}"))
        })?;
    let state = shared.state();
    if state.revoked_access_tokens.contains_key(&claims.jti) {
        return Err(BearerError::InvalidToken(
            "the access token was revoked".into(),
        ));
    }
    if let Some(sid) = &claims.sid
        && !state.grants.contains_key(sid)
    {
        return Err(BearerError::InvalidToken(
            "the sign-in behind this token was revoked".into(),
        ));
    }
    if !claims.has_scope(scope) {
        return Err(BearerError::InsufficientScope(scope));
    }
    Ok(claims)
}

/// The profile a token may see, from the user record.
fn profile(shared: &Shared, claims: &AccessClaims) -> ProfileClaims {
    let scope: Vec<String> = claims
        .scope
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let state = shared.state();
    state
        .users
        .get(&claims.sub)
        .map(|user| ProfileClaims::for_scope(user, &scope, &shared.issuer))
        .unwrap_or_default()
}

/// OIDC Core §5.3.
pub async fn userinfo(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Result<Json<Value>, BearerError> {
    let audience = shared.url("userinfo");
    let claims = authorize(&shared, &headers, &audience, "openid")?;
    let mut body = serde_json::to_value(profile(&shared, &claims)).unwrap_or_else(|_| json!({}));
    body["sub"] = json!(claims.sub);
    Ok(Json(body))
}

/// Who the token speaks for.
pub async fn me(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Result<Json<Value>, BearerError> {
    let claims = authorize(&shared, &headers, API_AUDIENCE, API_SCOPE)?;
    let mut body = serde_json::to_value(profile(&shared, &claims)).unwrap_or_else(|_| json!({}));
    body["sub"] = json!(claims.sub);
    body["client_id"] = json!(claims.client_id);
    body["scope"] = json!(claims.scope);
    body["token_expires_at"] = json!(claims.exp);
    Ok(Json(body))
}

/// What the TV home screen shows: a row of titles with poster images, their genres in the
/// client's language (`Accept-Language`).
pub async fn library(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Result<Json<Value>, BearerError> {
    let claims = authorize(&shared, &headers, API_AUDIENCE, API_SCOPE)?;
    let t = i18n::loader(lang_of(&headers));
    let items: Vec<Value> = CATALOGUE
        .iter()
        .map(|item| {
            json!({
                "id": item.id,
                "title": item.title,
                "subtitle": t.get(&format!("demo-library-{}", item.id)),
                "image": shared.url(&format!("images/posters/{}.png", item.id)),
            })
        })
        .collect();
    Ok(Json(json!({
        "owner": claims.sub,
        "generated_at": unix_now(),
        "items": items,
    })))
}
