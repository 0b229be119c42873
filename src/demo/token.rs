//! `POST /oauth/token` (RFC 6749 §3.2): client authentication, then one of four grants, each
//! in its own module; the new grant (a sign-in) and its first tokens are made here.

mod authorization_code;
mod client_credentials;
mod device_code;
mod proof;
mod refresh_token;

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use super::clients::{
    self, GRANT_AUTHORIZATION_CODE, GRANT_CLIENT_CREDENTIALS, GRANT_DEVICE_CODE,
    GRANT_REFRESH_TOKEN,
};
use super::form::OAuthForm;
use super::oauth_error::{OAuthError, no_store};
use super::state::{self, Grant, unix_now};
use super::tokens::{Minter, REFRESH_TOKEN_IDLE_TTL, TokenResponse};
use super::{Shared, random};

impl Shared {
    fn minter(&self, now: u64) -> Minter<'_> {
        Minter {
            key: &self.key,
            issuer: &self.issuer,
            access_ttl: self.settings.access_ttl,
            session_lifetime: self.settings.session_lifetime,
            now,
            dpop_jkt: None,
        }
    }
}

/// The token endpoint: the grant runs under the state lock; what it changed is saved before
/// the answer is sent.
pub async fn token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    OAuthForm(form): OAuthForm,
) -> Result<Response, OAuthError> {
    let grant_type = form.require("grant_type")?;
    let client = {
        let state = shared.state();
        clients::authenticate(&state.clients, &headers, &form)?.clone()
    };
    let known = [
        GRANT_DEVICE_CODE,
        GRANT_REFRESH_TOKEN,
        GRANT_AUTHORIZATION_CODE,
        GRANT_CLIENT_CREDENTIALS,
    ];
    if !known.contains(&grant_type) {
        return Err(OAuthError::unsupported_grant_type(format!(
            "grant type '{grant_type}' is not supported"
        )));
    }
    if !client.allows(grant_type) {
        return Err(OAuthError::unauthorized_client(format!(
            "this client may not use the grant type '{grant_type}'"
        )));
    }
    let dpop_jkt = match proof::proved_key(&shared, &headers, &client, grant_type) {
        Ok(jkt) => jkt,
        Err(refusal) => return Ok(refusal.into_response()),
    };
    let outcome = {
        let mut state = shared.state();
        let mut minter = shared.minter(unix_now());
        minter.dpop_jkt = dpop_jkt;
        match grant_type {
            GRANT_DEVICE_CODE => device_code::grant(&mut state, &minter, &client, &form),
            GRANT_REFRESH_TOKEN => refresh_token::grant(&mut state, &minter, &client, &form),
            GRANT_AUTHORIZATION_CODE => {
                authorization_code::grant(&mut state, &minter, &client, &form)
            }
            _ => client_credentials::grant(&minter, &client, &form),
        }
    };
    let answer = match outcome {
        Outcome::Unchanged(answer) => answer,
        Outcome::Changed(answer) => {
            shared.save().await?;
            answer
        }
    };
    // One line per answered grant, so a benchmark can count a device's polls: the grant type
    // and what it got, never a token or a code.
    let answered = answer.as_ref().map_or_else(|e| e.code, |_| "tokens");
    tracing::debug!(grant_type, answered, "token request");
    Ok(no_store(Json(answer?).into_response()))
}

/// A grant's answer, and whether it changed the state on the way.
enum Outcome {
    /// Nothing was written: the answer goes out as it is.
    Unchanged(Result<TokenResponse, OAuthError>),
    /// The state changed (tokens issued, a code spent, a grant revoked, a refusal told only
    /// once): it is saved before the answer goes out, so that a restart cannot undo what the
    /// client was told.
    Changed(Result<TokenResponse, OAuthError>),
}

impl From<OAuthError> for Outcome {
    /// A refusal that changed nothing, the most common outcome.
    fn from(error: OAuthError) -> Self {
        Outcome::Unchanged(Err(error))
    }
}

/// What a new grant is made of: who allowed which client what.
struct GrantRequest {
    client_id: String,
    sub: String,
    scope: Vec<String>,
    audience: Option<String>,
    nonce: Option<String>,
}

/// Records a new grant and mints its first tokens (a refresh token when `offline_access`);
/// returns the grant's id with them.
fn open_grant(
    state: &mut state::State,
    minter: &Minter,
    request: GrantRequest,
) -> Result<(String, TokenResponse), OAuthError> {
    let user = state
        .users
        .get(&request.sub)
        .cloned()
        .ok_or_else(|| OAuthError::server_error("the approving user is unknown"))?;
    let grant_id = random::token(16);
    let grant = Grant {
        client_id: request.client_id,
        sub: request.sub,
        scope: request.scope,
        audience: request.audience,
        nonce: request.nonce,
        auth_time: minter.now,
        refresh: None,
        tokens_valid_until: minter.tokens_valid_until(),
        jkt: minter.dpop_jkt.clone(),
    };
    let mut response = minter.for_grant(&grant_id, &grant, &user, &grant.scope)?;
    let offline = grant.scope.iter().any(|s| s == "offline_access");
    state.grants.insert(grant_id.clone(), grant);
    if offline {
        hand_refresh_token(state, minter, &grant_id, &mut response);
    }
    Ok((grant_id, response))
}

/// Starts or rotates a grant's refresh chain and puts the plain token in `response` (only
/// its hash is kept), with the session's time left when it has an absolute lifetime. The
/// token expires unused after [`REFRESH_TOKEN_IDLE_TTL`], and never after the session's end.
fn hand_refresh_token(
    state: &mut state::State,
    minter: &Minter,
    grant_id: &str,
    response: &mut TokenResponse,
) {
    let Some(auth_time) = state.grants.get(grant_id).map(|g| g.auth_time) else {
        return;
    };
    let session_end = minter.session_end(auth_time);
    let idle_end = minter.now + REFRESH_TOKEN_IDLE_TTL;
    let token = random::token(32);
    state.set_refresh_token(
        grant_id,
        random::hash(&token),
        session_end.map_or(idle_end, |end| end.min(idle_end)),
    );
    response.refresh_token = Some(token);
    response.refresh_token_expires_in = session_end.map(|end| end.saturating_sub(minter.now));
}
