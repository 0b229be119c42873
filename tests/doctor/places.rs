//! The doctor checks the configuration the other commands would read: the system-wide file
//! (here named with `TVAUTH_SYSTEM_CONFIG`) when the user has none, and a file of comments only
//! (as the package ships /etc/tvauth/config.ron) is no configuration.

use crate::demo::demo;
use crate::support::cli::ConfigDir;
use crate::{assert_fails, check, doctor};

#[tokio::test]
async fn the_system_config_is_checked_when_the_user_has_none() {
    let (_server, _data, dir) = demo(|_| {}).await;
    let system = dir.system_config_path();
    std::fs::rename(dir.path("config.ron"), &system).unwrap();
    let (run, report) = doctor(&dir, &[]).await;
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(report["config"], system.display().to_string());
    assert_eq!(report["config_source"], "system");
    let detail = check(&report, "config")["detail"].as_str().unwrap();
    assert!(detail.contains(&system.display().to_string()), "{detail}");
}

#[tokio::test]
async fn the_shipped_system_config_is_no_configuration() {
    let dir = ConfigDir::empty();
    let system = dir.system_config_path();
    std::fs::write(&system, include_str!("../../packaging/config.ron")).unwrap();
    let (run, report) = doctor(&dir, &[]).await;
    assert_fails(&run, &report, &["config"]);
    let config = check(&report, "config");
    assert_eq!(config["problem"], "config_missing");
    assert_eq!(report["config_source"], "embedded_demo");
    let fix = config["fix"].as_str().unwrap();
    for place in [dir.path("config.ron"), system.clone()] {
        assert!(fix.contains(&place.display().to_string()), "{fix}");
    }
    // Named with --config, it is a file that sets nothing, and the fix is to edit it.
    let (run, report) = doctor(&dir, &["--config", system.to_str().unwrap()]).await;
    assert_fails(&run, &report, &["config"]);
    let config = check(&report, "config");
    assert_eq!(config["problem"], "config_invalid");
    assert!(
        config["why"].as_str().unwrap().contains("sets nothing"),
        "{config}"
    );
    assert_eq!(report["config"], system.display().to_string());
}
