//! How the demo server is asked to run, and why it could not start.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use url::Url;

use super::keys;

/// How the demo server runs.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Where to listen; port 0 picks the last run's port if free, else any free port.
    pub bind: SocketAddr,
    /// The base URL phones and clients use, when it differs from the bound address
    /// (e.g. `http://192.168.1.20:8080` with `--bind 0.0.0.0:8080`).
    pub public_url: Option<Url>,
    /// Where phones on the local network open the activation page, if anywhere: only that
    /// page (and its form) answers there; the issuer, the token endpoint and the API stay at
    /// `bind`. Port 0: the issuer's port when free at that address, else any.
    pub lan: Option<SocketAddr>,
    /// Lifetime of device codes, in seconds.
    pub expires_in: u64,
    /// Minimum polling interval handed to devices, in seconds.
    pub interval: u64,
    /// Lifetime of access tokens, in seconds.
    pub access_ttl: u64,
    /// Device codes one client may ask for from one address per minute (0: no limit); more
    /// get HTTP 429 `too_many_requests` with `Retry-After`, as Auth0 answers.
    pub device_codes_per_minute: usize,
    /// Whether the device flow is allowed; without it, asking for a code is refused with
    /// `unauthorized_client`, as a provider with the grant disabled answers.
    pub device_flow: bool,
    /// How long a sign-in lasts however often it is refreshed (Auth0's absolute lifetime of
    /// rotating refresh tokens), stated as `refresh_token_expires_in` in token answers (the
    /// time left, as Microsoft's identity platform sends it) and enforced: a refresh token
    /// presented after it gets `invalid_grant`. `None`: sessions only end unused.
    pub session_lifetime: Option<Duration>,
    /// Whether the server supports DPoP (RFC 9449) as Auth0 does: advertised in discovery,
    /// proofs checked, tokens bound to the proving key, a nonce required of public clients
    /// at the token endpoint, bound tokens accepted by the API only with a proof by that key.
    /// On by default, so that every client of the demo (the TV app's default included)
    /// signs in with DPoP.
    pub dpop: bool,
    /// Signing key, clients and grants live here.
    pub data_dir: PathBuf,
}

impl DemoOptions {
    /// The defaults (loopback, any port, 15 min codes, 5 s interval, 1 h access tokens, 10 codes
    /// a minute, sessions without an absolute lifetime, DPoP on), with state kept in `data_dir`.
    pub fn new(data_dir: impl Into<PathBuf>) -> DemoOptions {
        DemoOptions {
            bind: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            public_url: None,
            lan: None,
            expires_in: 900,
            interval: 5,
            access_ttl: 3600,
            device_codes_per_minute: 10,
            device_flow: true,
            session_lifetime: None,
            dpop: true,
            data_dir: data_dir.into(),
        }
    }
}

/// Why the demo server could not start.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The data directory could not be created, made private or read.
    #[error("data directory {path}: {source}")]
    DataDir {
        /// The data directory.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The signing key could not be read, parsed or made.
    #[error(transparent)]
    Key(#[from] keys::KeyError),
    /// The listening socket could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The LAN address is a wildcard or multicast one: phones need one address to open.
    #[error("the activation page cannot be served on {0}: give one address of this machine")]
    LanAddress(SocketAddr),
    /// `--public-url` is not an http(s) URL with a host.
    #[error("the public URL must be an http(s) URL with a host, got '{0}'")]
    PublicUrl(String),
}
