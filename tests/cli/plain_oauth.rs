//! A provider that is plain OAuth to tvauth: no ID token in the device-flow answer (here the
//! scope leaves out `openid`, and the demo's userinfo then refuses the token). The sign-in
//! still completes, without a name, and the session works.

use crate::rig::Rig;

#[tokio::test]
async fn no_id_token_and_no_userinfo_signs_in_without_a_name() {
    let rig = Rig::start(|_| {}).await;
    let config = rig.path("config.ron");
    let text = std::fs::read_to_string(&config).unwrap();
    let scope_start = text.find("scope:").expect("the demo config names a scope");
    let scope_end = scope_start + text[scope_start..].find(',').unwrap();
    std::fs::write(
        &config,
        format!(
            "{}scope: \"offline_access read:library\"{}",
            &text[..scope_start],
            &text[scope_end..]
        ),
    )
    .unwrap();

    let events = rig.sign_in().await;
    let last = events.last().unwrap();
    assert_eq!(last["event"], "authorized", "{events:?}");
    assert!(last["name"].is_null());

    let status = rig.run(&["status"]).await;
    assert_eq!(status.code, 0, "{status:?}");
    assert!(
        status
            .stdout
            .contains("Signed in (the provider gave no name)"),
        "{status:?}"
    );
    let api = rig.run(&["api"]).await;
    assert_eq!(api.code, 0, "the session works: {api:?}");
    let logout = rig.run(&["logout"]).await;
    assert_eq!(logout.code, 0, "{logout:?}");
}
