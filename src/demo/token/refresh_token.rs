//! The refresh token grant (RFC 6749 §6) with rotation and reuse detection: every refresh
//! hands out a new refresh token, and presenting a rotated-out one revokes the whole grant.

use super::{Outcome, hand_refresh_token};
use crate::demo::clients::Client;
use crate::demo::form::Form;
use crate::demo::oauth_error::OAuthError;
use crate::demo::random;
use crate::demo::state::{Grant, State};
use crate::demo::tokens::Minter;

pub(super) fn grant(state: &mut State, minter: &Minter, client: &Client, form: &Form) -> Outcome {
    let (grant_id, grant, hash) = match presented(state, client, form) {
        Ok(found) => found,
        Err(refusal) => return refusal.into(),
    };
    // Before reuse detection: a thief without the key must not even revoke the grant.
    if grant.jkt.is_some() && grant.jkt != minter.dpop_jkt {
        return OAuthError::invalid_dpop_proof(
            "this refresh token is bound to a DPoP key: a proof by that key is required",
        )
        .into();
    }
    let Some(chain) = &grant.refresh else {
        return unknown().into();
    };
    if chain.current != hash {
        tracing::warn!(client = %client.id, "a rotated-out refresh token was presented: grant revoked");
        state.revoke_grant(&grant_id);
        return Outcome::Changed(Err(OAuthError::invalid_grant(
            "this refresh token was already used: the sign-in has been revoked",
        )));
    }
    // The chain's expiry is the earlier of the idle limit and the session's end.
    if chain.expires_at <= minter.now {
        state.revoke_grant(&grant_id);
        return Outcome::Changed(Err(unknown()));
    }
    let scope = match narrowed_scope(&grant, form) {
        Ok(scope) => scope,
        Err(refusal) => return refusal.into(),
    };
    let Some(user) = state.users.get(&grant.sub).cloned() else {
        return unknown().into();
    };
    let mut response = match minter.for_grant(&grant_id, &grant, &user, &scope) {
        Ok(response) => response,
        Err(refusal) => return refusal.into(),
    };
    hand_refresh_token(state, minter, &grant_id, &mut response);
    if let Some(live) = state.grants.get_mut(&grant_id) {
        live.tokens_valid_until = minter.tokens_valid_until();
    }
    Outcome::Changed(Ok(response))
}

/// The refusal of a refresh token that is unknown, expired or revoked, or whose user is gone.
fn unknown() -> OAuthError {
    OAuthError::invalid_grant("unknown, expired or revoked refresh token")
}

/// The grant a presented refresh token (live or rotated out) belongs to, if it is this
/// client's: its id, a copy, and the token's hash.
fn presented(
    state: &State,
    client: &Client,
    form: &Form,
) -> Result<(String, Grant, String), OAuthError> {
    let hash = random::hash(form.require("refresh_token")?);
    let grant_id = state.refresh_tokens.get(&hash).ok_or_else(unknown)?;
    let grant = state.grants.get(grant_id).ok_or_else(unknown)?;
    if grant.client_id != client.id {
        return Err(OAuthError::invalid_grant(
            "this refresh token belongs to another client",
        ));
    }
    Ok((grant_id.clone(), grant.clone(), hash))
}

/// The scope asked for, which may only narrow the grant's; the grant's when none is asked.
fn narrowed_scope(grant: &Grant, form: &Form) -> Result<Vec<String>, OAuthError> {
    let Some(asked) = form.get("scope") else {
        return Ok(grant.scope.clone());
    };
    let asked: Vec<String> = asked.split_whitespace().map(str::to_string).collect();
    if asked.iter().all(|s| grant.scope.contains(s)) {
        Ok(asked)
    } else {
        Err(OAuthError::invalid_scope(
            "a refresh can only ask for scopes of the original grant",
        ))
    }
}
