//! DPoP at the demo server (RFC 9449), as Auth0 does it: proofs are checked (ES256 signature
//! by the key in their own header, `typ`, `htm`, `htu`, `iat` within a minute, `jti` seen
//! once, `ath` at the API, the server's nonce when it asks for one), and what they prove is
//! the key's RFC 7638 thumbprint, which tokens are then bound to (`cnf.jkt`).

use std::collections::HashMap;
use std::sync::Mutex;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::ThumbprintHash;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::lock;
use super::random;

/// The request header with a proof.
pub const PROOF_HEADER: &str = "DPoP";
/// The answer header with the server's nonce.
pub const NONCE_HEADER: &str = "DPoP-Nonce";
/// How far a proof's `iat` may be from the server's clock, either way.
const IAT_WINDOW: u64 = 60;
/// A nonce is replaced after this long; the previous one is still accepted.
const NONCE_LIFETIME: u64 = 300;
/// Proof ids remembered at most; beyond, the oldest half is forgotten (their proofs are
/// refused by `iat` soon anyway).
const REPLAY_CACHE_MAX: usize = 100_000;

/// Why a proof was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProofError {
    /// The proof is malformed, wrongly signed, for another request, too old, or replayed.
    Invalid(String),
    /// The proof lacks the server's current nonce (`use_dpop_nonce`).
    NonceNeeded,
}

/// What a request must be for its proof to count.
#[derive(Debug)]
pub struct Expect<'a> {
    /// The HTTP method.
    pub htm: &'a str,
    /// The URL the request was sent to, without query.
    pub htu: &'a str,
    /// The access token the request presents (at the API), whose hash the proof must carry.
    pub access_token: Option<&'a str>,
    /// Whether the proof must carry the server's nonce.
    pub nonce_required: bool,
    /// The server's time, in Unix seconds.
    pub now: u64,
}

#[derive(Debug, Deserialize)]
struct ProofClaims {
    jti: String,
    htm: String,
    htu: String,
    iat: u64,
    #[serde(default)]
    ath: Option<String>,
    #[serde(default)]
    nonce: Option<String>,
}

#[derive(Debug)]
struct Nonces {
    current: String,
    previous: Option<String>,
    since: u64,
}

/// The proof checker: the nonces handed out and the proof ids already seen.
#[derive(Debug)]
pub struct Verifier {
    nonces: Mutex<Nonces>,
    seen: Mutex<HashMap<String, u64>>,
}

impl Verifier {
    /// A checker with a fresh nonce.
    pub fn new(now: u64) -> Verifier {
        Verifier {
            nonces: Mutex::new(Nonces {
                current: random::token(16),
                previous: None,
                since: now,
            }),
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// The nonce to hand out now (replaced every [`NONCE_LIFETIME`]).
    pub fn nonce(&self, now: u64) -> String {
        let mut nonces = lock(&self.nonces);
        if now >= nonces.since + NONCE_LIFETIME {
            let fresh = random::token(16);
            nonces.previous = Some(std::mem::replace(&mut nonces.current, fresh));
            nonces.since = now;
        }
        nonces.current.clone()
    }

    fn nonce_accepted(&self, nonce: Option<&str>, now: u64) -> bool {
        let current = self.nonce(now);
        let nonces = lock(&self.nonces);
        nonce.is_some_and(|n| n == current || nonces.previous.as_deref() == Some(n))
    }

    /// Checks `proof` for `expect`; returns the thumbprint of the key that signed it.
    pub fn check(&self, proof: &str, expect: &Expect<'_>) -> Result<String, ProofError> {
        let invalid = |why: &str| ProofError::Invalid(why.into());
        let header =
            jsonwebtoken::decode_header(proof).map_err(|_| invalid("the proof is not a JWT"))?;
        if header.typ.as_deref() != Some("dpop+jwt") {
            return Err(invalid("the proof's typ is not dpop+jwt"));
        }
        if header.alg != Algorithm::ES256 {
            return Err(invalid("the proof is not signed with ES256"));
        }
        let jwk = header
            .jwk
            .ok_or_else(|| invalid("the proof has no jwk in its header"))?;
        if has_private_part(proof) {
            return Err(invalid("the proof's jwk holds a private key"));
        }
        let key =
            DecodingKey::from_jwk(&jwk).map_err(|_| invalid("the proof's jwk is unusable"))?;
        let mut validation = Validation::new(Algorithm::ES256);
        validation.required_spec_claims.clear();
        validation.validate_exp = false;
        validation.validate_aud = false;
        let claims = jsonwebtoken::decode::<ProofClaims>(proof, &key, &validation)
            .map_err(|_| invalid("the proof's signature or claims are invalid"))?
            .claims;
        if claims.htm != expect.htm {
            return Err(invalid("the proof is for another method"));
        }
        if strip_query(&claims.htu) != strip_query(expect.htu) {
            return Err(invalid("the proof is for another URL"));
        }
        if claims.iat.abs_diff(expect.now) > IAT_WINDOW {
            return Err(invalid("the proof's iat is too far from the server's time"));
        }
        match (expect.access_token, &claims.ath) {
            (Some(token), Some(ath)) if *ath == ath_of(token) => {}
            (Some(_), _) => return Err(invalid("the proof's ath does not match the token")),
            (None, _) => {}
        }
        if expect.nonce_required && !self.nonce_accepted(claims.nonce.as_deref(), expect.now) {
            return Err(ProofError::NonceNeeded);
        }
        self.first_use(&claims.jti, expect.now)?;
        jwk.thumbprint(ThumbprintHash::SHA256)
            .map_err(|_| invalid("the proof's jwk has no thumbprint"))
    }

    /// Records a proof id; a second use is a replay.
    fn first_use(&self, jti: &str, now: u64) -> Result<(), ProofError> {
        if jti.is_empty() || jti.len() > 256 {
            return Err(ProofError::Invalid("the proof's jti is unusable".into()));
        }
        let mut seen = lock(&self.seen);
        seen.retain(|_, until| *until > now);
        if seen.len() >= REPLAY_CACHE_MAX {
            let median = {
                let mut times: Vec<u64> = seen.values().copied().collect();
                times.sort_unstable();
                times[times.len() / 2]
            };
            seen.retain(|_, until| *until > median);
        }
        if seen.insert(jti.to_string(), now + 2 * IAT_WINDOW).is_some() {
            return Err(ProofError::Invalid("the proof was already used".into()));
        }
        Ok(())
    }
}

/// base64url(SHA-256(token)).
pub fn ath_of(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

fn strip_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

/// Whether the header's `jwk` carries a private key member (`d`), which a proof never may.
fn has_private_part(proof: &str) -> bool {
    let Some(header) = proof.split('.').next() else {
        return true;
    };
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(header) else {
        return true;
    };
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return true;
    };
    value.get("jwk").and_then(|jwk| jwk.get("d")).is_some()
}

#[cfg(test)]
mod tests;
