//! OIDC userinfo (OIDC Core §5.3): who an access token belongs to, for answers that carry no
//! ID token or an ID token with only `sub`.

use serde::Deserialize;
use url::Url;

use super::http::get_json;
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

/// Asks the userinfo endpoint with `access`.
pub async fn fetch(
    http: &reqwest::Client,
    endpoint: &Url,
    access: &Secret,
) -> Result<UserInfo, AuthError> {
    let request = http.get(endpoint.clone()).bearer_auth(access.expose());
    get_json(request, "userinfo endpoint").await
}
