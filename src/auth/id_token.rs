//! ID token validation before anything is stored (OIDC Core §3.1.3.7), with `jsonwebtoken`:
//! the key from the provider's JWKS (cached, fetched again once for an unknown `kid`), RS256 or
//! ES256 only (so `none` and algorithm confusion fail), `iss`, `aud`, `exp`, `iat`, `nbf`. The
//! time claims are judged at the time the caller gives: the provider's when this box's clock
//! is off (see [`super::clock_offset`]).

use std::collections::HashMap;

use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::Mutex;

use super::userinfo::UserInfo;
use super::{AuthError, Provider};

/// Clock skew tolerated on `exp`, `iat` and `nbf`.
pub const LEEWAY_SECONDS: u64 = 60;

/// The claims tvauth keeps from a valid ID token.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct IdClaims {
    /// Who: the same claims userinfo gives.
    #[serde(flatten)]
    pub person: UserInfo,
    /// When the token expires, in Unix seconds.
    pub exp: u64,
    /// When the token was issued, in Unix seconds.
    pub iat: u64,
    /// The `nonce` claim: must equal the one the authorization request sent, if one was sent.
    #[serde(default)]
    pub nonce: Option<String>,
}

/// The provider's signing keys, fetched on first use.
#[derive(Debug)]
pub struct Jwks {
    keys: Mutex<Option<JwkSet>>,
}

impl Default for Jwks {
    fn default() -> Self {
        Jwks {
            keys: Mutex::new(None),
        }
    }
}

impl Jwks {
    async fn fetch(http: &reqwest::Client, provider: &Provider) -> Result<JwkSet, AuthError> {
        let jwks_uri = provider
            .jwks_uri
            .clone()
            .ok_or_else(|| super::discovery::missing_endpoint("JWKS (jwks_uri)", "jwks_uri"))?;
        super::http::get_json(http.get(jwks_uri), "JWKS").await
    }

    /// The key for `kid`, fetching the set when there is none or the `kid` is new (key
    /// rotation), at most once per call.
    async fn key(
        &self,
        http: &reqwest::Client,
        provider: &Provider,
        kid: Option<&str>,
        alg: Algorithm,
    ) -> Result<DecodingKey, AuthError> {
        let mut cached = self.keys.lock().await;
        let mut fetched = false;
        if cached.is_none() {
            *cached = Some(Jwks::fetch(http, provider).await?);
            fetched = true;
        }
        loop {
            if let Some(key) = cached.as_ref().and_then(|set| pick(set, kid, alg)) {
                return key;
            }
            if fetched {
                return Err(AuthError::IdToken(format!(
                    "no {alg:?} key with kid {kid:?} in the provider's JWKS"
                )));
            }
            *cached = Some(Jwks::fetch(http, provider).await?);
            fetched = true;
        }
    }

    /// Validates an ID token for `client_id`; `nonce` is checked when given; time claims are
    /// judged at `now` (Unix seconds).
    pub async fn validate(
        &self,
        http: &reqwest::Client,
        provider: &Provider,
        client_id: &str,
        token: &str,
        nonce: Option<&str>,
        now: u64,
    ) -> Result<IdClaims, AuthError> {
        let header = jsonwebtoken::decode_header(token)
            .map_err(|e| AuthError::IdToken(format!("unreadable header: {e}")))?;
        if !matches!(header.alg, Algorithm::RS256 | Algorithm::ES256) {
            return Err(AuthError::IdToken(format!(
                "algorithm {:?} is not accepted",
                header.alg
            )));
        }
        let key = self
            .key(http, provider, header.kid.as_deref(), header.alg)
            .await?;
        validate_with_key(
            token,
            &key,
            header.alg,
            &provider.issuer,
            client_id,
            nonce,
            now,
        )
    }
}

/// The JWK matching `kid` (or the only key, when the token names none) whose type fits `alg`.
/// Whether a key of this kind can check `alg` signatures (only RS256 and ES256 are accepted).
fn fits(alg: Algorithm, params: &AlgorithmParameters) -> bool {
    match alg {
        Algorithm::RS256 => matches!(params, AlgorithmParameters::RSA(_)),
        Algorithm::ES256 => matches!(params, AlgorithmParameters::EllipticCurve(_)),
        _ => false,
    }
}

/// Whether `set` has a key that can check ID tokens signed with `alg` (RS256 or ES256).
pub fn has_key_for(set: &JwkSet, alg: Algorithm) -> bool {
    set.keys.iter().any(|k| fits(alg, &k.algorithm))
}

fn pick(set: &JwkSet, kid: Option<&str>, alg: Algorithm) -> Option<Result<DecodingKey, AuthError>> {
    let candidates: Vec<_> = set
        .keys
        .iter()
        .filter(|k| fits(alg, &k.algorithm))
        .filter(|k| match kid {
            Some(kid) => k.common.key_id.as_deref() == Some(kid),
            None => true,
        })
        .collect();
    let key = match (kid, candidates.as_slice()) {
        (_, [one]) => *one,
        (Some(_), [first, ..]) => *first,
        _ => return None,
    };
    Some(DecodingKey::from_jwk(key).map_err(|e| AuthError::IdToken(format!("unusable JWK: {e}"))))
}

/// The checks themselves, with the time given (so tests need not wait).
pub fn validate_with_key(
    token: &str,
    key: &DecodingKey,
    alg: Algorithm,
    issuer: &str,
    client_id: &str,
    nonce: Option<&str>,
    now: u64,
) -> Result<IdClaims, AuthError> {
    let reject = |why: String| AuthError::IdToken(why);
    let mut validation = Validation::new(alg);
    validation.algorithms = vec![alg];
    validation.set_issuer(&[issuer]);
    validation.set_audience(&[client_id]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    // exp is checked below against the given clock.
    validation.validate_exp = false;
    let data = jsonwebtoken::decode::<HashMap<String, Value>>(token, key, &validation)
        .map_err(|e| reject(e.to_string()))?;
    let claims: IdClaims =
        serde_json::from_value(Value::Object(data.claims.clone().into_iter().collect()))
            .map_err(|e| reject(format!("claims: {e}")))?;
    if claims.exp.saturating_add(LEEWAY_SECONDS) <= now {
        return Err(reject("expired".into()));
    }
    if claims.iat > now.saturating_add(LEEWAY_SECONDS) {
        return Err(reject("issued in the future".into()));
    }
    let nbf = data.claims.get("nbf").and_then(Value::as_u64);
    if nbf.is_some_and(|nbf| nbf > now.saturating_add(LEEWAY_SECONDS)) {
        return Err(reject("not valid yet".into()));
    }
    // OIDC Core §3.1.3.7 (4, 5): with several audiences, azp must be this client.
    if let Some(Value::Array(auds)) = data.claims.get("aud")
        && auds.len() > 1
        && data.claims.get("azp").and_then(Value::as_str) != Some(client_id)
    {
        return Err(reject(
            "several audiences and azp is not this client".into(),
        ));
    }
    if let Some(expected) = nonce
        && claims.nonce.as_deref() != Some(expected)
    {
        return Err(reject("nonce mismatch".into()));
    }
    Ok(claims)
}

#[cfg(test)]
mod tests;
