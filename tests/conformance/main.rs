//! One scenario suite, two peers: every scenario runs against the embedded demo server and
//! against oidc-provider (panva's certified OpenID provider, from npm, set up like Auth0 in
//! tests/peers/oidc-provider), both binding tokens with DPoP and requiring its nonce. Where Node.js is missing, the oidc-provider half fails, unless
//! TVAUTH_SKIP_NODE=1 asks to skip it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/lib.rs"]
mod support;

mod peer;
mod rig;

mod browser;
mod device;
mod dpop;
mod service;

/// Declares each scenario once per peer: `demo::NAME` and `oidc_provider::NAME`.
macro_rules! on_both_peers {
    ($($module:ident :: $name:ident),* $(,)?) => {
        mod on_demo {
            $(
                #[tokio::test]
                async fn $name() {
                    crate::$module::$name(crate::peer::Kind::Demo).await;
                }
            )*
        }
        mod on_oidc_provider {
            $(
                #[tokio::test]
                async fn $name() {
                    crate::$module::$name(crate::peer::Kind::OidcProvider).await;
                }
            )*
        }
    };
}

on_both_peers!(
    device::device_flow_signs_in_with_a_token_for_the_api,
    device::declined_on_the_providers_page,
    device::code_expires_before_approval,
    device::refresh_rotates_and_reuse_ends_the_session,
    device::logout_revokes_at_the_provider,
    device::client_not_allowed_the_device_grant,
    dpop::dpop_binds_the_session_and_a_thief_gets_nothing,
    browser::pkce_sign_in_through_the_browser,
    browser::pkce_state_mismatch_is_refused,
    browser::pkce_declined_in_the_browser,
    browser::pkce_wrong_verifier_is_refused_and_does_not_burn_the_code,
    browser::browser_sign_in_times_out_or_is_cancelled,
    browser::confidential_client_code_flow_with_each_auth_method,
    browser::confidential_client_with_a_wrong_secret,
    browser::confidential_revocation_waits_for_a_usable_secret,
    service::client_credentials_with_each_auth_method,
    service::client_credentials_wrong_secret_or_open_secret_file,
);

/// Checks an access token for the API: signed by the peer, for the API's audience, with the
/// API's scope; returns its claims.
pub async fn assert_api_token(peer: &peer::Peer, token: &str) -> serde_json::Value {
    let claims = peer.verify_api_jwt(token).await;
    let scope = claims["scope"].as_str().unwrap_or_default();
    assert!(
        scope.split(' ').any(|s| s == "read:library"),
        "scope: {scope}"
    );
    claims
}
