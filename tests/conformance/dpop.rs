//! DPoP (RFC 9449) against both peers, nonces required (as Auth0 requires them of public
//! clients): the session is bound to the TV's key from sign-in, through refresh, at userinfo;
//! a thief with the tokens but not the key gets nothing.

use reqwest::header::AUTHORIZATION;
use serde_json::Value;
use tvauth::auth::Secret;
use tvauth::auth::dpop::{Dpop, resource};
use url::Url;

use crate::assert_api_token;
use crate::device::sign_in;
use crate::peer::{Kind, Peer};
use crate::rig::Rig;
use crate::support::dpop;

/// Sends `proof` as is (no nonce retry): the status.
async fn status_with_proof(url: &Url, access: &Secret, proof: &Secret) -> u16 {
    reqwest::Client::new()
        .get(url.clone())
        .header(AUTHORIZATION, format!("DPoP {}", access.expose()))
        .header("DPoP", proof.expose())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn status_with(url: &Url, access: &Secret, dpop: &Dpop) -> u16 {
    let http = reqwest::Client::new();
    let answer = resource::get(&http, url, access, Some(dpop)).await.unwrap();
    answer.status.as_u16()
}

pub async fn dpop_binds_the_session_and_a_thief_gets_nothing(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    let rig = Rig::for_peer(&peer, peer.tv_client(), "");
    sign_in(&peer, &rig).await;
    let jkt = rig
        .session_file()
        .session
        .unwrap()
        .dpop_jkt
        .expect("bound at sign-in");
    let status = rig.run(&["status", "--json"]).await;
    let json: Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(json["dpop_bound"], true);

    let token = rig.run(&["token"]).await;
    assert_eq!(token.code, 0, "{token:?}");
    let claims = assert_api_token(&peer, token.stdout.trim()).await;
    assert_eq!(
        claims["cnf"]["jkt"],
        jkt.as_str(),
        "the access token names the key"
    );

    // Refresh: same key, rotated refresh token, a bound access token again.
    let first = rig.refresh_token();
    rig.expire_access_token();
    let token = rig.run(&["token"]).await;
    assert_eq!(token.code, 0, "{token:?}");
    assert_ne!(rig.refresh_token(), first);
    let claims = assert_api_token(&peer, token.stdout.trim()).await;
    assert_eq!(claims["cnf"]["jkt"], jkt.as_str());
    if peer.api_base().is_some() {
        assert_eq!(rig.run(&["api"]).await.code, 0);
    }

    // The thief has the tokens. Where the peer has an API: oidc-provider serves none (and
    // its userinfo refuses tokens minted for the API), so there the binding shows in
    // `cnf.jkt` above and in the refresh below.
    if let Some(api) = peer.api_base() {
        thief_at_the_api(&rig, &Url::parse(&format!("{api}library")).unwrap()).await;
    }

    // A refresh by another key is refused, and the TV's session lives on.
    let refresh = rig.refresh_token();
    let refused = peer
        .refresh_error_with(peer.tv_client(), &refresh, Some(&dpop::thief()))
        .await;
    assert!(
        matches!(
            refused.as_deref(),
            Some("invalid_grant" | "invalid_dpop_proof")
        ),
        "{refused:?}"
    );
    rig.expire_access_token();
    let token = rig.run(&["token"]).await;
    assert_eq!(token.code, 0, "{token:?}");
}

/// At the API: the access token as Bearer, or with another key's proof, is refused; the
/// owner's key works, each proof once.
async fn thief_at_the_api(rig: &Rig, url: &Url) {
    let (_, access) = rig.stored_tokens();
    let access = Secret::new(access);
    let as_bearer = reqwest::Client::new()
        .get(url.clone())
        .bearer_auth(access.expose())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    assert_eq!(as_bearer, 401, "a bound token is no Bearer token");
    assert_eq!(status_with(url, &access, &dpop::thief()).await, 401);

    // The owner's key works; its proof does once.
    let owner = dpop::handle(dpop::stored_key(rig).unwrap());
    assert_eq!(status_with(url, &access, &owner).await, 200);
    let proof = owner.proof("GET", url, Some(&access)).unwrap();
    assert_eq!(status_with_proof(url, &access, &proof).await, 200);
    assert_eq!(
        status_with_proof(url, &access, &proof).await,
        401,
        "a replayed proof is refused"
    );
}
