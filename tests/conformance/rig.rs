//! The real `tvauth` binary with its own config dir, pointed at a peer.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Stdio;

use serde_json::Value;
use tempfile::TempDir;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};
use tvauth::session::SessionFile;

use crate::peer::{Method, Peer};

pub const BIN: &str = env!("CARGO_BIN_EXE_tvauth");

/// The outcome of a command.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub struct Rig {
    pub dir: TempDir,
}

/// A running `tvauth login --json`, read event by event.
pub struct Login {
    pub child: Child,
    lines: Lines<BufReader<ChildStdout>>,
    pub events: Vec<Value>,
}

impl Login {
    /// The next JSON event (None at the end of output).
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

    /// Reads to the end; the exit status, the last event and stderr.
    pub async fn finish(mut self) -> (i32, Value, String) {
        while self.next().await.is_some() {}
        let output = self.child.wait_with_output().await.unwrap();
        let last = self.events.last().cloned().unwrap_or(Value::Null);
        (
            output.status.code().unwrap_or(-1),
            last,
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }
}

impl Rig {
    /// A config dir whose config.ron is `config`.
    pub fn new(config: &str) -> Rig {
        let dir = TempDir::new().unwrap();
        std::fs::write(dir.path().join("config.ron"), config).unwrap();
        Rig { dir }
    }

    /// A rig for `client_id` of `peer`, with extra config fields.
    pub fn for_peer(peer: &Peer, client_id: &str, extra: &str) -> Rig {
        Rig::new(&peer.config_ron(client_id, extra))
    }

    pub fn write_config(&self, config: &str) {
        std::fs::write(self.path("config.ron"), config).unwrap();
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A rig whose client is the peer's confidential client for `method`, with `secret` in a
    /// 0600 file beside config.ron.
    pub fn confidential(peer: &Peer, method: Method, secret: &str) -> Rig {
        let client = peer.confidential_client(method);
        let rig = Rig::for_peer(peer, client, "");
        let file = rig.install_secret(secret, 0o600);
        rig.write_config(&peer.config_ron(
            client,
            &format!(
                "client_secret_file: \"{file}\", token_endpoint_auth_method: \"{}\",",
                method.name()
            ),
        ));
        rig
    }

    /// Writes a client secret beside config.ron with `mode`; returns its name.
    pub fn install_secret(&self, secret: &str, mode: u32) -> &'static str {
        let path = self.path("client-secret");
        std::fs::write(&path, format!("{secret}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        "client-secret"
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .env("TVAUTH_CONFIG_DIR", self.dir.path())
            .env("LANG", "C.UTF-8")
            // The browser is the test itself: opening succeeds and does nothing.
            .env("BROWSER", "true")
            .env_remove("LANGUAGE")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("RUST_LOG")
            .env_remove("TVAUTH_CLIENT_SECRET")
            .env_remove("TVAUTH_SERVICE_CLIENT_SECRET")
            .stdin(Stdio::null())
            .kill_on_drop(true);
        command
    }

    pub async fn run(&self, args: &[&str]) -> Run {
        let output = self.command(args).output().await.unwrap();
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Starts a `--json` login with extra arguments.
    pub fn login(&self, extra: &[&str]) -> Login {
        let mut args = vec!["login", "--json"];
        args.extend_from_slice(extra);
        let mut child = self
            .command(&args)
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

    pub fn session_file(&self) -> SessionFile {
        match std::fs::read_to_string(self.path("session.ron")) {
            Ok(text) => ron::from_str(&text).unwrap(),
            Err(_) => SessionFile::default(),
        }
    }

    /// The stored refresh token.
    pub fn refresh_token(&self) -> String {
        let session = self.session_file().session.expect("signed in");
        session.refresh_token.unwrap().expose().to_string()
    }

    /// Makes the stored access token look expired, so the next command refreshes.
    pub fn expire_access_token(&self) {
        let mut file = self.session_file();
        file.session
            .as_mut()
            .expect("signed in")
            .access_token_expires_at = Some(0);
        std::fs::write(
            self.path("session.ron"),
            ron::ser::to_string(&file).unwrap(),
        )
        .unwrap();
    }
}
