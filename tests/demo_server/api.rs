use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::StatusCode;

use crate::peer::{Answer, FULL_SCOPE, Peer};

#[tokio::test]
async fn library_and_me_answer_a_valid_token() {
    let peer = Peer::start().await;
    let tokens = peer.sign_in(FULL_SCOPE, "Camille").await;
    let access = tokens["access_token"].as_str().unwrap();

    let library = peer.get_bearer("api/library", access).await;
    assert_eq!(library.status, StatusCode::OK);
    let items = library.body["items"].as_array().unwrap();
    assert!(items.len() >= 6);
    for item in items {
        assert!(item["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(item["subtitle"].is_string());
        let image = item["image"].as_str().unwrap();
        let png = peer.http.get(image).send().await.unwrap();
        assert_eq!(png.status(), StatusCode::OK, "{image}");
    }

    let me = peer.get_bearer("api/me", access).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["name"], "Camille");

    let userinfo = peer.get_bearer("userinfo", access).await;
    assert_eq!(userinfo.status, StatusCode::OK);
    assert_eq!(userinfo.body["name"], "Camille");
    assert_eq!(userinfo.body["sub"], me.body["sub"]);
}

#[tokio::test]
async fn missing_or_malformed_tokens_are_401_with_a_bearer_challenge() {
    let peer = Peer::start().await;
    let bare = peer.http.get(peer.url("api/library")).send().await.unwrap();
    assert_eq!(bare.status(), StatusCode::UNAUTHORIZED);
    assert!(
        bare.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );

    for token in ["garbage", "a.b.c", ""] {
        let answer = peer.get_bearer("api/library", token).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{token:?}");
    }
    // No token at all: a bare challenge, and no error code (RFC 6750 §3.1).
    let bare = Answer::read(peer.http.get(peer.url("api/library")).send().await.unwrap()).await;
    assert_eq!(bare.status, StatusCode::UNAUTHORIZED);
    assert!(!bare.header("www-authenticate").contains("error="));
    assert!(bare.body.get("error").is_none(), "{}", bare.body);
    let answer = peer.get_bearer("api/me", "garbage").await;
    assert!(
        answer
            .header("www-authenticate")
            .contains(r#"error="invalid_token""#)
    );
}

#[tokio::test]
async fn a_token_without_the_api_scope_is_403_insufficient_scope() {
    let peer = Peer::start().await;
    let tokens = peer.sign_in("openid profile", "Alex").await;
    let answer = peer
        .get_bearer("api/library", tokens["access_token"].as_str().unwrap())
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(
        answer
            .header("www-authenticate")
            .contains(r#"error="insufficient_scope""#)
    );
    assert_eq!(answer.body["error"], "insufficient_scope");
}

#[tokio::test]
async fn a_token_for_another_audience_or_the_id_token_is_refused() {
    let peer = Peer::start().await;
    // No audience: the token is for /userinfo only.
    let code = peer
        .post_form(
            "oauth/device/code",
            &[
                ("client_id", "tvauth-tv"),
                ("scope", "openid profile read:library"),
            ],
        )
        .await
        .body;
    peer.decide(code["user_code"].as_str().unwrap(), "Alex", "approve")
        .await;
    let tokens = peer.poll(code["device_code"].as_str().unwrap()).await.body;
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(
        peer.get_bearer("userinfo", access).await.status,
        StatusCode::OK
    );
    assert_eq!(
        peer.get_bearer("api/library", access).await.status,
        StatusCode::UNAUTHORIZED
    );

    let id_token = tokens["id_token"].as_str().unwrap();
    assert_eq!(
        peer.get_bearer("api/library", id_token).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        peer.get_bearer("userinfo", id_token).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn forged_tokens_are_refused() {
    let peer = Peer::start().await;
    let tokens = peer.sign_in(FULL_SCOPE, "Alex").await;
    let access = tokens["access_token"].as_str().unwrap();
    let parts: Vec<&str> = access.split('.').collect();

    // alg "none" with the same claims and no signature.
    let none_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"at+jwt"}"#);
    let unsigned = format!("{none_header}.{}.", parts[1]);
    assert_eq!(
        peer.get_bearer("api/me", &unsigned).await.status,
        StatusCode::UNAUTHORIZED
    );

    // Claims changed under the original signature.
    let mut claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims["sub"] = "demo|someone-else".into();
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        parts[2]
    );
    assert_eq!(
        peer.get_bearer("api/me", &tampered).await.status,
        StatusCode::UNAUTHORIZED
    );

    // HMAC "signed" with the public key's modulus (algorithm confusion).
    let jwks: serde_json::Value = peer.get_json(".well-known/jwks.json").await;
    let n = jwks["keys"][0]["n"].as_str().unwrap();
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.typ = Some("at+jwt".into());
    header.kid = jwks["keys"][0]["kid"].as_str().map(str::to_string);
    let hs = jsonwebtoken::encode(
        &header,
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(n.as_bytes()),
    )
    .unwrap();
    assert_eq!(
        peer.get_bearer("api/me", &hs).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    let peer = Peer::start_with(|o| o.access_ttl = 1).await;
    let tokens = peer.sign_in(FULL_SCOPE, "Alex").await;
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(
        peer.get_bearer("api/me", access).await.status,
        StatusCode::OK
    );
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let expired = peer.get_bearer("api/me", access).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert!(expired.header("www-authenticate").contains("invalid_token"));
}
