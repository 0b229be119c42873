//! `POST /oauth/device/code` (RFC 8628 §3.1–3.2): a device asks for a device code and a user
//! code; the person types the user code on the activation page.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::clients::{self, GRANT_DEVICE_CODE};
use super::form::OAuthForm;
use super::oauth_error::{OAuthError, no_store};
use super::state::{DeviceCode, DeviceStatus, unix_now};
use super::{Shared, lock, random, tokens, user_code};

/// Issues a device code and a user code, within the rate limit per client and address.
pub async fn issue(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    OAuthForm(form): OAuthForm,
) -> Result<Response, OAuthError> {
    let audience = form.get("audience");
    tokens::check_audience(audience)?;
    let scope = tokens::grantable_scopes(form.get("scope").unwrap_or_default(), audience);
    let device_code = random::token(32);
    let expires_in = shared.settings.expires_in;
    let interval = shared.settings.interval;
    let user_code = {
        let mut state = shared.state();
        let client = clients::authenticate(&state.clients, &headers, &form)?;
        if !shared.settings.device_flow || !client.allows(GRANT_DEVICE_CODE) {
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
    // Marks when a device started waiting (a benchmark's clock); the codes stay out of logs.
    tracing::debug!(interval, expires_in, "device code issued");
    let shown = user_code::display(&user_code);
    let verification_uri = shared.activation_url();
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
