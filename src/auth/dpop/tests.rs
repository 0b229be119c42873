use super::*;
use jsonwebtoken::{DecodingKey, Validation};

fn decoded(proof: &Secret, key: &DpopKey) -> (Header, serde_json::Value) {
    let header = jsonwebtoken::decode_header(proof.expose()).unwrap();
    let public = DecodingKey::from_jwk(header.jwk.as_ref().unwrap()).unwrap();
    let mut validation = Validation::new(Algorithm::ES256);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    let data = jsonwebtoken::decode::<serde_json::Value>(proof.expose(), &public, &validation)
        .expect("the proof verifies with the key in its own header");
    assert_eq!(
        header
            .jwk
            .as_ref()
            .unwrap()
            .thumbprint(ThumbprintHash::SHA256)
            .unwrap(),
        key.thumbprint()
    );
    (header, data.claims)
}

fn handle() -> Dpop {
    Dpop::new(Arc::new(DpopKey::generate().unwrap()), Arc::default())
}

#[test]
fn a_proof_has_the_claims_rfc_9449_asks_for() {
    let dpop = handle();
    let url = Url::parse("https://idp.example:443/oauth/token?x=1#frag").unwrap();
    let proof = dpop.proof("POST", &url, None).unwrap();
    let (header, claims) = decoded(&proof, dpop.key());
    assert_eq!(header.typ.as_deref(), Some("dpop+jwt"));
    assert_eq!(header.alg, Algorithm::ES256);
    let jwk = serde_json::to_value(header.jwk.unwrap()).unwrap();
    assert!(
        jwk.get("d").is_none(),
        "no private part in the header: {jwk}"
    );
    assert_eq!(claims["htm"], "POST");
    assert_eq!(claims["htu"], "https://idp.example/oauth/token");
    assert!(claims.get("ath").is_none() && claims.get("nonce").is_none());
    let iat = claims["iat"].as_i64().unwrap();
    assert!((iat - crate::clock::unix_now() as i64).abs() <= 2);
    let again = dpop.proof("POST", &url, None).unwrap();
    assert_ne!(decoded(&again, dpop.key()).1["jti"], claims["jti"]);
}

#[test]
fn resource_proofs_carry_ath_and_the_servers_nonce() {
    let dpop = handle();
    let url = Url::parse("https://api.example/v1/me").unwrap();
    let mut headers = HeaderMap::new();
    headers.insert(NONCE_HEADER, "n-1".parse().unwrap());
    assert!(dpop.observe(&url, &headers).nonce);
    assert!(
        !dpop.observe(&url, &headers).nonce,
        "the same nonce is not news"
    );
    let token = Secret::new("an-access-token");
    let proof = dpop.proof("GET", &url, Some(&token)).unwrap();
    let claims = decoded(&proof, dpop.key()).1;
    // base64url(SHA-256("an-access-token")), computed independently.
    let expected = URL_SAFE_NO_PAD.encode(Sha256::digest(b"an-access-token"));
    assert_eq!(claims["ath"], expected.as_str());
    assert_eq!(claims["nonce"], "n-1");
    let other = Url::parse("https://idp.example/oauth/token").unwrap();
    let claims = decoded(&dpop.proof("POST", &other, None).unwrap(), dpop.key()).1;
    assert!(claims.get("nonce").is_none(), "nonces are per server");
}

#[test]
fn htu_drops_query_and_fragment_only() {
    let url = Url::parse("HTTPS://Idp.Example:8443/a/b?c=d#e").unwrap();
    assert_eq!(htu(&url), "https://idp.example:8443/a/b");
}

#[test]
fn a_stored_key_comes_back_the_same_and_never_prints() {
    let key = DpopKey::generate().unwrap();
    let back = DpopKey::from_stored(key.stored()).unwrap();
    assert_eq!(back.thumbprint(), key.thumbprint());
    let shown = format!("{key:?}");
    assert!(!shown.contains(key.stored().expose()));
    assert!(DpopKey::from_stored(&Secret::new("not a key")).is_err());
    assert!(DpopKey::from_stored(&Secret::new("AAAA")).is_err());
}

#[test]
fn a_server_clock_learnt_from_date_is_used_for_iat() {
    let dpop = handle();
    let url = Url::parse("https://idp.example/oauth/token").unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let mut headers = HeaderMap::new();
    headers.insert("date", httpdate::fmt_http_date(hour_ago).parse().unwrap());
    assert!(dpop.observe(&url, &headers).clock, "a new clock is news");
    assert!(!dpop.observe(&url, &headers).clock, "the same clock is not");
    let claims = decoded(&dpop.proof("POST", &url, None).unwrap(), dpop.key()).1;
    let iat = claims["iat"].as_i64().unwrap();
    assert!((iat - (crate::clock::unix_now() as i64 - 3600)).abs() <= 2);
    let code = crate::auth::ErrorCode::parse("invalid_dpop_proof");
    assert!(Dpop::worth_retrying(
        &code,
        Learned {
            nonce: false,
            clock: true
        }
    ));
    assert!(!Dpop::worth_retrying(
        &code,
        Learned {
            nonce: true,
            clock: false
        }
    ));
    let code = crate::auth::ErrorCode::parse("use_dpop_nonce");
    assert!(Dpop::worth_retrying(
        &code,
        Learned {
            nonce: true,
            clock: false
        }
    ));
}

/// Figures, not a verdict: what a proof costs (run with `--nocapture`).
#[test]
fn proof_timing() {
    let dpop = handle();
    let url = Url::parse("https://idp.example/oauth/token").unwrap();
    let token = Secret::new("x".repeat(800));
    let rounds = 200;
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        dpop.proof("GET", &url, Some(&token)).unwrap();
    }
    let per_proof = start.elapsed() / rounds;
    let start = std::time::Instant::now();
    let _ = DpopKey::generate().unwrap();
    println!(
        "dpop: one proof {per_proof:?} (mean of {rounds}), one key {:?}",
        start.elapsed()
    );
}
