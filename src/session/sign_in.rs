//! A sign-in's tokens becoming the stored session (device flow and browser alike): the ID
//! token checked first, the previous session's refresh token queued for revocation, and the
//! saved library kept only when the same person signed in again (a renewal), never shown to
//! someone else.

use super::file::{self, PendingRevocation, SessionFile, StoredSession};
use super::lifetime::stated_end;
use super::provider_clock::claims_now;
use super::{Account, Library, Profile, SessionError};
use crate::auth::dpop::Dpop;
use crate::auth::token::TokenSet;
use crate::store::SESSION_FILE;

impl Account {
    /// Stores a new session from a token answer, after validating its ID token. A previous
    /// session's refresh token is queued for revocation rather than forgotten. The same
    /// person signing in again (same issuer and `sub`: renewing a session before it ends)
    /// keeps the saved library; anyone else starts without it.
    pub async fn complete_sign_in(
        &self,
        tokens: TokenSet,
        nonce: Option<&str>,
    ) -> Result<Profile, SessionError> {
        let provider = self.provider().await?;
        let clock = self.measured_clock(&tokens.received, None);
        let dpop = tokens
            .dpop
            .clone()
            .map(|key| Dpop::new(key, self.dpop_memory.clone()));
        let profile = match self
            .profile_from(
                provider,
                tokens.id_token.as_ref(),
                &tokens.access_token,
                dpop.as_ref(),
                nonce,
                claims_now(clock.as_ref()),
            )
            .await
        {
            Ok(profile) => profile,
            Err(error) => {
                // Tokens that cannot be trusted (or checked now) are not kept; their grant
                // is not left open at the provider either.
                self.queue_revocation(tokens.refresh_token, tokens.dpop.as_deref())
                    .await;
                return Err(error);
            }
        };
        let received = file::received_at(&tokens.received, clock.as_ref());
        let _lock = self.store.lock().await?;
        let mut file = self.load()?.value;
        if !self.same_person(&file, &profile) {
            // Before the new session is saved: a crash in between leaves no one's library
            // beside someone else's session.
            Library::forget(self);
        }
        if let Some(old) = file.session.take() {
            // Its key goes with its token: the key file is about to hold the new one.
            let old_key = self.session_dpop(&old).ok().flatten();
            if let Some(token) = old.refresh_token {
                file.pending_revocations.push(PendingRevocation {
                    issuer: old.issuer,
                    client_id: old.client_id,
                    token,
                    hint: "refresh_token".into(),
                    dpop_key: old_key.map(|d| d.key().stored().duplicate()),
                });
            }
        }
        // The key first: a session never names a key that is not on disk.
        if let Some(key) = &tokens.dpop {
            self.save_dpop_key(key)?;
        }
        let dpop_jkt = tokens.dpop.as_ref().map(|k| k.thumbprint().to_string());
        file.session = Some(StoredSession {
            issuer: self.config.issuer.to_string(),
            client_id: self.config.client_id.clone(),
            profile: profile.clone(),
            scope: tokens
                .scope
                .clone()
                .unwrap_or_else(|| self.config.scope.clone()),
            access_token_expires_at: Some(file::expiry(received, tokens.expires_in)),
            access_token: Some(tokens.access_token),
            refresh_token: tokens.refresh_token,
            signed_in_at: received,
            refreshed_at: None,
            provider_clock: clock,
            session_ends_at: stated_end(received, tokens.refresh_token_expires_in),
            dpop_jkt,
        });
        self.store.save(SESSION_FILE, &file)?;
        if file.session.as_ref().is_some_and(|s| s.dpop_jkt.is_none()) {
            self.delete_dpop_key();
        }
        Ok(profile)
    }

    /// Whether `profile` is who the stored session of this provider belongs to. A person the
    /// provider did not identify (no `sub`) is never the same as anyone.
    fn same_person(&self, file: &SessionFile, profile: &Profile) -> bool {
        let issuer = self.config.issuer.as_str().trim_end_matches('/');
        file.session.as_ref().is_some_and(|old| {
            old.issuer.trim_end_matches('/') == issuer
                && !profile.sub.is_empty()
                && old.profile.sub == profile.sub
        })
    }
}
