//! The API's side of DPoP (RFC 9449 §7): a bound token (`cnf.jkt`) counts only with the
//! `DPoP` scheme and a proof for this very request, carrying the token's hash, by the key it
//! is bound to; an unbound token only as Bearer.

use super::Shared;
use super::auth_header::{BearerError, BearerToken};
use super::dpop::{Expect, ProofError};
use super::state::unix_now;
use super::tokens::AccessClaims;

fn invalid_token(why: &str) -> BearerError {
    BearerError::Dpop {
        code: "invalid_token",
        why: why.into(),
    }
}

fn invalid_proof(why: &str) -> BearerError {
    BearerError::Dpop {
        code: "invalid_dpop_proof",
        why: why.into(),
    }
}

/// Whether `presented` (already validated as `claims`) is presented as its binding asks.
pub fn check_binding(
    shared: &Shared,
    presented: &BearerToken,
    claims: &AccessClaims,
) -> Result<(), BearerError> {
    let (cnf, dpop) = match (&claims.cnf, &presented.dpop) {
        (None, None) => return Ok(()),
        (None, Some(_)) => {
            return Err(invalid_token(
                "this token is not DPoP-bound: present it as Bearer",
            ));
        }
        (Some(_), None) => {
            return Err(invalid_token(
                "this token is bound to a DPoP key: present it with the DPoP scheme and a proof",
            ));
        }
        (Some(cnf), Some(dpop)) => (cnf, dpop),
    };
    let verifier = shared
        .dpop
        .as_ref()
        .ok_or_else(|| invalid_token("this server no longer accepts DPoP-bound tokens"))?;
    let proof = dpop
        .proof
        .as_deref()
        .ok_or_else(|| invalid_proof("exactly one DPoP proof is required"))?;
    let htu = shared.url(presented.path.trim_start_matches('/'));
    let expect = Expect {
        htm: &presented.method,
        htu: &htu,
        access_token: Some(&presented.token),
        nonce_required: false,
        now: unix_now(),
    };
    match verifier.check(proof, &expect) {
        Ok(jkt) if jkt == cnf.jkt => Ok(()),
        Ok(_) => Err(invalid_token(
            "the proof is by another key than the one the token is bound to",
        )),
        Err(ProofError::Invalid(why)) => Err(invalid_proof(&why)),
        Err(ProofError::NonceNeeded) => Err(invalid_proof("the proof lacks the nonce")),
    }
}
