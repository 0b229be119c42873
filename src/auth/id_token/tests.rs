//! ID token checks with keys made for the tests (testdata/), and a JWKS served over loopback.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{EncodingKey, Header};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::*;
use crate::auth::clock_offset::ClockOffset;
use crate::clock::unix_now;

const ISSUER: &str = "https://tenant.example.com/";
const CLIENT: &str = "tv-client";
const NOW: u64 = 1_800_000_000;

fn rsa_key() -> EncodingKey {
    EncodingKey::from_rsa_pem(include_bytes!("testdata/rsa-test-key.pem")).unwrap()
}

fn ec_key() -> EncodingKey {
    EncodingKey::from_ec_pem(include_bytes!("testdata/ec-test-key.pem")).unwrap()
}

fn public(key: &EncodingKey, alg: Algorithm, kid: &str) -> Jwk {
    let mut jwk = Jwk::from_encoding_key(key, alg).unwrap();
    jwk.common.key_id = Some(kid.into());
    jwk
}

fn claims() -> Value {
    json!({"iss": ISSUER, "sub": "user-1", "aud": CLIENT, "exp": NOW + 3600, "iat": NOW, "name": "Alex"})
}

fn sign(key: &EncodingKey, alg: Algorithm, kid: &str, claims: &Value) -> String {
    let mut header = Header::new(alg);
    header.kid = Some(kid.into());
    jsonwebtoken::encode(&header, claims, key).unwrap()
}

fn check(token: &str, jwk: &Jwk, alg: Algorithm) -> Result<IdClaims, AuthError> {
    let key = DecodingKey::from_jwk(jwk).unwrap();
    validate_with_key(token, &key, alg, ISSUER, CLIENT, None, NOW)
}

#[test]
fn valid_rs256_and_es256_tokens_pass() {
    let rsa = rsa_key();
    let token = sign(&rsa, Algorithm::RS256, "r1", &claims());
    let valid = check(
        &token,
        &public(&rsa, Algorithm::RS256, "r1"),
        Algorithm::RS256,
    )
    .unwrap();
    assert_eq!(valid.person.sub, "user-1");
    assert_eq!(valid.person.name.as_deref(), Some("Alex"));

    let ec = ec_key();
    let token = sign(&ec, Algorithm::ES256, "e1", &claims());
    assert!(
        check(
            &token,
            &public(&ec, Algorithm::ES256, "e1"),
            Algorithm::ES256
        )
        .is_ok()
    );
}

#[test]
fn wrong_issuer_audience_time_and_nonce_fail() {
    let rsa = rsa_key();
    let jwk = public(&rsa, Algorithm::RS256, "r1");
    let with = |field: &str, value: Value| {
        let mut c = claims();
        c[field] = value;
        sign(&rsa, Algorithm::RS256, "r1", &c)
    };
    assert!(
        check(
            &with("iss", json!("https://evil.example.com/")),
            &jwk,
            Algorithm::RS256
        )
        .is_err()
    );
    assert!(
        check(
            &with("aud", json!("another-client")),
            &jwk,
            Algorithm::RS256
        )
        .is_err()
    );
    assert!(check(&with("exp", json!(NOW - 61)), &jwk, Algorithm::RS256).is_err());
    assert!(
        check(&with("exp", json!(NOW - 30)), &jwk, Algorithm::RS256).is_ok(),
        "within the leeway"
    );
    assert!(check(&with("iat", json!(NOW + 120)), &jwk, Algorithm::RS256).is_err());
    assert!(check(&with("nbf", json!(NOW + 120)), &jwk, Algorithm::RS256).is_err());
    assert!(check(&with("nbf", json!(NOW + 30)), &jwk, Algorithm::RS256).is_ok());
    assert!(
        check(
            &with("aud", json!([CLIENT, "other"])),
            &jwk,
            Algorithm::RS256
        )
        .is_err(),
        "no azp"
    );

    let token = sign(&rsa, Algorithm::RS256, "r1", &claims());
    let key = DecodingKey::from_jwk(&jwk).unwrap();
    assert!(
        validate_with_key(
            &token,
            &key,
            Algorithm::RS256,
            ISSUER,
            CLIENT,
            Some("n-1"),
            NOW
        )
        .is_err()
    );
}

#[test]
fn a_box_whose_clock_is_off_judges_by_the_providers_time() {
    let rsa = rsa_key();
    let key = DecodingKey::from_jwk(&public(&rsa, Algorithm::RS256, "r1")).unwrap();
    // Issued at the provider's NOW, lives 10 minutes.
    let mut c = claims();
    c["exp"] = json!(NOW + 600);
    c["nbf"] = json!(NOW);
    let token = sign(&rsa, Algorithm::RS256, "r1", &c);
    let at = |now| validate_with_key(&token, &key, Algorithm::RS256, ISSUER, CLIENT, None, now);
    for local in [NOW - 3 * 86_400, NOW + 7200] {
        assert!(at(local).is_err(), "judged by the box's own clock");
        let offset = ClockOffset::from_seconds(local as i64 - NOW as i64);
        assert!(offset.is_large());
        assert!(
            at(offset.provider_time(local)).is_ok(),
            "judged by the provider's"
        );
    }
}

#[test]
fn alg_none_and_hmac_confusion_fail() {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let rsa = rsa_key();
    let jwk = public(&rsa, Algorithm::RS256, "r1");
    let body = URL_SAFE_NO_PAD.encode(claims().to_string());
    let none = format!(
        "{}.{body}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none","kid":"r1"}"#)
    );
    assert!(check(&none, &jwk, Algorithm::RS256).is_err());

    // HS256 keyed with the public modulus, as an attacker who read the JWKS would.
    let AlgorithmParameters::RSA(params) = &jwk.algorithm else {
        panic!("not RSA")
    };
    let hs = sign(
        &EncodingKey::from_secret(params.n.as_bytes()),
        Algorithm::HS256,
        "r1",
        &claims(),
    );
    assert!(check(&hs, &jwk, Algorithm::RS256).is_err());
}

/// Serves `bodies[i]` to the i-th request (the last one after that) on 127.0.0.1.
async fn serve_jwks(bodies: Vec<String>) -> (url::Url, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = url::Url::parse(&format!(
        "http://{}/jwks.json",
        listener.local_addr().unwrap()
    ))
    .unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let served = count.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await;
            let n = served.fetch_add(1, Ordering::SeqCst);
            let body = &bodies[n.min(bodies.len() - 1)];
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(response.as_bytes()).await;
        }
    });
    (url, count)
}

fn provider(jwks_uri: url::Url) -> Provider {
    Provider {
        issuer: ISSUER.into(),
        token_endpoint: jwks_uri.clone(),
        device_authorization_endpoint: None,
        authorization_endpoint: None,
        userinfo_endpoint: None,
        revocation_endpoint: None,
        jwks_uri: Some(jwks_uri),
        token_endpoint_auth_methods: Vec::new(),
        grant_types: Vec::new(),
        dpop_algs: Vec::new(),
    }
}

#[tokio::test]
async fn jwks_is_cached_and_refetched_once_for_a_new_kid() {
    let rsa = rsa_key();
    let ec = ec_key();
    let first = json!({"keys": [public(&rsa, Algorithm::RS256, "old")]}).to_string();
    let rotated = json!({"keys": [public(&rsa, Algorithm::RS256, "old"), public(&ec, Algorithm::ES256, "new")]}).to_string();
    let (url, count) = serve_jwks(vec![first, rotated]).await;
    let provider = provider(url);
    let http = crate::auth::http::client("en").unwrap();
    let jwks = Jwks::default();
    let mut fresh = claims();
    fresh["exp"] = json!(unix_now() + 600);
    fresh["iat"] = json!(unix_now());

    let old = sign(&rsa, Algorithm::RS256, "old", &fresh);
    jwks.validate(&http, &provider, CLIENT, &old, None, unix_now())
        .await
        .unwrap();
    jwks.validate(&http, &provider, CLIENT, &old, None, unix_now())
        .await
        .unwrap();
    assert_eq!(count.load(Ordering::SeqCst), 1, "cached");

    let new = sign(&ec, Algorithm::ES256, "new", &fresh);
    jwks.validate(&http, &provider, CLIENT, &new, None, unix_now())
        .await
        .unwrap();
    assert_eq!(
        count.load(Ordering::SeqCst),
        2,
        "refetched once for the new kid"
    );

    let unknown = sign(&rsa, Algorithm::RS256, "gone", &fresh);
    assert!(
        jwks.validate(&http, &provider, CLIENT, &unknown, None, unix_now())
            .await
            .is_err()
    );
    assert_eq!(count.load(Ordering::SeqCst), 3, "one refetch, then give up");
}
