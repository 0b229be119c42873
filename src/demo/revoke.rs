//! `POST /oauth/revoke` (RFC 7009): refresh tokens revoke their whole grant; access tokens are
//! remembered as revoked until they expire. Unknown tokens are answered 200, as the RFC asks.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use jsonwebtoken::Validation;

use super::form::OAuthForm;
use super::oauth_error::{OAuthError, no_store};
use super::tokens::{ACCESS_TOKEN_TYPE, AccessClaims};
use super::{Shared, clients, random};

/// Revokes the presented token if it is the calling client's; saved before the answer.
pub async fn revoke(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    OAuthForm(form): OAuthForm,
) -> Result<Response, OAuthError> {
    let token = form.require("token")?;
    let changed = {
        let mut state = shared.state();
        let client_id = clients::authenticate(&state.clients, &headers, &form)?
            .id
            .clone();
        if let Some(grant_id) = state.refresh_tokens.get(&random::hash(token)).cloned() {
            let owner = state.grants.get(&grant_id).map(|g| g.client_id.clone());
            if owner.is_some_and(|owner| owner != client_id) {
                return Err(OAuthError::invalid_grant(
                    "this token was issued to another client",
                ));
            }
            state.revoke_grant(&grant_id);
            true
        } else if let Some(claims) = access_token_claims(&shared, token) {
            if claims.client_id != client_id {
                return Err(OAuthError::invalid_grant(
                    "this token was issued to another client",
                ));
            }
            state.revoked_access_tokens.insert(claims.jti, claims.exp);
            true
        } else {
            false
        }
    };
    if changed {
        shared.save().await?;
    }
    Ok(no_store(StatusCode::OK.into_response()))
}

/// The claims of an access token this server signed, expired or not.
fn access_token_claims(shared: &Shared, token: &str) -> Option<AccessClaims> {
    let mut validation = Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.set_issuer(&[&shared.issuer]);
    shared
        .key
        .verify::<AccessClaims>(token, ACCESS_TOKEN_TYPE, &validation)
        .ok()
}
