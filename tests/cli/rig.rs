//! A test rig: a demo server, a config dir whose config.ron points at it, and the binary.

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;
use tvauth::demo::{DemoOptions, DemoServer};
use tvauth::session::SessionFile;

pub const BIN: &str = env!("CARGO_BIN_EXE_tvauth");

pub struct Rig {
    pub server: Option<DemoServer>,
    pub base: String,
    pub config_dir: TempDir,
    pub data_dir: TempDir,
    pub http: reqwest::Client,
}

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

impl Rig {
    /// A demo server polled every second; `configure` may change more.
    pub async fn start(configure: impl FnOnce(&mut DemoOptions)) -> Rig {
        let data_dir = TempDir::new().unwrap();
        let mut options = DemoOptions::new(data_dir.path());
        options.interval = 1;
        configure(&mut options);
        let server = DemoServer::start(options).await.unwrap();
        let config_dir = TempDir::new().unwrap();
        std::fs::write(
            config_dir.path().join("config.ron"),
            server.client_config_ron(),
        )
        .unwrap();
        Rig {
            base: server.issuer().to_string(),
            server: Some(server),
            config_dir,
            data_dir,
            http: reqwest::Client::new(),
        }
    }

    pub async fn stop_server(&mut self) {
        if let Some(server) = self.server.take() {
            server.shutdown().await;
        }
    }

    /// Starts the server again on the same data dir (and so the same port).
    pub async fn restart_server(&mut self) {
        self.stop_server().await;
        let mut options = DemoOptions::new(self.data_dir.path());
        options.interval = 1;
        let server = DemoServer::start(options).await.unwrap();
        assert_eq!(server.issuer(), self.base, "same port after a restart");
        self.server = Some(server);
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .env("TVAUTH_CONFIG_DIR", self.config_dir.path())
            .env("LANG", "C.UTF-8")
            .env_remove("LANGUAGE")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .kill_on_drop(true);
        command
    }

    pub async fn run(&self, args: &[&str]) -> Run {
        self.command(args).output().await.unwrap().into()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.config_dir.path().join(name)
    }

    pub fn session_file(&self) -> SessionFile {
        let text = std::fs::read_to_string(self.path("session.ron")).unwrap();
        ron::from_str(&text).unwrap()
    }

    /// The refresh and access tokens on disk now.
    pub fn stored_tokens(&self) -> (String, String) {
        let file = self.session_file();
        let session = file.session.expect("signed in");
        (
            session.refresh_token.unwrap().expose().to_string(),
            session.access_token.unwrap().expose().to_string(),
        )
    }

    /// `tvauth login --json` with extra environment, the person answering `decision` on the
    /// activation page: the JSON events and the exit status.
    pub async fn login_with(
        &self,
        decision: Option<&str>,
        env: &[(&str, &str)],
    ) -> (Vec<Value>, Run) {
        let mut command = self.command(&["login", "--json"]);
        command
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut events = Vec::new();
        while let Some(line) = lines.next_line().await.unwrap() {
            let event: Value =
                serde_json::from_str(&line).unwrap_or_else(|_| panic!("not JSON: {line}"));
            if event["event"] == "code"
                && let Some(decision) = decision
            {
                let user_code = event["user_code"].as_str().unwrap().to_string();
                let (status, _) = crate::activation::decide(
                    &self.http,
                    &self.base,
                    &user_code,
                    "Alex Martin",
                    decision,
                )
                .await;
                assert!(status.is_success());
            }
            events.push(event);
        }
        let output = child.wait_with_output().await.unwrap();
        (events, output.into())
    }

    pub async fn login(&self) -> Vec<Value> {
        let (events, run) = self.login_with(Some("approve"), &[]).await;
        assert_eq!(run.code, 0, "{run:?}");
        events
    }

    /// Asks the server directly to refresh with `token` and says whether it refused with
    /// `invalid_grant`. Only for tokens expected dead: a live one would be rotated.
    pub async fn refresh_token_rejected(&self, token: &str) -> bool {
        let response = self
            .http
            .post(format!("{}oauth/token", self.base))
            .form(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", token),
                ("client_id", "tvauth-tv"),
            ])
            .send()
            .await
            .unwrap();
        let body: Value = response.json().await.unwrap();
        body["error"] == "invalid_grant"
    }
}

pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}
