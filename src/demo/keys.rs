//! The server's RS256 signing key: made once, kept in the data dir, published as a JWK whose
//! `kid` is its RFC 7638 thumbprint.

use jsonwebtoken::jwk::{Jwk, PublicKeyUse, ThumbprintHash};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rsa::RsaPrivateKey;
use rsa::pkcs8::{EncodePrivateKey, LineEnding};
use rsa::rand_core::OsRng;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::store::{KEY_FILE, Store};

const KEY_BITS: usize = 2048;

/// Why the signing key could not be loaded or made.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("reading or writing the signing key: {0}")]
    Io(#[from] std::io::Error),
    #[error("the signing key file is not an RSA private key in PKCS#8 PEM: {0}")]
    Format(String),
    #[error("generating the signing key: {0}")]
    Generate(String),
}

pub struct SigningKey {
    kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
    jwk: Jwk,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    /// Loads the key from the data dir, or makes and saves a new one (a second or so).
    pub async fn load_or_create(store: &Store) -> Result<SigningKey, KeyError> {
        let pem = match store.read(KEY_FILE)? {
            Some(pem) => {
                store.make_private(KEY_FILE)?;
                pem
            }
            None => {
                let pem = tokio::task::spawn_blocking(generate_pem)
                    .await
                    .map_err(|e| KeyError::Generate(e.to_string()))??;
                store.write(KEY_FILE, pem.as_bytes())?;
                pem
            }
        };
        SigningKey::from_pem(&pem)
    }

    fn from_pem(pem: &str) -> Result<SigningKey, KeyError> {
        let format = |e: jsonwebtoken::errors::Error| KeyError::Format(e.to_string());
        let encoding = EncodingKey::from_rsa_pem(pem.as_bytes()).map_err(format)?;
        let mut jwk = Jwk::from_encoding_key(&encoding, Algorithm::RS256).map_err(format)?;
        let kid = jwk.thumbprint(ThumbprintHash::SHA256).map_err(format)?;
        jwk.common.key_id = Some(kid.clone());
        jwk.common.public_key_use = Some(PublicKeyUse::Signature);
        let decoding = DecodingKey::from_jwk(&jwk).map_err(format)?;
        Ok(SigningKey {
            kid,
            encoding,
            decoding,
            jwk,
        })
    }

    /// The public key as published at `jwks_uri`.
    pub fn jwk(&self) -> &Jwk {
        &self.jwk
    }

    /// Signs claims as a JWT with this key's `kid` and the given `typ`.
    pub fn sign<T: Serialize>(&self, typ: &str, claims: &T) -> Result<String, String> {
        let mut header = Header::new(Algorithm::RS256);
        header.typ = Some(typ.to_string());
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding).map_err(|e| e.to_string())
    }

    /// Verifies a JWT made by this key: RS256 only (so `none` and HMAC confusion fail), the
    /// expected `typ`, then the checks in `validation`.
    pub fn verify<T: DeserializeOwned>(
        &self,
        token: &str,
        typ: &str,
        validation: &Validation,
    ) -> Result<T, String> {
        let header = jsonwebtoken::decode_header(token).map_err(|e| e.to_string())?;
        if header.alg != Algorithm::RS256 || header.kid.as_deref() != Some(self.kid.as_str()) {
            return Err("not signed by this server's key".into());
        }
        if !header
            .typ
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case(typ))
        {
            return Err(format!("not a token of type {typ}"));
        }
        jsonwebtoken::decode::<T>(token, &self.decoding, validation)
            .map(|data| data.claims)
            .map_err(|e| e.to_string())
    }
}

fn generate_pem() -> Result<String, KeyError> {
    let key =
        RsaPrivateKey::new(&mut OsRng, KEY_BITS).map_err(|e| KeyError::Generate(e.to_string()))?;
    let pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| KeyError::Generate(e.to_string()))?;
    Ok(pem.to_string())
}
