//! DPoP (RFC 9449): a P-256 key held by this box, and the proofs it signs so that the tokens
//! bound to it are useless anywhere else. The key is made and used through RustCrypto
//! (`p256`) and `jsonwebtoken`; nothing here is hand-written cryptography.

mod memory;
pub mod resource;

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{AlgorithmParameters, Jwk, ThumbprintHash};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use p256::pkcs8::EncodePrivateKey;
use reqwest::header::HeaderMap;
use serde::Serialize;
use sha2::{Digest, Sha256};
use url::Url;

pub use memory::{Learned, ServerMemory};

use super::{AuthError, Secret};

/// The only algorithm tvauth signs proofs with.
pub const ALGORITHM: &str = "ES256";
/// The request header that carries a proof, and the answer header that carries a nonce.
pub const HEADER: &str = "DPoP";
/// The answer header with the server's nonce (RFC 9449 §8).
pub const NONCE_HEADER: &str = "DPoP-Nonce";

/// This box's DPoP key. Its `Debug` shows the public thumbprint only, and it is not `Clone`:
/// share it behind an `Arc`.
pub struct DpopKey {
    signing: EncodingKey,
    /// PKCS#8 DER, base64url: how the key is stored beside the session.
    stored: Secret,
    jwk: Jwk,
    thumbprint: String,
}

impl std::fmt::Debug for DpopKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DpopKey")
            .field("thumbprint", &self.thumbprint)
            .finish_non_exhaustive()
    }
}

fn key_error(what: &str) -> AuthError {
    AuthError::Dpop(what.into())
}

impl DpopKey {
    /// A fresh key from the system's random source.
    pub fn generate() -> Result<DpopKey, AuthError> {
        // A random 32-byte string is a valid scalar but with odds of about 2^-32; try again.
        for _ in 0..8 {
            let mut bytes = zeroizing_bytes();
            getrandom::fill(&mut bytes[..]).map_err(|e| AuthError::Random(e.to_string().into()))?;
            if let Ok(secret) = p256::SecretKey::from_slice(&bytes[..]) {
                let der = secret
                    .to_pkcs8_der()
                    .map_err(|_| key_error("the new key could not be encoded"))?;
                return DpopKey::from_der(der.as_bytes());
            }
        }
        Err(key_error("no valid key could be made"))
    }

    /// The key as [`DpopKey::stored`] wrote it.
    pub fn from_stored(stored: &Secret) -> Result<DpopKey, AuthError> {
        let der = URL_SAFE_NO_PAD
            .decode(stored.expose().trim())
            .map_err(|_| key_error("the stored key is not base64url"))?;
        DpopKey::from_der(&der)
    }

    fn from_der(der: &[u8]) -> Result<DpopKey, AuthError> {
        use p256::pkcs8::DecodePrivateKey;
        // Checked by p256 first: jsonwebtoken would only fail at the first signature.
        p256::SecretKey::from_pkcs8_der(der).map_err(|_| key_error("the key is not P-256"))?;
        let signing = EncodingKey::from_ec_der(der);
        let mut jwk = Jwk::from_encoding_key(&signing, Algorithm::ES256)
            .map_err(|_| key_error("the key has no public part"))?;
        // The header's `jwk` carries the public key and nothing else (RFC 9449 §4.2).
        jwk.common = Default::default();
        if !matches!(jwk.algorithm, AlgorithmParameters::EllipticCurve(_)) {
            return Err(key_error("the key is not an elliptic-curve key"));
        }
        let thumbprint = jwk
            .thumbprint(ThumbprintHash::SHA256)
            .map_err(|_| key_error("the key has no thumbprint"))?;
        Ok(DpopKey {
            signing,
            stored: Secret::new(URL_SAFE_NO_PAD.encode(der)),
            jwk,
            thumbprint,
        })
    }

    /// The private key as text, for the key file only.
    pub fn stored(&self) -> &Secret {
        &self.stored
    }

    /// The RFC 7638 SHA-256 thumbprint of the public key: what tokens are bound to (`jkt`).
    pub fn thumbprint(&self) -> &str {
        &self.thumbprint
    }

    /// The public key as a JWK.
    pub fn public_jwk(&self) -> &Jwk {
        &self.jwk
    }

    /// Signs a proof for one request (RFC 9449 §4.2).
    pub fn proof(&self, claims: &Claims<'_>) -> Result<Secret, AuthError> {
        let mut header = Header::new(Algorithm::ES256);
        header.typ = Some("dpop+jwt".into());
        header.jwk = Some(self.jwk.clone());
        jsonwebtoken::encode(&header, claims, &self.signing)
            .map(Secret::new)
            .map_err(|_| key_error("the proof could not be signed"))
    }
}

/// 32 bytes that are wiped when dropped.
fn zeroizing_bytes() -> p256::elliptic_curve::zeroize::Zeroizing<[u8; 32]> {
    p256::elliptic_curve::zeroize::Zeroizing::new([0; 32])
}

/// The claims of a proof.
#[derive(Debug, Serialize)]
pub struct Claims<'a> {
    /// A fresh random id, so the server can refuse a replay.
    pub jti: String,
    /// The HTTP method.
    pub htm: &'a str,
    /// The target URI without query and fragment ([`htu`]).
    pub htu: String,
    /// When the proof was made, in Unix seconds (the server's clock when known).
    pub iat: i64,
    /// base64url(SHA-256(access token)) on requests that carry one ([`ath`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ath: Option<String>,
    /// The server's latest nonce, when it gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
}

/// The `htu` of a request to `url`: without query and fragment (RFC 9449 §4.2).
pub fn htu(url: &Url) -> String {
    let mut bare = url.clone();
    bare.set_query(None);
    bare.set_fragment(None);
    bare.to_string()
}

/// The `ath` of an access token: base64url(SHA-256(token)).
pub fn ath(access_token: &Secret) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(access_token.expose().as_bytes()))
}

/// A unique proof id: 16 random bytes.
fn jti() -> Result<String, AuthError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| AuthError::Random(e.to_string().into()))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// A key with what this process learnt of the servers it talks to: everything needed to put
/// a proof on a request. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct Dpop {
    key: Arc<DpopKey>,
    memory: Arc<ServerMemory>,
}

impl Dpop {
    /// Proofs by `key`, with the nonces and clocks in `memory`.
    pub fn new(key: Arc<DpopKey>, memory: Arc<ServerMemory>) -> Dpop {
        Dpop { key, memory }
    }

    /// The key.
    pub fn key(&self) -> &Arc<DpopKey> {
        &self.key
    }

    /// A proof for `method url`, with `ath` when `access` is given and the server's nonce
    /// when it gave one.
    pub fn proof(
        &self,
        method: &str,
        url: &Url,
        access: Option<&Secret>,
    ) -> Result<Secret, AuthError> {
        self.key.proof(&Claims {
            jti: jti()?,
            htm: method,
            htu: htu(url),
            iat: self.memory.server_now(url),
            ath: access.map(ath),
            nonce: self.memory.nonce(url),
        })
    }

    /// Learns from an answer from `url`: its `DPoP-Nonce` and its `Date`.
    pub fn observe(&self, url: &Url, headers: &HeaderMap) -> Learned {
        self.memory.observe(url, headers)
    }

    /// Whether a refusal coded `code` is worth one more try after what was just `learned`:
    /// a nonce asked for and received, or a proof refused (its `iat`, most likely) by a
    /// server whose clock turned out to be elsewhere.
    pub fn worth_retrying(code: &super::ErrorCode, learned: Learned) -> bool {
        match code.as_str() {
            "use_dpop_nonce" => learned.nonce,
            "invalid_dpop_proof" => learned.clock,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests;
