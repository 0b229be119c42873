//! Sign-out, which removes the profile: its session is forgotten here at once, then revoked
//! at the provider within a budget; what does not go out waits in the box's queue
//! (revocations.ron) for the next online command.

use super::file::{PendingRevocation, SessionFile, StoredSession};
use super::{Account, DPOP_KEY_FILE, REVOCATION_BUDGET, SessionError, household};
use crate::auth::revocation::{self, RevocableToken, Revocation};
use crate::auth::{Provider, Secret};
use crate::store::SESSION_FILE;

/// How a sign-out went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Logout {
    /// Nobody was signed in: nothing to revoke (an ended profile was removed all the same).
    NotSignedIn,
    /// Signed out and the tokens revoked at the provider.
    Revoked,
    /// Signed out here; the revocation waits for the network.
    RevocationPending,
}

impl Account {
    /// Signs out and removes the profile: forgets it here at once, then revokes within
    /// [`REVOCATION_BUDGET`] (the refresh token; the access token only when there is no
    /// refresh token). What did not go out stays queued for the next online command.
    pub async fn logout(&self) -> Result<Logout, SessionError> {
        let signed_in = self.forget().await?;
        let waiting = self.send_revocations().await;
        Ok(match (signed_in, waiting) {
            (_, 1..) => Logout::RevocationPending,
            (true, 0) => Logout::Revoked,
            (false, 0) => Logout::NotSignedIn,
        })
    }

    /// Removes this profile here, with no network: its tokens are queued for revocation (with
    /// its DPoP key), then its whole directory goes (member, session, key, library,
    /// quarantined copies); the other profiles are untouched. Returns whether it was signed
    /// in (an ended profile is removed all the same). A profile of another provider or client
    /// is left alone.
    pub async fn forget(&self) -> Result<bool, SessionError> {
        let _box_lock = self.box_store().lock().await?;
        // Copies of an unreadable session file from before profiles (one session per box)
        // may hold tokens: a sign-out deletes them, as it always did.
        for name in [SESSION_FILE, DPOP_KEY_FILE] {
            if let Err(error) = self.box_store().remove_quarantined(name) {
                tracing::warn!(%error, "copies of an unreadable file could not be deleted");
            }
        }
        let store = self.store();
        if !store.dir().exists() {
            return Ok(false);
        }
        let _lock = store.lock().await?;
        let theirs = self
            .on_disk()?
            .into_iter()
            .find(|p| p.id == self.profile_id())
            .is_some_and(|p| !self.ours(&p.member));
        if theirs {
            return Ok(false);
        }
        let mut file = store.load::<SessionFile>(SESSION_FILE)?.value;
        let ours = self.matching(&mut file).is_some();
        // Revocations an older release queued here go to the box's queue.
        let mut revocations = std::mem::take(&mut file.pending_revocations);
        let session = file.session.take_if(|_| ours);
        let signed_in = session.is_some();
        if let Some(session) = session {
            // The key waits with the token it is bound to; its file goes with the directory.
            let key = self.session_dpop(&session).ok().flatten();
            let key = key.map(|d| d.key().stored().duplicate());
            revocations.extend(revocations_for(session, key));
        }
        self.enqueue_locked(revocations)?;
        household::remove_profile_dir(&store)?;
        *self
            .dpop_key
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        Ok(signed_in)
    }

    /// Sends the queued revocations of this provider, giving up after [`REVOCATION_BUDGET`]
    /// (a provider that does not answer keeps nobody waiting); returns how many still wait.
    pub async fn send_revocations(&self) -> usize {
        match tokio::time::timeout(REVOCATION_BUDGET, self.send_queued_revocations()).await {
            Ok(waiting) => waiting,
            Err(_) => {
                tracing::info!("revocation postponed: the provider did not answer in time");
                self.queued_revocations()
            }
        }
    }

    /// Revocations queued for this provider and client (others wait for their own).
    fn queued_revocations(&self) -> usize {
        self.load_revocations()
            .map(|queued| queued.iter().filter(|p| self.owns(p)).count())
            .unwrap_or(0)
    }

    fn owns(&self, pending: &PendingRevocation) -> bool {
        self.is_ours(&pending.issuer, &pending.client_id)
    }

    /// Each revocation that went out (or was refused for good) leaves the queue at once, so
    /// giving up halfway loses nothing and repeats nothing. The lock is not held while the
    /// provider is asked: a sign-in or refresh never waits for a revocation.
    async fn send_queued_revocations(&self) -> usize {
        let Ok(queued) = self.load_revocations() else {
            return 0;
        };
        let ours: Vec<_> = queued.into_iter().filter(|p| self.owns(p)).collect();
        if ours.is_empty() {
            return 0;
        }
        let Ok(provider) = self.provider().await else {
            return ours.len();
        };
        for pending in &ours {
            if self.revoke(provider, pending).await
                && let Err(error) = self.dequeue(pending).await
            {
                tracing::warn!(%error, "could not save the revocation queue");
            }
        }
        self.queued_revocations()
    }

    /// RFC 7009. True when done with this token (revoked, or refused for good).
    async fn revoke(&self, provider: &Provider, pending: &PendingRevocation) -> bool {
        let Some(endpoint) = &provider.revocation_endpoint else {
            tracing::warn!(
                "the provider advertises no revocation endpoint (config.ron can set `revocation_endpoint`); the token will expire by itself"
            );
            return true;
        };
        // Without its secret a confidential client would be answered invalid_client, which
        // must not count as "refused for good": keep the token for a later try.
        let identity = match self.identity() {
            Ok(identity) => identity,
            Err(error) => {
                tracing::info!(%error, "revocation postponed");
                return false;
            }
        };
        let Ok(http) = self.http() else {
            return false;
        };
        let token = RevocableToken::from_hint(&pending.token, &pending.hint);
        let dpop = pending.dpop_key.as_ref().and_then(|k| self.dpop_from(k));
        let auth = identity.auth(provider);
        match revocation::revoke(http, endpoint, token, &auth, dpop.as_ref()).await {
            Revocation::Revoked => true,
            Revocation::Refused(status) => {
                tracing::warn!(status, "the provider refused a revocation");
                true
            }
            Revocation::Postponed => false,
        }
    }
}

/// What to revoke when a session is forgotten. Revoking the refresh token ends the access
/// tokens of its grant (RFC 7009 §2.1), and JWT access tokens are not revocable at most
/// providers (Auth0 refuses them): the access token goes only when there is no refresh token.
fn revocations_for(session: StoredSession, dpop_key: Option<Secret>) -> Vec<PendingRevocation> {
    let (token, hint) = match (session.refresh_token, session.access_token) {
        (Some(refresh), _) => (refresh, "refresh_token"),
        (None, Some(access)) => (access, "access_token"),
        (None, None) => return Vec::new(),
    };
    vec![PendingRevocation {
        issuer: session.issuer,
        client_id: session.client_id,
        token,
        hint: hint.into(),
        dpop_key,
    }]
}
