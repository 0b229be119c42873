//! The embedded demo authorization server and protected API (feature `demo`).
//!
//! It speaks the protocol as Auth0 exposes it (same paths, discovery, JWKS, RS256 ID tokens,
//! JWT access tokens for an audience, refresh rotation with reuse detection, revocation,
//! `slow_down`), serves a verification page a person uses on a phone, and a small API that
//! validates access tokens. It shares no code with the client: it is the client's test peer.

mod activate;
mod api;
mod api_dpop;
mod auth_header;
mod authorize;
mod clients;
mod csrf;
mod device_authorization;
mod discovery;
mod dpop;
mod expiring;
mod form;
mod keys;
mod lan;
mod oauth_error;
mod options;
mod pages;
mod posters;
mod random;
mod rate_limit;
mod revoke;
mod state;
mod store;
mod token;
mod tokens;
mod user_code;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tokio::sync::watch;
use url::Url;

pub use clients::{API_AUDIENCE, API_SCOPE, SERVICE_CLIENT_ID, TV_CLIENT_ID};
pub use lan::{lan_address, parse_listen_address};
pub use options::{DemoError, DemoOptions};

use expiring::Expiring;
use keys::SigningKey;
use oauth_error::OAuthError;
use state::State;
use store::Store;

/// Settings every handler reads.
#[derive(Debug)]
struct Settings {
    expires_in: u64,
    interval: u64,
    access_ttl: u64,
    device_flow: bool,
    /// Seconds a sign-in lasts, refreshed or not; `None`: no such limit.
    session_lifetime: Option<u64>,
}

/// What the handlers share.
#[derive(Debug)]
struct Shared {
    /// With a trailing slash, as Auth0's.
    issuer: String,
    /// Where the activation page is opened (the issuer, or the LAN address), with a slash.
    activation_base: String,
    key: SigningKey,
    state: Mutex<State>,
    store: Store,
    settings: Settings,
    /// One-time form tokens of the HTML pages.
    csrf: Mutex<Expiring<()>>,
    /// Authorization requests waiting on the consent page.
    authorize_requests: Mutex<Expiring<authorize::Request>>,
    /// Wrong user codes per address, to stop guessing (RFC 8628 §5.1).
    code_guesses: Mutex<rate_limit::RateLimit<IpAddr>>,
    /// Device codes asked for per client and address, to stop a script filling the state.
    device_code_requests: Mutex<rate_limit::RateLimit<(String, IpAddr)>>,
    /// DPoP proof checks, when the server supports DPoP.
    dpop: Option<dpop::Verifier>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A URL under the issuer, e.g. `url("oauth/token")`.
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.issuer)
    }

    /// The activation page's address, as devices show it (the LAN one when served there).
    fn activation_url(&self) -> String {
        format!("{}activate", self.activation_base)
    }

    /// Writes the state to disk; called after every change that must survive a restart,
    /// before the answer that depends on it is sent.
    async fn save(&self) -> Result<(), OAuthError> {
        let (generation, text) = {
            let mut state = self.state();
            state.purge(state::unix_now());
            state.generation += 1;
            let text = ron::ser::to_string_pretty(&*state, ron::ser::PrettyConfig::default())
                .map_err(|e| OAuthError::server_error(format!("serializing state: {e}")))?;
            (state.generation, text)
        };
        self.store.save_state(generation, text).await.map_err(|e| {
            tracing::error!(error = %e, "saving the demo server state failed");
            OAuthError::server_error("the server could not save its state")
        })
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running demo server. Dropping it stops the server.
#[derive(Debug)]
pub struct DemoServer {
    addr: SocketAddr,
    issuer: String,
    /// Where the activation page alone is served to the local network, if it is.
    lan_addr: Option<SocketAddr>,
    activation_url: String,
    data_dir: PathBuf,
    /// Dropping it stops every listener.
    shutdown: Option<watch::Sender<()>>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl DemoServer {
    /// Loads or creates the data dir, binds, and starts serving in the background.
    pub async fn start(options: DemoOptions) -> Result<DemoServer, DemoError> {
        let data_dir = options.data_dir.clone();
        let data_error = |source| DemoError::DataDir {
            path: data_dir.clone(),
            source,
        };
        let store = Store::open(&data_dir).map_err(data_error)?;
        let key = SigningKey::load_or_create(&store).await?;
        let mut state = load_state(&store).map_err(data_error)?;
        for client in clients::initial_clients() {
            if state.client(&client.id).is_none() {
                state.clients.push(client);
            }
        }
        write_service_secret(&store, &state).map_err(data_error)?;

        let listener = bind(options.bind, state.last_port).await?;
        let addr = listener.local_addr().map_err(|source| DemoError::Bind {
            addr: options.bind,
            source,
        })?;
        state.last_port = Some(addr.port());
        let issuer = issuer_url(options.public_url.as_ref(), addr)?;
        let lan_listener = match options.lan {
            Some(lan) => Some(bind_lan(lan, addr.port()).await?),
            None => None,
        };
        let lan_addr = lan_listener.as_ref().map(|(_, addr)| *addr);
        let activation_base =
            lan_addr.map_or_else(|| issuer.clone(), |lan| format!("http://{lan}/"));

        let shared = Arc::new(Shared {
            issuer: issuer.clone(),
            activation_base,
            key,
            state: Mutex::new(state),
            store,
            settings: Settings {
                expires_in: options.expires_in,
                interval: options.interval,
                access_ttl: options.access_ttl,
                device_flow: options.device_flow,
                session_lifetime: options.session_lifetime.map(|d| d.as_secs().max(1)),
            },
            csrf: Mutex::new(Expiring::new(Duration::from_secs(30 * 60))),
            authorize_requests: Mutex::new(Expiring::new(Duration::from_secs(10 * 60))),
            code_guesses: Mutex::new(activate::guess_limit()),
            device_code_requests: Mutex::new(rate_limit::RateLimit::new(
                options.device_codes_per_minute,
                Duration::from_secs(60),
            )),
            dpop: options.dpop.then(|| dpop::Verifier::new(state::unix_now())),
        });
        if let Err(e) = shared.save().await {
            tracing::warn!(error = %e.description, "could not save the demo server state");
        }

        let activation_url = shared.activation_url();
        let (shutdown, stopped) = watch::channel(());
        let mut tasks = vec![serve(listener, router(shared.clone()), stopped.clone())];
        if let Some((lan_listener, lan)) = lan_listener {
            tasks.push(serve(lan_listener, lan_router(shared), stopped));
            tracing::info!(%lan, "demo activation page served to the local network");
        }
        tracing::info!(%issuer, "demo authorization server listening");
        Ok(DemoServer {
            addr,
            issuer,
            lan_addr,
            activation_url,
            data_dir,
            shutdown: Some(shutdown),
            tasks,
        })
    }

    /// The issuer URL, with its trailing slash.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The address the server actually listens on (the port chosen when 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Where the activation page alone is served to the local network, if it is.
    pub fn lan_addr(&self) -> Option<SocketAddr> {
        self.lan_addr
    }

    /// The page a person opens on a phone: on the LAN address when there is one.
    pub fn activation_url(&self) -> String {
        self.activation_url.clone()
    }

    /// The file holding the confidential service client's secret (mode 0600).
    pub fn service_secret_file(&self) -> PathBuf {
        self.data_dir.join(store::SERVICE_SECRET_FILE)
    }

    /// A `config.ron` for the tvauth client, ready to paste.
    pub fn client_config_ron(&self) -> String {
        let issuer = &self.issuer;
        format!(
            "#![enable(implicit_some)]\n\
             (\n    \
                 issuer: \"{issuer}\",\n    \
                 client_id: \"{TV_CLIENT_ID}\",\n    \
                 audience: \"{API_AUDIENCE}\",\n    \
                 scope: \"openid profile email offline_access {API_SCOPE}\",\n    \
                 api_base_url: \"{issuer}api/\",\n    \
                 home_path: \"library\",\n\
             )\n"
        )
    }

    /// Stops accepting connections and waits for the ones in flight.
    pub async fn shutdown(mut self) {
        self.stop();
        for task in std::mem::take(&mut self.tasks) {
            let _ = task.await;
        }
    }

    /// Dropping the sender ends every listener's wait.
    fn stop(&mut self) {
        self.shutdown = None;
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(discovery::openid_configuration),
        )
        .route("/.well-known/jwks.json", get(discovery::jwks))
        .route("/oauth/device/code", post(device_authorization::issue))
        .route("/oauth/token", post(token::token))
        .route("/oauth/revoke", post(revoke::revoke))
        .route("/userinfo", get(api::userinfo).post(api::userinfo))
        .route("/authorize", get(authorize::show).post(authorize::decide))
        .route("/activate", get(activate::show).post(activate::decide))
        .route("/api/me", get(api::me))
        .route("/api/library", get(api::library))
        .route("/images/posters/{file}", get(posters::poster))
        .route("/images/avatars/{file}", get(posters::avatar))
        .layer(DefaultBodyLimit::max(form::BODY_LIMIT))
        .with_state(shared)
}

/// What the local network reaches: the activation page and its form, nothing else (every other
/// path is 404). The page has no other assets: its style is inline, its form posts to itself.
fn lan_router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/activate", get(activate::show).post(activate::decide))
        .layer(DefaultBodyLimit::max(form::BODY_LIMIT))
        .with_state(shared)
}

/// Serves `app` on `listener` until `stopped` changes or its sender is dropped.
fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    mut stopped: watch::Receiver<()>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let service = app.into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(listener, service)
            .with_graceful_shutdown(async move {
                let _ = stopped.changed().await;
            })
            .await;
        if let Err(error) = served {
            tracing::error!(%error, "the demo server stopped");
        }
    })
}

/// Binds the LAN address; port 0 tries the issuer's port first, so the two addresses differ
/// only by host.
async fn bind_lan(
    lan: SocketAddr,
    issuer_port: u16,
) -> Result<(tokio::net::TcpListener, SocketAddr), DemoError> {
    if lan.ip().is_unspecified() || lan.ip().is_multicast() {
        return Err(DemoError::LanAddress(lan));
    }
    let listener = bind(lan, Some(issuer_port)).await?;
    let addr = listener
        .local_addr()
        .map_err(|source| DemoError::Bind { addr: lan, source })?;
    Ok((listener, addr))
}

/// Reads the saved state; an unreadable file is moved aside and a fresh state begins (the
/// signing key is kept, so nothing else is lost).
fn load_state(store: &Store) -> std::io::Result<State> {
    let Some(text) = store.read(store::STATE_FILE)? else {
        return Ok(State::default());
    };
    store.make_private(store::STATE_FILE)?;
    match ron::from_str::<State>(&text) {
        Ok(state) => Ok(state),
        Err(error) => {
            let aside = store.quarantine(store::STATE_FILE)?;
            tracing::warn!(%error, aside = %aside.display(), "demo server state was unreadable; starting afresh");
            Ok(State::default())
        }
    }
}

/// Keeps the service client's secret in a 0600 file for `client_secret_file`.
fn write_service_secret(store: &Store, state: &State) -> std::io::Result<()> {
    let secret = state
        .client(SERVICE_CLIENT_ID)
        .and_then(|c| c.secret.clone())
        .unwrap_or_default();
    if store.read(store::SERVICE_SECRET_FILE)?.as_deref() != Some(secret.as_str()) {
        store.write(store::SERVICE_SECRET_FILE, secret.as_bytes())?;
    }
    Ok(())
}

/// Binds the address; for port 0, the last run's port first so that clients' sessions,
/// whose tokens name the issuer URL, stay valid across restarts.
async fn bind(
    addr: SocketAddr,
    last_port: Option<u16>,
) -> Result<tokio::net::TcpListener, DemoError> {
    if addr.port() == 0
        && let Some(port) = last_port
        && let Ok(listener) = tokio::net::TcpListener::bind(SocketAddr::new(addr.ip(), port)).await
    {
        return Ok(listener);
    }
    tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| DemoError::Bind { addr, source })
}

fn issuer_url(public_url: Option<&Url>, addr: SocketAddr) -> Result<String, DemoError> {
    let Some(public) = public_url else {
        return Ok(format!("http://{addr}/"));
    };
    if !matches!(public.scheme(), "http" | "https") || public.host().is_none() {
        return Err(DemoError::PublicUrl(public.to_string()));
    }
    let mut url = public.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}
