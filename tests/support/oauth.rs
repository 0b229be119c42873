//! Bare OAuth requests a test makes to a provider behind the client's back: is a refresh token
//! still alive, is a JWT signed with the provider's published keys.

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::de::DeserializeOwned;

/// Asks `issuer`'s token endpoint to refresh with `token` for `client_id`; the OAuth error code
/// (None when it worked). Only for tokens expected dead: a live one would be rotated.
pub async fn refresh_error(
    http: &reqwest::Client,
    issuer: &str,
    client_id: &str,
    token: &str,
) -> Option<String> {
    let answer: serde_json::Value = http
        .post(format!("{issuer}oauth/token"))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", token),
            ("client_id", client_id),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["error"].as_str().map(str::to_string)
}

/// `issuer`'s signing keys.
pub async fn jwks(http: &reqwest::Client, issuer: &str) -> JwkSet {
    let response = http
        .get(format!("{issuer}.well-known/jwks.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::OK, "jwks");
    response.json().await.unwrap()
}

/// Verifies a JWT (RS256, a published `kid`, `iss` = `issuer`, for `audience`); its claims.
pub async fn verify_jwt<T: DeserializeOwned>(
    http: &reqwest::Client,
    issuer: &str,
    token: &str,
    audience: &str,
) -> T {
    let header = jsonwebtoken::decode_header(token).expect("a JWT");
    let kid = header.kid.expect("a kid in the JWT header");
    let jwks = jwks(http, issuer).await;
    let jwk = jwks.find(&kid).expect("signed with a published key");
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_issuer(&[issuer]);
    validation.set_audience(&[audience]);
    jsonwebtoken::decode::<T>(token, &DecodingKey::from_jwk(jwk).unwrap(), &validation)
        .expect("a valid token")
        .claims
}
