//! No token value reaches the logs, at any level.

use crate::rig::Rig;
use crate::support::cli::Run;

#[tokio::test]
async fn a_trace_level_run_logs_no_token() {
    let rig = Rig::start(|o| o.access_ttl = 30).await;
    let trace = [("RUST_LOG", "trace")];
    let (_, login) = rig.login_with(Some("approve"), &trace).await;
    assert_eq!(login.code, 0);
    let mut logs = login.stderr.clone();
    let mut secrets = Vec::new();
    let (refresh, access) = rig.stored_tokens();
    secrets.extend([refresh, access]);

    for args in [&["token"][..], &["api"], &["status", "--json"], &["logout"]] {
        if args == ["logout"] {
            let (refresh, access) = rig.stored_tokens();
            secrets.extend([refresh, access]);
        }
        let run: Run = rig
            .command(args)
            .env("RUST_LOG", "trace")
            .output()
            .await
            .unwrap()
            .into();
        assert_eq!(run.code, 0, "{args:?}: {run:?}");
        if args == ["token"] {
            secrets.push(run.stdout.trim().to_string());
        }
        logs.push_str(&run.stderr);
    }
    assert!(
        logs.lines().count() > 50,
        "trace logging was on: {} lines",
        logs.lines().count()
    );
    for secret in &secrets {
        assert!(secret.len() > 20);
        assert!(
            !logs.contains(secret.as_str()),
            "a token value reached the logs"
        );
    }
    assert!(
        !logs.contains("eyJ"),
        "something JWT-shaped reached the logs"
    );
}
