//! Secrets in tvauth's environment stay in tvauth: the browser it starts does not get them.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use crate::rig::Rig;
use crate::support::cli::Run;

#[tokio::test]
async fn the_browser_does_not_inherit_the_client_secrets() {
    let rig = Rig::start(|_| {}).await;
    let dir = tempfile::TempDir::new().unwrap();
    let seen = dir.path().join("environment");
    let browser = dir.path().join("browser");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nenv > '{}.tmp' && mv '{0}.tmp' '{0}'\n",
            seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let run: Run = rig
        .command(&["login", "--browser", "--json", "--timeout", "2"])
        .env("BROWSER", &browser)
        .env("TVAUTH_CLIENT_SECRET", "device-secret-3f9a")
        .env("TVAUTH_SERVICE_CLIENT_SECRET", "service-secret-7c1e")
        .env("TVAUTH_TEST_MARKER", "passed-on")
        .output()
        .await
        .unwrap()
        .into();
    assert!(run.stdout.contains("\"opened\":true"), "{run:?}");
    for _ in 0..50 {
        if seen.exists() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let environment = std::fs::read_to_string(&seen).expect("the browser ran");
    assert!(environment.contains("TVAUTH_TEST_MARKER=passed-on"));
    assert!(
        !environment.contains("TVAUTH_CLIENT_SECRET"),
        "{environment}"
    );
    assert!(!environment.contains("TVAUTH_SERVICE_CLIENT_SECRET"));
    assert!(!environment.contains("secret-"));
}
