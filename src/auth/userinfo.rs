//! OIDC userinfo (OIDC Core §5.3): who an access token belongs to, for answers that carry no
//! ID token or an ID token with only `sub`.

use serde::Deserialize;
use url::Url;

use super::dpop::Dpop;
use super::{AuthError, Secret};

/// The claims tvauth shows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct UserInfo {
    /// The subject: the account's stable, unique id at the provider.
    pub sub: String,
    /// The person's full name, if the scopes allow it.
    #[serde(default)]
    pub name: Option<String>,
    /// The person's email address, if the scopes allow it.
    #[serde(default)]
    pub email: Option<String>,
    /// The address of the person's picture, if there is one.
    #[serde(default)]
    pub picture: Option<String>,
}

/// Asks the userinfo endpoint with `access` (with a proof by `dpop` when the token is bound).
pub async fn fetch(
    http: &reqwest::Client,
    endpoint: &Url,
    access: &Secret,
    dpop: Option<&Dpop>,
) -> Result<UserInfo, AuthError> {
    let answer = super::dpop::resource::get(http, endpoint, access, dpop).await?;
    if !answer.status.is_success() {
        return Err(AuthError::Http {
            status: answer.status.as_u16(),
            retry_after: answer.retry_after(),
        });
    }
    serde_json::from_slice(&answer.body).map_err(|e| AuthError::Malformed {
        what: "userinfo endpoint",
        detail: e.to_string(),
    })
}
