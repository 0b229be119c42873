//! Files in the platform config dir (`$XDG_CONFIG_HOME/tvauth`, or `TVAUTH_CONFIG_DIR`):
//! directory 0700, files 0600, replaced atomically (temporary file, fsync, rename, fsync of
//! the directory), a file that fails to parse moved aside rather than lost, and a lock file
//! that makes token refresh single-flight across processes.

use std::fs::{self, File};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub const CONFIG_FILE: &str = "config.ron";
pub const SESSION_FILE: &str = "session.ron";
const LOCK_FILE: &str = "session.lock";

/// Why a file could not be read or written.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    /// No config dir can be found (no home directory and no `TVAUTH_CONFIG_DIR`).
    #[error("no configuration directory: set TVAUTH_CONFIG_DIR or HOME")]
    NoDirectory,
    /// Reading, writing or locking failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: Arc<std::io::Error>,
    },
    /// The data could not be turned into text.
    #[error("cannot encode {path}: {message}")]
    Encode { path: PathBuf, message: String },
}

/// A file's content, and where an unreadable previous version was moved.
#[derive(Debug)]
pub struct Loaded<T> {
    pub value: T,
    pub quarantined: Option<PathBuf>,
}

/// The exclusive lock on the session; released when dropped.
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// `TVAUTH_CONFIG_DIR` if set, else the platform config dir.
    pub fn from_env() -> Result<Store, StoreError> {
        if let Some(dir) = std::env::var_os("TVAUTH_CONFIG_DIR").filter(|d| !d.is_empty()) {
            return Ok(Store::new(dir));
        }
        directories::ProjectDirs::from("", "", "tvauth")
            .map(|dirs| Store::new(dirs.config_dir()))
            .ok_or(StoreError::NoDirectory)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn io(&self, name: &str) -> impl Fn(std::io::Error) -> StoreError + '_ {
        let path = self.path(name);
        move |source| StoreError::Io {
            path: path.clone(),
            source: Arc::new(source),
        }
    }

    /// Creates the directory (0700) if needed.
    pub fn ensure_dir(&self) -> Result<(), StoreError> {
        let io = |source| StoreError::Io {
            path: self.dir.clone(),
            source: Arc::new(source),
        };
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.dir)
            .map_err(io)?;
        let mode = fs::metadata(&self.dir).map_err(io)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700)).map_err(io)?;
        }
        Ok(())
    }

    /// Reads a RON file. Absent means `T::default()`; unparsable means the file is moved aside
    /// as `NAME.corrupt-<unix time>` and `T::default()` is returned with where it went.
    pub fn load<T: DeserializeOwned + Default>(&self, name: &str) -> Result<Loaded<T>, StoreError> {
        let path = self.path(name);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Loaded {
                    value: T::default(),
                    quarantined: None,
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => String::new(),
            Err(e) => return Err(self.io(name)(e)),
        };
        match ron::from_str(&text) {
            Ok(value) => Ok(Loaded {
                value,
                quarantined: None,
            }),
            Err(error) => {
                let stamp = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                let aside = self.path(&format!("{name}.corrupt-{stamp}"));
                fs::rename(&path, &aside).map_err(self.io(name))?;
                tracing::warn!(file = %path.display(), aside = %aside.display(), %error, "unreadable file moved aside");
                Ok(Loaded {
                    value: T::default(),
                    quarantined: Some(aside),
                })
            }
        }
    }

    /// Replaces a RON file atomically, mode 0600. A crash at any point leaves either the old
    /// file or the new one, never a mix.
    pub fn save<T: Serialize>(&self, name: &str, value: &T) -> Result<(), StoreError> {
        let text =
            ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default()).map_err(|e| {
                StoreError::Encode {
                    path: self.path(name),
                    message: e.to_string(),
                }
            })?;
        self.ensure_dir()?;
        let io = self.io(name);
        let temp = self.path(&format!(".{name}.tmp-{}", std::process::id()));
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&temp)
            .map_err(&io)?;
        file.write_all(text.as_bytes()).map_err(&io)?;
        file.sync_all().map_err(&io)?;
        drop(file);
        fs::rename(&temp, self.path(name)).map_err(&io)?;
        File::open(&self.dir)
            .and_then(|d| d.sync_all())
            .map_err(&io)
    }

    /// Waits for the exclusive session lock (held by whichever process is refreshing).
    pub async fn lock(&self) -> Result<StoreLock, StoreError> {
        self.ensure_dir()?;
        let path = self.path(LOCK_FILE);
        let io = self.io(LOCK_FILE);
        tokio::task::spawn_blocking(move || {
            let file = fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .mode(0o600)
                .open(&path)?;
            file.lock()?;
            Ok(StoreLock { _file: file })
        })
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))
        .and_then(|r| r)
        .map_err(io)
    }
}
