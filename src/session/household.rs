//! Profiles: up to [`MAX_PROFILES`] people signed in on one box, each in a directory of their
//! own under `profiles/<id>/` (member.ron: who and when; session.ron, dpop-key.ron,
//! home-cache.ron, session.lock: as one session had them). Each directory is a [`Store`], so
//! a file is private, replaced atomically and moved aside when unreadable there alone, and a
//! refresh is single-flight per profile. Who is who lives in member.ron, written under the
//! box's lock (the config dir's), which also guards adding and removing profiles.

use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, PoisonError};

use serde::{Deserialize, Serialize};

use super::{Account, Profile, SESSION_FILE, SessionError, SessionFile, StoredSession, unix_now};
use crate::store::{Store, StoreError};

/// At most this many profiles on one box, for one provider and client.
pub const MAX_PROFILES: usize = 8;
/// The folder of the profiles in the config dir.
pub const PROFILES_DIR: &str = "profiles";
/// Who a profile is, in its directory.
pub const MEMBER_FILE: &str = "member.ron";

/// A profile's id: 8 random lowercase hexadecimal digits, fixed when the profile's slot is
/// made, and the name of its directory.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ProfileId(String);

impl ProfileId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An id from text: exactly 8 lowercase hexadecimal digits (so it never names another
    /// directory than its own).
    pub fn parse(text: &str) -> Option<ProfileId> {
        let valid = text.len() == 8
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        valid.then(|| ProfileId(text.to_string()))
    }

    /// A new random id (unique, not secret: the time and process stand in if the system's
    /// random source fails).
    pub(super) fn random() -> ProfileId {
        let mut bytes = [0u8; 4];
        if getrandom::fill(&mut bytes).is_err() {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or_default();
            bytes = (nanos ^ std::process::id().rotate_left(16)).to_le_bytes();
        }
        ProfileId(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }
}

impl fmt::Display for ProfileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a profile's session is alive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberState {
    /// Signed in: its session is stored.
    SignedIn,
    /// The provider ended its session (or it had nothing to refresh with): the profile stays,
    /// to be signed in again.
    Ended,
}

/// One profile as the picker and `tvauth profiles` show it; never a token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Member {
    /// Its id.
    pub id: ProfileId,
    /// Who it is, as the provider last described them.
    pub person: Profile,
    /// When it was added, in Unix seconds (this box's clock): the row's order, kept when the
    /// person signs in again.
    pub added_at: u64,
    /// When it was last used (picked, signed in), in Unix seconds (this box's clock).
    pub last_used_at: u64,
    /// Whether its session is alive.
    pub state: MemberState,
}

/// What member.ron holds: who, with which provider and client, and when. Never a token.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct MemberFile {
    pub person: Profile,
    pub issuer: String,
    pub client_id: String,
    #[serde(default)]
    pub added_at: u64,
    #[serde(default)]
    pub last_used_at: u64,
}

impl Default for MemberFile {
    fn default() -> MemberFile {
        MemberFile {
            person: Profile::unnamed(),
            issuer: String::new(),
            client_id: String::new(),
            added_at: 0,
            last_used_at: 0,
        }
    }
}

impl MemberFile {
    /// The member a session describes, when member.ron is missing or unreadable: added and
    /// last used when it signed in.
    fn from_session(session: &StoredSession) -> MemberFile {
        MemberFile {
            person: session.profile.clone(),
            issuer: session.issuer.clone(),
            client_id: session.client_id.clone(),
            added_at: session.signed_in_at,
            last_used_at: session.signed_in_at,
        }
    }
}

/// A profile found on disk, of any provider.
#[derive(Debug)]
pub(super) struct OnDisk {
    pub id: ProfileId,
    pub member: MemberFile,
    pub signed_in: bool,
}

/// The profile a view acts for.
#[derive(Clone, Debug)]
pub(super) struct Slot {
    id: ProfileId,
    /// A fresh slot of [`Account::new`]: until it acts for a profile, it takes on the first
    /// one made (by this process or another), as the single session file was seen by all.
    follows_latest: bool,
}

impl Slot {
    pub fn fresh(follows_latest: bool) -> Slot {
        Slot {
            id: ProfileId::random(),
            follows_latest,
        }
    }
}

/// The acting profile and its directory.
pub(super) struct Acting {
    pub id: ProfileId,
    pub store: Store,
}

impl Account {
    /// The profiles of this provider and client, in row order (`added_at`, then id); a
    /// release-0.1 session.ron is migrated first. Members of another issuer or client are not
    /// listed.
    pub fn members(&self) -> Result<Vec<Member>, SessionError> {
        self.migrate()?;
        let mut members: Vec<Member> = self
            .on_disk()?
            .into_iter()
            .filter(|p| self.ours(&p.member))
            .map(|p| Member {
                id: p.id,
                person: p.member.person,
                added_at: p.member.added_at,
                last_used_at: p.member.last_used_at,
                state: if p.signed_in {
                    MemberState::SignedIn
                } else {
                    MemberState::Ended
                },
            })
            .collect();
        members.sort_by(|a, b| (a.added_at, &a.id).cmp(&(b.added_at, &b.id)));
        Ok(members)
    }

    /// The profile this account acts for (for a fresh slot, its directory does not exist yet).
    pub fn profile_id(&self) -> ProfileId {
        self.slot().id
    }

    /// Another account over the same client (sharing the HTTP client, the discovered
    /// provider, its keys, the clock and the DPoP nonces: cheap) acting for `id`.
    pub fn for_profile(&self, id: &ProfileId) -> Account {
        let slot = Slot {
            id: id.clone(),
            follows_latest: false,
        };
        Account::view(self.shared.clone(), slot)
    }

    /// An account for adding someone: a fresh slot. Its first sign-in makes the profile or,
    /// when the person who approves already has one (same issuer and `sub`), renews that one
    /// in place (same id, same place in the row, same saved library), and the account then
    /// acts for it.
    pub fn for_new_profile(&self) -> Account {
        let slot = Slot {
            id: self.unused_id(),
            follows_latest: false,
        };
        Account::view(self.shared.clone(), slot)
    }

    /// Marks this profile as the most recently used (`last_used_at` = now); nothing when it
    /// does not exist.
    pub fn touch(&self) -> Result<(), SessionError> {
        let _lock = self.shared.box_store.lock_blocking()?;
        let now = self.use_time()?;
        self.update_member(&self.store(), |member| member.last_used_at = now)
    }

    /// The time to mark a use with: now, or just after the latest use when that is not
    /// earlier (two uses within a second, or a clock set back), so that the most recently
    /// used profile is never a tie. The caller holds the box's lock.
    pub(super) fn use_time(&self) -> Result<u64, SessionError> {
        let latest = self
            .on_disk()?
            .iter()
            .filter(|p| self.ours(&p.member))
            .map(|p| p.member.last_used_at.saturating_add(1))
            .max()
            .unwrap_or(0);
        Ok(unix_now().max(latest))
    }

    /// Whether another profile can be added (fewer than [`MAX_PROFILES`]).
    pub fn can_add_profile(&self) -> Result<bool, SessionError> {
        Ok(self.members()?.len() < MAX_PROFILES)
    }

    /// The acting profile and its directory. A fresh slot of [`Account::new`] takes on the
    /// most recently used profile once there is one.
    pub(super) fn slot(&self) -> Acting {
        let slot = self
            .slot
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let store = self.profile_store(&slot.id);
        if slot.follows_latest
            && !store.dir().exists()
            && let Ok(Some(latest)) = self.latest()
        {
            self.act_for(&latest);
            let store = self.profile_store(&latest);
            return Acting { id: latest, store };
        }
        Acting { id: slot.id, store }
    }

    /// From now on, acts for `id` (the cached DPoP key belonged to the previous one).
    pub(super) fn act_for(&self, id: &ProfileId) {
        *self.slot.write().unwrap_or_else(PoisonError::into_inner) = Slot {
            id: id.clone(),
            follows_latest: false,
        };
        *self.dpop_key.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Migrates a release-0.1 session, then acts for the most recently used profile, if any.
    pub(super) fn adopt_latest(&self) {
        if let Err(error) = self.migrate() {
            tracing::warn!(%error, "the previous release's session could not be migrated");
        }
        match self.latest() {
            Ok(Some(id)) => self.act_for(&id),
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, "the profiles could not be read"),
        }
    }

    /// The most recently used profile of this provider and client.
    fn latest(&self) -> Result<Option<ProfileId>, SessionError> {
        Ok(self
            .on_disk()?
            .into_iter()
            .filter(|p| self.ours(&p.member))
            .max_by(|a, b| {
                let key = |p: &OnDisk| (p.member.last_used_at, p.member.added_at);
                key(a).cmp(&key(b)).then_with(|| b.id.cmp(&a.id))
            })
            .map(|p| p.id))
    }

    /// A new id that no directory holds.
    pub(super) fn unused_id(&self) -> ProfileId {
        loop {
            let id = ProfileId::random();
            if !self.profile_store(&id).dir().exists() {
                return id;
            }
        }
    }

    /// The directory of profile `id`.
    pub(super) fn profile_store(&self, id: &ProfileId) -> Store {
        Store::new(self.profiles_dir().join(id.as_str()))
    }

    fn profiles_dir(&self) -> PathBuf {
        self.shared.box_store.path(PROFILES_DIR)
    }

    /// Whether a member belongs to this provider and client.
    pub(super) fn ours(&self, member: &MemberFile) -> bool {
        self.is_ours(&member.issuer, &member.client_id)
    }

    /// Whether `issuer` and `client_id` are this account's.
    pub(super) fn is_ours(&self, issuer: &str, client_id: &str) -> bool {
        let config = &self.shared.config;
        issuer.trim_end_matches('/') == config.issuer.as_str().trim_end_matches('/')
            && client_id == config.client_id
    }

    /// Every profile on disk, of any provider, in no order. A directory with neither a
    /// readable member.ron nor a session (a sign-in that stopped before saving) is skipped.
    pub(super) fn on_disk(&self) -> Result<Vec<OnDisk>, SessionError> {
        let root = self.profiles_dir();
        let io = |source: std::io::Error| StoreError::Io {
            path: root.clone(),
            source: Arc::new(source),
        };
        let entries = match std::fs::read_dir(&root) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(e).into()),
        };
        let mut found = Vec::new();
        for entry in entries {
            let entry = entry.map_err(io)?;
            let Some(id) = entry.file_name().to_str().and_then(ProfileId::parse) else {
                continue;
            };
            if !entry.file_type().map_err(io)?.is_dir() {
                continue;
            }
            if let Some((member, signed_in)) = read_profile(&Store::new(entry.path()))? {
                found.push(OnDisk {
                    id,
                    member,
                    signed_in,
                });
            }
        }
        Ok(found)
    }

    /// Changes the member.ron of the profile in `store` (the caller holds the box's lock);
    /// nothing when there is no such profile.
    pub(super) fn update_member(
        &self,
        store: &Store,
        change: impl FnOnce(&mut MemberFile),
    ) -> Result<(), SessionError> {
        let Some((mut member, _)) = read_profile(store)? else {
            return Ok(());
        };
        change(&mut member);
        store.save(MEMBER_FILE, &member)?;
        Ok(())
    }
}

/// The member in a profile's directory (from its session when member.ron is missing or
/// unreadable), and whether it is signed in; `None` when there is neither.
fn read_profile(store: &Store) -> Result<Option<(MemberFile, bool)>, SessionError> {
    let session = store.load::<SessionFile>(SESSION_FILE)?.value.session;
    let member = if store.path(MEMBER_FILE).exists() {
        let loaded = store.load::<MemberFile>(MEMBER_FILE)?;
        loaded.quarantined.is_none().then_some(loaded.value)
    } else {
        None
    };
    let Some(member) = member.or_else(|| session.as_ref().map(MemberFile::from_session)) else {
        return Ok(None);
    };
    let signed_in = session.is_some_and(|s| {
        s.issuer.trim_end_matches('/') == member.issuer.trim_end_matches('/')
            && s.client_id == member.client_id
    });
    Ok(Some((member, signed_in)))
}

/// Whether `member` is `person`: same issuer and the same non-empty `sub` (a person the
/// provider did not identify is never the same as anyone).
pub(super) fn same_person(member: &MemberFile, issuer: &str, person: &Profile) -> bool {
    member.issuer.trim_end_matches('/') == issuer.trim_end_matches('/')
        && !person.sub.is_empty()
        && member.person.sub == person.sub
}

/// Deletes a profile's whole directory (member, session, key, library, quarantined copies).
pub(super) fn remove_profile_dir(store: &Store) -> Result<(), SessionError> {
    match std::fs::remove_dir_all(store.dir()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::Io {
            path: store.dir().to_path_buf(),
            source: Arc::new(e),
        }
        .into()),
    }
}

#[cfg(test)]
mod tests;
