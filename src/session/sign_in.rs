//! A sign-in's tokens becoming a profile's session (device flow and browser alike): the ID
//! token checked first; the same person's profile renewed in place (same id, same place in
//! the row, same saved library, the previous refresh token queued for revocation), anyone
//! else given a profile of their own, up to [`MAX_PROFILES`].

use super::file::{self, PendingRevocation, SessionFile, StoredSession};
use super::household::{self, MAX_PROFILES, MEMBER_FILE, MemberFile, ProfileId, same_person};
use super::lifetime::stated_end;
use super::provider_clock::claims_now;
use super::{Account, Profile, SessionError};
use crate::auth::dpop::Dpop;
use crate::auth::token::TokenSet;
use crate::store::SESSION_FILE;

impl Account {
    /// Stores a new session from a token answer, after validating its ID token, and acts for
    /// its profile from then on. The same person signing in again (same issuer and `sub`)
    /// renews their profile in place, whichever slot this account acted for: the previous
    /// refresh token is queued for revocation, the saved library kept. Anyone else gets a new
    /// profile (this slot when it is fresh), refused with [`SessionError::TooManyProfiles`]
    /// when there are [`MAX_PROFILES`] already (the tokens are then queued for revocation).
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
            .map(|key| Dpop::new(key, self.shared.dpop_memory.clone()));
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
        // Whose profile this is, decided under the box's lock: another process may be adding
        // someone too.
        let _box_lock = self.box_store().lock().await?;
        let Some(target) = self.target_of(&profile)? else {
            self.enqueue_locked(
                tokens
                    .refresh_token
                    .into_iter()
                    .map(|t| self.revocation_of(t, tokens.dpop.as_deref()))
                    .collect(),
            )?;
            return Err(SessionError::TooManyProfiles);
        };
        if !target.slot_is_profile {
            // What a fresh slot's directory may hold is nobody's: a library or key left by a
            // sign-in that stopped before saving (no member and no session, or it would be a
            // profile).
            household::remove_profile_dir(&self.store())?;
        }
        self.act_for(&target.id);
        let store = self.store();
        let _lock = store.lock().await?;
        let mut file = store.load::<SessionFile>(SESSION_FILE)?.value;
        // Revocations an older release queued here go to the box's queue.
        let mut revocations = std::mem::take(&mut file.pending_revocations);
        let mut old_key = None;
        if let Some(old) = file.session.take() {
            // Its key goes with its token: the key file is about to hold the new one.
            old_key = self
                .session_dpop(&old)
                .ok()
                .flatten()
                .map(|d| d.key().clone());
            if let Some(token) = old.refresh_token {
                revocations.push(PendingRevocation {
                    issuer: old.issuer,
                    client_id: old.client_id,
                    token,
                    hint: "refresh_token".into(),
                    dpop_key: old_key.as_ref().map(|k| k.stored().duplicate()),
                });
            }
        }
        // The key first: a session never names a key that is not on disk.
        if let Some(key) = &tokens.dpop {
            self.save_dpop_key(key)?;
        }
        let dpop_jkt = tokens.dpop.as_ref().map(|k| k.thumbprint().to_string());
        file.session = Some(StoredSession {
            issuer: self.shared.config.issuer.to_string(),
            client_id: self.shared.config.client_id.clone(),
            profile: profile.clone(),
            scope: tokens
                .scope
                .clone()
                .unwrap_or_else(|| self.shared.config.scope.clone()),
            access_token_expires_at: Some(file::expiry(received, tokens.expires_in)),
            access_token: Some(tokens.access_token),
            refresh_token: tokens.refresh_token,
            signed_in_at: received,
            refreshed_at: None,
            provider_clock: clock,
            session_ends_at: stated_end(received, tokens.refresh_token_expires_in),
            dpop_jkt,
        });
        if let Err(error) = store.save(SESSION_FILE, &file) {
            // The stored session stays the old one: so do the key it names and its token,
            // which is not queued for revocation.
            if let (Some(old), Some(_)) = (&old_key, &tokens.dpop)
                && let Err(error) = self.save_dpop_key(old)
            {
                tracing::warn!(%error, "could not put the session's key back");
            }
            return Err(error.into());
        }
        // Only now that the new session is on disk is the old token let go of.
        self.enqueue_locked(revocations)?;
        if file.session.as_ref().is_some_and(|s| s.dpop_jkt.is_none()) {
            self.delete_dpop_key();
        }
        // Who it is last: until then, the session says it.
        let now = self.use_time()?;
        let member = MemberFile {
            person: profile.clone(),
            issuer: self.shared.config.issuer.to_string(),
            client_id: self.shared.config.client_id.clone(),
            added_at: target.member.map_or(now, |m| m.added_at),
            last_used_at: now,
        };
        store.save(MEMBER_FILE, &member)?;
        Ok(profile)
    }

    /// The profile `person` signs into: theirs when they have one (same issuer and `sub`);
    /// else this slot when it holds nobody yet, else a new one; `None` when that would be one
    /// too many. The caller holds the box's lock.
    fn target_of(&self, person: &Profile) -> Result<Option<Target>, SessionError> {
        let on_disk = self.on_disk()?;
        let current = self.profile_id();
        let slot_is_profile = on_disk.iter().any(|p| p.id == current);
        let issuer = self.shared.config.issuer.as_str();
        let ours: Vec<_> = on_disk.iter().filter(|p| self.ours(&p.member)).collect();
        if let Some(theirs) = ours.iter().find(|p| same_person(&p.member, issuer, person)) {
            return Ok(Some(Target {
                id: theirs.id.clone(),
                member: Some(theirs.member.clone()),
                slot_is_profile,
            }));
        }
        if ours.len() >= MAX_PROFILES {
            return Ok(None);
        }
        let id = if slot_is_profile {
            self.unused_id()
        } else {
            current
        };
        Ok(Some(Target {
            id,
            member: None,
            slot_is_profile,
        }))
    }
}

/// Where a sign-in goes, and the member it renews.
struct Target {
    id: ProfileId,
    member: Option<MemberFile>,
    /// Whether the slot signed in from holds a profile (else it is fresh).
    slot_is_profile: bool,
}
