//! The protected API (`/api/me`, `/api/library`) and `/userinfo`. As the source documents
//! say, the first thing an API does is verify the access token: signature with this server's
//! key, issuer, audience, expiry, then scope (RFC 6750 errors otherwise).

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use jsonwebtoken::{Algorithm, Validation};
use serde_json::{Value, json};

use crate::i18n;

use super::auth_header::{BearerError, BearerToken};
use super::clients::{API_AUDIENCE, API_SCOPE};
use super::pages::lang_of;
use super::posters::CATALOGUE;
use super::state::unix_now;
use super::tokens::{ACCESS_TOKEN_TYPE, AccessClaims, ProfileClaims};
use super::{Shared, api_dpop};

/// Validates a presented token for `audience` (and its DPoP proof when it is bound), then
/// checks it holds `scope`.
fn verify(
    shared: &Shared,
    presented: &BearerToken,
    audience: &str,
    scope: &'static str,
) -> Result<AccessClaims, BearerError> {
    let token = presented.token.as_str();
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
    drop(state);
    api_dpop::check_binding(shared, presented, &claims)?;
    if !claims.has_scope(scope) {
        return Err(BearerError::InsufficientScope(scope));
    }
    Ok(claims)
}

/// The profile claims the token's scope lets it see, with `sub`: what `/userinfo` answers
/// and `/api/me` starts from.
fn profile_body(shared: &Shared, claims: &AccessClaims) -> Value {
    let scope: Vec<String> = claims
        .scope
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let profile = shared
        .state()
        .users
        .get(&claims.sub)
        .map(|user| ProfileClaims::for_scope(user, &scope, &shared.issuer))
        .unwrap_or_default();
    let mut body = serde_json::to_value(profile).unwrap_or_else(|_| json!({}));
    body["sub"] = json!(claims.sub);
    body
}

/// OIDC Core §5.3.
pub async fn userinfo(
    State(shared): State<Arc<Shared>>,
    token: BearerToken,
) -> Result<Json<Value>, BearerError> {
    let audience = shared.url("userinfo");
    let claims = verify(&shared, &token, &audience, "openid")?;
    Ok(Json(profile_body(&shared, &claims)))
}

/// Who the token speaks for.
pub async fn me(
    State(shared): State<Arc<Shared>>,
    token: BearerToken,
) -> Result<Json<Value>, BearerError> {
    let claims = verify(&shared, &token, API_AUDIENCE, API_SCOPE)?;
    let mut body = profile_body(&shared, &claims);
    body["client_id"] = json!(claims.client_id);
    body["scope"] = json!(claims.scope);
    body["token_expires_at"] = json!(claims.exp);
    Ok(Json(body))
}

/// What the TV home screen shows: a row of titles with poster images, their genres in the
/// client's language (`Accept-Language`).
pub async fn library(
    State(shared): State<Arc<Shared>>,
    token: BearerToken,
    headers: HeaderMap,
) -> Result<Json<Value>, BearerError> {
    let claims = verify(&shared, &token, API_AUDIENCE, API_SCOPE)?;
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
