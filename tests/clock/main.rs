//! A box whose clock is off still signs in: the real `tvauth` binary run under libfaketime
//! (Debian package `faketime`; `tests/run.sh` installs it), 3 days behind and 2 hours ahead of
//! a demo server that runs in this test process on the true time. Sign-in (the ID token's
//! `iat`/`exp` are in the server's time), `api`, a refresh through `token`, and `status`
//! reporting the offset; then the clock is "set" (the binary run without faketime, as after
//! network time arrives) and the saved times still hold.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/lib.rs"]
mod support;

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;
use tempfile::TempDir;
use tvauth::demo::{DemoOptions, DemoServer};

use support::activation::{self, PERSON};
use support::cli::{ConfigDir, Login, Run};

const THREE_DAYS: i64 = 3 * 86_400;
const TWO_HOURS: i64 = 2 * 3600;
/// A measurement is off by the header's whole seconds and the time a command takes.
const SLACK: i64 = 5;

/// The `faketime` wrapper for an offset (libfaketime's relative format, e.g. `-3d`), with the
/// monotonic clock left real: timeouts and poll intervals count real time, as on a box whose
/// wall clock alone is wrong. Fails, never skips, when faketime is missing.
fn faketime(offset: &str) -> Vec<String> {
    let found = std::process::Command::new("faketime")
        .args(["-f", "+0", "true"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found,
        "the `faketime` program (Debian package faketime, with libfaketime) is needed for the \
         wrong-clock tests: apt-get install faketime (tests/run.sh installs it)"
    );
    ["faketime", "-m", "-f", offset].map(String::from).to_vec()
}

fn real_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A demo server on the true time and a config dir pointing at it.
struct Rig {
    _server: DemoServer,
    _data: TempDir,
    base: String,
    config: ConfigDir,
    http: reqwest::Client,
    wrapper: Vec<String>,
}

impl Rig {
    async fn start(offset: &str, dpop: bool) -> Rig {
        let wrapper = faketime(offset);
        let data = TempDir::new().unwrap();
        let mut options = DemoOptions::new(data.path());
        options.interval = 1;
        options.dpop = dpop;
        let server = DemoServer::start(options).await.unwrap();
        Rig {
            base: server.issuer().to_string(),
            config: ConfigDir::with_config(&server.client_config_ron()),
            _server: server,
            _data: data,
            http: reqwest::Client::new(),
            wrapper,
        }
    }

    /// `tvauth ARGS` under the wrong clock.
    fn command(&self, args: &[&str]) -> tokio::process::Command {
        let wrapper: Vec<&str> = self.wrapper.iter().map(String::as_str).collect();
        let mut command = self.config.command_under(&wrapper, args);
        command.env("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        command
    }

    async fn run(&self, args: &[&str]) -> Run {
        self.command(args).output().await.unwrap().into()
    }

    /// `tvauth login --json` under the wrong clock, approved on the activation page.
    async fn sign_in(&self) {
        let mut login = Login::spawn(self.command(&["login", "--json"]));
        let code = login.until("code").await;
        let user_code = code["user_code"].as_str().unwrap();
        activation::decided(&self.http, &self.base, user_code, PERSON, "approve").await;
        let (events, run) = login.wait().await;
        assert_eq!(
            run.code, 0,
            "sign-in under a wrong clock: {events:?} {run:?}"
        );
        assert_eq!(events.last().unwrap()["event"], "authorized", "{events:?}");
    }

    fn status_json(run: &Run) -> Value {
        assert_eq!(run.code, 0, "{run:?}");
        serde_json::from_str(run.stdout.trim()).unwrap()
    }

    /// `status --json`, run under the wrong clock or (`fixed`) with the clock set right.
    async fn status(&self, fixed: bool) -> Value {
        let run = if fixed {
            self.config.run(&["status", "--json"]).await
        } else {
            self.run(&["status", "--json"]).await
        };
        Rig::status_json(&run)
    }

    /// `api` works and prints the demo library.
    async fn api(&self, fixed: bool) {
        let run = if fixed {
            self.config.run(&["api"]).await
        } else {
            self.run(&["api"]).await
        };
        assert_eq!(run.code, 0, "{run:?}");
        let library: Value = serde_json::from_str(run.stdout.trim()).unwrap();
        assert!(library["items"].is_array(), "{library}");
    }
}

fn assert_near(what: &str, actual: i64, expected: i64) {
    assert!(
        (actual - expected).abs() <= SLACK,
        "{what}: {actual}, expected {expected} ± {SLACK}"
    );
}

/// The whole life of a session on a box whose clock is `offset` seconds off (`faketime`
/// says it as `spelled`), its tokens bound with DPoP when `dpop` (the proofs' `iat` must then
/// be the server's time, learnt from its `Date`).
async fn a_box_off_by(offset: i64, spelled: &str, said: &str, dpop: bool) {
    let rig = Rig::start(spelled, dpop).await;
    let date = rig.http.get(&rig.base).send().await.unwrap();
    assert!(
        date.headers().contains_key("date"),
        "the demo server sends Date"
    );

    rig.sign_in().await;
    let status = rig.status(false).await;
    assert_eq!(status["signed_in"], true, "{status}");
    assert_eq!(status["dpop_bound"], dpop, "{status}");
    assert_near(
        "offset after sign-in",
        status["clock_offset_seconds"].as_i64().unwrap(),
        offset,
    );
    assert_eq!(status["clock_off"], true, "{status}");
    assert_eq!(status["access_token_valid"], true, "{status}");
    // Saved times are the provider's (true) ones, not this box's.
    let file = rig.config.stored_session_file();
    let session = file.session.as_ref().unwrap();
    assert_near("signed_in_at", session.signed_in_at as i64, real_now());
    assert_near(
        "access token expiry",
        session.access_token_expires_at.unwrap() as i64,
        real_now() + 3600,
    );

    let human = rig.run(&["status"]).await;
    assert!(human.stdout.contains(said), "{human:?}");
    let french = rig.run(&["--lang", "fr", "status"]).await;
    assert!(
        french.stdout.contains("L'horloge de ce téléviseur a"),
        "{french:?}"
    );

    // The access token is used as long as it is valid by the provider's clock: no refresh.
    let (refresh, access) = rig.config.stored_tokens();
    rig.api(false).await;
    assert_eq!(
        rig.config.stored_tokens(),
        (refresh.clone(), access.clone()),
        "no refresh while the token is valid"
    );

    // A refresh under the wrong clock (the ID token in the answer is checked again).
    rig.config.expire_access_token();
    let token = rig.run(&["token"]).await;
    assert_eq!(token.code, 0, "{token:?}");
    let (rotated, fresh) = rig.config.stored_tokens();
    assert_ne!(rotated, refresh, "the refresh token rotated");
    assert_eq!(
        token.stdout.trim(),
        fresh,
        "the new access token is printed"
    );
    let file = rig.config.stored_session_file();
    let session = file.session.as_ref().unwrap();
    assert_near(
        "refreshed_at",
        session.refreshed_at.unwrap() as i64,
        real_now(),
    );
    rig.api(false).await;

    // Network time arrives: the same commands with the clock set right. The saved times
    // still hold (no offset left, the token still valid, no refresh needed).
    let fixed = rig.status(true).await;
    assert_near(
        "offset once the clock is set",
        fixed["clock_offset_seconds"].as_i64().unwrap(),
        0,
    );
    assert_eq!(fixed["clock_off"], false, "{fixed}");
    assert_eq!(fixed["access_token_valid"], true, "{fixed}");
    rig.api(true).await;
    assert_eq!(
        rig.config.stored_tokens(),
        (rotated, fresh),
        "no refresh after the clock was set"
    );
}

#[tokio::test]
async fn a_box_three_days_behind_signs_in_refreshes_and_says_so() {
    a_box_off_by(
        -THREE_DAYS,
        "-3d",
        "This TV's clock is 3 days off (behind the provider's)",
        false,
    )
    .await;
}

#[tokio::test]
async fn a_box_three_days_behind_signs_in_refreshes_and_says_so_with_dpop() {
    a_box_off_by(
        -THREE_DAYS,
        "-3d",
        "This TV's clock is 3 days off (behind the provider's)",
        true,
    )
    .await;
}

#[tokio::test]
async fn a_box_two_hours_ahead_signs_in_refreshes_and_says_so() {
    a_box_off_by(
        TWO_HOURS,
        "+2h",
        "This TV's clock is 2 hours off (ahead of the provider's)",
        false,
    )
    .await;
}

#[tokio::test]
async fn a_box_two_hours_ahead_signs_in_refreshes_and_says_so_with_dpop() {
    a_box_off_by(
        TWO_HOURS,
        "+2h",
        "This TV's clock is 2 hours off (ahead of the provider's)",
        true,
    )
    .await;
}
