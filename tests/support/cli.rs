//! The one CLI test rig: the real `tvauth` binary run in a config dir of its own, with an
//! environment that the machine running the tests cannot leak into; what a command did; the
//! session file it left; a `login --json` read event by event.
//!
//! Each suite's own rig (the demo server of `cli`, the peers of `conformance`, the fault proxy
//! of `faults`) holds a [`ConfigDir`] and derefs to it.

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};
use tvauth::session::SessionFile;

pub const BIN: &str = env!("CARGO_BIN_EXE_tvauth");

/// The outcome of a command.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// A temporary config dir (`TVAUTH_CONFIG_DIR`) and the binary run in it.
#[derive(Debug)]
pub struct ConfigDir {
    pub dir: TempDir,
}

impl ConfigDir {
    /// An empty config dir (no config.ron: the binary falls back to the embedded demo server).
    pub fn empty() -> ConfigDir {
        ConfigDir {
            dir: TempDir::new().unwrap(),
        }
    }

    /// A config dir whose config.ron is `config`.
    pub fn with_config(config: &str) -> ConfigDir {
        let dir = ConfigDir::empty();
        dir.write_config(config);
        dir
    }

    pub fn write_config(&self, config: &str) {
        std::fs::write(self.path("config.ron"), config).unwrap();
    }

    /// A file of the config dir.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// What the binary takes for /etc/tvauth/config.ron (`TVAUTH_SYSTEM_CONFIG`): a file of the
    /// config dir, absent until a test writes it, so the machine's own /etc never leaks in.
    pub fn system_config_path(&self) -> PathBuf {
        self.path("system-config.ron")
    }

    /// `tvauth ARGS` in this config dir: English, no log filter, no client secret or systemd
    /// credentials, no system-wide config.ron but [`ConfigDir::system_config_path`], nothing
    /// on stdin, a `$BROWSER` that opens nothing (the test plays the browser), killed when
    /// dropped. Callers may set more (`RUST_LOG`, `BROWSER`, pipes) on the returned command.
    pub fn command(&self, args: &[&str]) -> Command {
        self.command_under(&[], args)
    }

    /// [`ConfigDir::command`] run through `wrapper` (a program and its arguments, e.g.
    /// `faketime -f -3d`), which is given the binary's path and `ARGS`.
    pub fn command_under(&self, wrapper: &[&str], args: &[&str]) -> Command {
        let mut command = match wrapper.split_first() {
            None => Command::new(BIN),
            Some((program, options)) => {
                let mut command = Command::new(program);
                command.args(options).arg(BIN);
                command
            }
        };
        command
            .args(args)
            .env("TVAUTH_CONFIG_DIR", self.dir.path())
            .env("TVAUTH_SYSTEM_CONFIG", self.system_config_path())
            .env("LANG", "C.UTF-8")
            .env("BROWSER", "true")
            .env_remove("LANGUAGE")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("RUST_LOG")
            .env_remove("TVAUTH_CLIENT_SECRET")
            .env_remove("TVAUTH_SERVICE_CLIENT_SECRET")
            .env_remove("CREDENTIALS_DIRECTORY")
            .stdin(Stdio::null())
            .kill_on_drop(true);
        command
    }

    /// Runs `tvauth ARGS` to the end.
    pub async fn run(&self, args: &[&str]) -> Run {
        self.command(args).output().await.unwrap().into()
    }

    /// Starts `tvauth login --json EXTRA`.
    pub fn login(&self, extra: &[&str]) -> Login {
        let mut args = vec!["login", "--json"];
        args.extend_from_slice(extra);
        Login::spawn(self.command(&args))
    }

    /// The profiles' directories, most recently used first (as the binary chooses its
    /// default: the latest `last_used_at`, then the latest `added_at`).
    pub fn profile_dirs(&self) -> Vec<PathBuf> {
        #[derive(serde::Deserialize)]
        struct Times {
            #[serde(default)]
            added_at: u64,
            #[serde(default)]
            last_used_at: u64,
        }
        let Ok(entries) = std::fs::read_dir(self.path("profiles")) else {
            return Vec::new();
        };
        let mut found: Vec<((u64, u64), PathBuf)> = entries
            .map(|e| e.unwrap().path())
            .filter_map(|dir| {
                let text = std::fs::read_to_string(dir.join("member.ron")).ok()?;
                let times: Times = ron::from_str(&text).unwrap();
                Some(((times.last_used_at, times.added_at), dir))
            })
            .collect();
        found.sort_by_key(|f| std::cmp::Reverse(f.0));
        found.into_iter().map(|(_, dir)| dir).collect()
    }

    /// A file of the most recently used profile (the one commands act for without
    /// `--profile`); a path that does not exist when there is no profile.
    pub fn profile_path(&self, name: &str) -> PathBuf {
        match self.profile_dirs().first() {
            Some(dir) => dir.join(name),
            None => self.path("profiles").join("(none)").join(name),
        }
    }

    /// The profiles as `tvauth profiles --json` lists them.
    pub async fn profiles(&self) -> Vec<Value> {
        let run = self.run(&["profiles", "--json"]).await;
        assert_eq!(run.code, 0, "{run:?}");
        serde_json::from_str::<Value>(&run.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    /// The bytes of the current profile's session.ron, if there is one.
    pub fn session_bytes(&self) -> Option<Vec<u8>> {
        std::fs::read(self.profile_path("session.ron")).ok()
    }

    /// The current profile's session.ron, parsed, with the box's queued revocations
    /// (revocations.ron); the empty file when there is neither (as the binary reads them).
    pub fn session_file(&self) -> SessionFile {
        let mut file = read_session_file(&self.profile_path("session.ron")).unwrap_or_default();
        file.pending_revocations = self.revocations();
        file
    }

    /// [`ConfigDir::session_file`]; panics when the current profile has no session.ron.
    pub fn stored_session_file(&self) -> SessionFile {
        let mut file = read_session_file(&self.profile_path("session.ron")).expect("a session.ron");
        file.pending_revocations = self.revocations();
        file
    }

    /// The box's queued revocations (revocations.ron).
    pub fn revocations(&self) -> Vec<tvauth::session::PendingRevocation> {
        #[derive(Default, serde::Deserialize)]
        struct Queue {
            #[serde(default)]
            pending_revocations: Vec<tvauth::session::PendingRevocation>,
        }
        std::fs::read_to_string(self.path("revocations.ron"))
            .map(|text| ron::from_str::<Queue>(&text).unwrap().pending_revocations)
            .unwrap_or_default()
    }

    /// The stored refresh token.
    pub fn refresh_token(&self) -> String {
        let session = self.session_file().session.expect("signed in");
        session.refresh_token.unwrap().expose().to_string()
    }

    /// The refresh and access tokens on disk now.
    pub fn stored_tokens(&self) -> (String, String) {
        let session = self.session_file().session.expect("signed in");
        (
            session.refresh_token.unwrap().expose().to_string(),
            session.access_token.unwrap().expose().to_string(),
        )
    }

    /// Makes the stored access token look expired, so the next command refreshes.
    pub fn expire_access_token(&self) {
        let mut file = self.session_file();
        file.session
            .as_mut()
            .expect("signed in")
            .access_token_expires_at = Some(0);
        file.pending_revocations = Vec::new();
        std::fs::write(
            self.profile_path("session.ron"),
            ron::ser::to_string(&file).unwrap(),
        )
        .unwrap();
    }
}

/// A session file at `path`, parsed; None when there is no such file.
pub fn read_session_file(path: &Path) -> Option<SessionFile> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(ron::from_str(&text).unwrap())
}

/// The permission bits of a file.
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A running `tvauth login --json`, read event by event.
#[derive(Debug)]
pub struct Login {
    pub child: Child,
    lines: Lines<BufReader<ChildStdout>>,
    /// The events read so far.
    pub events: Vec<Value>,
}

impl Login {
    /// Spawns `command` (a `login --json`) with stdout and stderr piped.
    pub fn spawn(mut command: Command) -> Login {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = BufReader::new(child.stdout.take().unwrap()).lines();
        Login {
            child,
            lines,
            events: Vec::new(),
        }
    }

    /// The next JSON event (None at the end of output); every line must be one.
    pub async fn next(&mut self) -> Option<Value> {
        let line = self.lines.next_line().await.unwrap()?;
        let event: Value =
            serde_json::from_str(&line).unwrap_or_else(|_| panic!("not JSON: {line}"));
        self.events.push(event.clone());
        Some(event)
    }

    /// Reads events until one named `name`.
    pub async fn until(&mut self, name: &str) -> Value {
        loop {
            let event = self
                .next()
                .await
                .unwrap_or_else(|| panic!("no '{name}' event in {:?}", self.events));
            if event["event"] == name {
                return event;
            }
        }
    }

    /// Reads to the end; all the events and how the command ended (its stdout was read as
    /// events, so `stdout` is empty).
    pub async fn wait(mut self) -> (Vec<Value>, Run) {
        while self.next().await.is_some() {}
        let output = self.child.wait_with_output().await.unwrap();
        (self.events, output.into())
    }

    /// Reads to the end; the exit status, the last event and stderr.
    pub async fn finish(self) -> (i32, Value, String) {
        let (events, run) = self.wait().await;
        let last = events.last().cloned().unwrap_or(Value::Null);
        (run.code, last, run.stderr)
    }
}
