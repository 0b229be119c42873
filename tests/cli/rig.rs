//! A test rig: a demo server, and the binary in a config dir whose config.ron points at it
//! (the binary, the config dir, `Run`, the session file and the `login --json` reader are the
//! shared rig of `support::cli`; a `Rig` derefs to its `ConfigDir`).

use std::ops::Deref;

use serde_json::Value;
use tempfile::TempDir;
use tvauth::demo::{DemoOptions, DemoServer};

use crate::support::activation::{self, PERSON};
use crate::support::cli::{ConfigDir, Login, Run};
use crate::support::oauth;

pub struct Rig {
    pub server: Option<DemoServer>,
    pub base: String,
    pub config: ConfigDir,
    pub data_dir: TempDir,
    pub http: reqwest::Client,
}

impl Deref for Rig {
    type Target = ConfigDir;

    fn deref(&self) -> &ConfigDir {
        &self.config
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
        Rig {
            base: server.issuer().to_string(),
            config: ConfigDir::with_config(&server.client_config_ron()),
            server: Some(server),
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

    /// `tvauth login --json` with extra environment, the person answering `decision` on the
    /// activation page: the JSON events and the exit status.
    pub async fn login_with(
        &self,
        decision: Option<&str>,
        env: &[(&str, &str)],
    ) -> (Vec<Value>, Run) {
        let mut command = self.command(&["login", "--json"]);
        command.envs(env.iter().copied());
        let mut login = Login::spawn(command);
        while let Some(event) = login.next().await {
            if event["event"] == "code"
                && let Some(decision) = decision
            {
                let user_code = event["user_code"].as_str().unwrap();
                activation::decided(&self.http, &self.base, user_code, PERSON, decision).await;
            }
        }
        login.wait().await
    }

    /// `tvauth login --json EXTRA` approved by `person` on the activation page: the events and
    /// how it ended.
    pub async fn login_as(&self, person: &str, extra: &[&str]) -> (Vec<Value>, Run) {
        let mut login = self.login(extra);
        while let Some(event) = login.next().await {
            if event["event"] == "code" {
                let user_code = event["user_code"].as_str().unwrap();
                activation::decided(&self.http, &self.base, user_code, person, "approve").await;
            }
        }
        login.wait().await
    }

    /// [`Rig::login_as`], which must succeed; the "authorized" event.
    pub async fn sign_in_as(&self, person: &str, extra: &[&str]) -> Value {
        let (events, run) = self.login_as(person, extra).await;
        assert_eq!(run.code, 0, "{run:?} {events:?}");
        let last = events.last().unwrap().clone();
        assert_eq!(last["event"], "authorized", "{events:?}");
        last
    }

    /// A signed-in `tvauth login --json`, approved; the events.
    pub async fn sign_in(&self) -> Vec<Value> {
        let (events, run) = self.login_with(Some("approve"), &[]).await;
        assert_eq!(run.code, 0, "{run:?}");
        events
    }

    /// Asks the server directly to refresh with `token` and says whether it refused with
    /// `invalid_grant`. Only for tokens expected dead: a live one would be rotated.
    pub async fn refresh_token_rejected(&self, token: &str) -> bool {
        oauth::refresh_error(&self.http, &self.base, "tvauth-tv", token)
            .await
            .as_deref()
            == Some("invalid_grant")
    }
}
