//! "Sign in on this device": authorization code + PKCE through the browser (seed 001), and
//! the same flow for a confidential client (seed 003), with the failures a person or an
//! attacker can cause. The test plays the browser: `$BROWSER` is `true`, the address comes
//! from the `browser` JSON event, the provider's pages are driven over HTTP.

use tvauth::auth::Secret;
use tvauth::auth::pkce::{AuthorizationRequest, random_token};
use tvauth::config::Config;
use tvauth::session::{Account, SessionError};
use tvauth::store::Store;
use url::Url;

use crate::assert_api_token;
use crate::peer::{Kind, Method, PERSON, Peer};
use crate::rig::Rig;
use crate::support::cli::Login;

fn param(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Starts `login --browser --json`; returns the login and the address it wants opened.
async fn start(rig: &Rig, extra: &[&str]) -> (Login, String) {
    let mut args = vec!["--browser"];
    args.extend_from_slice(extra);
    let mut login = rig.login(&args);
    let event = login.until("browser").await;
    assert_eq!(event["opened"], true, "$BROWSER ran");
    (login, event["url"].as_str().unwrap().to_string())
}

/// The browser arrives at the loopback address: status and page.
async fn arrive(back: &Url) -> (u16, String) {
    assert_eq!(back.host_str(), Some("127.0.0.1"));
    assert_eq!(back.path(), "/callback");
    let response = reqwest::get(back.clone()).await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

pub async fn pkce_sign_in_through_the_browser(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    let rig = Rig::for_peer(&peer, peer.tv_client(), "");
    let (login, address) = start(&rig, &[]).await;
    let url = Url::parse(&address).unwrap();
    assert_eq!(
        param(&url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert_eq!(param(&url, "code_challenge").map(|c| c.len()), Some(43));
    assert!(param(&url, "state").is_some_and(|s| s.len() >= 22));
    assert!(param(&url, "code_verifier").is_none());

    let back = peer.browse(&address, true).await;
    assert!(param(&back, "code").is_some(), "{back}");
    let (status, page) = arrive(&back).await;
    assert_eq!(status, 200);
    assert!(page.contains("You can close this tab"), "{page}");
    let (code, last, stderr) = login.finish().await;
    assert_eq!(code, 0, "{last} {stderr}");
    assert_eq!(last["event"], "authorized");
    assert_eq!(last["name"], PERSON);

    let token = rig.run(&["token"]).await;
    assert_eq!(token.code, 0, "{token:?}");
    assert_api_token(&peer, token.stdout.trim()).await;
    assert!(rig.session_file().session.unwrap().refresh_token.is_some());
}

/// A forged answer (another state, or none) is refused with a 400 and does not end the
/// sign-in: the real answer that follows still signs in.
pub async fn pkce_state_mismatch_is_refused(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    let rig = Rig::for_peer(&peer, peer.tv_client(), "");
    let (login, address) = start(&rig, &[]).await;
    let back = peer.browse(&address, true).await;
    // A forged answer: someone else's code, or this one replayed with another state.
    let mut forged = back.clone();
    let pairs: Vec<(String, String)> = back
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "state" {
                "forged".into()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    forged.query_pairs_mut().clear().extend_pairs(pairs);
    let (status, page) = arrive(&forged).await;
    assert_eq!(status, 400);
    assert!(page.contains("Not this sign-in"), "{page}");
    let mut stateless = back.clone();
    let pairs: Vec<(String, String)> = back
        .query_pairs()
        .filter(|(k, _)| k != "state")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    stateless.query_pairs_mut().clear().extend_pairs(pairs);
    assert_eq!(arrive(&stateless).await.0, 400);
    assert!(
        !rig.profile_path("session.ron").exists() || rig.session_file().session.is_none(),
        "nothing saved from a forged answer"
    );
    let (status, page) = arrive(&back).await;
    assert_eq!(status, 200);
    assert!(page.contains("You can close this tab"), "{page}");
    let (code, last, stderr) = login.finish().await;
    assert_eq!(code, 0, "{last} {stderr}");
    assert_eq!(last["event"], "authorized");
}

pub async fn pkce_declined_in_the_browser(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    let rig = Rig::for_peer(&peer, peer.tv_client(), "");
    let (login, address) = start(&rig, &[]).await;
    let back = peer.browse(&address, false).await;
    assert_eq!(param(&back, "error").as_deref(), Some("access_denied"));
    let (status, _) = arrive(&back).await;
    assert_eq!(status, 400);
    let (code, last, _) = login.finish().await;
    assert_eq!(code, 4, "{last}");
    assert_eq!(last["code"], "access_denied");
}

/// Through the library: the code exchange with a verifier that is not this request's.
pub async fn pkce_wrong_verifier_is_refused_and_does_not_burn_the_code(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    let rig = Rig::for_peer(&peer, peer.tv_client(), "");
    let config = Config::load(&rig.path("config.ron")).unwrap();
    let account = Account::new(config, Store::new(rig.dir.path())).unwrap();
    let sign_in = account.start_browser_sign_in().await.unwrap();
    let back = peer.browse(sign_in.url().as_str(), true).await;
    let real = sign_in.request();
    assert_eq!(param(&back, "state").as_deref(), Some(real.state.as_str()));
    let code = Secret::new(param(&back, "code").unwrap());
    let forged = AuthorizationRequest {
        url: real.url.clone(),
        redirect_uri: real.redirect_uri.clone(),
        state: real.state.clone(),
        nonce: real.nonce.clone(),
        verifier: Secret::new(random_token(32).unwrap()),
    };
    let refused = account.redeem_code(&forged, &code).await;
    assert!(
        matches!(refused, Err(SessionError::CodeRejected(_))),
        "{refused:?}"
    );
    assert!(account.status().unwrap().summary.is_none());
    let profile = account.redeem_code(real, &code).await.unwrap();
    assert_eq!(profile.name.as_deref(), Some(PERSON));
}

pub async fn browser_sign_in_times_out_or_is_cancelled(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    let rig = Rig::for_peer(&peer, peer.tv_client(), "");
    let (login, _) = start(&rig, &["--timeout", "1"]).await;
    let (code, last, _) = login.finish().await;
    assert_eq!((code, &last["event"]), (3, &"timeout".into()));

    let (login, _) = start(&rig, &[]).await;
    let pid = login.child.id().unwrap().to_string();
    let kill = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(kill.success());
    let (code, last, _) = login.finish().await;
    assert_eq!((code, &last["event"]), (130, &"cancelled".into()));
    assert!(rig.session_file().session.is_none());
}

pub async fn confidential_client_code_flow_with_each_auth_method(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    for method in [Method::Post, Method::Basic] {
        let rig = Rig::confidential(&peer, method, &peer.secret());
        let (login, address) = start(&rig, &[]).await;
        let back = peer.browse(&address, true).await;
        let (status, _) = arrive(&back).await;
        assert_eq!(status, 200);
        let (code, last, stderr) = login.finish().await;
        assert_eq!(code, 0, "{method:?}: {last} {stderr}");
        assert_eq!(last["name"], PERSON);
        let token = rig.run(&["token"]).await;
        assert_api_token(&peer, token.stdout.trim()).await;
        // Refresh authenticates with the secret too.
        rig.expire_access_token();
        let refreshed = rig.run(&["token"]).await;
        assert_eq!(refreshed.code, 0, "{method:?}: {refreshed:?}");
        assert_ne!(refreshed.stdout, token.stdout);
    }
}

pub async fn confidential_client_with_a_wrong_secret(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    let rig = Rig::confidential(&peer, Method::Basic, "not-the-secret");
    let (login, address) = start(&rig, &[]).await;
    let back = peer.browse(&address, true).await;
    let _ = arrive(&back).await;
    let (code, last, _) = login.finish().await;
    assert_eq!(code, 7, "{last}");
    assert_eq!(last["code"], "invalid_client");
    assert!(rig.session_file().session.is_none());
}

/// Signing out while the client's secret is unusable: the session is gone here at once, the
/// revocation waits (sent without the secret it would be refused and forgotten), and goes
/// out once the secret is usable again.
pub async fn confidential_revocation_waits_for_a_usable_secret(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    let rig = Rig::confidential(&peer, Method::Post, &peer.secret());
    let (login, address) = start(&rig, &[]).await;
    let back = peer.browse(&address, true).await;
    assert_eq!(arrive(&back).await.0, 200);
    let (code, last, stderr) = login.finish().await;
    assert_eq!(code, 0, "{last} {stderr}");

    rig.install_secret(&peer.secret(), 0o644);
    let logout = rig.run(&["logout"]).await;
    let file = rig.session_file();
    assert!(
        file.session.is_none(),
        "signed out here at once: {logout:?}"
    );
    assert!(
        !file.pending_revocations.is_empty(),
        "the tokens wait for the secret: {logout:?}"
    );

    rig.install_secret(&peer.secret(), 0o600);
    let retried = rig.run(&["logout"]).await;
    assert_eq!(retried.code, 0, "{retried:?}");
    assert!(
        rig.session_file().pending_revocations.is_empty(),
        "{retried:?}"
    );
}
