//! The session file check: session.ron, when there is one, reads as a session and is private
//! (file 0600, its directory 0700, as the store writes them). Read only: an unreadable file
//! is reported, never moved aside, and its content (tokens) never reaches a message.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::{Because, Check, CheckId, Fix, Passed, Problem};
use crate::session::SessionFile;
use crate::store::{SESSION_FILE, Store};

/// session.ron in `store`'s directory.
pub fn check(store: &Store) -> Check {
    let path = store.path(SESSION_FILE);
    let unreadable = |detail: String, fix| {
        let why = Problem::SessionUnreadable {
            path: path.clone(),
            detail,
        };
        Check::fail(CheckId::SessionFile, why, fix)
    };
    let text = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Check::skip(CheckId::SessionFile, Because::NoSession);
        }
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
    if let Some(check) = too_open(store.dir(), 0o700) {
        return check;
    }
    if let Some(check) = too_open(&path, 0o600) {
        return check;
    }
    Check::pass(CheckId::SessionFile, Passed::SessionFile { path })
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
}
