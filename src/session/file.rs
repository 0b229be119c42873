//! What `session.ron` holds: who is signed in, their tokens, and revocations waiting for the
//! network. Persisted types only; the policy over them lives in `session.rs`.

use serde::{Deserialize, Serialize};

use super::lifetime;
use super::provider_clock::{ProviderClock, session_now};
use super::{DEFAULT_ACCESS_LIFETIME, EXPIRY_MARGIN_SECONDS};
use crate::auth::Secret;
use crate::auth::clock_offset::Receipt;
use crate::auth::token::TokenSet;
use crate::auth::userinfo::UserInfo;

/// Who is signed in, from the validated ID token (or userinfo).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The subject: the account's stable, unique id at the provider; empty when unknown.
    pub sub: String,
    /// The person's full name, if the provider gave it.
    #[serde(default)]
    pub name: Option<String>,
    /// The person's email address, if the provider gave it.
    #[serde(default)]
    pub email: Option<String>,
    /// The address of the person's picture, if the provider gave one.
    #[serde(default)]
    pub picture: Option<String>,
}

impl Profile {
    /// Someone the provider did not describe: no ID token and no usable userinfo (plain
    /// OAuth servers with opaque tokens). Signed in all the same.
    pub fn unnamed() -> Profile {
        Profile {
            sub: String::new(),
            name: None,
            email: None,
            picture: None,
        }
    }

    /// What to call the person: name, else email, else the subject id; `None` when the
    /// provider said nothing about them.
    pub fn display_name(&self) -> Option<&str> {
        [
            self.name.as_deref(),
            self.email.as_deref(),
            Some(self.sub.as_str()),
        ]
        .into_iter()
        .flatten()
        .find(|s| !s.trim().is_empty())
    }
}

/// The session as saved in `session.ron`. Its times are Unix seconds on the provider's clock
/// when `provider_clock` is there (a box whose clock is off keeps true times), else on this
/// box's (files written by tvauth 0.1).
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredSession {
    /// The issuer the session was made with: a session for another provider is not used.
    pub issuer: String,
    /// The client the tokens were issued to: a session for another client is not used.
    pub client_id: String,
    /// Who is signed in.
    pub profile: Profile,
    /// The scopes granted.
    pub scope: String,
    /// The token that keeps the session alive; `None` when the provider gave none.
    pub refresh_token: Option<Secret>,
    /// The latest access token, kept to save a refresh while it is valid.
    pub access_token: Option<Secret>,
    /// When the access token expires, in Unix seconds.
    pub access_token_expires_at: Option<u64>,
    /// When the person signed in, in Unix seconds.
    pub signed_in_at: u64,
    /// When the tokens were last refreshed, in Unix seconds; `None` if never.
    #[serde(default)]
    pub refreshed_at: Option<u64>,
    /// The provider's time as last measured from a token answer's `Date` header.
    #[serde(default)]
    pub provider_clock: Option<ProviderClock>,
    /// When the session ends however often it is refreshed, in Unix seconds, as the provider
    /// last stated it (`refresh_token_expires_in`); `None` when it never did (then
    /// `session_lifetime_days` of config.ron may say, see [`StoredSession::ends_at`]).
    #[serde(default)]
    pub session_ends_at: Option<u64>,
    /// The thumbprint of the DPoP key the tokens are bound to (its file is
    /// `dpop-key.ron`); `None` for Bearer tokens (and sessions older than DPoP).
    #[serde(default)]
    pub dpop_jkt: Option<String>,
}

impl StoredSession {
    pub(super) fn usable_access_token(&self, now: u64) -> Option<&Secret> {
        let expires = self.access_token_expires_at?;
        (expires > now + EXPIRY_MARGIN_SECONDS)
            .then_some(self.access_token.as_ref())
            .flatten()
    }
}

/// A token to revoke once the provider can be reached (sign-out while offline).
#[derive(Debug, Serialize, Deserialize)]
pub struct PendingRevocation {
    /// The issuer the token came from: it is revoked there, and only there.
    pub issuer: String,
    /// The client the token was issued to, which must ask for its revocation.
    pub client_id: String,
    /// The token to revoke.
    pub token: Secret,
    /// Its RFC 7009 `token_type_hint` (`refresh_token` or `access_token`).
    pub hint: String,
    /// The DPoP key the token is bound to (PKCS#8, base64url): kept with the token until the
    /// revocation goes out, since the key file goes at sign-out.
    #[serde(default)]
    pub dpop_key: Option<Secret>,
}

/// Everything in `session.ron`.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SessionFile {
    /// The signed-in session; `None` when nobody is signed in.
    #[serde(default)]
    pub session: Option<StoredSession>,
    /// Tokens still to revoke, oldest first.
    #[serde(default)]
    pub pending_revocations: Vec<PendingRevocation>,
}

impl From<UserInfo> for Profile {
    fn from(info: UserInfo) -> Profile {
        Profile {
            sub: info.sub,
            name: info.name,
            email: info.email,
            picture: info.picture,
        }
    }
}

/// Puts a refresh answer into the session: the rotated refresh token (or the old one when
/// the provider does not rotate), the new access token, its lifetime and scope, the session's
/// end when the answer states one (else the known end stays), and the provider's clock the
/// answer came with (`clock`).
pub(super) fn apply_refresh(
    session: &mut StoredSession,
    tokens: TokenSet,
    clock: Option<ProviderClock>,
) {
    if let Some(rotated) = tokens.refresh_token {
        session.refresh_token = Some(rotated);
    }
    let received = received_at(&tokens.received, clock.as_ref());
    session.access_token_expires_at = Some(expiry(received, tokens.expires_in));
    session.access_token = Some(tokens.access_token);
    if let Some(scope) = tokens.scope {
        session.scope = scope;
    }
    session.refreshed_at = Some(received);
    if let Some(end) = lifetime::stated_end(received, tokens.refresh_token_expires_in) {
        session.session_ends_at = Some(end);
    }
    session.provider_clock = clock;
}

/// When an answer arrived, on the clock session times are kept in: the provider's when
/// known (the answer's own `Date` first), else this box's.
pub(super) fn received_at(receipt: &Receipt, clock: Option<&ProviderClock>) -> u64 {
    if receipt.offset.is_some() {
        return receipt.provider_time();
    }
    session_now(clock).saturating_sub(receipt.at.elapsed().as_secs())
}

/// When an access token received at `received` with `expires_in` expires.
pub(super) fn expiry(received: u64, expires_in: Option<u64>) -> u64 {
    received.saturating_add(expires_in.unwrap_or(DEFAULT_ACCESS_LIFETIME))
}

#[cfg(test)]
mod tests;
