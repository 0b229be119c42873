use std::time::Duration;

use reqwest::StatusCode;
use tvauth::demo::{API_AUDIENCE, TV_CLIENT_ID};

use crate::peer::{FULL_SCOPE, Peer};

#[tokio::test]
async fn device_code_answer_has_every_field() {
    let peer = Peer::start().await;
    let code = peer.device_code(FULL_SCOPE).await;
    let device_code = code["device_code"].as_str().unwrap();
    assert!(device_code.len() >= 43, "256 bits of entropy, base64url");
    let user_code = code["user_code"].as_str().unwrap();
    let (left, right) = user_code.split_once('-').unwrap();
    assert_eq!((left.len(), right.len()), (4, 4), "{user_code}");
    assert!(
        left.chars()
            .chain(right.chars())
            .all(|c| "BCDFGHJKLMNPQRSTVWXZ".contains(c)),
        "{user_code}"
    );
    assert_eq!(code["verification_uri"], peer.url("activate"));
    assert_eq!(
        code["verification_uri_complete"],
        format!("{}?user_code={user_code}", peer.url("activate"))
    );
    assert_eq!(code["expires_in"], 900);
    assert_eq!(code["interval"], 5);
}

#[tokio::test]
async fn configured_lifetime_and_interval_are_announced() {
    let peer = Peer::start_with(|o| {
        o.expires_in = 120;
        o.interval = 2;
    })
    .await;
    let code = peer.device_code(FULL_SCOPE).await;
    assert_eq!(code["expires_in"], 120);
    assert_eq!(code["interval"], 2);
}

#[tokio::test]
async fn approved_flow_hands_out_validated_tokens_once() {
    let peer = Peer::start().await;
    let code = peer.device_code(FULL_SCOPE).await;
    let device_code = code["device_code"].as_str().unwrap();

    let pending = peer.poll(device_code).await;
    assert_eq!(pending.status, StatusCode::BAD_REQUEST);
    assert_eq!(pending.error(), "authorization_pending");
    assert_eq!(pending.header("cache-control"), "no-store");

    let (status, page) = peer
        .decide(
            code["user_code"].as_str().unwrap(),
            "Alex Martin",
            "approve",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Alex Martin"),
        "the done page greets the user"
    );

    // Approval is redeemed at once, even within the interval.
    let tokens = peer.poll(device_code).await;
    assert_eq!(tokens.status, StatusCode::OK, "{}", tokens.body);
    assert_eq!(tokens.header("cache-control"), "no-store");
    assert_eq!(tokens.body["token_type"], "Bearer");
    assert_eq!(tokens.body["expires_in"], 3600);
    assert!(
        tokens.body["refresh_token"]
            .as_str()
            .is_some_and(|t| t.len() >= 43)
    );

    let access = peer
        .verify_jwt(tokens.body["access_token"].as_str().unwrap(), API_AUDIENCE)
        .await;
    assert_eq!(access["client_id"], TV_CLIENT_ID);
    assert_eq!(access["scope"], FULL_SCOPE);
    assert!(access["sub"].as_str().unwrap().starts_with("demo|"));
    assert!(access["exp"].as_u64().unwrap() > access["iat"].as_u64().unwrap());

    let id = peer
        .verify_jwt(tokens.body["id_token"].as_str().unwrap(), TV_CLIENT_ID)
        .await;
    assert_eq!(id["sub"], access["sub"]);
    assert_eq!(id["name"], "Alex Martin");
    assert!(id["email"].as_str().unwrap().ends_with("@example.com"));
    assert!(id["picture"].as_str().unwrap().starts_with(&peer.base));

    let again = peer.poll(device_code).await;
    assert_eq!(
        again.error(),
        "invalid_grant",
        "a redeemed device code is spent"
    );
}

#[tokio::test]
async fn no_refresh_token_without_offline_access_and_no_profile_without_scope() {
    let peer = Peer::start().await;
    let tokens = peer.sign_in("openid read:library", "Sam").await;
    assert!(tokens.get("refresh_token").is_none());
    let id = peer
        .verify_jwt(tokens["id_token"].as_str().unwrap(), TV_CLIENT_ID)
        .await;
    assert!(!id.contains_key("name") && !id.contains_key("email"));
}

#[tokio::test]
async fn polling_too_fast_raises_the_interval_by_five_seconds_each_time() {
    let peer = Peer::start_with(|o| o.interval = 1).await;
    let code = peer.device_code(FULL_SCOPE).await;
    let device_code = code["device_code"].as_str().unwrap();

    assert_eq!(
        peer.poll(device_code).await.error(),
        "authorization_pending"
    );
    let slow = peer.poll(device_code).await;
    assert_eq!(slow.error(), "slow_down");
    assert!(
        slow.body["error_description"]
            .as_str()
            .unwrap()
            .contains("6 s")
    );
    // 1.2 s is more than the announced interval but less than the raised one.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let slower = peer.poll(device_code).await;
    assert_eq!(
        slower.error(),
        "slow_down",
        "the interval grew for this device code"
    );
    assert!(
        slower.body["error_description"]
            .as_str()
            .unwrap()
            .contains("11 s")
    );
}

#[tokio::test]
async fn polls_at_the_interval_stay_pending() {
    let peer = Peer::start_with(|o| o.interval = 1).await;
    let code = peer.device_code(FULL_SCOPE).await;
    let device_code = code["device_code"].as_str().unwrap();
    for _ in 0..3 {
        assert_eq!(
            peer.poll(device_code).await.error(),
            "authorization_pending"
        );
        tokio::time::sleep(Duration::from_millis(1050)).await;
    }
}

#[tokio::test]
async fn expired_code_answers_expired_token_once_then_invalid_grant() {
    let peer = Peer::start_with(|o| o.expires_in = 1).await;
    let code = peer.device_code(FULL_SCOPE).await;
    let device_code = code["device_code"].as_str().unwrap();
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(peer.poll(device_code).await.error(), "expired_token");
    assert_eq!(peer.poll(device_code).await.error(), "invalid_grant");
    // The person is told too.
    let page = peer
        .get_page(&format!(
            "activate?user_code={}",
            code["user_code"].as_str().unwrap()
        ))
        .await;
    assert!(page.contains("expired"), "{page}");
}

#[tokio::test]
async fn denied_request_answers_access_denied_once_then_invalid_grant() {
    let peer = Peer::start().await;
    let code = peer.device_code(FULL_SCOPE).await;
    let (status, page) = peer
        .decide(code["user_code"].as_str().unwrap(), "", "deny")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("declined"));
    let device_code = code["device_code"].as_str().unwrap();
    let denied = peer.poll(device_code).await;
    assert_eq!(
        (denied.status, denied.error()),
        (StatusCode::BAD_REQUEST, "access_denied")
    );
    assert_eq!(peer.poll(device_code).await.error(), "invalid_grant");
}

#[tokio::test]
async fn unknown_device_code_is_invalid_grant() {
    let peer = Peer::start().await;
    assert_eq!(
        peer.poll("not-a-device-code").await.error(),
        "invalid_grant"
    );
}

#[tokio::test]
async fn device_code_request_checks_client_and_audience() {
    let peer = Peer::start().await;
    let unknown = peer
        .post_form("oauth/device/code", &[("client_id", "nobody")])
        .await;
    assert_eq!(
        (unknown.status, unknown.error()),
        (StatusCode::UNAUTHORIZED, "invalid_client")
    );

    let secret = std::fs::read_to_string(peer.data_dir().join("service-client-secret")).unwrap();
    let service = peer
        .post_form(
            "oauth/device/code",
            &[("client_id", "tvauth-service"), ("client_secret", &secret)],
        )
        .await;
    assert_eq!(
        (service.status, service.error()),
        (StatusCode::BAD_REQUEST, "unauthorized_client")
    );

    let audience = peer
        .post_form(
            "oauth/device/code",
            &[("client_id", TV_CLIENT_ID), ("audience", "urn:other")],
        )
        .await;
    assert_eq!(audience.error(), "invalid_request");
}

#[tokio::test]
async fn asking_for_device_codes_is_rate_limited_per_client_and_address() {
    let peer = Peer::start().await;
    // The default: ten a minute, far more than a TV asks for, and what the suites use.
    for _ in 0..10 {
        let _ = peer.device_code(FULL_SCOPE).await;
    }
    let ask = [
        ("client_id", TV_CLIENT_ID),
        ("scope", "openid offline_access"),
    ];
    let answer = peer.post_form("oauth/device/code", &ask).await;
    assert_eq!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        answer.body
    );
    assert_eq!(answer.error(), "too_many_requests");
    assert!(answer.body["error_description"].is_string());
    let retry: u64 = answer.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(answer.header("cache-control"), "no-store");
    // Refused requests do not count, and polling is not limited by it.
    assert_eq!(
        peer.post_form("oauth/device/code", &ask).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another address (another TV of the household) is not affected.
    let other = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()
        .unwrap();
    let response = other
        .post(peer.url("oauth/device/code"))
        .form(&ask)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_device_code_limit_is_configurable() {
    let peer = Peer::start_with(|options| options.device_codes_per_minute = 2).await;
    let ask = [("client_id", TV_CLIENT_ID)];
    let statuses = [
        peer.post_form("oauth/device/code", &ask).await.status,
        peer.post_form("oauth/device/code", &ask).await.status,
        peer.post_form("oauth/device/code", &ask).await.status,
    ];
    assert_eq!(
        statuses,
        [
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    // Unknown clients are told so, not rate limited.
    let unknown = peer
        .post_form("oauth/device/code", &[("client_id", "nobody")])
        .await;
    assert_eq!(unknown.error(), "invalid_client");
    let unlimited = Peer::start_with(|options| options.device_codes_per_minute = 0).await;
    for _ in 0..15 {
        assert_eq!(
            unlimited.post_form("oauth/device/code", &ask).await.status,
            StatusCode::OK
        );
    }
}
