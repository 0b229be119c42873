//! The device flow (seed 000) through `tvauth login --json`, approved or declined on the
//! provider's own pages, then refresh, rotation, reuse and revocation.

use crate::assert_api_token;
use crate::peer::{Kind, Method, PERSON, Peer};
use crate::rig::Rig;
use crate::support::dpop;

pub async fn device_flow_signs_in_with_a_token_for_the_api(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    let rig = Rig::for_peer(&peer, peer.tv_client(), "");
    let mut login = rig.login(&[]);
    let code = login.until("code").await;
    let interval = code["interval"].as_u64().unwrap();
    match kind {
        Kind::Demo => assert_eq!(interval, 1),
        // oidc-provider sends no interval: RFC 8628's default of 5 s.
        Kind::OidcProvider => assert_eq!(interval, 5),
    }
    assert!(
        code["verification_uri_complete"]
            .as_str()
            .unwrap()
            .contains("user_code=")
    );
    peer.approve(code["user_code"].as_str().unwrap()).await;
    let (status, last, stderr) = login.finish().await;
    assert_eq!(status, 0, "{last} {stderr}");
    assert_eq!(last["event"], "authorized");
    assert_eq!(
        last["name"], PERSON,
        "the profile comes from the validated ID token"
    );

    let status = rig.run(&["status", "--json"]).await;
    assert_eq!(status.code, 0, "{status:?}");
    assert!(status.stdout.contains(PERSON));

    let token = rig.run(&["token"]).await;
    assert_eq!(token.code, 0, "{token:?}");
    let claims = assert_api_token(&peer, token.stdout.trim()).await;
    assert!(claims["sub"].as_str().is_some_and(|s| !s.is_empty()));

    if peer.api_base().is_some() {
        let api = rig.run(&["api"]).await;
        assert_eq!(api.code, 0, "{api:?}");
        assert!(api.stdout.contains("items"));
    }
}

pub async fn declined_on_the_providers_page(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    let rig = Rig::for_peer(&peer, peer.tv_client(), "");
    let mut login = rig.login(&[]);
    let code = login.until("code").await;
    peer.deny(code["user_code"].as_str().unwrap()).await;
    let (status, last, _) = login.finish().await;
    assert_eq!(last["event"], "denied");
    assert_eq!(status, 4);
    assert!(rig.session_file().session.is_none());
}

pub async fn code_expires_before_approval(kind: Kind) {
    let Some(peer) = Peer::with_short_codes(kind).await else {
        return;
    };
    let rig = Rig::for_peer(&peer, peer.tv_client(), "");
    let login = rig.login(&[]);
    let (status, last, _) = login.finish().await;
    assert_eq!(last["event"], "expired");
    assert_eq!(status, 3);
    assert!(rig.session_file().session.is_none());
}

/// Signs in through the device flow, approved by the person.
pub async fn sign_in(peer: &Peer, rig: &Rig) {
    let mut login = rig.login(&[]);
    let code = login.until("code").await;
    peer.approve(code["user_code"].as_str().unwrap()).await;
    let (status, last, stderr) = login.finish().await;
    assert_eq!(status, 0, "{last} {stderr}");
}

pub async fn refresh_rotates_and_reuse_ends_the_session(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    let rig = Rig::for_peer(&peer, peer.tv_client(), "");
    sign_in(&peer, &rig).await;
    let first = rig.refresh_token();

    rig.expire_access_token();
    let token = rig.run(&["token"]).await;
    assert_eq!(token.code, 0, "{token:?}");
    assert_api_token(&peer, token.stdout.trim()).await;
    let second = rig.refresh_token();
    assert_ne!(
        first, second,
        "the refresh token rotated and the new one was saved"
    );

    // Someone replays the old refresh token with the TV's key (they copied the whole config
    // dir; without the key the replay is refused before it counts): the provider revokes the
    // whole family.
    let key = dpop::stored_key(&rig).map(dpop::handle);
    assert_eq!(
        peer.refresh_error_with(peer.tv_client(), &first, key.as_ref())
            .await
            .as_deref(),
        Some("invalid_grant")
    );
    rig.expire_access_token();
    let ended = rig.run(&["token"]).await;
    assert_eq!(ended.code, 5, "{ended:?}");
    assert!(ended.stderr.contains("tvauth login"), "{}", ended.stderr);
    assert!(rig.session_file().session.is_none());
}

pub async fn logout_revokes_at_the_provider(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    let rig = Rig::for_peer(&peer, peer.tv_client(), "");
    sign_in(&peer, &rig).await;
    let refresh = rig.refresh_token();
    let key = dpop::stored_key(&rig).map(dpop::handle);
    let logout = rig.run(&["logout"]).await;
    assert_eq!(logout.code, 0, "{logout:?}");
    assert!(logout.stdout.contains("revoked"), "{logout:?}");
    assert!(rig.session_file().session.is_none());
    assert!(rig.session_file().pending_revocations.is_empty());
    assert!(
        !rig.path(dpop::KEY_FILE).exists(),
        "the key goes with the session"
    );
    assert_eq!(
        peer.refresh_error_with(peer.tv_client(), &refresh, key.as_ref())
            .await
            .as_deref(),
        Some("invalid_grant")
    );
}

/// The confidential service client is not registered for the device grant.
pub async fn client_not_allowed_the_device_grant(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    let rig = Rig::confidential(&peer, Method::Basic, &peer.secret());
    let run = rig.run(&["login"]).await;
    let said = format!("{}{}", run.stdout, run.stderr);
    match kind {
        // RFC 6749's code for it: the client is refused, exit 7.
        Kind::Demo => {
            assert_eq!(run.code, 7, "{run:?}");
            assert!(said.contains("does not allow this client"), "{run:?}");
        }
        // oidc-provider answers invalid_request instead, with a description that says
        // why: shown as is, exit 1.
        Kind::OidcProvider => {
            assert_eq!(run.code, 1, "{run:?}");
            assert!(said.contains("not allowed for this client"), "{run:?}");
        }
    }
    assert!(rig.session_file().session.is_none());
}
