//! The poller's decisions, with a clock that is only ever moved by hand.

use super::*;

fn start() -> (PollRules, Instant) {
    let t0 = Instant::now();
    (PollRules::new(None, Duration::from_secs(900), t0), t0)
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn network_down() -> PollResponse {
    PollResponse::Unavailable(AuthError::Network("could not connect (idp)".into()))
}

#[test]
fn default_interval_is_five_seconds_counted_from_each_response() {
    let (mut rules, t0) = start();
    assert_eq!(rules.first_poll_at(t0), t0 + secs(5));
    // The response arrived 1.3 s after the poll left: the next interval counts from here.
    let received = t0 + secs(5) + Duration::from_millis(1300);
    match rules.after(PollResponse::Pending, received) {
        PollEvent::Pending { next_poll_at } => assert_eq!(next_poll_at, received + secs(5)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn slow_down_twice_gives_fifteen_seconds_for_good() {
    let (mut rules, t0) = start();
    let mut now = t0 + secs(5);
    for expected in [10, 15] {
        match rules.after(PollResponse::SlowDown, now) {
            PollEvent::SlowedDown {
                interval,
                next_poll_at,
            } => {
                assert_eq!(interval, secs(expected));
                assert_eq!(next_poll_at, now + secs(expected));
                now = next_poll_at;
            }
            other => panic!("{other:?}"),
        }
    }
    match rules.after(PollResponse::Pending, now) {
        PollEvent::Pending { next_poll_at } => assert_eq!(next_poll_at, now + secs(15)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn expired_denied_and_other_errors_stop() {
    let (mut rules, t0) = start();
    assert!(matches!(
        rules.after(PollResponse::Expired, t0),
        PollEvent::Expired
    ));
    assert!(matches!(
        rules.after(PollResponse::Denied, t0),
        PollEvent::Denied
    ));
    let refused = PollResponse::classify(Ok(TokenAnswer::Error {
        code: "invalid_grant".into(),
        description: None,
    }));
    let event = rules.after(refused, t0);
    assert!(event.is_final());
    assert!(
        matches!(event, PollEvent::Failed(AuthError::OAuth { ref code, .. }) if code == "invalid_grant")
    );
}

#[test]
fn network_down_for_three_polls_backs_off_then_recovers() {
    let (mut rules, t0) = start();
    let mut now = t0 + secs(5);
    let mut waits = Vec::new();
    for _ in 0..3 {
        match rules.after(network_down(), now) {
            PollEvent::Offline { retry_at, .. } => {
                waits.push((retry_at - now).as_secs());
                now = retry_at;
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(waits, [10, 20, 40], "doubling, never below the interval");
    match rules.after(PollResponse::Pending, now) {
        PollEvent::Pending { next_poll_at } => {
            assert_eq!(next_poll_at, now + secs(5), "back to the interval")
        }
        other => panic!("{other:?}"),
    }
    // A later outage starts doubling afresh.
    match rules.after(network_down(), now) {
        PollEvent::Offline { retry_at, .. } => assert_eq!(retry_at, now + secs(10)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn backoff_is_capped() {
    let (mut rules, t0) = start();
    let mut last = Duration::ZERO;
    for _ in 0..10 {
        if let PollEvent::Offline { retry_at, .. } = rules.after(network_down(), t0) {
            last = retry_at - t0;
        }
    }
    assert_eq!(last, MAX_BACKOFF);
}

#[test]
fn retry_after_is_honoured_and_never_shortens_the_interval() {
    let (mut rules, t0) = start();
    let busy = |retry: Option<u64>| {
        PollResponse::Unavailable(AuthError::Http {
            status: 429,
            retry_after: retry.map(secs),
        })
    };
    match rules.after(busy(Some(42)), t0) {
        PollEvent::Offline { retry_at, .. } => assert_eq!(retry_at, t0 + secs(42)),
        other => panic!("{other:?}"),
    }
    let (mut rules, t0) = start();
    match rules.after(busy(Some(1)), t0) {
        PollEvent::Offline { retry_at, .. } => assert_eq!(retry_at, t0 + secs(10)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn pending_past_the_local_deadline_is_expired() {
    let t0 = Instant::now();
    let mut rules = PollRules::new(Some(secs(5)), secs(30), t0);
    assert!(matches!(
        rules.after(PollResponse::Pending, t0 + secs(25)),
        PollEvent::Pending { .. }
    ));
    assert!(matches!(
        rules.after(PollResponse::Pending, t0 + secs(30)),
        PollEvent::Expired
    ));
    assert!(matches!(
        rules.after(network_down(), t0 + secs(31)),
        PollEvent::Expired
    ));
    // The wake-up never lands past the deadline.
    let mut rules = PollRules::new(Some(secs(5)), secs(30), t0);
    let event = rules.after(PollResponse::Pending, t0 + secs(28));
    assert_eq!(wake_at(&rules, &event), Some(t0 + secs(30)));
}

#[test]
fn tokens_that_arrive_are_taken_even_at_the_deadline() {
    let t0 = Instant::now();
    let mut rules = PollRules::new(Some(secs(5)), secs(30), t0);
    let tokens = TokenSet {
        access_token: Secret::new("a"),
        token_type: "Bearer".into(),
        expires_in: Some(60),
        refresh_token: None,
        id_token: None,
        scope: None,
    };
    assert!(matches!(
        rules.after(PollResponse::Tokens(tokens), t0 + secs(31)),
        PollEvent::Authorized(_)
    ));
}

fn answer(status: u16, body: &str) -> Answer {
    Answer {
        status: reqwest::StatusCode::from_u16(status).unwrap(),
        headers: reqwest::header::HeaderMap::new(),
        body: body.as_bytes().to_vec(),
    }
}

#[test]
fn provider_quirks_are_understood() {
    // Pending as 403 (Auth0 once did) and slow_down as 429.
    let classify =
        |status, body| PollResponse::classify(token::parse_answer(&answer(status, body)));
    assert!(matches!(
        classify(403, r#"{"error":"authorization_pending"}"#),
        PollResponse::Pending
    ));
    assert!(matches!(
        classify(429, r#"{"error":"slow_down"}"#),
        PollResponse::SlowDown
    ));
    assert!(matches!(
        classify(200, r#"{"error":"expired_token"}"#),
        PollResponse::Expired
    ));
    assert!(matches!(classify(429, ""), PollResponse::Unavailable(_)));
    assert!(matches!(
        classify(502, "<html>bad gateway</html>"),
        PollResponse::Unavailable(_)
    ));
    assert!(matches!(
        classify(200, r#"{"access_token":"x","expires_in":"60"}"#),
        PollResponse::Tokens(_)
    ));

    // verification_url, numbers as strings, no interval.
    let google = parse_authorization(&answer(
        200,
        r#"{"device_code":"d","user_code":"ABCD-EFGH","verification_url":"https://www.google.com/device","expires_in":"1800"}"#,
    ))
    .unwrap();
    assert_eq!(google.verification_uri, "https://www.google.com/device");
    assert_eq!(google.expires_in, secs(1800));
    assert_eq!(google.interval, None);
    let rules = PollRules::new(google.interval, google.expires_in, Instant::now());
    assert_eq!(rules.interval(), DEFAULT_INTERVAL);

    let with_interval = parse_authorization(&answer(
        200,
        r#"{"device_code":"d","user_code":"WDJB-MJHT","verification_uri":"https://x/activate","verification_uri_complete":"https://x/activate?user_code=WDJB-MJHT","expires_in":900,"interval":"7"}"#,
    ))
    .unwrap();
    assert_eq!(with_interval.interval, Some(secs(7)));
    assert!(with_interval.verification_uri_complete.is_some());

    assert!(matches!(
        parse_authorization(&answer(400, r#"{"error":"invalid_client"}"#)),
        Err(AuthError::OAuth { .. })
    ));
    assert!(matches!(
        parse_authorization(&answer(200, "{}")),
        Err(AuthError::Malformed { .. })
    ));
    assert!(matches!(
        parse_authorization(&answer(503, "down")),
        Err(AuthError::Http { status: 503, .. })
    ));
}
