//! Everything the server remembers across restarts: clients, users, pending device and
//! authorization codes, grants with their refresh-token chains, revoked access tokens.
//! Secrets are kept only as hashes (see `random::hash`).

use std::collections::{BTreeMap, HashMap};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::clients::Client;

/// Seconds since the Unix epoch: expiry times survive a restart, unlike `Instant`s.
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A person who approved a request on the verification or consent page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    pub sub: String,
    pub name: String,
    pub email: String,
}

/// A display name as typed, trimmed; `None` when empty, over 64 characters or with control
/// characters.
pub fn valid_display_name(input: &str) -> Option<String> {
    let name = input.trim();
    let ok = !name.is_empty() && name.chars().count() <= 64 && !name.chars().any(char::is_control);
    ok.then(|| name.to_string())
}

/// Where a device authorization request stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeviceStatus {
    Pending,
    Approved {
        sub: String,
    },
    Denied,
    /// Tokens were handed out: the code is spent.
    Redeemed,
    /// `expired_token` was answered once; from now on `invalid_grant`.
    ExpiryReported,
    /// `access_denied` was answered once; from now on `invalid_grant`.
    DenialReported,
}

/// A device authorization request, keyed by the hash of its device code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeviceCode {
    /// Canonical form, no dash.
    pub user_code: String,
    pub client_id: String,
    pub scope: Vec<String>,
    pub audience: Option<String>,
    pub expires_at: u64,
    /// The current minimum polling interval; grows by 5 s with each `slow_down`.
    pub interval: u64,
    pub status: DeviceStatus,
    /// When the client last polled; only meaningful within one run of the server.
    #[serde(skip)]
    pub last_poll: Option<Instant>,
}

/// An authorization code waiting to be exchanged, keyed by its hash.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuthCode {
    pub client_id: String,
    pub redirect_uri: String,
    /// S256 challenge; required for public clients.
    pub code_challenge: Option<String>,
    pub scope: Vec<String>,
    pub audience: Option<String>,
    pub nonce: Option<String>,
    pub sub: String,
    pub expires_at: u64,
    /// Set once exchanged; a second exchange revokes this grant (RFC 6749 §4.1.2).
    pub redeemed_grant: Option<String>,
}

/// The refresh tokens of one grant: the live one and the ones it replaced.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RefreshChain {
    pub current: String,
    pub expires_at: u64,
    /// Hashes of rotated-out tokens: presenting one of them revokes the grant.
    pub used: Vec<String>,
}

/// What a user allowed a client: the family every token of one sign-in belongs to.
/// Its id is the `sid` claim of those tokens.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Grant {
    pub client_id: String,
    pub sub: String,
    pub scope: Vec<String>,
    pub audience: Option<String>,
    pub nonce: Option<String>,
    pub auth_time: u64,
    pub refresh: Option<RefreshChain>,
    /// The latest expiry of an access or ID token issued from this grant.
    pub tokens_valid_until: u64,
    /// The thumbprint of the DPoP key the grant's tokens are bound to, when the sign-in
    /// proved one: its refresh token works only with a proof by that key.
    #[serde(default)]
    pub jkt: Option<String>,
}

/// How many rotated-out refresh tokens a grant remembers for reuse detection.
const USED_TOKENS_KEPT: usize = 32;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct State {
    pub clients: Vec<Client>,
    pub users: BTreeMap<String, User>,
    pub device_codes: HashMap<String, DeviceCode>,
    pub auth_codes: HashMap<String, AuthCode>,
    pub grants: HashMap<String, Grant>,
    /// Refresh token hash → grant id, for live and rotated-out tokens.
    pub refresh_tokens: HashMap<String, String>,
    /// Revoked access token `jti` → its expiry.
    pub revoked_access_tokens: HashMap<String, u64>,
    /// The port of the last run, tried first so the issuer URL stays the same.
    pub last_port: Option<u16>,
    /// Bumped at every change that is saved; orders concurrent saves.
    #[serde(skip)]
    pub generation: u64,
}

impl State {
    pub fn client(&self, id: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.id == id)
    }

    /// The pending request with this user code, with its key.
    pub fn device_code_by_user_code(
        &mut self,
        user_code: &str,
    ) -> Option<(&String, &mut DeviceCode)> {
        self.device_codes
            .iter_mut()
            .find(|(_, d)| d.user_code == user_code)
    }

    /// Whether a user code is held by any request that has not been forgotten yet.
    pub fn user_code_taken(&self, user_code: &str) -> bool {
        self.device_codes.values().any(|d| d.user_code == user_code)
    }

    /// The user a person becomes by typing a display name: the same name is the same user,
    /// so signing in again finds the same account. Returns the `sub`.
    pub fn sign_in(&mut self, name: &str) -> String {
        let id: String = super::random::hash(&name.to_lowercase())
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(16)
            .collect();
        let sub = format!("demo|{id}");
        let local: String = name
            .to_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(32)
            .collect();
        let local = if local.is_empty() {
            "viewer".to_string()
        } else {
            local
        };
        self.users.insert(
            sub.clone(),
            User {
                sub: sub.clone(),
                name: name.to_string(),
                email: format!("{local}.{}@example.com", &id[..4.min(id.len())]),
            },
        );
        sub
    }

    /// Starts a refresh chain for a grant, or rotates it; returns nothing, the caller holds the
    /// plain token.
    pub fn set_refresh_token(&mut self, grant_id: &str, token_hash: String, expires_at: u64) {
        let Some(grant) = self.grants.get_mut(grant_id) else {
            return;
        };
        match &mut grant.refresh {
            Some(chain) => {
                let old = std::mem::replace(&mut chain.current, token_hash.clone());
                chain.used.push(old);
                chain.expires_at = expires_at;
                if chain.used.len() > USED_TOKENS_KEPT {
                    let forgotten = chain.used.remove(0);
                    self.refresh_tokens.remove(&forgotten);
                }
            }
            None => {
                grant.refresh = Some(RefreshChain {
                    current: token_hash.clone(),
                    expires_at,
                    used: Vec::new(),
                });
            }
        }
        self.refresh_tokens.insert(token_hash, grant_id.to_string());
    }

    /// Removes a grant and every refresh token of it; its access tokens stop working at the
    /// protected API because their `sid` no longer exists.
    pub fn revoke_grant(&mut self, grant_id: &str) {
        if let Some(grant) = self.grants.remove(grant_id)
            && let Some(chain) = grant.refresh
        {
            self.refresh_tokens.remove(&chain.current);
            for used in chain.used {
                self.refresh_tokens.remove(&used);
            }
        }
    }

    /// Forgets what can no longer matter, so the state file does not grow without bound.
    pub fn purge(&mut self, now: u64) {
        // A forgotten device code answers invalid_grant, as a spent one does; keep them an hour
        // so that `expired_token` is still answered once to a client that polls late.
        self.device_codes.retain(|_, d| d.expires_at + 3600 > now);
        self.auth_codes.retain(|_, c| c.expires_at + 600 > now);
        self.revoked_access_tokens.retain(|_, exp| *exp > now);
        let dead: Vec<String> = self
            .grants
            .iter()
            .filter(|(_, g)| {
                let refresh_alive = g.refresh.as_ref().is_some_and(|r| r.expires_at > now);
                !refresh_alive && g.tokens_valid_until <= now
            })
            .map(|(id, _)| id.clone())
            .collect();
        for id in dead {
            self.revoke_grant(&id);
        }
    }
}
