use base64::Engine;
use reqwest::StatusCode;
use tvauth::demo::{API_AUDIENCE, SERVICE_CLIENT_ID, TV_CLIENT_ID};

use crate::peer::{Answer, FULL_SCOPE, Peer};

fn field<'a>(value: &'a serde_json::Value, name: &str) -> &'a str {
    value[name]
        .as_str()
        .unwrap_or_else(|| panic!("no {name} in {value}"))
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_whole_family() {
    let peer = Peer::start().await;
    let first = peer.sign_in(FULL_SCOPE, "Alex").await;
    let first_refresh = field(&first, "refresh_token");

    let second = peer.refresh(first_refresh).await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    assert_eq!(second.header("cache-control"), "no-store");
    let second_refresh = field(&second.body, "refresh_token");
    assert_ne!(second_refresh, first_refresh, "refresh tokens rotate");
    assert!(second.body["id_token"].is_string());
    let access = field(&second.body, "access_token");
    assert_eq!(
        peer.get_bearer("api/me", access).await.status,
        StatusCode::OK
    );

    // The old token again: reuse detected, the family dies, the live token with it.
    let reuse = peer.refresh(first_refresh).await;
    assert_eq!(
        (reuse.status, reuse.error()),
        (StatusCode::BAD_REQUEST, "invalid_grant")
    );
    assert_eq!(peer.refresh(second_refresh).await.error(), "invalid_grant");
    let api = peer.get_bearer("api/me", access).await;
    assert_eq!(
        api.status,
        StatusCode::UNAUTHORIZED,
        "access tokens of a revoked grant stop working"
    );
}

#[tokio::test]
async fn refresh_may_narrow_but_not_widen_the_scope() {
    let peer = Peer::start().await;
    let tokens = peer
        .sign_in("openid offline_access read:library", "Alex")
        .await;
    let refresh = field(&tokens, "refresh_token");
    let wider = peer
        .post_form(
            "oauth/token",
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh),
                ("client_id", TV_CLIENT_ID),
                ("scope", "openid email"),
            ],
        )
        .await;
    assert_eq!(wider.error(), "invalid_scope");
    let narrower = peer
        .post_form(
            "oauth/token",
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh),
                ("client_id", TV_CLIENT_ID),
                ("scope", "read:library"),
            ],
        )
        .await;
    assert_eq!(narrower.status, StatusCode::OK, "{}", narrower.body);
    assert_eq!(narrower.body["scope"], "read:library");
    assert!(narrower.body.get("id_token").is_none());
}

#[tokio::test]
async fn revoking_a_refresh_token_kills_its_family() {
    let peer = Peer::start().await;
    let tokens = peer.sign_in(FULL_SCOPE, "Alex").await;
    let refresh = field(&tokens, "refresh_token");
    let access = field(&tokens, "access_token");

    let revoked = peer
        .post_form(
            "oauth/revoke",
            &[
                ("token", refresh),
                ("token_type_hint", "refresh_token"),
                ("client_id", TV_CLIENT_ID),
            ],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK);
    assert_eq!(peer.refresh(refresh).await.error(), "invalid_grant");
    assert_eq!(
        peer.get_bearer("api/library", access).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        peer.get_bearer("userinfo", access).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn revoking_an_access_token_stops_it_at_the_api() {
    let peer = Peer::start().await;
    let tokens = peer.sign_in(FULL_SCOPE, "Alex").await;
    let access = field(&tokens, "access_token");
    let revoked = peer
        .post_form(
            "oauth/revoke",
            &[("token", access), ("client_id", TV_CLIENT_ID)],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK);
    assert_eq!(
        peer.get_bearer("api/me", access).await.status,
        StatusCode::UNAUTHORIZED
    );
    // The refresh token is a different thing and still works.
    assert_eq!(
        peer.refresh(field(&tokens, "refresh_token")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn revocation_answers_200_for_unknown_tokens_but_checks_the_client() {
    let peer = Peer::start().await;
    let unknown = peer
        .post_form(
            "oauth/revoke",
            &[("token", "no-such-token"), ("client_id", TV_CLIENT_ID)],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::OK);
    let no_client = peer
        .post_form("oauth/revoke", &[("token", "no-such-token")])
        .await;
    assert_eq!(
        (no_client.status, no_client.error()),
        (StatusCode::UNAUTHORIZED, "invalid_client")
    );
    let no_token = peer
        .post_form("oauth/revoke", &[("client_id", TV_CLIENT_ID)])
        .await;
    assert_eq!(no_token.error(), "invalid_request");
}

fn service_secret(peer: &Peer) -> String {
    let path = peer.data_dir().join("service-client-secret");
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&path).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600, "the secret file is private");
    std::fs::read_to_string(path).unwrap()
}

async fn client_credentials(
    peer: &Peer,
    basic: Option<(&str, &str)>,
    form: &[(&str, &str)],
) -> Answer {
    let mut request = peer.http.post(peer.url("oauth/token")).form(form);
    if let Some((id, secret)) = basic {
        request = request.basic_auth(id, Some(secret));
    }
    Answer::read(request.send().await.unwrap()).await
}

#[tokio::test]
async fn client_credentials_give_the_service_an_api_token() {
    let peer = Peer::start().await;
    let secret = service_secret(&peer);
    let answer = client_credentials(
        &peer,
        None,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", SERVICE_CLIENT_ID),
            ("client_secret", &secret),
            ("audience", API_AUDIENCE),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.body.get("refresh_token").is_none() && answer.body.get("id_token").is_none());
    let access = field(&answer.body, "access_token");
    let claims = peer.verify_jwt(access, API_AUDIENCE).await;
    assert_eq!(claims["sub"], format!("{SERVICE_CLIENT_ID}@clients"));
    assert_eq!(claims["scope"], "read:library");
    assert_eq!(
        peer.get_bearer("api/library", access).await.status,
        StatusCode::OK
    );

    // The same with HTTP Basic.
    let basic = client_credentials(
        &peer,
        Some((SERVICE_CLIENT_ID, &secret)),
        &[
            ("grant_type", "client_credentials"),
            ("audience", API_AUDIENCE),
        ],
    )
    .await;
    assert_eq!(basic.status, StatusCode::OK, "{}", basic.body);
}

#[tokio::test]
async fn client_credentials_errors() {
    let peer = Peer::start().await;
    let secret = service_secret(&peer);
    let wrong = client_credentials(
        &peer,
        Some((SERVICE_CLIENT_ID, "wrong")),
        &[
            ("grant_type", "client_credentials"),
            ("audience", API_AUDIENCE),
        ],
    )
    .await;
    assert_eq!(
        (wrong.status, wrong.error()),
        (StatusCode::UNAUTHORIZED, "invalid_client")
    );
    assert!(wrong.header("www-authenticate").starts_with("Basic"));

    let no_secret = client_credentials(
        &peer,
        None,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", SERVICE_CLIENT_ID),
            ("audience", API_AUDIENCE),
        ],
    )
    .await;
    assert_eq!(
        (no_secret.status, no_secret.error()),
        (StatusCode::UNAUTHORIZED, "invalid_client")
    );

    let no_audience = client_credentials(
        &peer,
        Some((SERVICE_CLIENT_ID, &secret)),
        &[("grant_type", "client_credentials")],
    )
    .await;
    assert_eq!(no_audience.error(), "invalid_request");

    let public = client_credentials(
        &peer,
        None,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", TV_CLIENT_ID),
            ("audience", API_AUDIENCE),
        ],
    )
    .await;
    assert_eq!(public.error(), "unauthorized_client");

    let both = peer
        .http
        .post(peer.url("oauth/token"))
        .basic_auth(SERVICE_CLIENT_ID, Some(&secret))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_secret", secret.as_str()),
            ("audience", API_AUDIENCE),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        Answer::read(both).await.error(),
        "invalid_request",
        "two authentication methods"
    );

    let undecodable = peer
        .http
        .post(peer.url("oauth/token"))
        .header(
            "authorization",
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode("no-colon")
            ),
        )
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        Answer::read(undecodable).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn token_endpoint_rejects_unknown_clients_and_grants() {
    let peer = Peer::start().await;
    let unknown = peer
        .post_form(
            "oauth/token",
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", "x"),
                ("client_id", "nobody"),
            ],
        )
        .await;
    assert_eq!(
        (unknown.status, unknown.error()),
        (StatusCode::UNAUTHORIZED, "invalid_client")
    );
    assert!(
        unknown.header("www-authenticate").starts_with("Bearer")
            || !unknown.header("www-authenticate").is_empty()
    );

    let unsupported = peer
        .post_form(
            "oauth/token",
            &[("grant_type", "password"), ("client_id", TV_CLIENT_ID)],
        )
        .await;
    assert_eq!(unsupported.error(), "unsupported_grant_type");

    let missing = peer
        .post_form("oauth/token", &[("client_id", TV_CLIENT_ID)])
        .await;
    assert_eq!(missing.error(), "invalid_request");

    let no_device_code = peer
        .post_form(
            "oauth/token",
            &[
                ("grant_type", crate::peer::DEVICE_GRANT),
                ("client_id", TV_CLIENT_ID),
            ],
        )
        .await;
    assert_eq!(no_device_code.error(), "invalid_request");
    assert_eq!(
        no_device_code.body["error_description"],
        "missing parameter 'device_code'"
    );
}

#[tokio::test]
async fn device_codes_of_one_client_cannot_be_redeemed_by_another() {
    let peer = Peer::start().await;
    let code = peer.device_code(FULL_SCOPE).await;
    let secret = service_secret(&peer);
    let other = peer
        .post_form(
            "oauth/token",
            &[
                ("grant_type", crate::peer::DEVICE_GRANT),
                ("device_code", field(&code, "device_code")),
                ("client_id", SERVICE_CLIENT_ID),
                ("client_secret", &secret),
            ],
        )
        .await;
    assert_eq!(
        other.error(),
        "unauthorized_client",
        "the service client may not use the device grant"
    );
}
