//! Files in the platform config dir (`$XDG_CONFIG_HOME/tvauth`, or `TVAUTH_CONFIG_DIR`):
//! directory 0700, files 0600, replaced atomically (temporary file, fsync, rename, fsync of
//! the directory), a file that fails to parse moved aside rather than lost, and a lock file
//! that makes token refresh single-flight across processes.

use std::fs::{self, File};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The configuration's file name in the config dir.
pub const CONFIG_FILE: &str = "config.ron";
/// The session's file name in the config dir: tokens, so always 0600.
pub const SESSION_FILE: &str = "session.ron";
const LOCK_FILE: &str = "session.lock";

/// Quarantined copies hold tokens: a copy older than this is deleted when another file is
/// quarantined...
const QUARANTINE_MAX_AGE_SECS: u64 = 30 * 86_400;
/// ...and at most this many copies of one file are kept (the newest), so a box whose storage
/// corrupts the file at every boot does not fill its disk with tokens.
const QUARANTINE_KEEP: usize = 3;

/// Temporary files get a fresh name per attempt: `.NAME.tmp-PID-N`.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Creates a new file, mode 0600, refusing to follow a symbolic link or to reuse anything
/// already at `path` (`O_CREAT|O_EXCL|O_NOFOLLOW`): nothing planted in the directory can
/// redirect or read what is written.
fn create_private(path: &Path) -> std::io::Result<File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

/// Replaces `dir/name` atomically with `contents`, mode 0600: a fresh temporary file
/// (`O_EXCL|O_NOFOLLOW`), fsync, rename, fsync of the directory. A crash at any point leaves
/// either the old file or the new one, never a mix. Used by the demo server's files too.
pub fn write_atomically(dir: &Path, name: &str, contents: &[u8]) -> std::io::Result<()> {
    let (temp, mut file) = create_temp(dir, name)?;
    let written = file
        .write_all(contents)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            fs::rename(&temp, dir.join(name))
        });
    if let Err(error) = written {
        let _ = fs::remove_file(&temp);
        return Err(error);
    }
    File::open(dir)?.sync_all()
}

/// Moves an unreadable `dir/name` aside as `NAME.corrupt-STAMP` (kept for inspection) and
/// returns where it went.
pub fn quarantine(dir: &Path, name: &str, stamp: u64) -> std::io::Result<PathBuf> {
    let aside = dir.join(format!("{name}.corrupt-{stamp}"));
    fs::rename(dir.join(name), &aside)?;
    Ok(aside)
}

/// A new temporary file beside `name`, under a name nobody holds (a killed writer may have
/// left one behind under the same process id).
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, File)> {
    let mut last = None;
    for _ in 0..64 {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.tmp-{}-{n}", std::process::id()));
        match create_private(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                last = Some(error);
            }
            Err(error) => return Err(error),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

/// Why a file could not be read or written.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    /// No config dir can be found (no home directory and no `TVAUTH_CONFIG_DIR`).
    #[error("no configuration directory: set TVAUTH_CONFIG_DIR or HOME")]
    NoDirectory,
    /// Reading, writing or locking failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error (shared, so the error stays `Clone`).
        source: Arc<std::io::Error>,
    },
    /// The data could not be turned into text.
    #[error("cannot encode {path}: {message}")]
    Encode {
        /// The file that was to be written.
        path: PathBuf,
        /// What the encoder said.
        message: String,
    },
}

/// A file's content, and where an unreadable previous version was moved.
#[derive(Debug)]
pub struct Loaded<T> {
    /// The content; `T::default()` when the file was absent or unreadable.
    pub value: T,
    /// Where the unreadable file was moved (`NAME.corrupt-<unix time>`), if that just happened.
    pub quarantined: Option<PathBuf>,
}

/// The exclusive lock on the session; released when dropped.
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

/// The config dir and the files in it (config.ron, session.ron, the refresh lock).
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The files in `dir`; the directory is created only when first needed.
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// `TVAUTH_CONFIG_DIR` if set, else the platform config dir.
    pub fn from_env() -> Result<Store, StoreError> {
        crate::environment::config_dir()
            .map(Store::new)
            .ok_or(StoreError::NoDirectory)
    }

    /// The config dir.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the file `name` lives in the config dir.
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
                let stamp = crate::clock::unix_now();
                let aside = quarantine(&self.dir, name, stamp).map_err(self.io(name))?;
                tracing::warn!(file = %path.display(), aside = %aside.display(), %error, "unreadable file moved aside");
                if let Err(error) = self.prune_quarantined(name, &aside, stamp) {
                    tracing::warn!(%error, "old copies of an unreadable file could not be deleted");
                }
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
        write_atomically(&self.dir, name, text.as_bytes()).map_err(self.io(name))
    }

    /// The quarantined copies of `name` (`NAME.corrupt-STAMP`), with their stamps when the
    /// suffix is one (unix seconds).
    fn quarantined(&self, name: &str) -> Result<Vec<(PathBuf, Option<u64>)>, StoreError> {
        let copies = self.with_prefix(&format!("{name}.corrupt-"))?;
        Ok(copies
            .into_iter()
            .map(|(path, suffix)| (path, suffix.parse().ok()))
            .collect())
    }

    /// The files in the directory whose name starts with `prefix`, with the rest of the name.
    fn with_prefix(&self, prefix: &str) -> Result<Vec<(PathBuf, String)>, StoreError> {
        let io = |source| StoreError::Io {
            path: self.dir.clone(),
            source: Arc::new(source),
        };
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(e)),
        };
        let mut found = Vec::new();
        for entry in entries {
            let entry = entry.map_err(io)?;
            if entry.file_type().map_err(io)?.is_dir() {
                continue;
            }
            let file_name = entry.file_name();
            let Some(rest) = file_name.to_str().and_then(|f| f.strip_prefix(prefix)) else {
                continue;
            };
            found.push((entry.path(), rest.to_string()));
        }
        Ok(found)
    }

    /// Deletes a file; an absent one is fine.
    pub fn delete(&self, name: &str) -> Result<(), StoreError> {
        remove(&self.path(name))
    }

    /// Deletes every quarantined copy of `name`, and the temporary files of writers killed
    /// mid-write (they may hold tokens too): for sign-out, under the lock, so no live writer's
    /// file goes. Returns how many were deleted.
    pub fn remove_quarantined(&self, name: &str) -> Result<usize, StoreError> {
        let mut removed = 0;
        let copies = self.with_prefix(&format!("{name}.corrupt-"))?;
        let leftovers = self.with_prefix(&format!(".{name}.tmp-"))?;
        for (path, _) in copies.into_iter().chain(leftovers) {
            remove(&path)?;
            removed += 1;
        }
        Ok(removed)
    }

    /// After `fresh` was quarantined at `now`: deletes the copies of `name` older than
    /// [`QUARANTINE_MAX_AGE_SECS`] and all but the [`QUARANTINE_KEEP`] newest (`fresh` always
    /// stays: it is the one being reported). Copies whose suffix is not a time are not ours to
    /// judge and stay (sign-out deletes them).
    fn prune_quarantined(&self, name: &str, fresh: &Path, now: u64) -> Result<usize, StoreError> {
        let mut copies: Vec<(PathBuf, u64)> = self
            .quarantined(name)?
            .into_iter()
            .filter_map(|(path, stamp)| Some((path, stamp?)))
            .filter(|(path, _)| path != fresh)
            .collect();
        copies.sort_by_key(|(_, stamp)| std::cmp::Reverse(*stamp));
        let mut removed = 0;
        for (rank, (path, stamp)) in copies.iter().enumerate() {
            // `fresh` holds the first place.
            let too_many = rank + 1 >= QUARANTINE_KEEP;
            let too_old = now.saturating_sub(*stamp) > QUARANTINE_MAX_AGE_SECS;
            if too_many || too_old {
                remove(path)?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Waits for the exclusive session lock (held by whichever process is refreshing).
    pub async fn lock(&self) -> Result<StoreLock, StoreError> {
        self.ensure_dir()?;
        let path = self.path(LOCK_FILE);
        let io = self.io(LOCK_FILE);
        tokio::task::spawn_blocking(move || lock_file(&path))
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))
            .and_then(|r| r)
            .map_err(io)
    }

    /// [`Store::lock`] from synchronous code: blocks the thread while another process holds
    /// the lock. For locks that are only ever held for a few file operations.
    pub fn lock_blocking(&self) -> Result<StoreLock, StoreError> {
        self.ensure_dir()?;
        lock_file(&self.path(LOCK_FILE)).map_err(self.io(LOCK_FILE))
    }
}

/// Opens (creating it 0600, never through a link) and locks the lock file at `path`.
fn lock_file(path: &Path) -> std::io::Result<StoreLock> {
    let file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)?;
    file.lock()?;
    Ok(StoreLock { _file: file })
}

/// Deletes a file; one already gone is fine.
fn remove(path: &Path) -> Result<(), StoreError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::Io {
            path: path.to_path_buf(),
            source: Arc::new(e),
        }),
    }
}

#[cfg(test)]
mod tests;
