//! DPoP from a test's side: the key the binary stored (what a thief who copied the whole
//! config dir would hold), a thief's own key, and a refresh probe that carries a proof (and
//! answers the server's nonce request, as the client does).

use std::sync::Arc;

use serde_json::Value;
use tvauth::auth::Secret;
use tvauth::auth::dpop::{Dpop, DpopKey};
use tvauth::auth::token::{ClientAuth, oauth_error, post_form};
use url::Url;

use crate::support::cli::ConfigDir;

/// The key file beside session.ron, in the profile's directory.
pub const KEY_FILE: &str = "dpop-key.ron";

/// The key in the current profile's dpop-key.ron, if there is one.
pub fn stored_key(config: &ConfigDir) -> Option<DpopKey> {
    let text = std::fs::read_to_string(config.profile_path(KEY_FILE)).ok()?;
    let value: ron::Value = ron::from_str(&text).unwrap();
    let json: Value = serde_json::to_value(value).unwrap();
    let private = json["key"]["private_key"]
        .as_str()
        .or_else(|| json["key"]["Some"]["private_key"].as_str())
        .unwrap_or_else(|| panic!("no private_key in {KEY_FILE}"));
    Some(DpopKey::from_stored(&Secret::new(private)).unwrap())
}

/// Proofs by `key`, with nonces of their own.
pub fn handle(key: DpopKey) -> Dpop {
    Dpop::new(Arc::new(key), Arc::default())
}

/// Proofs by a key nobody else has.
pub fn thief() -> Dpop {
    handle(DpopKey::generate().unwrap())
}

/// Asks `issuer` to refresh with `token` for `client_id`, with a proof by `dpop` when given;
/// the OAuth error code (None when it worked). Only for tokens expected dead or stolen.
pub async fn refresh_error(
    http: &reqwest::Client,
    issuer: &str,
    client_id: &str,
    token: &str,
    dpop: Option<&Dpop>,
) -> Option<String> {
    let url = Url::parse(&format!("{issuer}oauth/token")).unwrap();
    let params = [("grant_type", "refresh_token"), ("refresh_token", token)];
    let auth = ClientAuth::None { client_id };
    let answer = post_form(http, &url, &params, &auth, dpop).await.unwrap();
    oauth_error(&answer.body).map(|(code, _)| code.as_str().to_string())
}
