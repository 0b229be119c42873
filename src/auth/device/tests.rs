//! The poller's decisions, with a clock that is only ever moved by hand.

use super::*;

fn start() -> (PollRules, Instant) {
    let t0 = Instant::now();
    (
        PollRules::with_jitter(None, Duration::from_secs(900), t0, Jitter::none()),
        t0,
    )
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
        code: ErrorCode::InvalidGrant,
        description: None,
        client_error: true,
    }));
    let event = rules.after(refused, t0);
    assert!(event.is_final());
    assert!(
        matches!(event, PollEvent::Failed(AuthError::OAuth { ref code, .. }) if *code == ErrorCode::InvalidGrant)
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
        dpop: None,
        expires_in: Some(60),
        refresh_token: None,
        id_token: None,
        scope: None,
        refresh_token_expires_in: None,
        received: crate::auth::clock_offset::Receipt::now(&Default::default()),
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

#[test]
fn the_status_speaks_before_the_body_when_polling() {
    let classify =
        |status, body| PollResponse::classify(token::parse_answer(&answer(status, body)));
    // Auth0 under a tenant-wide rate limit: nobody declined anything.
    assert!(matches!(
        classify(
            500,
            r#"{"error":"access_denied","error_description":"Global limit has been reached"}"#
        ),
        PollResponse::Unavailable(_)
    ));
    assert!(matches!(
        classify(503, r#"{"error":"temporarily_unavailable"}"#),
        PollResponse::Unavailable(_)
    ));
    assert!(matches!(
        classify(429, r#"{"error":"too_many_requests"}"#),
        PollResponse::Unavailable(_)
    ));
    assert!(matches!(
        classify(403, r#"{"error":"access_denied"}"#),
        PollResponse::Denied
    ));
    // A refusal in a 200 is odd enough to stop, but it is not the person's "no".
    assert!(matches!(
        classify(200, r#"{"error":"access_denied"}"#),
        PollResponse::Refused(_)
    ));
    // The device code request: 5xx and 429 are server trouble whatever the body.
    for (status, body) in [
        (503, r#"{"error":"temporarily_unavailable"}"#),
        (500, r#"{"error":"access_denied"}"#),
        (429, r#"{"error":"too_many_requests"}"#),
    ] {
        assert!(
            matches!(
                parse_authorization(&answer(status, body)),
                Err(AuthError::Http { status: s, .. }) if s == status
            ),
            "HTTP {status}"
        );
    }
}

#[test]
fn stated_numbers_are_bounded_at_parse() {
    let parsed = parse_authorization(&answer(
        200,
        r#"{"device_code":"d","user_code":"U","verification_uri":"https://x/a","expires_in":18446744073709551615,"interval":"99999999999999999999"}"#,
    ))
    .unwrap();
    assert_eq!(parsed.expires_in, bounds::MAX_CODE_LIFETIME);
    assert_eq!(parsed.interval, Some(bounds::MAX_INTERVAL));
    let garbage = parse_authorization(&answer(
        200,
        r#"{"device_code":"d","user_code":"U","verification_uri":"https://x/a","expires_in":-5,"interval":"soon"}"#,
    ))
    .unwrap();
    assert_eq!(garbage.expires_in, bounds::DEFAULT_CODE_LIFETIME);
    assert_eq!(garbage.interval, None);
    // Rules built from unbounded values bound them too.
    let t0 = Instant::now();
    let rules = PollRules::new(Some(Duration::MAX), Duration::MAX, t0);
    assert_eq!(rules.interval(), bounds::MAX_INTERVAL);
    assert_eq!(rules.deadline(), t0 + bounds::MAX_CODE_LIFETIME);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Step {
        Pending,
        SlowDown,
        Busy(Option<u64>),
        NetworkDown,
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            Just(Step::Pending),
            Just(Step::SlowDown),
            proptest::option::of(any::<u64>()).prop_map(Step::Busy),
            Just(Step::NetworkDown),
        ]
    }

    fn response(step: Step) -> PollResponse {
        match step {
            Step::Pending => PollResponse::Pending,
            Step::SlowDown => PollResponse::SlowDown,
            Step::Busy(retry_after) => PollResponse::Unavailable(AuthError::Http {
                status: 503,
                retry_after: retry_after.map(Duration::from_secs),
            }),
            Step::NetworkDown => network_down(),
        }
    }

    proptest! {
        /// Whatever the server states and answers, and however late each answer comes, the
        /// rules neither panic, nor poll sooner than the interval in force, nor outlive the
        /// code's deadline.
        #[test]
        fn poll_rules_never_panic_hurry_or_outlive_the_deadline(
            interval in proptest::option::of(any::<u64>()),
            expires_in in any::<u64>(),
            seed in any::<u64>(),
            steps in proptest::collection::vec((step(), 0u64..120_000), 1..60),
        ) {
            let t0 = Instant::now();
            let mut rules = PollRules::with_jitter(
                interval.map(Duration::from_secs),
                Duration::from_secs(expires_in),
                t0,
                Jitter::seeded(seed),
            );
            let deadline = rules.deadline();
            prop_assert!(deadline <= t0 + bounds::MAX_CODE_LIFETIME);
            let mut now = rules.first_poll_at(t0).min(deadline);
            for (step, late_ms) in steps {
                let event = rules.after(response(step), now);
                let Some(wake) = wake_at(&rules, &event) else {
                    prop_assert!(event.is_final());
                    break;
                };
                prop_assert!(wake <= deadline);
                prop_assert!(wake >= (now + rules.interval()).min(deadline));
                prop_assert!(rules.interval() <= bounds::MAX_INTERVAL);
                now = wake + Duration::from_millis(late_ms);
            }
        }

        /// Any numbers in a device authorization answer parse to bounded durations.
        #[test]
        fn any_stated_numbers_parse_bounded(
            expires_in in prop_oneof![any::<i64>().prop_map(|n| n.to_string()), any::<u64>().prop_map(|n| format!("\"{n}\"")), "\"[a-z0-9 .-]{0,12}\"", any::<f64>().prop_map(|f| if f.is_finite() { f.to_string() } else { "0".into() })],
            interval in prop_oneof![any::<i64>().prop_map(|n| n.to_string()), any::<u64>().prop_map(|n| format!("\"{n}\"")), "\"[a-z0-9 .-]{0,12}\""],
        ) {
            let body = format!(
                r#"{{"device_code":"d","user_code":"U","verification_uri":"https://x/a","expires_in":{expires_in},"interval":{interval}}}"#
            );
            let parsed = parse_authorization(&answer(200, &body)).unwrap();
            prop_assert!(parsed.expires_in > Duration::ZERO);
            prop_assert!(parsed.expires_in <= bounds::MAX_CODE_LIFETIME);
            prop_assert!(parsed.interval.is_none_or(|i| !i.is_zero() && i <= bounds::MAX_INTERVAL));
        }
    }
}
