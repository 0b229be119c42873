//! `DemoOptions::lan`: the activation page alone on a second address (127.0.0.2 here, standing
//! for the box's LAN address; tests/lan does it across a real network namespace pair).

use reqwest::StatusCode;
use tvauth::demo::{DemoError, DemoOptions, DemoServer};
use url::Url;

use crate::peer::{FULL_SCOPE, Peer};
use crate::support::activation;

const LAN: &str = "127.0.0.2:0";

async fn lan_peer() -> (Peer, String) {
    let peer = Peer::start_with(|o| o.lan = Some(LAN.parse().unwrap())).await;
    let lan = peer
        .server
        .as_ref()
        .unwrap()
        .lan_addr()
        .expect("a LAN address");
    (peer, format!("http://{lan}/"))
}

#[tokio::test]
async fn codes_point_phones_at_the_lan_page_and_its_approval_signs_the_device_in() {
    let (peer, lan_base) = lan_peer().await;
    let issuer = Url::parse(&peer.base).unwrap();
    assert_eq!(
        issuer.host_str(),
        Some("127.0.0.1"),
        "the client stays on loopback"
    );
    let lan = Url::parse(&lan_base).unwrap();
    assert_eq!(lan.host_str(), Some("127.0.0.2"));
    assert_eq!(
        lan.port(),
        issuer.port(),
        "the issuer's port, free on the LAN address"
    );
    assert_eq!(
        peer.server.as_ref().unwrap().activation_url(),
        format!("{lan_base}activate")
    );

    let code = peer.device_code(FULL_SCOPE).await;
    let user_code = code["user_code"].as_str().unwrap();
    assert_eq!(code["verification_uri"], format!("{lan_base}activate"));
    assert_eq!(
        code["verification_uri_complete"],
        format!("{lan_base}activate?user_code={user_code}")
    );

    let page = activation::decided(&peer.http, &lan_base, user_code, "Sam", "approve").await;
    assert!(
        page.contains("Demo sign-in server"),
        "the page says it is a demo"
    );
    let tokens = peer.poll(code["device_code"].as_str().unwrap()).await;
    assert_eq!(tokens.status, StatusCode::OK, "{}", tokens.body);
    assert!(tokens.body["access_token"].is_string());
}

#[tokio::test]
async fn nothing_but_the_activation_page_answers_on_the_lan_address() {
    let (peer, lan_base) = lan_peer().await;
    let entry = peer
        .http
        .get(format!("{lan_base}activate"))
        .send()
        .await
        .unwrap();
    assert_eq!(entry.status(), StatusCode::OK);
    assert!(entry.text().await.unwrap().contains("Demo sign-in server"));

    let gets = [
        "",
        ".well-known/openid-configuration",
        ".well-known/jwks.json",
        "userinfo",
        "authorize?client_id=tvauth-tv",
        "api/me",
        "api/library",
        "images/posters/northern-lights.png",
        "images/avatars/a.png",
    ];
    for path in gets {
        let answer = peer
            .http
            .get(format!("{lan_base}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "GET /{path}");
        // ...while the issuer serves them (those that need no token).
        if path.starts_with(".well-known") {
            assert_eq!(
                peer.http.get(peer.url(path)).send().await.unwrap().status(),
                StatusCode::OK
            );
        }
    }
    for path in [
        "oauth/token",
        "oauth/device/code",
        "oauth/revoke",
        "authorize",
    ] {
        let answer = peer
            .http
            .post(format!("{lan_base}{path}"))
            .form(&[
                ("client_id", "tvauth-tv"),
                ("grant_type", "client_credentials"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "POST /{path}");
    }
}

#[tokio::test]
async fn without_lan_the_codes_point_at_the_issuer() {
    let peer = Peer::start().await;
    assert!(peer.server.as_ref().unwrap().lan_addr().is_none());
    let code = peer.device_code(FULL_SCOPE).await;
    assert_eq!(code["verification_uri"], format!("{}activate", peer.base));
}

#[tokio::test]
async fn a_wildcard_lan_address_is_refused() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut options = DemoOptions::new(dir.path());
    options.lan = Some("0.0.0.0:0".parse().unwrap());
    let error = DemoServer::start(options).await.unwrap_err();
    assert!(matches!(error, DemoError::LanAddress(_)), "{error}");
}
