//! OIDC discovery (`/.well-known/openid-configuration`) and the JWKS.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::Shared;
use super::clients::{
    API_SCOPE, GRANT_AUTHORIZATION_CODE, GRANT_CLIENT_CREDENTIALS, GRANT_DEVICE_CODE,
    GRANT_REFRESH_TOKEN,
};

pub async fn openid_configuration(State(shared): State<Arc<Shared>>) -> Json<Value> {
    let url = |path: &str| shared.url(path);
    let mut document = json!({
        "issuer": shared.issuer,
        "authorization_endpoint": url("authorize"),
        "token_endpoint": url("oauth/token"),
        "device_authorization_endpoint": url("oauth/device/code"),
        "userinfo_endpoint": url("userinfo"),
        "revocation_endpoint": url("oauth/revoke"),
        "jwks_uri": url(".well-known/jwks.json"),
        "scopes_supported": ["openid", "profile", "email", "offline_access", API_SCOPE],
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": [
            GRANT_AUTHORIZATION_CODE,
            GRANT_REFRESH_TOKEN,
            GRANT_DEVICE_CODE,
            GRANT_CLIENT_CREDENTIALS,
        ],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "revocation_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": [
            "sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "sid",
            "name", "picture", "email", "email_verified",
        ],
        "authorization_response_iss_parameter_supported": true,
        "ui_locales_supported": ["en", "fr"],
    });
    if shared.dpop.is_some() {
        document["dpop_signing_alg_values_supported"] = json!(["ES256"]);
    }
    Json(document)
}

pub async fn jwks(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(json!({ "keys": [shared.key.jwk()] }))
}
