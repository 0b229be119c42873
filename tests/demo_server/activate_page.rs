use reqwest::StatusCode;

use crate::peer::{FULL_SCOPE, Peer};
use crate::support::activation::hidden_field;

#[tokio::test]
async fn the_page_without_a_code_asks_for_one() {
    let peer = Peer::start().await;
    let page = peer.get_page("activate").await;
    assert!(page.contains("name=\"user_code\""));
    assert!(!hidden_field(&page, "csrf").is_empty());
    assert!(page.contains("viewport"), "readable on a phone");
}

#[tokio::test]
async fn a_prefilled_code_shows_who_asks_and_the_warning_in_french_too() {
    let peer = Peer::start().await;
    let code = peer.device_code(FULL_SCOPE).await;
    let user_code = code["user_code"].as_str().unwrap();
    let english = peer
        .get_page(&format!("activate?user_code={user_code}"))
        .await;
    assert!(english.contains("tvauth TV is asking to use your account"));
    assert!(english.contains("Only approve if you started signing in on your own TV"));
    assert!(english.contains(user_code));
    assert!(english.contains("value=\"approve\"") && english.contains("value=\"deny\""));

    let french = peer
        .http
        .get(peer.url(&format!("activate?user_code={user_code}")))
        .header("accept-language", "fr-FR,fr;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(french.headers()["content-language"], "fr");
    let french = french.text().await.unwrap();
    assert!(french.contains("lang=\"fr\""));
    assert!(french.contains("demande à utiliser votre compte"));
    assert!(french.contains("Autoriser") && french.contains("Refuser"));
}

#[tokio::test]
async fn codes_are_accepted_in_any_case_with_or_without_the_dash() {
    let peer = Peer::start().await;
    let code = peer.device_code(FULL_SCOPE).await;
    let typed = code["user_code"]
        .as_str()
        .unwrap()
        .replace('-', "")
        .to_lowercase();
    let (status, _) = peer.decide(&typed, "Alex", "approve").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        peer.poll(code["device_code"].as_str().unwrap())
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn typing_the_code_then_continuing_leads_to_the_confirmation() {
    let peer = Peer::start().await;
    let code = peer.device_code(FULL_SCOPE).await;
    let page = peer.get_page("activate").await;
    let response = peer
        .http
        .post(peer.url("activate"))
        .form(&[
            ("csrf", hidden_field(&page, "csrf").as_str()),
            ("user_code", code["user_code"].as_str().unwrap()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let confirm = response.text().await.unwrap();
    assert!(confirm.contains("is asking to use your account"));
    assert!(confirm.contains("value=\"approve\""));
    // Nothing was decided by continuing.
    assert_eq!(
        peer.poll(code["device_code"].as_str().unwrap())
            .await
            .error(),
        "authorization_pending"
    );
}

#[tokio::test]
async fn wrong_code_missing_csrf_reused_csrf_and_empty_name_are_refused() {
    let peer = Peer::start().await;
    let code = peer.device_code(FULL_SCOPE).await;
    let user_code = code["user_code"].as_str().unwrap();

    let (status, page) = peer.decide("BBBB-BBBB", "Alex", "approve").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("not valid"));

    let no_csrf = peer
        .http
        .post(peer.url("activate"))
        .form(&[
            ("user_code", user_code),
            ("name", "Alex"),
            ("decision", "approve"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(no_csrf.status(), StatusCode::BAD_REQUEST);

    let page = peer.get_page("activate").await;
    let csrf = hidden_field(&page, "csrf");
    let form = [
        ("csrf", csrf.as_str()),
        ("user_code", user_code),
        ("name", ""),
        ("decision", "approve"),
    ];
    let empty_name = peer
        .http
        .post(peer.url("activate"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(empty_name.status(), StatusCode::BAD_REQUEST);
    let reused = peer
        .http
        .post(peer.url("activate"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(reused.status(), StatusCode::BAD_REQUEST);
    assert!(reused.text().await.unwrap().contains("expired"));

    // None of this approved anything.
    assert_eq!(
        peer.poll(code["device_code"].as_str().unwrap())
            .await
            .error(),
        "authorization_pending"
    );
}

#[tokio::test]
async fn a_decided_code_cannot_be_decided_again() {
    let peer = Peer::start().await;
    let code = peer.device_code(FULL_SCOPE).await;
    let user_code = code["user_code"].as_str().unwrap();
    assert_eq!(
        peer.decide(user_code, "Alex", "approve").await.0,
        StatusCode::OK
    );
    let (status, page) = peer.decide(user_code, "Mallory", "deny").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("already been used"));
    assert_eq!(
        peer.poll(code["device_code"].as_str().unwrap())
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn guessing_codes_is_throttled() {
    let peer = Peer::start().await;
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(peer.decide("BBBB-BBBB", "Mallory", "approve").await.0);
    }
    assert_eq!(statuses[0], StatusCode::BAD_REQUEST);
    assert_eq!(statuses[11], StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn names_are_escaped_in_the_page() {
    let peer = Peer::start().await;
    let code = peer.device_code(FULL_SCOPE).await;
    let (status, page) = peer
        .decide(
            code["user_code"].as_str().unwrap(),
            "<script>x</script>",
            "approve",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("<script>x"));
    assert!(page.contains("&lt;script&gt;x"));
}

#[tokio::test]
async fn guessing_codes_through_the_address_is_throttled_too() {
    let peer = Peer::start().await;
    let code = peer.device_code(FULL_SCOPE).await;
    let user_code = code["user_code"].as_str().unwrap();
    let open = |typed: String| {
        let request = peer
            .http
            .get(peer.url(&format!("activate?user_code={typed}")));
        async move { request.send().await.unwrap().status() }
    };
    // An empty prefilled code is no guess.
    for _ in 0..12 {
        assert_eq!(open(String::new()).await, StatusCode::OK);
    }
    // Ten wrong codes in the address, as a script would try them...
    for guess in [
        "BBBB-BBBB",
        "BBBB-BBBC",
        "BBBB-BBBD",
        "BBBB-BBBF",
        "BBBB-BBBG",
    ]
    .iter()
    .chain(&[
        "BBBB-BBBH",
        "BBBB-BBBJ",
        "BBBB-BBBK",
        "BBBB-BBBL",
        "BBBB-BBBM",
    ]) {
        assert_eq!(open(guess.to_string()).await, StatusCode::OK, "{guess}");
    }
    // ...and this address may not try more, by link or by form, not even the right code.
    assert_eq!(
        open(user_code.to_string()).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    let (status, page) = peer.decide(user_code, "Mallory", "approve").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!page.contains("Mallory"));
    assert_eq!(
        peer.poll(code["device_code"].as_str().unwrap())
            .await
            .error(),
        "authorization_pending"
    );
}

#[tokio::test]
async fn wrong_codes_by_link_and_by_form_share_one_count() {
    let peer = Peer::start().await;
    for guess in [
        "BBBB-BBBB",
        "BBBB-BBBC",
        "BBBB-BBBD",
        "BBBB-BBBF",
        "BBBB-BBBG",
    ] {
        let response = peer
            .http
            .get(peer.url(&format!("activate?user_code={guess}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
    // Each form submission opens the page with the code first: two guesses each.
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(peer.decide("BBBB-BBBH", "Mallory", "approve").await.0);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::BAD_REQUEST,
            StatusCode::BAD_REQUEST,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
}
