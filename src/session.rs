//! The signed-in session: sign-in through the device flow, the cached access token, refresh
//! (single-flight across processes, rotated refresh token saved before the new access token
//! is used), the protected API, and sign-out with revocation. No GUI in here.

mod browser_login;
mod login;
mod service;

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::OnceCell;
use url::Url;

use crate::auth::credentials::{ClientIdentity, SecretError};
use crate::auth::http::Answer;
use crate::auth::id_token::Jwks;
use crate::auth::loopback::RedirectError;
use crate::auth::token::{self, TokenAnswer, TokenSet};
use crate::auth::{self, AuthError, Provider, Secret};
use crate::config::Config;
use crate::i18n::Lang;
use crate::store::{SESSION_FILE, Store, StoreError};

pub use browser_login::{BROWSER_SIGN_IN_TIMEOUT, BrowserSignIn};
pub use login::{CodeInfo, LoginEvent};
pub use service::SERVICE_TOKEN_FILE;

/// A cached access token is used until this close to its expiry.
pub const EXPIRY_MARGIN_SECONDS: u64 = 60;
/// Assumed lifetime of an access token whose answer gave none.
const DEFAULT_ACCESS_LIFETIME: u64 = 300;
/// How long a sign-out (or a command passing by) spends revoking before it leaves the rest
/// queued: a revocation normally takes well under a second.
pub const REVOCATION_BUDGET: std::time::Duration = std::time::Duration::from_secs(3);

pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Who is signed in, from the validated ID token (or userinfo).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub sub: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
}

impl From<crate::auth::id_token::IdClaims> for Profile {
    fn from(claims: crate::auth::id_token::IdClaims) -> Profile {
        Profile {
            sub: claims.sub,
            name: claims.name,
            email: claims.email,
            picture: claims.picture,
        }
    }
}

impl Profile {
    /// Someone the provider did not describe: no ID token and no usable userinfo (plain
    /// OAuth servers with opaque tokens). Signed in all the same.
    pub fn unnamed() -> Profile {
        Profile {
            sub: String::new(),
            name: None,
            email: None,
            picture: None,
        }
    }

    /// What to call the person: name, else email, else the subject id; `None` when the
    /// provider said nothing about them.
    pub fn display_name(&self) -> Option<&str> {
        [
            self.name.as_deref(),
            self.email.as_deref(),
            Some(self.sub.as_str()),
        ]
        .into_iter()
        .flatten()
        .find(|s| !s.trim().is_empty())
    }
}

/// The session as saved in `session.ron`.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredSession {
    pub issuer: String,
    pub client_id: String,
    pub profile: Profile,
    pub scope: String,
    pub refresh_token: Option<Secret>,
    pub access_token: Option<Secret>,
    pub access_token_expires_at: Option<u64>,
    pub signed_in_at: u64,
    #[serde(default)]
    pub refreshed_at: Option<u64>,
}

impl StoredSession {
    fn usable_access_token(&self, now: u64) -> Option<&Secret> {
        let expires = self.access_token_expires_at?;
        (expires > now + EXPIRY_MARGIN_SECONDS)
            .then_some(self.access_token.as_ref())
            .flatten()
    }
}

/// A token to revoke once the provider can be reached (sign-out while offline).
#[derive(Debug, Serialize, Deserialize)]
pub struct PendingRevocation {
    pub issuer: String,
    pub client_id: String,
    pub token: Secret,
    pub hint: String,
}

/// Everything in `session.ron`.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SessionFile {
    #[serde(default)]
    pub session: Option<StoredSession>,
    #[serde(default)]
    pub pending_revocations: Vec<PendingRevocation>,
}

/// Why an account operation failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SessionError {
    /// Nobody is signed in.
    #[error("not signed in")]
    SignedOut,
    /// The provider ended the session (`invalid_grant` on refresh): sign in again.
    #[error("the session has ended: sign in again")]
    Ended,
    /// The provider cannot be reached now; the session is kept.
    #[error("the provider cannot be reached: {0}")]
    Offline(AuthError),
    /// The provider refused, or answered something unusable.
    #[error(transparent)]
    Auth(AuthError),
    /// The session file could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The protected API refused or failed.
    #[error("the API answered HTTP {status}{}", code.as_ref().map(|c| format!(" ({c})")).unwrap_or_default())]
    Api { status: u16, code: Option<String> },
    /// The configuration does not allow this.
    #[error("{0}")]
    Config(String),
    /// A confidential client's secret cannot be read.
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// The person declined at the provider (`access_denied`).
    #[error("the sign-in was declined")]
    Declined,
    /// The browser came back with an answer that is not trusted.
    #[error(transparent)]
    Redirect(#[from] RedirectError),
    /// The provider refused the authorization code: used, expired, or the PKCE verifier
    /// does not match.
    #[error("the provider refused the authorization code{}", .0.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
    CodeRejected(Option<String>),
}

impl SessionError {
    /// A short code for screens and scripts, e.g. `network`, `invalid_client`, `api-503`.
    pub fn short_code(&self) -> String {
        match self {
            SessionError::Offline(e) | SessionError::Auth(e) => e.short_code(),
            SessionError::SignedOut => "signed_out".into(),
            SessionError::Ended => "session_ended".into(),
            SessionError::Store(_) => "storage".into(),
            SessionError::Api { status, .. } => format!("api-{status}"),
            SessionError::Config(_) => "config".into(),
            SessionError::Secret(_) => "client-secret".into(),
            SessionError::Declined => "access_denied".into(),
            SessionError::Redirect(RedirectError::StateMismatch) => "state-mismatch".into(),
            SessionError::Redirect(RedirectError::IssuerMismatch(_)) => "issuer-mismatch".into(),
            SessionError::Redirect(_) => "redirect".into(),
            SessionError::CodeRejected(_) => "code-rejected".into(),
        }
    }
}

impl From<AuthError> for SessionError {
    fn from(error: AuthError) -> Self {
        if error.is_transient() {
            SessionError::Offline(error)
        } else {
            SessionError::Auth(error)
        }
    }
}

/// What `status` reports; never a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub profile: Profile,
    pub issuer: String,
    pub scope: String,
    pub signed_in_at: u64,
    pub refreshed_at: Option<u64>,
    pub access_token_expires_at: Option<u64>,
    pub can_refresh: bool,
}

/// The state of the account on this device.
#[derive(Debug, Clone)]
pub struct Status {
    pub summary: Option<Summary>,
    /// Where an unreadable session file was moved, if that just happened.
    pub quarantined: Option<std::path::PathBuf>,
    pub pending_revocations: usize,
}

/// How a sign-out went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Logout {
    NotSignedIn,
    /// Signed out and the tokens revoked at the provider.
    Revoked,
    /// Signed out here; the revocation waits for the network.
    RevocationPending,
}

/// The account of this device with one provider: config, store and HTTP client together.
#[derive(Debug)]
pub struct Account {
    config: Config,
    store: Store,
    /// Made on first use: loading the system's root certificates takes a while, and the TV
    /// app draws its first frame before any network call.
    http: std::sync::OnceLock<Result<reqwest::Client, AuthError>>,
    provider: OnceCell<Provider>,
    /// The device client as it authenticates (its secret read once, if it has one).
    identity: std::sync::OnceLock<Arc<ClientIdentity>>,
    jwks: Jwks,
    /// The language servers are asked to answer in.
    language: Lang,
}

impl Account {
    pub fn new(config: Config, store: Store) -> Result<Account, SessionError> {
        Ok(Account {
            config,
            store,
            http: std::sync::OnceLock::new(),
            provider: OnceCell::new(),
            identity: std::sync::OnceLock::new(),
            jwks: Jwks::default(),
            language: Lang::En,
        })
    }

    /// The account asking servers to answer in `lang` (`Accept-Language`): the protected
    /// API's data then matches the language on screen.
    pub fn speaking(self, lang: Lang) -> Account {
        Account {
            language: lang,
            ..self
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The HTTP client (also for public resources such as posters).
    pub fn http(&self) -> Result<&reqwest::Client, SessionError> {
        self.http
            .get_or_init(|| auth::http::client(self.language))
            .as_ref()
            .map_err(|e| SessionError::from(e.clone()))
    }

    /// The configured client: public, or confidential when a secret is configured.
    /// Only success is kept: a secret file fixed while the TV app runs is read at the next try.
    pub fn identity(&self) -> Result<Arc<ClientIdentity>, SessionError> {
        if let Some(identity) = self.identity.get() {
            return Ok(identity.clone());
        }
        let config = &self.config;
        let identity = if config.client_secret.is_configured() {
            Arc::new(ClientIdentity::from_source(
                &config.client_id,
                &config.client_secret,
                config.token_endpoint_auth_method,
            )?)
        } else {
            Arc::new(ClientIdentity::public(&config.client_id))
        };
        Ok(self.identity.get_or_init(|| identity).clone())
    }

    /// The provider's endpoints, discovered once.
    pub async fn provider(&self) -> Result<&Provider, SessionError> {
        self.provider
            .get_or_try_init(|| async {
                auth::discovery::discover(self.http()?, &self.config.issuer, &self.config.endpoints)
                    .await
                    .map_err(SessionError::from)
            })
            .await
    }

    fn load(&self) -> Result<crate::store::Loaded<SessionFile>, SessionError> {
        Ok(self.store.load::<SessionFile>(SESSION_FILE)?)
    }

    /// The session of this provider and client, if any (another provider's is left alone).
    fn matching<'a>(&self, file: &'a mut SessionFile) -> Option<&'a mut StoredSession> {
        let issuer = self.config.issuer.as_str().trim_end_matches('/');
        file.session.as_mut().filter(|s| {
            s.issuer.trim_end_matches('/') == issuer && s.client_id == self.config.client_id
        })
    }

    /// Who is signed in, from the file alone (no network).
    pub fn status(&self) -> Result<Status, SessionError> {
        let mut loaded = self.load()?;
        let pending_revocations = loaded.value.pending_revocations.len();
        let summary = self.matching(&mut loaded.value).map(|s| Summary {
            profile: s.profile.clone(),
            issuer: s.issuer.clone(),
            scope: s.scope.clone(),
            signed_in_at: s.signed_in_at,
            refreshed_at: s.refreshed_at,
            access_token_expires_at: s.access_token_expires_at,
            can_refresh: s.refresh_token.is_some(),
        });
        Ok(Status {
            summary,
            quarantined: loaded.quarantined,
            pending_revocations,
        })
    }

    /// A valid access token: the cached one until 60 s before it expires, else a refreshed one.
    pub async fn access_token(&self) -> Result<Secret, SessionError> {
        let mut loaded = self.load()?;
        let session = self
            .matching(&mut loaded.value)
            .ok_or(SessionError::SignedOut)?;
        if let Some(token) = session.usable_access_token(unix_now()) {
            return Ok(token.duplicate());
        }
        self.refresh(None).await
    }

    /// Refreshes under the cross-process lock. `rejected` is an access token the API refused:
    /// refresh even if it looks unexpired, unless another process already replaced it.
    async fn refresh(&self, rejected: Option<&str>) -> Result<Secret, SessionError> {
        let _lock = self.store.lock().await?;
        // Read again under the lock: another process may have refreshed meanwhile.
        let mut file = self.load()?.value;
        let now = unix_now();
        let session = self.matching(&mut file).ok_or(SessionError::SignedOut)?;
        if let Some(token) = session.usable_access_token(now)
            && rejected != Some(token.expose())
        {
            return Ok(token.duplicate());
        }
        let Some(refresh_token) = session.refresh_token.as_ref().map(Secret::duplicate) else {
            // Without offline_access there is nothing to refresh with.
            file.session = None;
            self.store.save(SESSION_FILE, &file)?;
            return Err(SessionError::Ended);
        };
        let provider = self.provider().await?;
        let params = [
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
        ];
        let identity = self.identity()?;
        let auth = identity.auth(provider);
        match token::request(self.http()?, provider, &params, &auth).await {
            Ok(TokenAnswer::Tokens(mut tokens)) => {
                let session = self.matching(&mut file).ok_or(SessionError::SignedOut)?;
                let access = tokens.access_token.duplicate();
                let id_token = tokens.id_token.take();
                apply_refresh(session, tokens, now);
                // The rotated refresh token is on disk before anything slow or fallible (the
                // ID token's keys, userinfo) and before the new access token is used.
                self.store.save(SESSION_FILE, &file)?;
                tracing::debug!("access token refreshed");
                if let Ok(profile) = self
                    .profile_from(provider, id_token.as_ref(), &access, None)
                    .await
                    && let Some(session) = self.matching(&mut file)
                    && (profile.sub == session.profile.sub || session.profile.sub.is_empty())
                    && !profile.sub.is_empty()
                    && profile != session.profile
                {
                    session.profile = profile;
                    if let Err(error) = self.store.save(SESSION_FILE, &file) {
                        tracing::warn!(%error, "could not save the fresher profile");
                    }
                }
                Ok(access)
            }
            // Only a 4xx `invalid_grant` ends the session: a refresh token is never dropped
            // on anything less certain.
            Ok(answer) if answer.is_final_error("invalid_grant") => {
                tracing::info!("the provider ended the session");
                file.session = None;
                self.store.save(SESSION_FILE, &file)?;
                Err(SessionError::Ended)
            }
            Ok(TokenAnswer::Error {
                code, description, ..
            }) => Err(SessionError::Auth(AuthError::OAuth { code, description })),
            Err(error) => Err(error.into()),
        }
    }

    /// The profile in a token answer: the validated ID token (with `nonce` checked when
    /// given), else userinfo.
    async fn profile_from(
        &self,
        provider: &Provider,
        id_token: Option<&Secret>,
        access: &Secret,
        nonce: Option<&str>,
    ) -> Result<Profile, SessionError> {
        if let Some(id_token) = id_token {
            let claims = self
                .jwks
                .validate(
                    self.http()?,
                    provider,
                    &self.config.client_id,
                    id_token.expose(),
                    nonce,
                )
                .await
                .map_err(SessionError::Auth)?;
            let mut profile = Profile::from(claims);
            // An ID token with only `sub`: userinfo may know more, when it accepts this
            // access token (some providers refuse tokens minted for another audience).
            if profile.name.is_none() && profile.email.is_none() {
                match self.userinfo(provider, access).await {
                    Ok(more) if more.sub == profile.sub => profile = more,
                    Ok(_) => tracing::warn!("userinfo describes another subject: ignored"),
                    Err(error) => tracing::debug!(%error, "userinfo unusable"),
                }
            }
            return Ok(profile);
        }
        // No ID token (plain OAuth servers): userinfo when it answers, else signed in
        // without a name. The tokens are good; failing the sign-in here would waste them.
        match self.userinfo(provider, access).await {
            Ok(profile) => Ok(profile),
            Err(error) => {
                tracing::info!(code = %error.short_code(), "no ID token and no usable userinfo");
                Ok(Profile::unnamed())
            }
        }
    }

    async fn userinfo(
        &self,
        provider: &Provider,
        access: &Secret,
    ) -> Result<Profile, SessionError> {
        let endpoint = provider.userinfo_endpoint.clone().ok_or_else(|| {
            SessionError::Auth(AuthError::IdToken(
                "no ID token and no userinfo endpoint".into(),
            ))
        })?;
        let response = self
            .http()?
            .get(endpoint)
            .bearer_auth(access.expose())
            .send()
            .await
            .map_err(|e| AuthError::network(&e))?;
        let answer = Answer::read(response).await?;
        if !answer.status.is_success() {
            return Err(SessionError::Auth(AuthError::Http {
                status: answer.status.as_u16(),
                retry_after: None,
            }));
        }
        serde_json::from_slice::<Profile>(&answer.body).map_err(|e| {
            SessionError::Auth(AuthError::Malformed {
                what: "userinfo endpoint",
                detail: e.to_string(),
            })
        })
    }

    /// Stores a new session from a token answer, after validating its ID token. A previous
    /// session's refresh token is queued for revocation rather than forgotten.
    pub async fn complete_sign_in(
        &self,
        tokens: TokenSet,
        nonce: Option<&str>,
    ) -> Result<Profile, SessionError> {
        let provider = self.provider().await?;
        let profile = self
            .profile_from(
                provider,
                tokens.id_token.as_ref(),
                &tokens.access_token,
                nonce,
            )
            .await?;
        let now = unix_now();
        let _lock = self.store.lock().await?;
        let mut file = self.load()?.value;
        if let Some(old) = file.session.take()
            && let Some(token) = old.refresh_token
        {
            file.pending_revocations.push(PendingRevocation {
                issuer: old.issuer,
                client_id: old.client_id,
                token,
                hint: "refresh_token".into(),
            });
        }
        file.session = Some(StoredSession {
            issuer: self.config.issuer.to_string(),
            client_id: self.config.client_id.clone(),
            profile: profile.clone(),
            scope: tokens
                .scope
                .clone()
                .unwrap_or_else(|| self.config.scope.clone()),
            access_token_expires_at: Some(
                now + tokens.expires_in.unwrap_or(DEFAULT_ACCESS_LIFETIME),
            ),
            access_token: Some(tokens.access_token),
            refresh_token: tokens.refresh_token,
            signed_in_at: now,
            refreshed_at: None,
        });
        self.store.save(SESSION_FILE, &file)?;
        Ok(profile)
    }

    /// The API URL for `path` (relative to `api_base_url`; an absolute URL must lie under it,
    /// so the token never goes to another host).
    pub fn api_url(&self, path: &str) -> Result<Url, SessionError> {
        let base = self
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
        let mut answer = self.get_with(&url, &token).await?;
        if answer.status.as_u16() == 401 && says_invalid_token(&answer) {
            let token = self.refresh(Some(token.expose())).await?;
            answer = self.get_with(&url, &token).await?;
        }
        if !answer.status.is_success() {
            return Err(SessionError::Api {
                status: answer.status.as_u16(),
                code: bearer_error(&answer),
            });
        }
        serde_json::from_slice(&answer.body).map_err(|e| {
            SessionError::Auth(AuthError::Malformed {
                what: "API",
                detail: e.to_string(),
            })
        })
    }

    async fn get_with(&self, url: &Url, token: &Secret) -> Result<Answer, SessionError> {
        let response = self
            .http()?
            .get(url.clone())
            .bearer_auth(token.expose())
            .send()
            .await
            .map_err(|e| AuthError::network(&e))?;
        Ok(Answer::read(response).await?)
    }

    /// Signs out: forgets the session here at once, then revokes within
    /// [`REVOCATION_BUDGET`] (the refresh token; the access token only when there is no
    /// refresh token). What did not go out stays queued for the next online command.
    pub async fn logout(&self) -> Result<Logout, SessionError> {
        let signed_in = self.forget().await?;
        let waiting = self.send_revocations().await;
        Ok(match (signed_in, waiting) {
            (_, 1..) => Logout::RevocationPending,
            (true, 0) => Logout::Revoked,
            (false, 0) => Logout::NotSignedIn,
        })
    }

    /// Forgets this provider's session here, with no network: its tokens are queued for
    /// revocation. Returns whether someone was signed in.
    pub async fn forget(&self) -> Result<bool, SessionError> {
        let _lock = self.store.lock().await?;
        // Copies of an unreadable session file, moved aside, may hold tokens too.
        if let Err(error) = self.store.remove_quarantined(SESSION_FILE) {
            tracing::warn!(%error, "copies of an unreadable session file could not be deleted");
        }
        let mut file = self.load()?.value;
        let ours = self.matching(&mut file).is_some();
        let Some(session) = file.session.take_if(|_| ours) else {
            return Ok(false);
        };
        file.pending_revocations.extend(revocations_for(session));
        self.store.save(SESSION_FILE, &file)?;
        Ok(true)
    }

    /// Sends the queued revocations of this provider, giving up after [`REVOCATION_BUDGET`]
    /// (a provider that does not answer keeps nobody waiting); returns how many still wait.
    pub async fn send_revocations(&self) -> usize {
        match tokio::time::timeout(REVOCATION_BUDGET, self.send_queued_revocations()).await {
            Ok(waiting) => waiting,
            Err(_) => {
                tracing::info!("revocation postponed: the provider did not answer in time");
                self.queued_revocations()
            }
        }
    }

    fn queued_revocations(&self) -> usize {
        self.load()
            .map(|loaded| loaded.value.pending_revocations.len())
            .unwrap_or(0)
    }

    /// Each revocation that went out (or was refused for good) leaves the queue at once, so
    /// giving up halfway loses nothing and repeats nothing. The lock is not held while the
    /// provider is asked: a sign-in or refresh never waits for a revocation.
    async fn send_queued_revocations(&self) -> usize {
        let Ok(loaded) = self.load() else { return 0 };
        let queued = loaded.value.pending_revocations;
        if queued.is_empty() {
            return 0;
        }
        let Ok(provider) = self.provider().await else {
            return queued.len();
        };
        let issuer = self.config.issuer.as_str().trim_end_matches('/');
        for pending in &queued {
            let ours = pending.issuer.trim_end_matches('/') == issuer
                && pending.client_id == self.config.client_id;
            if ours
                && self.revoke(provider, pending).await
                && let Err(error) = self.dequeue(pending).await
            {
                tracing::warn!(%error, "could not save the revocation queue");
            }
        }
        self.queued_revocations()
    }

    /// Removes one sent revocation from the queue on disk.
    async fn dequeue(&self, sent: &PendingRevocation) -> Result<(), SessionError> {
        let _lock = self.store.lock().await?;
        let mut file = self.load()?.value;
        file.pending_revocations
            .retain(|p| p.token.expose() != sent.token.expose());
        self.store.save(SESSION_FILE, &file)?;
        Ok(())
    }

    /// RFC 7009. True when done with this token (revoked, or refused for good).
    async fn revoke(&self, provider: &Provider, pending: &PendingRevocation) -> bool {
        let Some(endpoint) = &provider.revocation_endpoint else {
            tracing::warn!(
                "the provider advertises no revocation endpoint (config.ron can set `revocation_endpoint`); the token will expire by itself"
            );
            return true;
        };
        let params = [
            ("token", pending.token.expose()),
            ("token_type_hint", pending.hint.as_str()),
        ];
        let identity = if pending.client_id == self.config.client_id {
            // Our own client: without its secret the provider would answer invalid_client,
            // which must not count as "refused for good". Keep the token for a later try.
            match self.identity() {
                Ok(ours) => ours,
                Err(error) => {
                    tracing::info!(%error, "revocation postponed");
                    return false;
                }
            }
        } else {
            Arc::new(ClientIdentity::public(&pending.client_id))
        };
        let auth = identity.auth(provider);
        let Ok(http) = self.http() else {
            return false;
        };
        match token::post_form(http, endpoint, &params, &auth).await {
            Ok(answer) if answer.status.is_success() => true,
            Ok(answer) if answer.status.is_client_error() && answer.status.as_u16() != 429 => {
                tracing::warn!(
                    status = answer.status.as_u16(),
                    "the provider refused a revocation"
                );
                true
            }
            Ok(answer) => {
                tracing::info!(status = answer.status.as_u16(), "revocation postponed");
                false
            }
            Err(error) => {
                tracing::info!(%error, "revocation postponed");
                false
            }
        }
    }
}

/// What to revoke when a session is forgotten. Revoking the refresh token ends the access
/// tokens of its grant (RFC 7009 §2.1), and JWT access tokens are not revocable at most
/// providers (Auth0 refuses them): the access token goes only when there is no refresh token.
fn revocations_for(session: StoredSession) -> Vec<PendingRevocation> {
    let (token, hint) = match (session.refresh_token, session.access_token) {
        (Some(refresh), _) => (refresh, "refresh_token"),
        (None, Some(access)) => (access, "access_token"),
        (None, None) => return Vec::new(),
    };
    vec![PendingRevocation {
        issuer: session.issuer,
        client_id: session.client_id,
        token,
        hint: hint.into(),
    }]
}

/// Puts a refresh answer into the session: the rotated refresh token (or the old one when
/// the provider does not rotate), the new access token, its lifetime and scope.
fn apply_refresh(session: &mut StoredSession, tokens: TokenSet, now: u64) {
    if let Some(rotated) = tokens.refresh_token {
        session.refresh_token = Some(rotated);
    }
    session.access_token_expires_at =
        Some(now + tokens.expires_in.unwrap_or(DEFAULT_ACCESS_LIFETIME));
    session.access_token = Some(tokens.access_token);
    if let Some(scope) = tokens.scope {
        session.scope = scope;
    }
    session.refreshed_at = Some(now);
}

fn challenge(answer: &Answer) -> &str {
    answer
        .headers
        .get(reqwest::header::WWW_AUTHENTICATE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// RFC 6750 §3.1: `error="invalid_token"` in the challenge (or in a JSON body).
fn says_invalid_token(answer: &Answer) -> bool {
    bearer_error(answer).as_deref() == Some("invalid_token")
}

fn bearer_error(answer: &Answer) -> Option<String> {
    let header = challenge(answer);
    if let Some(start) = header.find("error=\"") {
        let rest = &header[start + 7..];
        return rest.split('"').next().map(str::to_string);
    }
    serde_json::from_slice::<Value>(&answer.body)
        .ok()?
        .get("error")?
        .as_str()
        .map(str::to_string)
}
