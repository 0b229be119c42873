//! The server's files in its data dir: directory 0700, files 0600, every write atomic through
//! the one atomic writer the client uses too (a file utility, not protocol: the server and
//! the client still share no OAuth code).

use std::fs;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use tokio::sync::Mutex;

use crate::store::{quarantine, write_atomically};

pub const KEY_FILE: &str = "signing-key.pem";
pub const STATE_FILE: &str = "state.ron";
pub const SERVICE_SECRET_FILE: &str = "service-client-secret";

/// The data dir, with the generation of the state last written so an older snapshot
/// never overwrites a newer one when two requests save at once.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    written_generation: Mutex<u64>,
}

impl Store {
    /// Creates the directory if needed, private to this user.
    pub fn open(dir: &Path) -> std::io::Result<Store> {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        Ok(Store {
            dir: dir.to_path_buf(),
            written_generation: Mutex::new(0),
        })
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The file's text, `None` when it does not exist.
    pub fn read(&self, name: &str) -> std::io::Result<Option<String>> {
        match fs::read_to_string(self.path(name)) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Makes an existing file private (0600) if it is not: the signing key and the state hold
    /// secrets, and a copy made by hand may have come with looser permissions.
    pub fn make_private(&self, name: &str) -> std::io::Result<()> {
        let path = self.path(name);
        let mode = fs::metadata(&path)?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            tracing::warn!(file = %path.display(), mode = format!("{mode:o}"), "tightening permissions to 0600");
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600))?;
        }
        Ok(())
    }

    /// Replaces a file atomically with mode 0600.
    pub fn write(&self, name: &str, contents: &[u8]) -> std::io::Result<()> {
        write_atomically(&self.dir, name, contents)
    }

    /// Writes the state snapshot numbered `generation`, unless a newer one is already on disk.
    pub async fn save_state(&self, generation: u64, text: String) -> std::io::Result<()> {
        let mut written = self.written_generation.lock().await;
        if generation <= *written {
            return Ok(());
        }
        let dir = self.dir.clone();
        tokio::task::spawn_blocking(move || write_atomically(&dir, STATE_FILE, text.as_bytes()))
            .await
            .map_err(std::io::Error::other)??;
        *written = generation;
        Ok(())
    }

    /// Moves an unreadable file aside (kept for inspection) and returns its new name.
    pub fn quarantine(&self, name: &str) -> std::io::Result<PathBuf> {
        quarantine(&self.dir, name, super::state::unix_now())
    }
}
