//! The protected API: GET with the access token, one refresh and retry when the token itself
//! is refused (RFC 6750 `invalid_token`), and the rule that the token never leaves the API.

use serde_json::Value;
use url::Url;

use super::{Account, SessionError};
use crate::auth::dpop::{Dpop, resource};
use crate::auth::{AuthError, bearer};

impl Account {
    /// The API URL for `path` (relative to `api_base_url`; an absolute URL must lie under it,
    /// so the token never goes to another host).
    pub fn api_url(&self, path: &str) -> Result<Url, SessionError> {
        let base = self
            .shared
            .config
            .api_base_url
            .as_ref()
            .ok_or_else(|| SessionError::Config("config.ron has no api_base_url".into()))?;
        let url = match Url::parse(path) {
            Ok(absolute) => absolute,
            Err(_) => base
                .join(path.trim_start_matches('/'))
                .map_err(|e| SessionError::Config(format!("bad API path '{path}': {e}")))?,
        };
        if !url.as_str().starts_with(base.as_str()) {
            return Err(SessionError::Config(format!(
                "'{url}' is outside the API at {base}"
            )));
        }
        Ok(url)
    }

    /// GETs a JSON document from the protected API; on `401 invalid_token`, refreshes once and
    /// tries again.
    pub async fn api_get(&self, path: &str) -> Result<Value, SessionError> {
        let url = self.api_url(path)?;
        let token = self.access_token().await?;
        let dpop = self.bound_dpop()?;
        let mut answer = resource::get(self.http()?, &url, &token, dpop.as_ref()).await?;
        if answer.status.as_u16() == 401 && bearer::says_invalid_token(&answer) {
            let token = self.refresh(Some(token.expose())).await?;
            answer = resource::get(self.http()?, &url, &token, dpop.as_ref()).await?;
        }
        if !answer.status.is_success() {
            return Err(SessionError::Api {
                status: answer.status.as_u16(),
                code: bearer::error_code(&answer),
            });
        }
        // Not JSON from a 2xx: a captive portal or a proxy in the way, worth another try.
        serde_json::from_slice(&answer.body).map_err(|e| {
            SessionError::from(AuthError::Malformed {
                what: "API",
                detail: e.to_string(),
            })
        })
    }

    /// The DPoP proofs for the stored session, when it is bound.
    fn bound_dpop(&self) -> Result<Option<Dpop>, SessionError> {
        let mut loaded = self.load()?;
        match self.matching(&mut loaded.value) {
            Some(session) => self.session_dpop(session),
            None => Ok(None),
        }
    }
}
