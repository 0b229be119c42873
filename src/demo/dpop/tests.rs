//! The demo's proof checks, with proofs made by the client's own code: what the server must
//! refuse, each alone.

use std::sync::Arc;

use url::Url;

use super::*;
use crate::auth::Secret;
use crate::auth::dpop::{Claims, Dpop, DpopKey};

const TOKEN_URL: &str = "http://127.0.0.1:9/oauth/token";

fn now() -> u64 {
    crate::clock::unix_now()
}

fn claims<'a>(htm: &'a str, htu: &str) -> Claims<'a> {
    Claims {
        jti: random::token(8),
        htm,
        htu: htu.into(),
        iat: now() as i64,
        ath: None,
        nonce: None,
    }
}

fn expect(access_token: Option<&str>) -> Expect<'_> {
    Expect {
        htm: "POST",
        htu: TOKEN_URL,
        access_token,
        nonce_required: false,
        now: now(),
    }
}

fn refused(result: Result<String, ProofError>) -> String {
    match result {
        Err(ProofError::Invalid(why)) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_good_proof_proves_its_keys_thumbprint_once() {
    let verifier = Verifier::new(now());
    let key = DpopKey::generate().unwrap();
    let proof = key.proof(&claims("POST", TOKEN_URL)).unwrap();
    let jkt = verifier.check(proof.expose(), &expect(None)).unwrap();
    assert_eq!(jkt, key.thumbprint());
    let replay = refused(verifier.check(proof.expose(), &expect(None)));
    assert!(replay.contains("already used"), "{replay}");
}

#[test]
fn proofs_for_another_request_or_time_are_refused() {
    let verifier = Verifier::new(now());
    let key = DpopKey::generate().unwrap();
    let check =
        |claims: Claims<'_>| verifier.check(key.proof(&claims).unwrap().expose(), &expect(None));
    assert!(refused(check(claims("GET", TOKEN_URL))).contains("method"));
    assert!(refused(check(claims("POST", "http://127.0.0.1:9/oauth/revoke"))).contains("URL"));
    let mut old = claims("POST", TOKEN_URL);
    old.iat -= 120;
    assert!(refused(check(old)).contains("iat"));
    let mut future = claims("POST", TOKEN_URL);
    future.iat += 120;
    assert!(refused(check(future)).contains("iat"));
    // The query is not part of htu.
    assert!(check(claims("POST", &format!("{TOKEN_URL}?x=1"))).is_ok());
}

#[test]
fn a_proof_signed_by_another_key_than_its_jwk_is_refused() {
    let verifier = Verifier::new(now());
    let mine = DpopKey::generate().unwrap();
    let other = DpopKey::generate().unwrap();
    let genuine = mine.proof(&claims("POST", TOKEN_URL)).unwrap();
    let forged = other.proof(&claims("POST", TOKEN_URL)).unwrap();
    // Header (with `mine`'s jwk) from one, claims and signature from the other.
    let mut parts: Vec<&str> = forged.expose().split('.').collect();
    parts[0] = genuine.expose().split('.').next().unwrap();
    let spliced = parts.join(".");
    assert!(refused(verifier.check(&spliced, &expect(None))).contains("signature"));
}

#[test]
fn at_the_api_the_proof_must_carry_the_tokens_hash() {
    let verifier = Verifier::new(now());
    let dpop = Dpop::new(Arc::new(DpopKey::generate().unwrap()), Arc::default());
    let url = Url::parse(TOKEN_URL).unwrap();
    let token = Secret::new("the-access-token");
    let proof = dpop.proof("POST", &url, Some(&token)).unwrap();
    assert!(
        verifier
            .check(proof.expose(), &expect(Some("the-access-token")))
            .is_ok()
    );
    let proof = dpop.proof("POST", &url, Some(&token)).unwrap();
    assert!(
        refused(verifier.check(proof.expose(), &expect(Some("another-token")))).contains("ath")
    );
    let proof = dpop.proof("POST", &url, None).unwrap();
    assert!(
        refused(verifier.check(proof.expose(), &expect(Some("the-access-token")))).contains("ath")
    );
}

#[test]
fn a_nonce_is_asked_for_then_accepted() {
    let verifier = Verifier::new(now());
    let key = DpopKey::generate().unwrap();
    let strict = Expect {
        nonce_required: true,
        ..expect(None)
    };
    let bare = key.proof(&claims("POST", TOKEN_URL)).unwrap();
    assert_eq!(
        verifier.check(bare.expose(), &strict),
        Err(ProofError::NonceNeeded)
    );
    let mut with_nonce = claims("POST", TOKEN_URL);
    with_nonce.nonce = Some(verifier.nonce(now()));
    let proof = key.proof(&with_nonce).unwrap();
    assert!(verifier.check(proof.expose(), &strict).is_ok());
    let mut wrong = claims("POST", TOKEN_URL);
    wrong.nonce = Some("made-up".into());
    let proof = key.proof(&wrong).unwrap();
    assert_eq!(
        verifier.check(proof.expose(), &strict),
        Err(ProofError::NonceNeeded)
    );
}

#[test]
fn garbage_and_plain_jwts_are_refused() {
    let verifier = Verifier::new(now());
    assert!(refused(verifier.check("not.a.jwt", &expect(None))).contains("JWT"));
    assert!(refused(verifier.check("", &expect(None))).contains("JWT"));
}
