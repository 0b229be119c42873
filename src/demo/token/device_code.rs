//! The device code grant (RFC 8628 §3.4–3.5): pending until the person decides, `slow_down`
//! when polled too fast, and `expired_token` or `access_denied` told once, `invalid_grant`
//! after that.

use std::time::{Duration, Instant};

use super::{GrantRequest, Outcome, open_grant};
use crate::demo::clients::Client;
use crate::demo::form::Form;
use crate::demo::oauth_error::OAuthError;
use crate::demo::random;
use crate::demo::state::{DeviceCode, DeviceStatus, State};
use crate::demo::tokens::Minter;

/// How much `slow_down` adds to a device code's interval (RFC 8628 §3.5).
const SLOW_DOWN_STEP: u64 = 5;

pub(super) fn grant(state: &mut State, minter: &Minter, client: &Client, form: &Form) -> Outcome {
    let entry = match presented(state, client, form) {
        Ok(entry) => entry,
        Err(refusal) => return refusal.into(),
    };
    let live = matches!(
        entry.status,
        DeviceStatus::Pending | DeviceStatus::Approved { .. }
    );
    if live && minter.now >= entry.expires_at {
        entry.status = DeviceStatus::ExpiryReported;
        return Outcome::Changed(Err(OAuthError::expired_token()));
    }
    match entry.status.clone() {
        DeviceStatus::Pending => poll_pending(entry).into(),
        DeviceStatus::Denied => {
            entry.status = DeviceStatus::DenialReported;
            Outcome::Changed(Err(OAuthError::access_denied()))
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
            Outcome::Changed(open_grant(state, minter, request).map(|(_, tokens)| tokens))
        }
        DeviceStatus::Redeemed => {
            OAuthError::invalid_grant("this device code was already used").into()
        }
        DeviceStatus::ExpiryReported => {
            OAuthError::invalid_grant("this device code has expired").into()
        }
        DeviceStatus::DenialReported => {
            OAuthError::invalid_grant("this request was declined").into()
        }
    }
}

/// The request the presented device code stands for, if it is this client's.
fn presented<'s>(
    state: &'s mut State,
    client: &Client,
    form: &Form,
) -> Result<&'s mut DeviceCode, OAuthError> {
    let device_code = form.require("device_code")?;
    let entry = state
        .device_codes
        .get_mut(&random::hash(device_code))
        .ok_or_else(|| OAuthError::invalid_grant("unknown device code"))?;
    if entry.client_id != client.id {
        return Err(OAuthError::invalid_grant(
            "this device code belongs to another client",
        ));
    }
    Ok(entry)
}

/// A poll before the person decided: `slow_down` (and a longer interval from now on) when it
/// came sooner than the interval after the last one, else `authorization_pending`. Polls are
/// the most frequent requests, so what they change (the last poll, a longer interval) is not
/// saved for them: a restart forgets at most a `slow_down`.
fn poll_pending(entry: &mut DeviceCode) -> OAuthError {
    let polled = Instant::now();
    let too_soon = entry
        .last_poll
        .is_some_and(|last| polled.duration_since(last) < Duration::from_secs(entry.interval));
    entry.last_poll = Some(polled);
    if too_soon {
        entry.interval += SLOW_DOWN_STEP;
        return OAuthError::slow_down(entry.interval);
    }
    OAuthError::authorization_pending()
}
