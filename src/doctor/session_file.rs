//! The session file check: every session.ron (each profile's, and one of an older release
//! still waiting to be migrated) reads as a session and is private (file 0600, its directory
//! 0700, as the store writes them). Read only: an unreadable file is reported, never moved
//! aside, and its content (tokens) never reaches a message.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::{Because, Check, CheckId, Fix, Passed, Problem};
use crate::session::{PROFILES_DIR, ProfileId, SessionFile};
use crate::store::{SESSION_FILE, Store};

/// The session files under `store`'s directory: the first that fails, else a pass (naming
/// the file when there is one, else the profiles' folder).
pub fn check(store: &Store) -> Check {
    let files = session_files(store);
    for path in &files {
        if let Some(failed) = check_file(path) {
            return failed;
        }
    }
    match files.as_slice() {
        [] => Check::skip(CheckId::SessionFile, Because::NoSession),
        [path] => Check::pass(
            CheckId::SessionFile,
            Passed::SessionFile { path: path.clone() },
        ),
        _ => {
            let path = store.path(PROFILES_DIR);
            Check::pass(CheckId::SessionFile, Passed::SessionFile { path })
        }
    }
}

/// The session files there are: an older release's in the config dir, then each profile's
/// (in the order of their ids).
fn session_files(store: &Store) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(store.path(PROFILES_DIR))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            name.to_str().and_then(ProfileId::parse).is_some()
        })
        .map(|entry| entry.path().join(SESSION_FILE))
        .filter(|path| path.symlink_metadata().is_ok())
        .collect();
    files.sort();
    let old = store.path(SESSION_FILE);
    if old.symlink_metadata().is_ok() {
        files.insert(0, old);
    }
    files
}

/// The check of one session file, when it fails.
fn check_file(path: &Path) -> Option<Check> {
    let unreadable = |detail: String, fix| {
        let why = Problem::SessionUnreadable {
            path: path.to_path_buf(),
            detail,
        };
        Some(Check::fail(CheckId::SessionFile, why, fix))
    };
    let text = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return unreadable(e.to_string(), Fix::RunAsOwner),
    };
    let parsed = std::str::from_utf8(&text)
        .map_err(|_| "not UTF-8 text".to_string())
        .and_then(|text| {
            // Only the position: a parser's message may quote the file, and it holds tokens.
            ron::from_str::<SessionFile>(text).map_err(|e| {
                format!(
                    "not a session at line {}, column {}",
                    e.span.start.line, e.span.start.col
                )
            })
        });
    if let Err(detail) = parsed {
        return unreadable(detail, Fix::SignInAgain);
    }
    let dir = path.parent()?;
    too_open(dir, 0o700).or_else(|| too_open(path, 0o600))
}

/// A failed check when `path` lets anyone but its owner in (`want` is its mode when right).
fn too_open(path: &Path, want: u32) -> Option<Check> {
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then(|| {
        let why = Problem::TooOpen {
            path: path.to_path_buf(),
            mode,
            want,
        };
        let fix = Fix::Chmod {
            path: path.to_path_buf(),
            mode: want,
        };
        Check::fail(CheckId::SessionFile, why, fix)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::Permissions;

    fn outcome_code(check: &Check) -> &'static str {
        match &check.outcome {
            super::super::Outcome::Fail { why, .. } => why.code(),
            super::super::Outcome::Pass(_) => "pass",
            super::super::Outcome::Skipped { because } => because.code(),
        }
    }

    #[test]
    fn absent_private_open_and_garbled_files() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::set_permissions(dir.path(), Permissions::from_mode(0o700)).unwrap();
        let store = Store::new(dir.path());
        assert_eq!(outcome_code(&check(&store)), "no_session");

        let path = dir.path().join(SESSION_FILE);
        std::fs::write(&path, "(session: None)").unwrap();
        std::fs::set_permissions(&path, Permissions::from_mode(0o600)).unwrap();
        assert_eq!(outcome_code(&check(&store)), "pass");

        std::fs::set_permissions(&path, Permissions::from_mode(0o644)).unwrap();
        assert_eq!(outcome_code(&check(&store)), "too_open");
        std::fs::set_permissions(&path, Permissions::from_mode(0o600)).unwrap();
        std::fs::set_permissions(dir.path(), Permissions::from_mode(0o755)).unwrap();
        assert_eq!(outcome_code(&check(&store)), "too_open");

        std::fs::write(&path, "(session: Some(refresh_token: \"SECRET-RT\"").unwrap();
        let garbled = check(&store);
        assert_eq!(outcome_code(&garbled), "session_unreadable");
        assert!(!format!("{garbled:?}").contains("SECRET-RT"));
        // Reported, not moved aside.
        assert!(path.exists());
    }

    #[test]
    fn every_profile_is_checked() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::set_permissions(dir.path(), Permissions::from_mode(0o700)).unwrap();
        let store = Store::new(dir.path());
        for id in ["0000000a", "0000000b"] {
            let profile = Store::new(dir.path().join(PROFILES_DIR).join(id));
            profile.save(SESSION_FILE, &SessionFile::default()).unwrap();
        }
        assert_eq!(outcome_code(&check(&store)), "pass");
        let second = dir
            .path()
            .join(PROFILES_DIR)
            .join("0000000b")
            .join(SESSION_FILE);
        std::fs::write(&second, "(session: Some(").unwrap();
        let failed = check(&store);
        assert_eq!(outcome_code(&failed), "session_unreadable");
        assert!(format!("{failed:?}").contains("0000000b"));
        std::fs::remove_file(&second).unwrap();
        // An older release's file waiting for its migration is checked too.
        std::fs::write(dir.path().join(SESSION_FILE), "(session: None)").unwrap();
        std::fs::set_permissions(dir.path().join(SESSION_FILE), Permissions::from_mode(0o640))
            .unwrap();
        assert_eq!(outcome_code(&check(&store)), "too_open");
    }
}
