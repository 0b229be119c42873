//! OIDC userinfo (OIDC Core §5.3): who an access token belongs to, for answers that carry no
//! ID token or an ID token with only `sub`.

use serde::Deserialize;
use url::Url;

use super::http::Answer;
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
    let response = http
        .get(endpoint.clone())
        .bearer_auth(access.expose())
        .send()
        .await
        .map_err(|e| AuthError::network(&e))?;
    let answer = Answer::read(response).await?;
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
