//! OIDC userinfo (OIDC Core §5.3): who an access token belongs to, for answers that carry no
//! ID token or an ID token with only `sub`.

use serde::Deserialize;
use url::Url;

use super::http::get_json;
use super::{AuthError, Secret};

/// The claims tvauth shows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct UserInfo {
    pub sub: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
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
