//! Secrets a systemd unit hands over with `LoadCredential=` or `LoadCredentialEncrypted=`:
//! files named after the credential in `$CREDENTIALS_DIRECTORY`, on a read-only mount that
//! only the unit sees. systemd writes each one mode 0400, owned by root, with an ACL entry that
//! lets the service user read it (so `stat` shows the ACL's mask as group bits: 0440, though no
//! group can read it); where the file system has no ACLs, owned by the service user instead
//! (systemd.exec(5), "Credentials"; `write_credential` in systemd's exec-credential.c).
//! The checks accept exactly that: a regular file reached without a symbolic link, no access
//! for others, no write for the group, and group read only when the group is root's (how the
//! ACL's mask shows); a group of ordinary users could read it.

use std::ffi::OsStr;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::super::secret::Secret;
use super::{SecretError, read_checked};

/// The variable systemd sets when a unit has credentials.
pub const CREDENTIALS_DIRECTORY_ENV: &str = "CREDENTIALS_DIRECTORY";

/// The file of credential `name`, when `$CREDENTIALS_DIRECTORY` is set and holds it.
pub fn credential_file(name: &str) -> Option<PathBuf> {
    credential_file_in(std::env::var_os(CREDENTIALS_DIRECTORY_ENV).as_deref(), name)
}

fn credential_file_in(dir: Option<&OsStr>, name: &str) -> Option<PathBuf> {
    let path = Path::new(dir.filter(|d| !d.is_empty())?).join(name);
    // Anything there counts, a link included: reading it then says what is wrong.
    path.symlink_metadata().is_ok().then_some(path)
}

/// Reads a credential's secret, if the file is private as systemd makes it.
pub fn read_credential(path: &Path) -> Result<Secret, SecretError> {
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path);
    read_checked(path, opened, |metadata| {
        let not_private = |why: String| {
            Err(SecretError::CredentialNotPrivate {
                path: path.to_path_buf(),
                why,
            })
        };
        let mode = metadata.mode() & 0o777;
        if !metadata.is_file() {
            return not_private("not a regular file".into());
        }
        if mode & 0o027 != 0 {
            return not_private(format!("mode {mode:03o}"));
        }
        if mode & 0o040 != 0 && metadata.gid() != 0 {
            return not_private(format!(
                "mode {mode:03o}, readable by group {}",
                metadata.gid()
            ));
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn credential(dir: &Path, text: &str, mode: u32) -> PathBuf {
        let path = dir.join("client-secret");
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        path
    }

    #[test]
    fn found_only_in_a_set_directory() {
        let dir = tempfile::tempdir().unwrap();
        let set = Some(dir.path().as_os_str());
        assert_eq!(credential_file_in(set, "client-secret"), None);
        let path = credential(dir.path(), "s3cret", 0o400);
        assert_eq!(credential_file_in(set, "client-secret"), Some(path));
        assert_eq!(credential_file_in(None, "client-secret"), None);
        assert_eq!(
            credential_file_in(Some(OsStr::new("")), "client-secret"),
            None
        );
    }

    #[test]
    fn what_systemd_writes_is_accepted() {
        let dir = tempfile::tempdir().unwrap();
        for mode in [0o400, 0o600] {
            let path = credential(dir.path(), "s3cret\n", mode);
            assert_eq!(
                read_credential(&path).unwrap().expose(),
                "s3cret",
                "{mode:o}"
            );
        }
        // 0440 is how `stat` shows systemd's root-owned file with the service user's ACL
        // entry: accepted when the group is root's, as there; another group could read it.
        let path = credential(dir.path(), "s3cret\n", 0o440);
        let root_group = std::fs::metadata(&path).unwrap().gid() == 0;
        match read_credential(&path) {
            Ok(secret) => assert!(root_group && secret.expose() == "s3cret"),
            Err(error) => assert!(
                !root_group && error.to_string().contains("readable by group"),
                "{error}"
            ),
        }
    }

    #[test]
    fn open_empty_or_linked_credentials_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for mode in [0o404, 0o420, 0o460, 0o644] {
            let path = credential(dir.path(), "s3cret", mode);
            let error = read_credential(&path).unwrap_err();
            assert!(
                matches!(&error, SecretError::CredentialNotPrivate { why, .. } if why.contains(&format!("{mode:03o}"))),
                "{mode:o}: {error}"
            );
            assert!(!error.to_string().contains("s3cret"));
        }
        let path = credential(dir.path(), " \n", 0o400);
        assert!(matches!(
            read_credential(&path),
            Err(SecretError::Empty { .. })
        ));
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert!(matches!(
            read_credential(&link),
            Err(SecretError::Unreadable { .. })
        ));
    }
}
