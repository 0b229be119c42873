//! The session's DPoP key on disk (`dpop-key.ron`, beside `session.ron`, with the same
//! guarantees: 0600, atomic replacement, moved aside when unreadable, gone at sign-out), and
//! the key a new sign-in makes when config.ron's `dpop` and the provider call for it.
//!
//! A session bound to a key that is missing or unreadable is kept: it cannot refresh or call
//! the API (each attempt says so), and signing out and in again replaces it. Its refresh token is not
//! deleted, so restoring the file from a backup brings it back.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Account, SessionError, StoredSession};
use crate::auth::dpop::{Dpop, DpopKey};
use crate::auth::{AuthError, Provider, Secret};

/// The key file's name in the config dir: a private key, so always 0600.
pub const DPOP_KEY_FILE: &str = "dpop-key.ron";

/// What `dpop-key.ron` holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct KeyFile {
    #[serde(default)]
    key: Option<StoredKey>,
}

#[derive(Debug, Serialize, Deserialize)]
struct StoredKey {
    /// The key's thumbprint, which the session names (`dpop_jkt`).
    jkt: String,
    /// PKCS#8, base64url.
    private_key: Secret,
}

impl Account {
    /// A fresh key for a new sign-in, when config.ron's `dpop` and `provider` call for one.
    pub(super) fn sign_in_dpop(&self, provider: &Provider) -> Result<Option<Dpop>, SessionError> {
        if !self.shared.config.dpop.wanted(provider) {
            return Ok(None);
        }
        let key = Arc::new(DpopKey::generate()?);
        Ok(Some(Dpop::new(key, self.shared.dpop_memory.clone())))
    }

    /// The proofs for `session`'s tokens: `None` for a session that is not bound, an error
    /// when its key is missing or unreadable.
    pub(super) fn session_dpop(
        &self,
        session: &StoredSession,
    ) -> Result<Option<Dpop>, SessionError> {
        let Some(jkt) = &session.dpop_jkt else {
            return Ok(None);
        };
        let key = self.load_dpop_key(jkt)?;
        Ok(Some(Dpop::new(key, self.shared.dpop_memory.clone())))
    }

    /// A DPoP handle for a key kept elsewhere (a revocation waiting with its key).
    pub(super) fn dpop_from(&self, stored: &Secret) -> Option<Dpop> {
        match DpopKey::from_stored(stored) {
            Ok(key) => Some(Dpop::new(Arc::new(key), self.shared.dpop_memory.clone())),
            Err(error) => {
                tracing::warn!(%error, "a stored DPoP key is unreadable");
                None
            }
        }
    }

    fn load_dpop_key(&self, jkt: &str) -> Result<Arc<DpopKey>, SessionError> {
        let mut cached = self.dpop_key.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(key) = cached.as_ref().filter(|k| k.thumbprint() == jkt) {
            return Ok(key.clone());
        }
        let unusable = |why: &str| {
            SessionError::Auth(AuthError::Dpop(format!(
                "the key this session is bound to {why}: sign out and sign in again"
            )))
        };
        let loaded = self.store().load::<KeyFile>(DPOP_KEY_FILE)?;
        if loaded.quarantined.is_some() {
            return Err(unusable("was unreadable (moved aside)"));
        }
        let stored = loaded.value.key.ok_or_else(|| unusable("is missing"))?;
        let key =
            DpopKey::from_stored(&stored.private_key).map_err(|_| unusable("is unreadable"))?;
        if key.thumbprint() != jkt || stored.jkt != jkt {
            return Err(unusable("is not the one on file"));
        }
        let key = Arc::new(key);
        *cached = Some(key.clone());
        Ok(key)
    }

    /// Saves the key a sign-in's tokens are bound to (under the session lock, before the
    /// session naming it).
    pub(super) fn save_dpop_key(&self, key: &DpopKey) -> Result<(), SessionError> {
        let file = KeyFile {
            key: Some(StoredKey {
                jkt: key.thumbprint().to_string(),
                private_key: key.stored().duplicate(),
            }),
        };
        self.store().save(DPOP_KEY_FILE, &file)?;
        Ok(())
    }

    /// Deletes the key file and its unreadable copies (sign-out, or a sign-in without DPoP).
    pub(super) fn delete_dpop_key(&self) {
        *self.dpop_key.lock().unwrap_or_else(|e| e.into_inner()) = None;
        let deleted = self
            .store()
            .delete(DPOP_KEY_FILE)
            .and_then(|()| self.store().remove_quarantined(DPOP_KEY_FILE).map(|_| ()));
        if let Err(error) = deleted {
            tracing::warn!(%error, "the DPoP key file could not be deleted");
        }
    }
}
