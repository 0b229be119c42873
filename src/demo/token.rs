//! `POST /oauth/device/code` and `POST /oauth/token` with its four grants.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::clients::{
    self, API_SCOPE, Client, GRANT_AUTHORIZATION_CODE, GRANT_CLIENT_CREDENTIALS, GRANT_DEVICE_CODE,
    GRANT_REFRESH_TOKEN,
};
use super::form::Form;
use super::oauth_error::{OAuthError, no_store};
use super::state::{self, DeviceCode, DeviceStatus, Grant, unix_now};
use super::tokens::{self, Minter, REFRESH_TOKEN_IDLE_TTL, TokenResponse};
use super::{Shared, lock, random, user_code};

/// How much `slow_down` adds to a device code's interval (RFC 8628 §3.5).
const SLOW_DOWN_STEP: u64 = 5;

impl Shared {
    fn minter(&self, now: u64) -> Minter<'_> {
        Minter {
            key: &self.key,
            issuer: &self.issuer,
            access_ttl: self.settings.access_ttl,
            now,
        }
    }
}

/// RFC 8628 §3.1–3.2: a device asks for a device code and a user code.
pub async fn device_authorization(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, OAuthError> {
    let form = Form::from_body(&headers, body)?;
    let audience = form.get("audience");
    tokens::check_audience(audience)?;
    let scope = tokens::grantable_scopes(form.get("scope").unwrap_or_default(), audience);
    let device_code = random::token(32);
    let expires_in = shared.settings.expires_in;
    let interval = shared.settings.interval;
    let user_code = {
        let mut state = shared.state();
        let client = clients::authenticate(&state.clients, &headers, &form)?;
        if !client.allows(GRANT_DEVICE_CODE) {
            return Err(OAuthError::unauthorized_client(
                "this client may not use the device authorization grant",
            ));
        }
        let client_id = client.id.clone();
        // Per client and address: one TV asks for a code now and then; a script hammering
        // the endpoint would fill the state with codes.
        lock(&shared.device_code_requests)
            .admit((client_id.clone(), peer.ip()), Instant::now())
            .map_err(|wait| {
                OAuthError::too_many_requests(wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
            })?;
        let user_code = loop {
            let candidate = user_code::generate();
            if !state.user_code_taken(&candidate) {
                break candidate;
            }
        };
        state.device_codes.insert(
            random::hash(&device_code),
            DeviceCode {
                user_code: user_code.clone(),
                client_id,
                scope,
                audience: audience.map(str::to_string),
                expires_at: unix_now() + expires_in,
                interval,
                status: DeviceStatus::Pending,
                last_poll: None,
            },
        );
        user_code
    };
    shared.save().await?;
    let shown = user_code::display(&user_code);
    let verification_uri = shared.url("activate");
    let body = json!({
        "device_code": device_code,
        "user_code": shown,
        "verification_uri": verification_uri,
        "verification_uri_complete": format!("{verification_uri}?user_code={shown}"),
        "expires_in": expires_in,
        "interval": interval,
    });
    Ok(no_store(Json(body).into_response()))
}

/// RFC 6749 §3.2: the token endpoint.
pub async fn token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, OAuthError> {
    let form = Form::from_body(&headers, body)?;
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
    let (answer, changed) = {
        let mut state = shared.state();
        let now = unix_now();
        let minter = shared.minter(now);
        match grant_type {
            GRANT_DEVICE_CODE => device_code_grant(&mut state, &minter, &client, &form),
            GRANT_REFRESH_TOKEN => refresh_token_grant(&mut state, &minter, &client, &form),
            GRANT_AUTHORIZATION_CODE => {
                authorization_code_grant(&mut state, &minter, &client, &form)
            }
            _ => (client_credentials_grant(&minter, &client, &form), false),
        }
    };
    if changed {
        shared.save().await?;
    }
    Ok(no_store(Json(answer?).into_response()))
}

/// An answer, and whether the state changed and must be saved before it is sent.
type Outcome = (Result<TokenResponse, OAuthError>, bool);

/// RFC 8628 §3.4–3.5.
fn device_code_grant(
    state: &mut state::State,
    minter: &Minter,
    client: &Client,
    form: &Form,
) -> Outcome {
    let device_code = match form.require("device_code") {
        Ok(code) => code,
        Err(e) => return (Err(e), false),
    };
    let Some(entry) = state.device_codes.get_mut(&random::hash(device_code)) else {
        return (Err(OAuthError::invalid_grant("unknown device code")), false);
    };
    if entry.client_id != client.id {
        return (
            Err(OAuthError::invalid_grant(
                "this device code belongs to another client",
            )),
            false,
        );
    }
    let live = matches!(
        entry.status,
        DeviceStatus::Pending | DeviceStatus::Approved { .. }
    );
    if live && minter.now >= entry.expires_at {
        entry.status = DeviceStatus::ExpiryReported;
        return (Err(OAuthError::expired_token()), true);
    }
    match entry.status.clone() {
        DeviceStatus::Pending => {
            let polled = Instant::now();
            let too_soon = entry.last_poll.is_some_and(|last| {
                polled.duration_since(last) < Duration::from_secs(entry.interval)
            });
            entry.last_poll = Some(polled);
            if too_soon {
                entry.interval += SLOW_DOWN_STEP;
                return (Err(OAuthError::slow_down(entry.interval)), false);
            }
            (Err(OAuthError::authorization_pending()), false)
        }
        DeviceStatus::Denied => {
            entry.status = DeviceStatus::DenialReported;
            (Err(OAuthError::access_denied()), true)
        }
        DeviceStatus::Approved { sub } => {
            entry.status = DeviceStatus::Redeemed;
            let request = GrantRequest {
                client_id: entry.client_id.clone(),
                sub,
                scope: entry.scope.clone(),
                audience: entry.audience.clone(),
                nonce: None,
            };
            (open_grant(state, minter, request).map(|(_, r)| r), true)
        }
        DeviceStatus::Redeemed => (
            Err(OAuthError::invalid_grant(
                "this device code was already used",
            )),
            false,
        ),
        DeviceStatus::ExpiryReported => (
            Err(OAuthError::invalid_grant("this device code has expired")),
            false,
        ),
        DeviceStatus::DenialReported => (
            Err(OAuthError::invalid_grant("this request was declined")),
            false,
        ),
    }
}

/// What a new grant is made of.
struct GrantRequest {
    client_id: String,
    sub: String,
    scope: Vec<String>,
    audience: Option<String>,
    nonce: Option<String>,
}

/// Records a new grant and mints its first tokens (a refresh token when `offline_access`).
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
    };
    let mut response = minter.for_grant(&grant_id, &grant, &user, &grant.scope)?;
    let offline = grant.scope.iter().any(|s| s == "offline_access");
    state.grants.insert(grant_id.clone(), grant);
    if offline {
        response.refresh_token = Some(new_refresh_token(state, minter, &grant_id));
    }
    Ok((grant_id, response))
}

fn new_refresh_token(state: &mut state::State, minter: &Minter, grant_id: &str) -> String {
    let token = random::token(32);
    state.set_refresh_token(
        grant_id,
        random::hash(&token),
        minter.now + REFRESH_TOKEN_IDLE_TTL,
    );
    token
}

/// RFC 6749 §6, with rotation and reuse detection: a rotated-out token revokes the grant.
fn refresh_token_grant(
    state: &mut state::State,
    minter: &Minter,
    client: &Client,
    form: &Form,
) -> Outcome {
    let presented = match form.require("refresh_token") {
        Ok(token) => random::hash(token),
        Err(e) => return (Err(e), false),
    };
    let unknown = || OAuthError::invalid_grant("unknown, expired or revoked refresh token");
    let Some(grant_id) = state.refresh_tokens.get(&presented).cloned() else {
        return (Err(unknown()), false);
    };
    let Some(grant) = state.grants.get(&grant_id).cloned() else {
        return (Err(unknown()), false);
    };
    if grant.client_id != client.id {
        return (
            Err(OAuthError::invalid_grant(
                "this refresh token belongs to another client",
            )),
            false,
        );
    }
    let Some(chain) = &grant.refresh else {
        return (Err(unknown()), false);
    };
    if chain.current != presented {
        tracing::warn!(client = %client.id, "a rotated-out refresh token was presented: grant revoked");
        state.revoke_grant(&grant_id);
        return (
            Err(OAuthError::invalid_grant(
                "this refresh token was already used: the sign-in has been revoked",
            )),
            true,
        );
    }
    if chain.expires_at <= minter.now {
        state.revoke_grant(&grant_id);
        return (Err(unknown()), true);
    }
    let scope = match form.get("scope") {
        None => grant.scope.clone(),
        Some(asked) => {
            let asked: Vec<String> = asked.split_whitespace().map(str::to_string).collect();
            if !asked.iter().all(|s| grant.scope.contains(s)) {
                return (
                    Err(OAuthError::invalid_scope(
                        "a refresh can only ask for scopes of the original grant",
                    )),
                    false,
                );
            }
            asked
        }
    };
    let Some(user) = state.users.get(&grant.sub).cloned() else {
        return (Err(unknown()), false);
    };
    let mut response = match minter.for_grant(&grant_id, &grant, &user, &scope) {
        Ok(response) => response,
        Err(e) => return (Err(e), false),
    };
    response.refresh_token = Some(new_refresh_token(state, minter, &grant_id));
    if let Some(live) = state.grants.get_mut(&grant_id) {
        live.tokens_valid_until = minter.tokens_valid_until();
    }
    (Ok(response), true)
}

/// RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.6).
fn authorization_code_grant(
    state: &mut state::State,
    minter: &Minter,
    client: &Client,
    form: &Form,
) -> Outcome {
    let (code, redirect_uri) = match (form.require("code"), form.require("redirect_uri")) {
        (Ok(code), Ok(uri)) => (random::hash(code), uri),
        (Err(e), _) | (_, Err(e)) => return (Err(e), false),
    };
    let Some(entry) = state.auth_codes.get(&code).cloned() else {
        return (
            Err(OAuthError::invalid_grant("unknown authorization code")),
            false,
        );
    };
    if entry.client_id != client.id {
        return (
            Err(OAuthError::invalid_grant(
                "this code was issued to another client",
            )),
            false,
        );
    }
    if let Some(grant_id) = &entry.redeemed_grant {
        state.revoke_grant(grant_id);
        return (
            Err(OAuthError::invalid_grant(
                "this code was already used: the tokens issued for it are revoked",
            )),
            true,
        );
    }
    if entry.expires_at <= minter.now {
        return (
            Err(OAuthError::invalid_grant("this code has expired")),
            false,
        );
    }
    if entry.redirect_uri != redirect_uri {
        return (
            Err(OAuthError::invalid_grant(
                "redirect_uri differs from the authorization request's",
            )),
            false,
        );
    }
    // A wrong verifier does not spend the code: whoever holds only the code cannot burn it.
    if let Err(e) = check_pkce(entry.code_challenge.as_deref(), form.get("code_verifier")) {
        return (Err(e), false);
    }
    let request = GrantRequest {
        client_id: entry.client_id.clone(),
        sub: entry.sub.clone(),
        scope: entry.scope.clone(),
        audience: entry.audience.clone(),
        nonce: entry.nonce.clone(),
    };
    match open_grant(state, minter, request) {
        Ok((grant_id, response)) => {
            if let Some(stored) = state.auth_codes.get_mut(&code) {
                stored.redeemed_grant = Some(grant_id);
            }
            (Ok(response), true)
        }
        Err(e) => (Err(e), false),
    }
}

/// `BASE64URL(SHA256(verifier)) == challenge`, and a verifier of the RFC 7636 §4.1 form.
fn check_pkce(challenge: Option<&str>, verifier: Option<&str>) -> Result<(), OAuthError> {
    match (challenge, verifier) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err(OAuthError::invalid_grant(
            "a code_verifier was sent but the authorization request had no code_challenge",
        )),
        (Some(_), None) => Err(OAuthError::invalid_grant("missing code_verifier")),
        (Some(challenge), Some(verifier)) => {
            let well_formed = (43..=128).contains(&verifier.len())
                && verifier
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
            if !well_formed {
                return Err(OAuthError::invalid_grant(
                    "code_verifier must be 43 to 128 characters of [A-Za-z0-9-._~]",
                ));
            }
            let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
            if random::secrets_equal(&computed, challenge) {
                Ok(())
            } else {
                Err(OAuthError::invalid_grant(
                    "code_verifier does not match the code_challenge",
                ))
            }
        }
    }
}

/// RFC 6749 §4.4: a confidential client acting as itself, for the API audience.
fn client_credentials_grant(
    minter: &Minter,
    client: &Client,
    form: &Form,
) -> Result<TokenResponse, OAuthError> {
    let audience = form.require("audience")?;
    tokens::check_audience(Some(audience))?;
    let allowed = [API_SCOPE.to_string()];
    let scope: Vec<String> = match form.get("scope") {
        None => allowed.to_vec(),
        Some(asked) => asked
            .split_whitespace()
            .filter(|s| allowed.iter().any(|a| a == s))
            .map(str::to_string)
            .collect(),
    };
    minter.for_client(&client.id, audience, &scope)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_s256_matches_the_rfc_example() {
        // RFC 7636 Appendix B.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert_eq!(check_pkce(Some(challenge), Some(verifier)), Ok(()));
        assert!(check_pkce(Some(challenge), Some(&verifier.replace('d', "e"))).is_err());
        assert!(check_pkce(Some(challenge), Some("short")).is_err());
        assert!(check_pkce(Some(challenge), None).is_err());
        assert!(check_pkce(None, Some(verifier)).is_err());
        assert_eq!(check_pkce(None, None), Ok(()));
    }
}
