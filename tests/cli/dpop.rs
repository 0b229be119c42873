//! DPoP (RFC 9449) end to end: the binary against a demo server that binds tokens as Auth0
//! does (nonce required). The thief's side is played with the library's own proof maker and
//! a plain HTTP client.

use reqwest::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use serde_json::Value;
use tvauth::auth::Secret;
use tvauth::auth::dpop::{Dpop, DpopKey};
use url::Url;

use crate::rig::Rig;
use crate::support::cli::mode;
use crate::support::dpop::{self, KEY_FILE};

fn with_dpop(options: &mut tvauth::demo::DemoOptions) {
    options.dpop = true;
}

fn stored_key(rig: &Rig) -> DpopKey {
    dpop::stored_key(rig).expect("a key file")
}

/// GETs the API with `access`, as `scheme` with `proof` when given: status and challenge.
async fn call_api(
    rig: &Rig,
    url: &str,
    authorization: String,
    proof: Option<&Secret>,
) -> (u16, String) {
    let mut request = rig.http.get(url).header(AUTHORIZATION, authorization);
    if let Some(proof) = proof {
        request = request.header("DPoP", proof.expose());
    }
    let answer = request.send().await.unwrap();
    let challenge = answer
        .headers()
        .get(WWW_AUTHENTICATE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (answer.status().as_u16(), challenge)
}

async fn refresh_error_with(rig: &Rig, refresh: &str, with: Option<&Dpop>) -> Option<String> {
    dpop::refresh_error(&rig.http, &rig.base, "tvauth-tv", refresh, with).await
}

#[tokio::test]
async fn a_dpop_session_is_bound_to_the_tvs_key_from_sign_in_to_sign_out() {
    let rig = Rig::start(with_dpop).await;
    rig.sign_in().await;

    let session = rig.stored_session_file().session.unwrap();
    let jkt = session.dpop_jkt.clone().expect("the session is bound");
    assert_eq!(mode(&rig.profile_path(KEY_FILE)), 0o600);
    let key = stored_key(&rig);
    assert_eq!(key.thumbprint(), jkt);
    let private = key.stored().expose().to_string();

    let status_json = rig.run(&["status", "--json"]).await;
    let json: Value = serde_json::from_str(&status_json.stdout).unwrap();
    assert_eq!(json["dpop_bound"], true);
    let human = rig.run(&["status"]).await;
    assert!(
        human.stdout.contains("Bound to this TV's key (DPoP)"),
        "{human:?}"
    );
    let french = rig.run(&["--lang", "fr", "status"]).await;
    assert!(
        french.stdout.contains("Lié à la clé de ce téléviseur"),
        "{french:?}"
    );

    let api = rig.run(&["api"]).await;
    assert_eq!(api.code, 0, "{api:?}");
    let (refresh, access) = rig.stored_tokens();

    // A copied access token is useless: as Bearer, or with a proof by another key.
    let url = format!("{}api/library", rig.base);
    let (status, challenge) = call_api(&rig, &url, format!("Bearer {access}"), None).await;
    assert_eq!(status, 401);
    assert!(challenge.starts_with("DPoP") && challenge.contains(r#"error="invalid_token""#));
    let thief = dpop::thief();
    let stolen = Secret::new(access.clone());
    let parsed = Url::parse(&url).unwrap();
    let proof = thief.proof("GET", &parsed, Some(&stolen)).unwrap();
    let (status, challenge) = call_api(&rig, &url, format!("DPoP {access}"), Some(&proof)).await;
    assert_eq!(status, 401);
    assert!(
        challenge.contains(r#"error="invalid_token""#),
        "{challenge}"
    );

    // The right key, but a proof sent twice: the replay is refused.
    let owner = dpop::handle(stored_key(&rig));
    let proof = owner.proof("GET", &parsed, Some(&stolen)).unwrap();
    let (first, _) = call_api(&rig, &url, format!("DPoP {access}"), Some(&proof)).await;
    assert_eq!(first, 200);
    let (again, challenge) = call_api(&rig, &url, format!("DPoP {access}"), Some(&proof)).await;
    assert_eq!(again, 401);
    assert!(challenge.contains("invalid_dpop_proof"), "{challenge}");

    // A refresh by another key is refused, and neither ends the grant nor the session.
    assert_eq!(
        refresh_error_with(&rig, &refresh, Some(&thief))
            .await
            .as_deref(),
        Some("invalid_dpop_proof")
    );
    assert_eq!(
        refresh_error_with(&rig, &refresh, None).await.as_deref(),
        Some("invalid_dpop_proof")
    );

    // A refresh keeps the key and rotates the refresh token.
    rig.expire_access_token();
    let token = rig.run(&["token"]).await;
    assert_eq!(token.code, 0, "{token:?}");
    let (rotated, fresh) = rig.stored_tokens();
    assert_ne!(rotated, refresh);
    assert_ne!(fresh, access);
    assert_eq!(
        rig.stored_session_file().session.unwrap().dpop_jkt,
        Some(jkt)
    );
    assert_eq!(rig.run(&["api", "me"]).await.code, 0);

    let logout = rig.run(&["logout"]).await;
    assert_eq!(logout.code, 0, "{logout:?}");
    assert!(logout.stdout.contains("revoked"), "{logout:?}");
    assert!(
        !rig.profile_path(KEY_FILE).exists(),
        "the key goes at sign-out"
    );
    assert!(rig.session_file().pending_revocations.is_empty());
    assert_eq!(
        refresh_error_with(&rig, &rotated, Some(&owner))
            .await
            .as_deref(),
        Some("invalid_grant"),
        "revoked at the provider"
    );
    for run in [status_json, human, french, api, token, logout] {
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(!all.contains(&private), "the private key never shows");
    }
}

#[tokio::test]
async fn an_unbound_session_keeps_working_when_dpop_becomes_available() {
    let rig = Rig::start(with_dpop).await;
    let config = std::fs::read_to_string(rig.path("config.ron")).unwrap();
    let off = config.replacen("(\n", "(\n    dpop: \"off\",\n", 1);
    rig.write_config(&off);
    rig.sign_in().await;
    assert!(!rig.profile_path(KEY_FILE).exists());
    assert_eq!(rig.stored_session_file().session.unwrap().dpop_jkt, None);

    // config.ron back to `auto` (the server advertises DPoP): the old session stays Bearer.
    rig.write_config(&config);
    rig.expire_access_token();
    let (refresh, _) = rig.stored_tokens();
    let token = rig.run(&["token"]).await;
    assert_eq!(token.code, 0, "{token:?}");
    assert_ne!(rig.stored_tokens().0, refresh, "rotated");
    assert_eq!(rig.run(&["api"]).await.code, 0);
    let status = rig.run(&["status", "--json"]).await;
    let json: Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(json["dpop_bound"], false);
}

#[tokio::test]
async fn a_lost_key_keeps_the_session_and_says_so() {
    let rig = Rig::start(with_dpop).await;
    rig.sign_in().await;
    let (refresh, _) = rig.stored_tokens();
    std::fs::write(rig.profile_path(KEY_FILE), "not ron at all").unwrap();
    rig.expire_access_token();
    let token = rig.run(&["token"]).await;
    assert_ne!(token.code, 0, "{token:?}");
    assert!(token.stderr.contains("DPoP"), "{token:?}");
    assert_eq!(rig.stored_tokens().0, refresh, "the refresh token is kept");
    // Signing out and in again replaces session and key.
    let logout = rig.run(&["logout"]).await;
    assert_eq!(logout.code, 0, "{logout:?}");
    rig.sign_in().await;
    let api = rig.run(&["api"]).await;
    assert_eq!(api.code, 0, "{api:?}");
    let session = rig.stored_session_file().session.unwrap();
    assert_eq!(
        session.dpop_jkt.as_deref(),
        Some(stored_key(&rig).thumbprint())
    );
}

#[tokio::test]
async fn without_dpop_at_the_server_nothing_changes() {
    let rig = Rig::start(|options| options.dpop = false).await;
    rig.sign_in().await;
    assert!(!rig.profile_path(KEY_FILE).exists());
    assert_eq!(rig.stored_session_file().session.unwrap().dpop_jkt, None);
    assert_eq!(rig.run(&["api"]).await.code, 0);
}

/// A resource server that wants a nonce (as oidc-provider's userinfo does with
/// `requireNonce`): asked once, remembered after.
#[tokio::test]
async fn a_resource_servers_nonce_request_is_answered_once_then_remembered() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use axum::http::{HeaderMap, StatusCode};
    use axum::response::IntoResponse;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use tvauth::auth::dpop::resource;

    let hits = Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    let app = axum::Router::new().route(
        "/r",
        axum::routing::get(move |headers: HeaderMap| {
            let counted = counted.clone();
            async move {
                counted.fetch_add(1, Ordering::SeqCst);
                let nonce = headers
                    .get("DPoP")
                    .and_then(|p| p.to_str().ok()?.split('.').nth(1).map(str::to_string))
                    .and_then(|claims| URL_SAFE_NO_PAD.decode(claims).ok())
                    .and_then(|claims| serde_json::from_slice::<Value>(&claims).ok())
                    .and_then(|claims| claims["nonce"].as_str().map(str::to_string));
                if nonce.as_deref() == Some("n-42") {
                    (StatusCode::OK, "{}").into_response()
                } else {
                    let challenge = r#"DPoP algs="ES256", error="use_dpop_nonce""#;
                    let headers = [("www-authenticate", challenge), ("dpop-nonce", "n-42")];
                    (StatusCode::UNAUTHORIZED, headers, "").into_response()
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = Url::parse(&format!("http://{}/r", listener.local_addr().unwrap())).unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let http = reqwest::Client::new();
    let me = dpop::thief();
    let token = Secret::new("an-access-token");
    let answer = resource::get(&http, &url, &token, Some(&me)).await.unwrap();
    assert_eq!(answer.status.as_u16(), 200);
    assert_eq!(hits.load(Ordering::SeqCst), 2, "one retry with the nonce");
    let answer = resource::get(&http, &url, &token, Some(&me)).await.unwrap();
    assert_eq!(answer.status.as_u16(), 200);
    assert_eq!(hits.load(Ordering::SeqCst), 3, "the nonce is remembered");
}
