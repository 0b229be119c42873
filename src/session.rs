//! The signed-in session: sign-in through the device flow, the cached access token, refresh
//! (single-flight across processes, rotated refresh token saved before the new access token
//! is used), the protected API, and sign-out with revocation. No GUI in here.

mod api;
mod browser_login;
mod clock;
mod dpop_key;
mod error;
mod file;
mod household;
mod library;
mod lifetime;
mod login;
mod logout;
mod migrate;
mod profile;
mod provider_clock;
mod report;
mod revocations;
mod service;
mod sign_in;

use std::sync::Arc;

use serde::Serialize;
use tokio::sync::OnceCell;

pub use crate::auth::clock_offset::ClockOffset;
use crate::auth::credentials::ClientIdentity;
use crate::auth::dpop::{DpopKey, ServerMemory};
use crate::auth::id_token::Jwks;
use crate::auth::token::{self, TokenAnswer};
use crate::auth::{self, AuthError, ErrorCode, Provider, Secret};
use crate::config::Config;
use crate::store::{SESSION_FILE, Store};
use provider_clock::{claims_now, session_now};

/// What the faces need of the protocol layer, so that they import `session` only.
pub use crate::auth::ClientRejection;
pub use crate::auth::backoff::{Backoff, Jitter};
pub use crate::auth::loopback::Pages;
pub use browser_login::{BROWSER_SIGN_IN_TIMEOUT, BrowserOutcome, BrowserSignIn};
pub use dpop_key::DPOP_KEY_FILE;
pub use error::{ErrorKind, SessionError};
pub use file::{PendingRevocation, Profile, SessionFile, StoredSession};
pub use household::{MAX_PROFILES, MEMBER_FILE, Member, MemberState, PROFILES_DIR, ProfileId};
pub use library::{Entry, Library, PictureSizes, parse_entries};
pub use lifetime::{RENEW_BEFORE, renewal_due};
pub use login::{CodeInfo, LoginEvent};
pub use logout::Logout;
pub use provider_clock::ProviderClock;
pub use report::{EndpointInUse, Reachability, Report};
pub use revocations::REVOCATIONS_FILE;
pub use service::SERVICE_TOKEN_FILE;

/// A cached access token is used until this close to its expiry.
pub const EXPIRY_MARGIN_SECONDS: u64 = 60;
/// Assumed lifetime of an access token whose answer gave none.
const DEFAULT_ACCESS_LIFETIME: u64 = 300;
/// How long a sign-out (or a command passing by) spends revoking before it leaves the rest
/// queued: a revocation normally takes well under a second.
pub const REVOCATION_BUDGET: std::time::Duration = std::time::Duration::from_secs(3);

pub use crate::clock::unix_now;

/// What `status` reports; never a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Who is signed in.
    pub profile: Profile,
    /// The issuer the session was made with (config.ron's `issuer`).
    pub issuer: String,
    /// The scopes granted.
    pub scope: String,
    /// When the person signed in, in Unix seconds.
    pub signed_in_at: u64,
    /// When the tokens were last refreshed, in Unix seconds; `None` if never.
    pub refreshed_at: Option<u64>,
    /// When the stored access token expires, in Unix seconds, if there is one.
    pub access_token_expires_at: Option<u64>,
    /// Whether a refresh token is stored, so the session outlives its access token.
    pub can_refresh: bool,
    /// When the session ends however often it is refreshed, in Unix seconds (same time base
    /// as the times above, compare with `as_of`): as the provider stated it
    /// (`refresh_token_expires_in`), else config.ron's `session_lifetime_days` after the
    /// sign-in; `None` when unknown. See [`Summary::renewal_due`].
    pub session_ends_at: Option<u64>,
    /// The time the times above are compared with, in Unix seconds: the provider's as best
    /// known (see [`Account::clock_offset`]), else this box's.
    pub as_of: u64,
    /// This box's clock minus the provider's, when known.
    pub clock_offset: Option<ClockOffset>,
}

/// The state of the account on this device.
#[derive(Debug, Clone)]
pub struct Status {
    /// The signed-in account; `None` when nobody is.
    pub summary: Option<Summary>,
    /// Where an unreadable session file was moved, if that just happened.
    pub quarantined: Option<std::path::PathBuf>,
    /// Tokens still waiting to be revoked at the provider (a sign-out while offline).
    pub pending_revocations: usize,
    /// Whether the signed-in session's tokens are bound to this box's key (DPoP, RFC 9449):
    /// copied elsewhere, they are useless. (Beside `summary` rather than in it, so that code
    /// building a `Summary` by hand is not broken.)
    pub dpop_bound: bool,
}

/// The account of this device with one provider, acting for one profile: config, stores
/// and HTTP client together. A cheap view: the views of one account made by
/// [`Account::for_profile`] and [`Account::for_new_profile`] share the HTTP client, the
/// discovered provider, its keys and what was learnt of its clock and nonces.
#[derive(Debug)]
pub struct Account {
    shared: Arc<Shared>,
    /// The profile acted for; a fresh slot may turn into an existing person's profile at
    /// sign-in.
    slot: std::sync::RwLock<household::Slot>,
    /// The acting profile's DPoP key, once read from its file.
    dpop_key: std::sync::Mutex<Option<Arc<DpopKey>>>,
}

/// What every view of an account shares.
#[derive(Debug)]
struct Shared {
    config: Config,
    /// The config dir: config.ron, service-token.ron, revocations.ron, profiles/.
    box_store: Store,
    /// Made on first use: loading the system's root certificates takes a while, and the TV
    /// app draws its first frame before any network call.
    http: std::sync::OnceLock<Result<reqwest::Client, AuthError>>,
    provider: OnceCell<Provider>,
    /// The device client as it authenticates (its secret read once, if it has one).
    identity: std::sync::OnceLock<Arc<ClientIdentity>>,
    jwks: Jwks,
    /// The languages servers are asked to answer in (`Accept-Language`).
    accept_language: &'static str,
    /// The provider's time, as this process last measured it.
    remembered: clock::Remembered,
    /// DPoP nonces and server clocks, learnt by this process.
    dpop_memory: Arc<ServerMemory>,
    /// Where an unreadable release-0.1 session file was moved when it was to be migrated,
    /// until `status` reports it.
    quarantined_old: std::sync::Mutex<Option<std::path::PathBuf>>,
}

impl Shared {
    fn new(config: Config, box_store: Store, accept_language: &'static str) -> Shared {
        Shared {
            config,
            box_store,
            http: std::sync::OnceLock::new(),
            provider: OnceCell::new(),
            identity: std::sync::OnceLock::new(),
            jwks: Jwks::default(),
            accept_language,
            remembered: clock::Remembered::default(),
            dpop_memory: Arc::default(),
            quarantined_old: std::sync::Mutex::default(),
        }
    }
}

impl Account {
    /// The account for `config`, its files in `store` (the config dir), acting for the most
    /// recently used profile of this provider and client, or for a fresh slot when there is
    /// none (which follows the first profile made, by whichever process, until it acts for
    /// one). A release-0.1 `session.ron` is migrated first. Nothing is fetched yet: the HTTP
    /// client and the provider's metadata are made on first use.
    pub fn new(config: Config, store: Store) -> Result<Account, SessionError> {
        let shared = Arc::new(Shared::new(config, store, "en"));
        let account = Account::view(shared, household::Slot::fresh(true));
        account.adopt_latest();
        Ok(account)
    }

    fn view(shared: Arc<Shared>, slot: household::Slot) -> Account {
        Account {
            shared,
            slot: std::sync::RwLock::new(slot),
            dpop_key: std::sync::Mutex::default(),
        }
    }

    /// The account asking servers to answer in these languages (an `Accept-Language` value):
    /// the protected API's data then matches the language on screen.
    pub fn speaking(mut self, accept_language: &'static str) -> Account {
        match Arc::get_mut(&mut self.shared) {
            Some(shared) => {
                shared.accept_language = accept_language;
                shared.http = std::sync::OnceLock::new();
            }
            None => {
                let shared = Shared::new(
                    self.shared.config.clone(),
                    self.shared.box_store.clone(),
                    accept_language,
                );
                self.shared = Arc::new(shared);
            }
        }
        self
    }

    /// The checked configuration.
    pub fn config(&self) -> &Config {
        &self.shared.config
    }

    /// The acting profile's directory: its session.ron, dpop-key.ron, home-cache.ron (it
    /// does not exist before the profile's first sign-in).
    pub fn store(&self) -> Store {
        self.slot().store
    }

    /// The config dir: config.ron, service-token.ron, revocations.ron, and the profiles.
    pub fn box_store(&self) -> &Store {
        &self.shared.box_store
    }

    /// The HTTP client (also for public resources such as posters).
    pub fn http(&self) -> Result<&reqwest::Client, SessionError> {
        self.shared
            .http
            .get_or_init(|| auth::http::client(self.shared.accept_language))
            .as_ref()
            .map_err(|e| SessionError::from(e.clone()))
    }

    /// The configured client: public, or confidential when a secret is configured.
    /// Only success is kept: a secret file fixed while the TV app runs is read at the next try.
    pub fn identity(&self) -> Result<Arc<ClientIdentity>, SessionError> {
        if let Some(identity) = self.shared.identity.get() {
            return Ok(identity.clone());
        }
        let config = &self.shared.config;
        let identity = if config.client_secret.is_configured() {
            Arc::new(ClientIdentity::from_source(
                &config.client_id,
                &config.client_secret,
                config.token_endpoint_auth_method,
            )?)
        } else {
            Arc::new(ClientIdentity::public(&config.client_id))
        };
        Ok(self.shared.identity.get_or_init(|| identity).clone())
    }

    /// The provider's endpoints, discovered once.
    pub async fn provider(&self) -> Result<&Provider, SessionError> {
        self.shared
            .provider
            .get_or_try_init(|| async {
                auth::discovery::discover(
                    self.http()?,
                    &self.shared.config.issuer,
                    &self.shared.config.endpoints,
                )
                .await
                .map_err(SessionError::from)
            })
            .await
    }

    fn load(&self) -> Result<crate::store::Loaded<SessionFile>, SessionError> {
        Ok(self.store().load::<SessionFile>(SESSION_FILE)?)
    }

    /// The session of this provider and client, if any (another provider's is left alone).
    fn matching<'a>(&self, file: &'a mut SessionFile) -> Option<&'a mut StoredSession> {
        let issuer = self.shared.config.issuer.as_str().trim_end_matches('/');
        file.session.as_mut().filter(|s| {
            s.issuer.trim_end_matches('/') == issuer && s.client_id == self.shared.config.client_id
        })
    }

    /// Who is signed in, from the file alone (no network).
    pub fn status(&self) -> Result<Status, SessionError> {
        self.migrate()?;
        let mut loaded = self.load()?;
        let pending_revocations = self.load_revocations()?.len();
        let summary = self.matching(&mut loaded.value).map(|s| {
            let clock = self.clock_for(s);
            Summary {
                profile: s.profile.clone(),
                issuer: s.issuer.clone(),
                scope: s.scope.clone(),
                signed_in_at: s.signed_in_at,
                refreshed_at: s.refreshed_at,
                access_token_expires_at: s.access_token_expires_at,
                can_refresh: s.refresh_token.is_some(),
                session_ends_at: s.ends_at(&self.shared.config),
                as_of: session_now(clock.as_ref()),
                clock_offset: clock.as_ref().and_then(ProviderClock::offset),
            }
        });
        let dpop_bound = self
            .matching(&mut loaded.value)
            .is_some_and(|s| s.dpop_jkt.is_some());
        let quarantined_old = self
            .shared
            .quarantined_old
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        Ok(Status {
            summary,
            quarantined: loaded.quarantined.or(quarantined_old),
            pending_revocations,
            dpop_bound,
        })
    }

    /// A valid access token: the cached one until 60 s before it expires, else a refreshed one.
    pub async fn access_token(&self) -> Result<Secret, SessionError> {
        let mut loaded = self.load()?;
        let session = self
            .matching(&mut loaded.value)
            .ok_or(SessionError::SignedOut)?;
        let now = session_now(self.clock_for(session).as_ref());
        if let Some(token) = session.usable_access_token(now) {
            return Ok(token.duplicate());
        }
        self.refresh(None).await
    }

    /// Refreshes under the cross-process lock. `rejected` is an access token the API refused:
    /// refresh even if it looks unexpired, unless another process already replaced it.
    async fn refresh(&self, rejected: Option<&str>) -> Result<Secret, SessionError> {
        let store = self.store();
        if !store.dir().exists() {
            // Removed meanwhile (or never made): locking would make its directory again.
            return Err(SessionError::SignedOut);
        }
        let lock = store.lock().await?;
        // Read again under the lock: another process may have refreshed meanwhile.
        let mut file = store.load::<SessionFile>(SESSION_FILE)?.value;
        let session = self.matching(&mut file).ok_or(SessionError::SignedOut)?;
        let now = session_now(self.clock_for(session).as_ref());
        if let Some(token) = session.usable_access_token(now)
            && rejected != Some(token.expose())
        {
            return Ok(token.duplicate());
        }
        let Some(refresh_token) = session.refresh_token.as_ref().map(Secret::duplicate) else {
            // Without offline_access there is nothing to refresh with.
            file.session = None;
            store.save(SESSION_FILE, &file)?;
            return Err(SessionError::Ended);
        };
        // A bound session refreshes with its own key, or not at all (the provider would
        // refuse any other); it is kept either way.
        let dpop = self.session_dpop(session)?;
        let provider = self.provider().await?;
        let params = [
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
        ];
        let identity = self.identity()?;
        let auth = identity.auth(provider);
        match token::request(self.http()?, provider, &params, &auth, dpop.as_ref()).await {
            Ok(TokenAnswer::Tokens(mut tokens)) => {
                let session = self.matching(&mut file).ok_or(SessionError::SignedOut)?;
                let access = tokens.access_token.duplicate();
                let id_token = tokens.id_token.take();
                let clock = self.measured_clock(&tokens.received, self.clock_for(session));
                let claims_now = claims_now(clock.as_ref());
                file::apply_refresh(session, tokens, clock);
                // The rotated refresh token is on disk before anything slow or fallible (the
                // ID token's keys, userinfo) and before the new access token is used; the
                // lock is let go before them, so a sign-out never waits for a profile.
                store.save(SESSION_FILE, &file)?;
                drop(lock);
                tracing::debug!("access token refreshed");
                if let Ok(profile) = self
                    .profile_from(
                        provider,
                        id_token.as_ref(),
                        &access,
                        dpop.as_ref(),
                        None,
                        claims_now,
                    )
                    .await
                {
                    self.keep_fresher_profile(profile, &access).await;
                }
                Ok(access)
            }
            // Only a 4xx `invalid_grant` ends the session: a refresh token is never dropped
            // on anything less certain.
            Ok(answer) if answer.is_final_error(&ErrorCode::InvalidGrant) => {
                tracing::info!("the provider ended the session");
                file.session = None;
                // The profile keeps its library: only its own person, signing in again,
                // sees it (anyone else who approves gets a profile of their own).
                store.save(SESSION_FILE, &file)?;
                Err(SessionError::Ended)
            }
            Ok(TokenAnswer::Error {
                code, description, ..
            }) => Err(SessionError::Auth(AuthError::OAuth { code, description })),
            Err(error) => Err(error.into()),
        }
    }

    /// Queues a refresh token of this client for revocation (sent by the next online
    /// command), with the DPoP key it is bound to, if any.
    async fn queue_revocation(&self, token: Option<Secret>, dpop_key: Option<&DpopKey>) {
        let Some(token) = token else { return };
        if let Err(error) = self
            .enqueue(vec![self.revocation_of(token, dpop_key)])
            .await
        {
            tracing::warn!(%error, "could not queue a revocation");
        }
    }

    /// A refresh token of this client to revoke, with the DPoP key it is bound to, if any.
    fn revocation_of(&self, token: Secret, dpop_key: Option<&DpopKey>) -> PendingRevocation {
        PendingRevocation {
            issuer: self.shared.config.issuer.to_string(),
            client_id: self.shared.config.client_id.clone(),
            token,
            hint: "refresh_token".into(),
            dpop_key: dpop_key.map(|k| k.stored().duplicate()),
        }
    }
}
