use reqwest::StatusCode;
use serde_json::Value;

use crate::peer::Peer;

#[tokio::test]
async fn discovery_lists_every_endpoint_under_the_issuer() {
    let peer = Peer::start().await;
    let doc: Value = peer.get_json(".well-known/openid-configuration").await;
    let issuer = doc["issuer"].as_str().unwrap();
    assert_eq!(issuer, peer.base);
    assert!(issuer.ends_with('/'), "Auth0 issuers end with a slash");
    for (field, path) in [
        ("authorization_endpoint", "authorize"),
        ("token_endpoint", "oauth/token"),
        ("device_authorization_endpoint", "oauth/device/code"),
        ("userinfo_endpoint", "userinfo"),
        ("revocation_endpoint", "oauth/revoke"),
        ("jwks_uri", ".well-known/jwks.json"),
    ] {
        assert_eq!(
            doc[field].as_str().unwrap(),
            format!("{issuer}{path}"),
            "{field}"
        );
    }
    assert_eq!(
        doc["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
    let grants: Vec<&str> = doc["grant_types_supported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    for grant in [
        "authorization_code",
        "refresh_token",
        "client_credentials",
        "urn:ietf:params:oauth:grant-type:device_code",
    ] {
        assert!(grants.contains(&grant), "{grant} missing from {grants:?}");
    }
}

#[tokio::test]
async fn jwks_publishes_one_rs256_key_with_a_kid() {
    let peer = Peer::start().await;
    let jwks: Value = peer.get_json(".well-known/jwks.json").await;
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1);
    let key = &keys[0];
    assert_eq!(key["kty"], "RSA");
    assert_eq!(key["alg"], "RS256");
    assert_eq!(key["use"], "sig");
    assert!(key["kid"].as_str().is_some_and(|kid| kid.len() >= 20));
    assert!(
        key.get("d").is_none(),
        "the private exponent must never be published"
    );
}

#[tokio::test]
async fn poster_images_are_real_pngs() {
    let peer = Peer::start().await;
    let response = peer
        .http
        .get(peer.url("images/posters/northern-lights.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/png");
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let missing = peer
        .http
        .get(peer.url("images/posters/nothing.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}
