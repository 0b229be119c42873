//! A correct configuration for the demo server passes; the session file is checked when there
//! is one, and left exactly as it was.

use std::os::unix::fs::PermissionsExt;

use tempfile::TempDir;
use tvauth::demo::{DemoOptions, DemoServer};

use crate::support::activation::{self, PERSON};
use crate::support::cli::{ConfigDir, Login};
use crate::{assert_fails, check, doctor, with_status};

/// A demo server polled every second, and a config dir pointing at it.
pub async fn demo(configure: impl FnOnce(&mut DemoOptions)) -> (DemoServer, TempDir, ConfigDir) {
    let data = TempDir::new().unwrap();
    let mut options = DemoOptions::new(data.path());
    options.interval = 1;
    configure(&mut options);
    let server = DemoServer::start(options).await.unwrap();
    let dir = ConfigDir::with_config(&server.client_config_ron());
    (server, data, dir)
}

#[tokio::test]
async fn a_correct_config_passes_every_check_that_applies() {
    let (_server, _data, dir) = demo(|_| {}).await;
    let (run, report) = doctor(&dir, &[]).await;
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(report["healthy"], true);
    assert!(with_status(&report, "fail").is_empty(), "{report:#}");
    // Nobody signed in yet: the only check that does not apply.
    assert_eq!(with_status(&report, "skipped"), ["session_file"]);
    assert_eq!(with_status(&report, "pass").len(), 12);
    assert_eq!(check(&report, "api")["status"], "pass");

    // The same, for a person: a mark per check, and the verdict.
    let human = dir.run(&["doctor"]).await;
    assert_eq!(human.code, 0, "{human:?}");
    assert_eq!(human.stdout.matches('✓').count(), 12, "{}", human.stdout);
    assert!(
        human.stdout.contains("All checks passed"),
        "{}",
        human.stdout
    );
    let french = dir.run(&["--lang", "fr", "doctor"]).await;
    assert!(french.stdout.contains("Tout est bon"), "{}", french.stdout);
}

#[tokio::test]
async fn the_session_file_is_checked_and_left_alone() {
    let (server, _data, dir) = demo(|_| {}).await;
    let http = reqwest::Client::new();
    let mut login = Login::spawn(dir.command(&["login", "--json"]));
    while let Some(event) = login.next().await {
        if event["event"] == "code" {
            let code = event["user_code"].as_str().unwrap();
            activation::decided(&http, server.issuer(), code, PERSON, "approve").await;
        }
    }
    assert_eq!(login.wait().await.1.code, 0);
    let before = dir.session_bytes().unwrap();
    let refresh_token = dir.refresh_token();

    let (run, report) = doctor(&dir, &[]).await;
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(check(&report, "session_file")["status"], "pass");
    assert!(!run.stdout.contains(&refresh_token));

    // A session file others can read fails, and says how to fix it.
    let path = dir.profile_path("session.ron");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (run, report) = doctor(&dir, &[]).await;
    assert_fails(&run, &report, &["session_file"]);
    let fix = check(&report, "session_file")["fix"].as_str().unwrap();
    assert!(fix.contains("chmod 600"), "{fix}");
    // Nothing was changed, moved or refreshed.
    assert_eq!(dir.session_bytes().unwrap(), before);
    assert_eq!(crate::support::cli::mode(&path), 0o644);
}
