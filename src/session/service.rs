//! The box's own identity (seed 002, client credentials): a confidential client whose access
//! token is cached on disk until 60 s before it expires, so every program on the box can ask
//! `tvauth token --client-credentials` without a round trip each time.

use serde::{Deserialize, Serialize};

use super::{Account, EXPIRY_MARGIN_SECONDS, SessionError, unix_now};
use crate::auth::credentials::ClientIdentity;
use crate::auth::token::{self, TokenSet};
use crate::auth::{AuthError, Secret};
use crate::config::ServiceConfig;

/// The cached service token (mode 0600 like every file of the store).
pub const SERVICE_TOKEN_FILE: &str = "service-token.ron";

#[derive(Debug, Default, Serialize, Deserialize)]
struct ServiceTokenFile {
    #[serde(default)]
    token: Option<CachedToken>,
}

#[derive(Debug, Serialize, Deserialize)]
struct CachedToken {
    issuer: String,
    client_id: String,
    audience: Option<String>,
    scope: Option<String>,
    access_token: Secret,
    expires_at: u64,
}

impl CachedToken {
    fn is_for(&self, issuer: &str, service: &ServiceConfig, audience: Option<&str>) -> bool {
        self.issuer == issuer
            && self.client_id == service.client_id
            && self.audience.as_deref() == audience
            && self.scope == service.scope
    }
}

impl Account {
    /// An access token for the service identity: the cached one while it has more than 60 s
    /// left, else a new one from the client credentials grant.
    pub async fn service_access_token(&self) -> Result<Secret, SessionError> {
        let service = self.shared.config.service.as_ref().ok_or_else(|| {
            SessionError::Config(
                "config.ron has no service section (client_id and client_secret_file of the \
                 box's service identity)"
                    .into(),
            )
        })?;
        let audience = service
            .audience
            .as_deref()
            .or(self.shared.config.audience.as_deref());
        let issuer = self.shared.config.issuer.as_str();
        let _lock = self.box_store().lock().await?;
        let cached = self
            .box_store()
            .load::<ServiceTokenFile>(SERVICE_TOKEN_FILE)?
            .value;
        if let Some(token) = cached.token.filter(|t| {
            t.is_for(issuer, service, audience) && t.expires_at > unix_now() + EXPIRY_MARGIN_SECONDS
        }) {
            return Ok(token.access_token);
        }
        let tokens = self.client_credentials(service, audience).await?;
        let access = tokens.access_token.duplicate();
        let file = ServiceTokenFile {
            token: Some(CachedToken {
                issuer: issuer.to_string(),
                client_id: service.client_id.clone(),
                audience: audience.map(str::to_string),
                scope: service.scope.clone(),
                expires_at: unix_now()
                    + tokens.expires_in.unwrap_or(super::DEFAULT_ACCESS_LIFETIME),
                access_token: tokens.access_token,
            }),
        };
        self.box_store().save(SERVICE_TOKEN_FILE, &file)?;
        Ok(access)
    }

    async fn client_credentials(
        &self,
        service: &ServiceConfig,
        audience: Option<&str>,
    ) -> Result<TokenSet, SessionError> {
        let identity = ClientIdentity::from_source(
            &service.client_id,
            &service.client_secret,
            service.token_endpoint_auth_method,
        )?;
        let provider = self.provider().await?;
        let mut params = vec![("grant_type", "client_credentials")];
        if let Some(audience) = audience {
            params.push(("audience", audience));
        }
        if let Some(scope) = &service.scope {
            params.push(("scope", scope));
        }
        let answer = token::request(
            self.http()?,
            provider,
            &params,
            &identity.auth(provider),
            None,
        )
        .await?;
        token::into_tokens(answer).map_err(|e: AuthError| e.into())
    }
}
