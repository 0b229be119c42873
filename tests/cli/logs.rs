//! No token value reaches the logs, at any level; nor, with DPoP, the key or a proof.

use crate::rig::Rig;
use crate::support::cli::Run;
use crate::support::dpop;

#[tokio::test]
async fn a_trace_level_run_logs_no_token() {
    traced_run_logs_no_secret(false).await;
}

#[tokio::test]
async fn a_trace_level_dpop_run_logs_no_token_key_or_proof() {
    traced_run_logs_no_secret(true).await;
}

async fn traced_run_logs_no_secret(with_dpop: bool) {
    let rig = Rig::start(|o| {
        o.access_ttl = 30;
        o.dpop = with_dpop;
    })
    .await;
    let trace = [("RUST_LOG", "trace")];
    let (_, login) = rig.login_with(Some("approve"), &trace).await;
    assert_eq!(login.code, 0);
    let mut logs = login.stderr.clone();
    let mut secrets = Vec::new();
    let (refresh, access) = rig.stored_tokens();
    secrets.extend([refresh, access]);
    if with_dpop {
        let key = dpop::stored_key(&rig).expect("a DPoP key");
        secrets.push(key.stored().expose().to_string());
    }

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
        "something JWT-shaped (a token, a proof) reached the logs"
    );
}
