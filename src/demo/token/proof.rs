//! The DPoP proof of a token request: the key it proves, or the refusal to send instead
//! (`use_dpop_nonce` with a fresh `DPoP-Nonce` for public clients, as Auth0 answers).

use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};

use crate::demo::Shared;
use crate::demo::clients::Client;
use crate::demo::dpop::{Expect, NONCE_HEADER, PROOF_HEADER, ProofError};
use crate::demo::oauth_error::OAuthError;
use crate::demo::state::unix_now;

/// Why a token request's proof does not count: the answer to send instead.
pub(super) enum Refusal {
    /// `use_dpop_nonce`, with the nonce to use.
    Nonce(String),
    /// `invalid_dpop_proof`, and why.
    Invalid(String),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Nonce(nonce) => {
                let mut answer = OAuthError::use_dpop_nonce().into_response();
                if let Ok(nonce) = HeaderValue::from_str(&nonce) {
                    answer.headers_mut().insert(NONCE_HEADER, nonce);
                }
                answer
            }
            Refusal::Invalid(why) => OAuthError::invalid_dpop_proof(why).into_response(),
        }
    }
}

/// The thumbprint of the key the request proves; `None` without a proof (or when the server
/// does not support DPoP, which then ignores the header like any server that does not).
pub(super) fn proved_key(
    shared: &Shared,
    headers: &HeaderMap,
    client: &Client,
    grant_type: &str,
) -> Result<Option<String>, Refusal> {
    let Some(verifier) = &shared.dpop else {
        return Ok(None);
    };
    let mut proofs = headers.get_all(PROOF_HEADER).iter();
    let Some(proof) = proofs.next() else {
        return Ok(None);
    };
    if proofs.next().is_some() {
        return Err(refusal("more than one DPoP proof"));
    }
    let proof = proof
        .to_str()
        .map_err(|_| refusal("the proof is not text"))?;
    let now = unix_now();
    let htu = shared.url("oauth/token");
    let expect = Expect {
        htm: "POST",
        htu: &htu,
        access_token: None,
        nonce_required: !client.is_confidential(),
        now,
    };
    match verifier.check(proof, &expect) {
        Ok(jkt) => Ok(Some(jkt)),
        Err(ProofError::Invalid(why)) => {
            tracing::debug!(grant_type, answered = "invalid_dpop_proof", "token request");
            Err(refusal(&why))
        }
        Err(ProofError::NonceNeeded) => {
            // The same line as every answered grant, so that nonce round trips are counted.
            tracing::debug!(grant_type, answered = "use_dpop_nonce", "token request");
            Err(Refusal::Nonce(verifier.nonce(now)))
        }
    }
}

fn refusal(why: &str) -> Refusal {
    Refusal::Invalid(why.into())
}
