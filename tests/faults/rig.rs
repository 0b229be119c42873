//! One cell's world: a demo server behind a fault proxy (the proxy's URL is the issuer), a
//! config dir pointing at the proxy, and the real `tvauth` binary run with `RUST_LOG=trace`
//! under a time limit, its output read as it comes. The binary and the config dir are the
//! shared rig of `support::cli`; a `Cell` derefs to its `ConfigDir`.

use std::ops::Deref;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde_json::Value;
use tempfile::TempDir;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::Command;
use tvauth::config::Config;
use tvauth::demo::{DemoOptions, DemoServer};
use tvauth::session::{Account, LoginEvent};
use tvauth::store::Store;

use crate::fault::provider_key_pem;
use crate::proxy::Proxy;
use crate::support::activation::{self, PERSON};
use crate::support::cli::ConfigDir;

pub struct Cell {
    pub proxy: Proxy,
    _demo: DemoServer,
    /// The demo server's own address, for the person's approval (not through the proxy).
    pub demo_base: String,
    pub config: ConfigDir,
    _data_dir: TempDir,
    pub http: reqwest::Client,
}

impl Deref for Cell {
    type Target = ConfigDir;

    fn deref(&self) -> &ConfigDir {
        &self.config
    }
}

/// How a command ended, or did not, within its time limit.
#[derive(Debug)]
pub struct TimedRun {
    /// None: still running at the time limit, then killed.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    /// The `--json` events of `login`, with the time each was read.
    pub events: Vec<(Instant, Value)>,
}

impl TimedRun {
    pub fn events_named(&self, name: &str) -> Vec<&Value> {
        self.events
            .iter()
            .map(|(_, e)| e)
            .filter(|e| e["event"] == name)
            .collect()
    }

    pub fn event_names(&self) -> Vec<String> {
        self.events
            .iter()
            .map(|(_, e)| e["event"].as_str().unwrap_or("?").to_string())
            .collect()
    }

    pub fn exit(&self) -> String {
        match self.code {
            Some(code) => format!("exit {code}"),
            None => format!("still running after {:.1} s", self.elapsed.as_secs_f64()),
        }
    }
}

impl Cell {
    /// A demo server polled every second whose access tokens are always due for a refresh
    /// (30 s, under the client's 60 s margin); `configure` may change more.
    pub async fn start(configure: impl FnOnce(&mut DemoOptions)) -> Cell {
        let proxy = Proxy::bind().await;
        let data_dir = TempDir::new().unwrap();
        std::fs::write(data_dir.path().join("signing-key.pem"), provider_key_pem()).unwrap();
        let mut options = DemoOptions::new(data_dir.path());
        options.public_url = Some(proxy.url().parse().unwrap());
        options.interval = 1;
        options.access_ttl = 30;
        configure(&mut options);
        let demo = DemoServer::start(options).await.unwrap();
        assert_eq!(demo.issuer(), proxy.url(), "the proxy is the issuer");
        proxy.forward_to(demo.local_addr());
        let config = ConfigDir::with_config(&demo.client_config_ron());
        Cell {
            demo_base: format!("http://{}/", demo.local_addr()),
            proxy,
            _demo: demo,
            config,
            _data_dir: data_dir,
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
        }
    }

    /// An account on this cell's config dir, in this process (as the TV app has it).
    pub fn account(&self) -> Arc<Account> {
        let config = Config::load(&self.path("config.ron")).unwrap();
        Arc::new(Account::new(config, Store::new(self.dir.path())).unwrap())
    }

    /// Signs in through the proxy (no fault armed), in this process; returns the session
    /// file's bytes.
    pub async fn sign_in(&self) -> Vec<u8> {
        let account = self.account();
        let mut events = Box::pin(account.login());
        while let Some(event) = events.next().await {
            match &event {
                LoginEvent::Code(code) => self.approve(&code.user_code).await,
                LoginEvent::SignedIn(_) => break,
                other if other.is_final() => panic!("setup sign-in ended with {other:?}"),
                _ => {}
            }
        }
        self.session_bytes().expect("a session file after sign-in")
    }

    /// The person approves `user_code` on the demo server's page.
    pub async fn approve(&self, user_code: &str) {
        activation::decided(&self.http, &self.demo_base, user_code, PERSON, "approve").await;
    }

    /// The shared command, logging at trace level, its output piped.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = self.config.command(args);
        command
            .env("RUST_LOG", "trace")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    /// Runs `tvauth ARGS`, killed after `limit`.
    pub async fn run(&self, args: &[&str], limit: Duration) -> TimedRun {
        self.run_with(args, limit, |_| Step::Continue).await
    }

    /// Runs `tvauth ARGS`; `on_event` sees each JSON line of stdout as it comes and may
    /// approve the code.
    pub async fn run_with(
        &self,
        args: &[&str],
        limit: Duration,
        mut on_event: impl FnMut(&Value) -> Step,
    ) -> TimedRun {
        let started = Instant::now();
        let mut child = self.command(args).spawn().unwrap();
        let mut stderr_pipe = child.stderr.take().unwrap();
        let stderr_task = tokio::spawn(async move {
            let mut text = Vec::new();
            let _ = stderr_pipe.read_to_end(&mut text).await;
            String::from_utf8_lossy(&text).into_owned()
        });
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut stdout = String::new();
        let mut events = Vec::new();
        let deadline = tokio::time::Instant::from_std(started + limit);
        let mut stopped = false;
        loop {
            let line = match tokio::time::timeout_at(deadline, lines.next_line()).await {
                Ok(Ok(Some(line))) => line,
                Ok(_) => break,
                Err(_) => {
                    stopped = true;
                    break;
                }
            };
            stdout.push_str(&line);
            stdout.push('\n');
            let Ok(event) = serde_json::from_str::<Value>(&line) else {
                continue;
            };
            events.push((Instant::now(), event.clone()));
            match on_event(&event) {
                Step::Continue => {}
                Step::Approve(code) => self.approve(&code).await,
            }
        }
        let code = if stopped {
            let _ = child.kill().await;
            None
        } else {
            match tokio::time::timeout_at(deadline, child.wait()).await {
                Ok(status) => status.unwrap().code(),
                Err(_) => {
                    let _ = child.kill().await;
                    None
                }
            }
        };
        let elapsed = started.elapsed();
        let stderr = stderr_task.await.unwrap_or_default();
        TimedRun {
            code,
            stdout,
            stderr,
            elapsed,
            events,
        }
    }
}

/// What to do after a `--json` event.
pub enum Step {
    Continue,
    Approve(String),
}

/// Approves the code when it shows, and otherwise lets the run go on.
pub fn approving(event: &Value) -> Step {
    match (event["event"].as_str(), event["user_code"].as_str()) {
        (Some("code"), Some(code)) => Step::Approve(code.to_string()),
        _ => Step::Continue,
    }
}
