//! The move from one session per box (release 0.1 and its successors before profiles:
//! `session.ron` in the config dir) to profiles: the session becomes a profile (its member,
//! its session, and its key and saved library moved in by rename), its queued revocations go
//! to the box's queue, and the old file is deleted last. Under the box's lock, run again after
//! a crash: the same person's profile is updated, never duplicated.

use std::os::unix::fs::PermissionsExt;

use super::household::{MEMBER_FILE, MemberFile, same_person};
use super::{
    Account, DPOP_KEY_FILE, SESSION_FILE, SessionError, SessionFile, StoredSession, unix_now,
};
use crate::session::library::CACHE_FILE;
use crate::store::{Store, StoreError};

impl Account {
    /// Migrates the config dir's session.ron, when there is one.
    pub(super) fn migrate(&self) -> Result<(), SessionError> {
        let box_store = self.box_store();
        if !box_store.path(SESSION_FILE).exists() {
            return Ok(());
        }
        let _lock = box_store.lock_blocking()?;
        // Read under the lock: another process may have migrated it meanwhile (absent: the
        // default, nothing to do). An unreadable file is moved aside, as it always was.
        let loaded = box_store.load::<SessionFile>(SESSION_FILE)?;
        if let Some(aside) = loaded.quarantined {
            *self
                .shared
                .quarantined_old
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(aside);
            return Ok(());
        }
        let old = loaded.value;
        if let Some(session) = old.session {
            self.migrate_session(box_store, session)?;
        }
        self.enqueue_locked(old.pending_revocations)?;
        box_store.delete(SESSION_FILE)?;
        tracing::info!("the session was moved into a profile");
        Ok(())
    }

    /// Makes (or updates) the profile of `session`'s person: member.ron first (so a second
    /// run finds it), then the session, then the key and library files by rename.
    fn migrate_session(
        &self,
        box_store: &Store,
        session: StoredSession,
    ) -> Result<(), SessionError> {
        let profiles = self.on_disk()?;
        let existing = profiles.iter().find(|p| {
            p.member.client_id == session.client_id
                && if session.profile.sub.is_empty() {
                    // Nobody to recognise: the profile an interrupted run made for this very
                    // session, known by its sign-in time.
                    p.member.person.sub.is_empty()
                        && p.member.issuer == session.issuer
                        && p.member.added_at == session.signed_in_at
                } else {
                    same_person(&p.member, &session.issuer, &session.profile)
                }
        });
        let (id, added_at) = match existing {
            Some(p) => (p.id.clone(), p.member.added_at),
            None => (self.unused_id(), session.signed_in_at),
        };
        let store = self.profile_store(&id);
        let _lock = store.lock_blocking()?;
        let kept = store
            .load::<SessionFile>(SESSION_FILE)?
            .value
            .session
            .is_some();
        if existing.is_some() && kept {
            // An earlier run moved this session in, and it may have been refreshed since (its
            // refresh token rotated): the profile's copy is the one to keep. The old key and
            // library left beside the old file belong to the copy let go.
            for name in [DPOP_KEY_FILE, CACHE_FILE] {
                box_store.delete(name)?;
            }
            return Ok(());
        }
        let member = MemberFile {
            person: session.profile.clone(),
            issuer: session.issuer.clone(),
            client_id: session.client_id.clone(),
            added_at,
            last_used_at: unix_now(),
        };
        store.save(MEMBER_FILE, &member)?;
        store.save(
            SESSION_FILE,
            &SessionFile {
                session: Some(session),
                pending_revocations: Vec::new(),
            },
        )?;
        for name in [DPOP_KEY_FILE, CACHE_FILE] {
            move_file(box_store, &store, name)?;
        }
        Ok(())
    }
}

/// Moves `name` from `from` to `to` by rename (an absent file is fine: moved by an earlier
/// run, or never there).
fn move_file(from: &Store, to: &Store, name: &str) -> Result<(), SessionError> {
    let io = |source| StoreError::Io {
        path: from.path(name),
        source: std::sync::Arc::new(source),
    };
    match std::fs::rename(from.path(name), to.path(name)) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e).into()),
    }
    // Private like every file the store writes, whatever mode it had.
    std::fs::set_permissions(to.path(name), std::fs::Permissions::from_mode(0o600)).map_err(io)?;
    std::fs::File::open(to.dir())
        .and_then(|dir| dir.sync_all())
        .map_err(io)?;
    Ok(())
}
