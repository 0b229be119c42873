//! The box's queue of tokens to revoke (`revocations.ron` in the config dir, 0600, changed
//! under the box's lock): a sign-out while offline, a replaced session's refresh token, tokens
//! a sign-in could not keep. The next command that goes online sends them (see `logout.rs`).

use serde::{Deserialize, Serialize};

use super::{Account, PendingRevocation, SessionError};

/// The queue's file name in the config dir.
pub const REVOCATIONS_FILE: &str = "revocations.ron";

/// What `revocations.ron` holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct RevocationFile {
    /// Tokens still to revoke, oldest first.
    #[serde(default)]
    pending_revocations: Vec<PendingRevocation>,
}

impl Account {
    /// The queued revocations, of every provider.
    pub(super) fn load_revocations(&self) -> Result<Vec<PendingRevocation>, SessionError> {
        let loaded = self.box_store().load::<RevocationFile>(REVOCATIONS_FILE)?;
        Ok(loaded.value.pending_revocations)
    }

    /// Adds `tokens` to the queue; the caller holds the box's lock. A token already queued is
    /// not queued twice (a migration run again after a crash).
    pub(super) fn enqueue_locked(
        &self,
        tokens: Vec<PendingRevocation>,
    ) -> Result<(), SessionError> {
        if tokens.is_empty() {
            return Ok(());
        }
        let mut file = self
            .box_store()
            .load::<RevocationFile>(REVOCATIONS_FILE)?
            .value;
        for token in tokens {
            let queued = file
                .pending_revocations
                .iter()
                .any(|p| p.token.expose() == token.token.expose());
            if !queued {
                file.pending_revocations.push(token);
            }
        }
        self.box_store().save(REVOCATIONS_FILE, &file)?;
        Ok(())
    }

    /// Adds `tokens` to the queue, under the box's lock.
    pub(super) async fn enqueue(&self, tokens: Vec<PendingRevocation>) -> Result<(), SessionError> {
        if tokens.is_empty() {
            return Ok(());
        }
        let _lock = self.box_store().lock().await?;
        self.enqueue_locked(tokens)
    }

    /// Removes one sent revocation from the queue on disk.
    pub(super) async fn dequeue(&self, sent: &PendingRevocation) -> Result<(), SessionError> {
        let _lock = self.box_store().lock().await?;
        let mut file = self
            .box_store()
            .load::<RevocationFile>(REVOCATIONS_FILE)?
            .value;
        file.pending_revocations
            .retain(|p| p.token.expose() != sent.token.expose());
        self.box_store().save(REVOCATIONS_FILE, &file)?;
        Ok(())
    }
}
