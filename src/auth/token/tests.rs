use super::*;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

fn answer(status: u16, body: &str) -> Answer {
    Answer {
        status: StatusCode::from_u16(status).unwrap(),
        headers: HeaderMap::new(),
        body: body.as_bytes().to_vec(),
    }
}

fn error_code(a: &Answer) -> String {
    match parse_answer(a) {
        Ok(TokenAnswer::Error { code, .. }) => code.to_string(),
        other => panic!("expected an OAuth error, got {other:?}"),
    }
}

#[test]
fn errors_are_read_whatever_the_status() {
    for status in [400, 401, 403, 429, 200] {
        assert_eq!(
            error_code(&answer(status, r#"{"error":"authorization_pending"}"#)),
            "authorization_pending",
            "HTTP {status}"
        );
    }
}

#[test]
fn numbers_may_be_strings() {
    let parsed = parse_answer(&answer(
        200,
        r#"{"access_token":"a","expires_in":"3600","token_type":"bearer"}"#,
    ));
    match parsed {
        Ok(TokenAnswer::Tokens(t)) => assert_eq!(t.expires_in, Some(3600)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn server_trouble_is_transient_and_garbage_is_malformed() {
    assert!(matches!(
        parse_answer(&answer(503, "<html>down</html>")),
        Err(AuthError::Http { status: 503, .. })
    ));
    assert!(matches!(
        parse_answer(&answer(429, "")),
        Err(AuthError::Http { status: 429, .. })
    ));
    assert!(matches!(
        parse_answer(&answer(200, "<html>captive portal</html>")),
        Err(AuthError::Malformed { .. })
    ));
    assert!(matches!(
        parse_answer(&answer(200, r#"{"token_type":"Bearer"}"#)),
        Err(AuthError::Malformed { .. })
    ));
}

#[test]
fn the_status_speaks_before_the_body() {
    for (status, body) in [
        (503, r#"{"error":"temporarily_unavailable"}"#),
        (
            500,
            r#"{"error":"access_denied","error_description":"Global limit has been reached"}"#,
        ),
        (502, r#"{"error":"invalid_grant"}"#),
        (429, r#"{"error":"too_many_requests"}"#),
        (429, r#"{"error":"access_denied"}"#),
    ] {
        assert!(
            matches!(parse_answer(&answer(status, body)), Err(AuthError::Http { status: s, .. }) if s == status),
            "HTTP {status} {body}"
        );
    }
    // Auth0's polling answers keep their meaning in a 429.
    assert_eq!(
        error_code(&answer(429, r#"{"error":"slow_down"}"#)),
        "slow_down"
    );
    // Only a 4xx error is the provider's final word.
    let refused = parse_answer(&answer(400, r#"{"error":"invalid_grant"}"#)).unwrap();
    assert!(refused.is_final_error(&ErrorCode::InvalidGrant));
    let odd = parse_answer(&answer(200, r#"{"error":"invalid_grant"}"#)).unwrap();
    assert!(!odd.is_final_error(&ErrorCode::InvalidGrant));
}

#[test]
fn lifetimes_are_bounded() {
    let huge = parse_answer(&answer(
        200,
        r#"{"access_token":"a","expires_in":18446744073709551615}"#,
    ));
    match huge {
        Ok(TokenAnswer::Tokens(t)) => {
            assert_eq!(t.expires_in, Some(bounds::MAX_TOKEN_LIFETIME))
        }
        other => panic!("{other:?}"),
    }
    for garbage in [r#""soon""#, "-3", "0", "null"] {
        let body = format!(r#"{{"access_token":"a","expires_in":{garbage}}}"#);
        match parse_answer(&answer(200, &body)) {
            Ok(TokenAnswer::Tokens(t)) => assert_eq!(t.expires_in, None, "{garbage}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn the_session_lifetime_is_read_leniently_and_bounded() {
    let lifetime = |field: &str| {
        let body = format!(r#"{{"access_token":"a"{field}}}"#);
        match parse_answer(&answer(200, &body)) {
            Ok(TokenAnswer::Tokens(t)) => t.refresh_token_expires_in,
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        lifetime(r#","refresh_token_expires_in":86400"#),
        Some(86_400)
    );
    assert_eq!(
        lifetime(r#","refresh_token_expires_in":"7776000""#),
        Some(7_776_000)
    );
    assert_eq!(
        lifetime(r#","refresh_token_expires_in":1e300"#),
        Some(bounds::MAX_SESSION_LIFETIME)
    );
    assert_eq!(
        lifetime(r#","refresh_token_expires_in":1"#),
        Some(bounds::MIN_SESSION_LIFETIME)
    );
    for garbage in [
        "",
        r#","refresh_token_expires_in":"never""#,
        r#","refresh_token_expires_in":-5"#,
        r#","refresh_token_expires_in":0"#,
    ] {
        assert_eq!(lifetime(garbage), None, "{garbage}");
    }
}

#[test]
fn a_dpop_token_is_only_taken_from_an_answer_to_a_proof() {
    use crate::auth::dpop::{Dpop, DpopKey};
    let dpop = Dpop::new(Arc::new(DpopKey::generate().unwrap()), Arc::default());
    let key = bound_key("DPoP", Some(&dpop)).unwrap().expect("bound");
    assert_eq!(key.thumbprint(), dpop.key().thumbprint());
    assert!(
        bound_key("dpop", None).is_err(),
        "a bound token without a key is unusable"
    );
    assert!(
        bound_key("Bearer", Some(&dpop)).unwrap().is_none(),
        "not bound: Bearer"
    );
    assert!(bound_key("Bearer", None).unwrap().is_none());
}
