use reqwest::StatusCode;
use tvauth::demo::TV_CLIENT_ID;

use crate::peer::{Answer, FULL_SCOPE, Peer};

async fn raw_post(peer: &Peer, path: &str, content_type: &str, body: Vec<u8>) -> Answer {
    let response = peer
        .http
        .post(peer.url(path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    Answer::read(response).await
}

#[tokio::test]
async fn bad_requests_get_oauth_errors_never_a_500() {
    let peer = Peer::start().await;
    for path in ["oauth/token", "oauth/device/code", "oauth/revoke"] {
        let json = raw_post(
            &peer,
            path,
            "application/json",
            br#"{"grant_type":"refresh_token"}"#.to_vec(),
        )
        .await;
        assert_eq!(
            (json.status, json.error()),
            (StatusCode::BAD_REQUEST, "invalid_request"),
            "{path} json"
        );
        assert_eq!(json.header("cache-control"), "no-store");

        let huge = raw_post(
            &peer,
            path,
            "application/x-www-form-urlencoded",
            vec![b'a'; 1 << 20],
        )
        .await;
        assert_eq!(huge.error(), "invalid_request", "{path} huge");

        let garbage = raw_post(
            &peer,
            path,
            "application/x-www-form-urlencoded",
            vec![0xff, 0xfe, b'=', 0x00, b'&', b'%', b'z'],
        )
        .await;
        assert!(
            garbage.status.is_client_error(),
            "{path} garbage: {}",
            garbage.status
        );
        assert!(garbage.body["error"].is_string());

        let repeated = raw_post(
            &peer,
            path,
            "application/x-www-form-urlencoded",
            format!("client_id={TV_CLIENT_ID}&client_id={TV_CLIENT_ID}").into_bytes(),
        )
        .await;
        assert_eq!(repeated.error(), "invalid_request", "{path} repeated");
    }
    let page = raw_post(&peer, "activate", "text/plain", b"hello".to_vec()).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_restart_keeps_the_issuer_key_and_sessions() {
    let mut peer = Peer::start().await;
    let tokens = peer.sign_in(FULL_SCOPE, "Alex").await;
    let issuer = peer.base.clone();
    let kid = jsonwebtoken::decode_header(tokens["access_token"].as_str().unwrap())
        .unwrap()
        .kid;

    peer.restart().await;
    assert_eq!(peer.base, issuer, "the port of the last run is reused");
    let refreshed = peer
        .refresh(tokens["refresh_token"].as_str().unwrap())
        .await;
    assert_eq!(refreshed.status, StatusCode::OK, "{}", refreshed.body);
    assert_eq!(
        jsonwebtoken::decode_header(refreshed.body["access_token"].as_str().unwrap())
            .unwrap()
            .kid,
        kid
    );
    assert_eq!(
        peer.get_bearer("api/me", tokens["access_token"].as_str().unwrap())
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_pending_device_code_survives_a_restart() {
    let mut peer = Peer::start().await;
    let code = peer.device_code(FULL_SCOPE).await;
    peer.restart().await;
    peer.decide(code["user_code"].as_str().unwrap(), "Alex", "approve")
        .await;
    assert_eq!(
        peer.poll(code["device_code"].as_str().unwrap())
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_corrupt_state_file_is_set_aside_and_the_server_starts() {
    let mut peer = Peer::start().await;
    std::fs::write(
        peer.data_dir().join("state.ron"),
        "(clients: [ this is not RON",
    )
    .unwrap();
    peer.restart().await;
    let aside: Vec<String> = std::fs::read_dir(peer.data_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("state.ron.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "the unreadable file is kept for inspection");
    peer.sign_in(FULL_SCOPE, "Alex").await;
}

#[tokio::test]
async fn data_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let peer = Peer::start().await;
    peer.sign_in(FULL_SCOPE, "Alex").await;
    let mode = |name: &str| {
        std::fs::metadata(peer.data_dir().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(""), 0o700);
    for file in ["signing-key.pem", "state.ron", "service-client-secret"] {
        assert_eq!(mode(file), 0o600, "{file}");
    }
    // Only hashes of refresh tokens and device codes are stored.
    let state = std::fs::read_to_string(peer.data_dir().join("state.ron")).unwrap();
    let tokens = peer.sign_in(FULL_SCOPE, "Sam").await;
    let state_after = std::fs::read_to_string(peer.data_dir().join("state.ron")).unwrap();
    assert!(!state.is_empty());
    assert!(!state_after.contains(tokens["refresh_token"].as_str().unwrap()));
}
