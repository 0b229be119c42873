//! Which config.ron the commands read: `--config`, else the config dir's, else the system-wide
//! one (here a file the test names with `TVAUTH_SYSTEM_CONFIG`), else the embedded demo; a file
//! of comments only (as the package ships /etc's) counts as none. `status` says which was read;
//! the session stays in the user's config dir whichever it is.

use serde_json::Value;
use tempfile::TempDir;

use crate::rig::Rig;
use crate::support::cli::{ConfigDir, Run};

/// The package's /etc/tvauth/config.ron, as shipped.
const SHIPPED: &str = include_str!("../../packaging/config.ron");

/// `status --json` with `env`: the run and its JSON.
async fn status(dir: &ConfigDir, args: &[&str], env: &[(&str, &std::path::Path)]) -> (Run, Value) {
    let mut all = args.to_vec();
    all.extend(["status", "--json"]);
    let mut command = dir.command(&all);
    command.envs(env.iter().copied());
    let run: Run = command.output().await.unwrap().into();
    let json = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    (run, json)
}

#[tokio::test]
async fn the_system_config_serves_a_user_without_one_and_the_session_stays_the_users() {
    let rig = Rig::start(|_| {}).await;
    let etc = TempDir::new().unwrap();
    let system = etc.path().join("config.ron");
    std::fs::rename(rig.path("config.ron"), &system).unwrap();
    let env = [("TVAUTH_SYSTEM_CONFIG", system.as_path())];

    let (run, json) = status(&rig, &[], &env).await;
    assert_eq!(run.code, 5, "{run:?}");
    assert!(!run.stderr.contains("demo"), "{run:?}");
    assert_eq!(json["config_source"], "system");
    assert_eq!(json["config_file"], system.display().to_string());

    let (events, run) = rig
        .login_with(
            Some("approve"),
            &[("TVAUTH_SYSTEM_CONFIG", system.to_str().unwrap())],
        )
        .await;
    assert_eq!(run.code, 0, "{run:?} {events:?}");
    assert!(
        rig.profile_path("session.ron").exists(),
        "the session is the user's"
    );
    let beside: Vec<_> = std::fs::read_dir(etc.path()).unwrap().collect();
    assert_eq!(beside.len(), 1, "nothing written beside the system file");

    let mut human = rig.command(&["status"]);
    human.env("TVAUTH_SYSTEM_CONFIG", &system);
    let human: Run = human.output().await.unwrap().into();
    assert_eq!(human.code, 0, "{human:?}");
    let said = format!("Configuration: {} (system-wide)", system.display());
    assert!(human.stdout.contains(&said), "{human:?}");

    // A user's file of comments only changes nothing; a real one wins over the system's.
    rig.write_config(SHIPPED);
    assert_eq!(status(&rig, &[], &env).await.1["config_source"], "system");
    rig.write_config(&std::fs::read_to_string(&system).unwrap());
    let (_, json) = status(&rig, &[], &env).await;
    assert_eq!(json["config_source"], "config_dir_env");
    assert_eq!(
        json["config_file"],
        rig.path("config.ron").display().to_string()
    );
    assert_eq!(json["signed_in"], true, "the same session, whichever file");

    // --config wins over both.
    let flag = etc.path().join("other.ron");
    std::fs::copy(&system, &flag).unwrap();
    let (_, json) = status(&rig, &["--config", flag.to_str().unwrap()], &env).await;
    assert_eq!(json["config_source"], "command_line");
    assert_eq!(json["config_file"], flag.display().to_string());
}

#[tokio::test]
async fn the_shipped_system_config_means_not_configured() {
    let dir = ConfigDir::empty();
    std::fs::write(dir.system_config_path(), SHIPPED).unwrap();
    let (run, json) = status(&dir, &[], &[]).await;
    assert_eq!(run.code, 5, "{run:?}");
    assert!(run.stderr.contains("embedded demo server"), "{run:?}");
    assert!(
        run.stderr
            .contains(&dir.system_config_path().display().to_string()),
        "the notice names the system file too: {run:?}"
    );
    assert_eq!(json["config_source"], "embedded_demo");
    assert_eq!(json["config_file"], Value::Null);
    let human = dir.run(&["status"]).await;
    assert!(
        human
            .stdout
            .contains("Configuration: none, the embedded demo server"),
        "{human:?}"
    );

    // Named with --config, the same file is an error that says what to do.
    let named = dir.system_config_path();
    let run = dir
        .run(&["--config", named.to_str().unwrap(), "status"])
        .await;
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("sets nothing") && run.stderr.contains("uncomment"),
        "{run:?}"
    );
    assert!(!run.stderr.contains("demo"), "{run:?}");
}

#[tokio::test]
async fn a_broken_system_config_is_an_error_not_the_demo() {
    let dir = ConfigDir::empty();
    std::fs::write(dir.system_config_path(), "(issuer: ").unwrap();
    let run = dir.run(&["status"]).await;
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .contains(&dir.system_config_path().display().to_string()),
        "{run:?}"
    );
    assert!(!run.stderr.contains("embedded demo"), "{run:?}");
}
