//! What a process remembers of each server it sends proofs to (keyed by origin): the latest
//! `DPoP-Nonce` it gave, and how far off this box's clock is from its `Date`, so that a box
//! whose clock is wrong still makes proofs the server accepts.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::SystemTime;

use reqwest::header::HeaderMap;
use url::Url;

use crate::auth::clock_offset::ClockOffset;

/// Offsets below this are the `Date` header's own rounding: the box's clock is kept.
const IGNORED_OFFSET_SECS: u64 = 5;
/// Nonces are short; anything longer is not kept (a hostile server must not grow memory).
const MAX_NONCE_LEN: usize = 512;
/// At most this many servers are remembered.
const MAX_SERVERS: usize = 16;

/// Nonces and clock offsets per server origin.
#[derive(Debug, Default)]
pub struct ServerMemory {
    servers: Mutex<HashMap<String, Server>>,
}

/// What an answer taught about its server.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Learned {
    /// A nonce the proofs did not carry yet.
    pub nonce: bool,
    /// The server's clock is further from this box's than the proofs assumed: their `iat`
    /// changes from now on.
    pub clock: bool,
}

/// The offset proofs apply: none below the `Date` header's own rounding.
fn effective(offset: Option<ClockOffset>) -> i64 {
    offset
        .filter(|o| o.magnitude() > IGNORED_OFFSET_SECS)
        .map_or(0, ClockOffset::seconds)
}

#[derive(Debug, Default, Clone)]
struct Server {
    nonce: Option<String>,
    offset: Option<ClockOffset>,
}

fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

impl ServerMemory {
    fn get(&self, url: &Url) -> Server {
        let servers = self.servers.lock().unwrap_or_else(|e| e.into_inner());
        servers.get(&origin(url)).cloned().unwrap_or_default()
    }

    /// The latest nonce the server at `url` gave, if any.
    pub fn nonce(&self, url: &Url) -> Option<String> {
        self.get(url).nonce
    }

    /// The server's time now, in Unix seconds, as best known.
    pub fn server_now(&self, url: &Url) -> i64 {
        let local = crate::clock::unix_now();
        let offset = ClockOffset::from_seconds(effective(self.get(url).offset));
        i64::try_from(offset.provider_time(local)).unwrap_or(i64::MAX)
    }

    /// Learns an answer's `DPoP-Nonce` and `Date`.
    pub fn observe(&self, url: &Url, headers: &HeaderMap) -> Learned {
        let nonce = headers
            .get(super::NONCE_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|n| !n.is_empty() && n.len() <= MAX_NONCE_LEN && n.is_ascii());
        let offset = ClockOffset::measure(headers, SystemTime::now());
        let mut servers = self.servers.lock().unwrap_or_else(|e| e.into_inner());
        let key = origin(url);
        if !servers.contains_key(&key) && servers.len() >= MAX_SERVERS {
            servers.clear();
        }
        let server = servers.entry(key).or_default();
        let mut learned = Learned::default();
        if offset.is_some() {
            let before = effective(server.offset);
            server.offset = offset;
            learned.clock = effective(offset).abs_diff(before) > IGNORED_OFFSET_SECS;
        }
        if let Some(nonce) = nonce
            && server.nonce.as_deref() != Some(nonce)
        {
            server.nonce = Some(nonce.to_string());
            learned.nonce = true;
        }
        learned
    }
}
