use crate::rig::Rig;
use crate::support::cli::{ConfigDir, mode};

#[tokio::test]
async fn login_status_token_api_logout() {
    let rig = Rig::start(|_| {}).await;
    let before = rig.run(&["status"]).await;
    assert_eq!(before.code, 5, "signed out: {before:?}");

    let events = rig.sign_in().await;
    let code = &events[0];
    assert_eq!(code["event"], "code");
    for field in ["user_code", "verification_uri", "verification_uri_complete"] {
        assert!(
            code[field].as_str().is_some_and(|s| !s.is_empty()),
            "{field}"
        );
    }
    assert_eq!(code["expires_in"], 900);
    assert_eq!(code["interval"], 1);
    let last = events.last().unwrap();
    assert_eq!(last["event"], "authorized");
    assert_eq!(last["name"], "Alex Martin");
    assert!(last["sub"].as_str().unwrap().starts_with("demo|"));

    assert_eq!(mode(rig.dir.path()), 0o700);
    assert_eq!(mode(&rig.profile_path("session.ron")), 0o600);
    let (refresh, access) = rig.stored_tokens();

    let status = rig.run(&["status", "--json"]).await;
    assert_eq!(status.code, 0);
    let json: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(json["signed_in"], true);
    assert_eq!(json["name"], "Alex Martin");
    assert_eq!(json["can_refresh"], true);
    assert!(
        !status.stdout.contains(&access) && !status.stdout.contains(&refresh),
        "never a token"
    );

    let token = rig.run(&["token"]).await;
    assert_eq!(token.code, 0);
    assert_eq!(
        token.stdout.trim(),
        access,
        "the cached token is reused while fresh"
    );

    let api = rig.run(&["api"]).await;
    assert_eq!(api.code, 0, "{api:?}");
    let library: serde_json::Value = serde_json::from_str(&api.stdout).unwrap();
    assert!(library["items"].as_array().unwrap().len() >= 6);
    assert_eq!(library["items"][0]["subtitle"], "Documentary · 52 min");
    // The request says the language on screen (Accept-Language); the demo API answers in it.
    let api_fr = rig.run(&["--lang", "fr", "api"]).await;
    assert_eq!(api_fr.code, 0, "{api_fr:?}");
    let library_fr: serde_json::Value = serde_json::from_str(&api_fr.stdout).unwrap();
    assert_eq!(library_fr["items"][0]["subtitle"], "Documentaire · 52 min");
    let me = rig.run(&["api", "me"]).await;
    assert!(me.stdout.contains("Alex Martin"));

    let logout = rig.run(&["logout"]).await;
    assert_eq!(logout.code, 0);
    assert!(logout.stdout.contains("revoked"), "{logout:?}");
    assert!(rig.session_file().session.is_none());
    assert!(rig.session_file().pending_revocations.is_empty());
    assert!(
        rig.refresh_token_rejected(&refresh).await,
        "revoked at the provider"
    );

    assert_eq!(rig.run(&["token"]).await.code, 5);
    assert_eq!(rig.run(&["logout"]).await.code, 0);
}

#[tokio::test]
async fn declined_and_expired_sign_ins_have_their_own_exit_status() {
    let rig = Rig::start(|_| {}).await;
    let (events, run) = rig.login_with(Some("deny"), &[]).await;
    assert_eq!(run.code, 4);
    assert_eq!(events.last().unwrap()["event"], "denied");

    let rig = Rig::start(|o| o.expires_in = 2).await;
    let (events, run) = rig.login_with(None, &[]).await;
    assert_eq!(run.code, 3);
    assert_eq!(events.last().unwrap()["event"], "expired");
    assert!(events.iter().any(|e| e["event"] == "pending"));
}

#[tokio::test]
async fn a_client_counting_intervals_right_is_never_slowed_down() {
    // The server answers slow_down to any poll sooner than the interval after the previous
    // one; the client counts each interval from the previous response.
    let rig = Rig::start(|o| o.interval = 1).await;
    let (events, run) = rig.login_with(Some("approve"), &[]).await;
    assert_eq!(run.code, 0);
    assert!(
        events.iter().all(|e| e["event"] != "slow_down"),
        "a correct client is never slowed down: {events:?}"
    );
}

#[tokio::test]
async fn with_no_configuration_the_embedded_demo_server_is_used_and_said() {
    let config_dir = ConfigDir::empty();
    let run = config_dir.run(&["status"]).await;
    assert_eq!(run.code, 5);
    assert!(run.stderr.contains("embedded demo server"), "{run:?}");
    assert!(config_dir.path("demo-server/signing-key.pem").exists());
}
