use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};
use tvauth::demo::{API_AUDIENCE, SERVICE_CLIENT_ID, TV_CLIENT_ID};
use url::Url;

use crate::peer::{Answer, Peer};
use crate::support::activation;

const VERIFIER: &str = "a-long-random-verifier-of-at-least-43-characters-0123456789";

fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

fn authorize_url(peer: &Peer, client_id: &str, redirect: &str, extra: &[(&str, &str)]) -> String {
    let mut url = Url::parse(&peer.url("authorize")).unwrap();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", redirect)
        .append_pair("scope", "openid profile offline_access read:library")
        .append_pair("audience", API_AUDIENCE)
        .append_pair("state", "st-123")
        .append_pair("nonce", "n-456");
    for (name, value) in extra {
        url.query_pairs_mut().append_pair(name, value);
    }
    url.to_string()
}

/// Opens the consent page and decides; returns the redirect's query parameters.
async fn consent(peer: &Peer, url: &str, decision: &str) -> Vec<(String, String)> {
    let answer = activation::consent(&peer.http, url, "Dominique", decision).await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    redirect_params(&answer)
}

fn redirect_params(answer: &reqwest::Response) -> Vec<(String, String)> {
    let location = Url::parse(answer.headers()["location"].to_str().unwrap()).unwrap();
    location
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

async fn exchange(peer: &Peer, form: &[(&str, &str)]) -> Answer {
    peer.post_form("oauth/token", form).await
}

#[tokio::test]
async fn pkce_flow_on_an_ephemeral_loopback_port() {
    let peer = Peer::start().await;
    let redirect = "http://127.0.0.1:49321/callback";
    let url = authorize_url(
        &peer,
        TV_CLIENT_ID,
        redirect,
        &[
            ("code_challenge", &challenge(VERIFIER)),
            ("code_challenge_method", "S256"),
        ],
    );
    let params = consent(&peer, &url, "approve").await;
    assert_eq!(param(&params, "state"), Some("st-123"));
    assert_eq!(param(&params, "iss"), Some(peer.base.as_str()));
    let code = param(&params, "code").unwrap().to_string();

    let base = [
        ("grant_type", "authorization_code"),
        ("client_id", TV_CLIENT_ID),
        ("code", code.as_str()),
        ("redirect_uri", redirect),
    ];
    let wrong = exchange(
        &peer,
        &[&base[..], &[("code_verifier", "x".repeat(43).as_str())]].concat(),
    )
    .await;
    assert_eq!(wrong.error(), "invalid_grant");
    let missing = exchange(&peer, &base).await;
    assert_eq!(missing.error(), "invalid_grant");

    // A wrong verifier did not burn the code.
    let right = exchange(&peer, &[&base[..], &[("code_verifier", VERIFIER)]].concat()).await;
    assert_eq!(right.status, StatusCode::OK, "{}", right.body);
    let id = peer
        .verify_jwt(right.body["id_token"].as_str().unwrap(), TV_CLIENT_ID)
        .await;
    assert_eq!(id["nonce"], "n-456");
    assert_eq!(id["name"], "Dominique");
    let access = right.body["access_token"].as_str().unwrap();
    assert_eq!(
        peer.get_bearer("api/library", access).await.status,
        StatusCode::OK
    );

    // A second exchange fails and revokes what the first one got.
    let replay = exchange(&peer, &[&base[..], &[("code_verifier", VERIFIER)]].concat()).await;
    assert_eq!(replay.error(), "invalid_grant");
    assert_eq!(
        peer.get_bearer("api/library", access).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        peer.refresh(right.body["refresh_token"].as_str().unwrap())
            .await
            .error(),
        "invalid_grant"
    );
}

#[tokio::test]
async fn the_redirect_uri_must_match_at_the_exchange() {
    let peer = Peer::start().await;
    let redirect = "http://127.0.0.1:50000/callback";
    let url = authorize_url(
        &peer,
        TV_CLIENT_ID,
        redirect,
        &[
            ("code_challenge", &challenge(VERIFIER)),
            ("code_challenge_method", "S256"),
        ],
    );
    let params = consent(&peer, &url, "approve").await;
    let code = param(&params, "code").unwrap();
    let other = exchange(
        &peer,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", TV_CLIENT_ID),
            ("code", code),
            ("redirect_uri", "http://127.0.0.1:50001/callback"),
            ("code_verifier", VERIFIER),
        ],
    )
    .await;
    assert_eq!(other.error(), "invalid_grant");
}

#[tokio::test]
async fn denial_redirects_with_access_denied() {
    let peer = Peer::start().await;
    let url = authorize_url(
        &peer,
        TV_CLIENT_ID,
        "http://127.0.0.1:40000/callback",
        &[
            ("code_challenge", &challenge(VERIFIER)),
            ("code_challenge_method", "S256"),
        ],
    );
    let params = consent(&peer, &url, "deny").await;
    assert_eq!(param(&params, "error"), Some("access_denied"));
    assert_eq!(param(&params, "state"), Some("st-123"));
    assert!(param(&params, "code").is_none());
}

#[tokio::test]
async fn bad_client_or_redirect_is_shown_not_redirected() {
    let peer = Peer::start().await;
    for (client, redirect) in [
        ("nobody", "http://127.0.0.1:40000/callback"),
        (TV_CLIENT_ID, "https://evil.example/callback"),
        (TV_CLIENT_ID, "http://localhost:40000/callback"),
    ] {
        let url = authorize_url(&peer, client, redirect, &[]);
        let answer = peer.http.get(&url).send().await.unwrap();
        assert_eq!(
            answer.status(),
            StatusCode::BAD_REQUEST,
            "{client} {redirect}"
        );
        assert!(answer.headers().get("location").is_none());
    }
}

#[tokio::test]
async fn other_request_errors_go_back_to_the_client() {
    let peer = Peer::start().await;
    let redirect = "http://127.0.0.1:40000/callback";
    let get = |extra: Vec<(&'static str, String)>| {
        let extra: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let url = authorize_url(&peer, TV_CLIENT_ID, redirect, &extra);
        let http = peer.http.clone();
        async move { http.get(url).send().await.unwrap() }
    };
    let no_pkce = get(vec![]).await;
    assert_eq!(no_pkce.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        param(&redirect_params(&no_pkce), "error"),
        Some("invalid_request")
    );

    let plain = get(vec![
        ("code_challenge", challenge(VERIFIER)),
        ("code_challenge_method", "plain".into()),
    ])
    .await;
    assert_eq!(
        param(&redirect_params(&plain), "error"),
        Some("invalid_request")
    );

    let implicit = {
        let url = authorize_url(&peer, TV_CLIENT_ID, redirect, &[])
            .replace("response_type=code", "response_type=token");
        peer.http.get(url).send().await.unwrap()
    };
    assert_eq!(
        param(&redirect_params(&implicit), "error"),
        Some("unsupported_response_type")
    );
}

#[tokio::test]
async fn confidential_client_exchanges_with_its_secret_basic_or_post() {
    let peer = Peer::start().await;
    let secret = std::fs::read_to_string(peer.data_dir().join("service-client-secret")).unwrap();
    let redirect = "http://127.0.0.1:40100/callback";
    for method in ["post", "basic", "wrong"] {
        // No PKCE: a confidential client may do without.
        let url = authorize_url(&peer, SERVICE_CLIENT_ID, redirect, &[]);
        let params = consent(&peer, &url, "approve").await;
        let code = param(&params, "code").unwrap();
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect),
        ];
        let request = peer.http.post(peer.url("oauth/token"));
        let request = match method {
            "post" => request.form(
                &[
                    &form[..],
                    &[
                        ("client_id", SERVICE_CLIENT_ID),
                        ("client_secret", secret.as_str()),
                    ],
                ]
                .concat(),
            ),
            "basic" => request
                .basic_auth(SERVICE_CLIENT_ID, Some(&secret))
                .form(&form),
            _ => request
                .basic_auth(SERVICE_CLIENT_ID, Some("not-the-secret"))
                .form(&form),
        };
        let answer = Answer::read(request.send().await.unwrap()).await;
        if method == "wrong" {
            assert_eq!(
                (answer.status, answer.error()),
                (StatusCode::UNAUTHORIZED, "invalid_client")
            );
        } else {
            assert_eq!(answer.status, StatusCode::OK, "{method}: {}", answer.body);
            assert!(answer.body["refresh_token"].is_string());
        }
    }
}
