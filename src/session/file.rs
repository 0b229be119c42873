//! What `session.ron` holds: who is signed in, their tokens, and revocations waiting for the
//! network. Persisted types only; the policy over them lives in `session.rs`.

use serde::{Deserialize, Serialize};

use super::{DEFAULT_ACCESS_LIFETIME, EXPIRY_MARGIN_SECONDS};
use crate::auth::Secret;
use crate::auth::token::TokenSet;
use crate::auth::userinfo::UserInfo;

/// Who is signed in, from the validated ID token (or userinfo).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub sub: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
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

/// The session as saved in `session.ron`.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredSession {
    pub issuer: String,
    pub client_id: String,
    pub profile: Profile,
    pub scope: String,
    pub refresh_token: Option<Secret>,
    pub access_token: Option<Secret>,
    pub access_token_expires_at: Option<u64>,
    pub signed_in_at: u64,
    #[serde(default)]
    pub refreshed_at: Option<u64>,
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
    pub issuer: String,
    pub client_id: String,
    pub token: Secret,
    pub hint: String,
}

/// Everything in `session.ron`.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SessionFile {
    #[serde(default)]
    pub session: Option<StoredSession>,
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
/// the provider does not rotate), the new access token, its lifetime and scope.
pub(super) fn apply_refresh(session: &mut StoredSession, tokens: TokenSet, now: u64) {
    if let Some(rotated) = tokens.refresh_token {
        session.refresh_token = Some(rotated);
    }
    session.access_token_expires_at =
        Some(now + tokens.expires_in.unwrap_or(DEFAULT_ACCESS_LIFETIME));
    session.access_token = Some(tokens.access_token);
    if let Some(scope) = tokens.scope {
        session.scope = scope;
    }
    session.refreshed_at = Some(now);
}
