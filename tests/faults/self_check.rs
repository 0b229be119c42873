//! The checks themselves can fail: a poll too early and a leaked token are caught (a check
//! that cannot fail would make every cell pass).

use std::time::{Duration, Instant};

use crate::checks::{no_token_in, poll_spacing};
use crate::matrix::Verdict;
use crate::proxy::Exchange;

fn exchange(path: &str, at: Instant, answered_after: u64, status: u16) -> Exchange {
    Exchange {
        path: path.into(),
        grant_type: (path == "/oauth/token")
            .then(|| "urn:ietf:params:oauth:grant-type:device_code".into()),
        received: at,
        answered: Some(at + Duration::from_millis(answered_after)),
        status: Some(status),
        error: None,
        retry_after: None,
    }
}

#[test]
fn an_early_poll_is_caught() {
    let t0 = Instant::now();
    let ms = Duration::from_millis;
    let code = exchange("/oauth/device/code", t0, 0, 200);
    let mut first = exchange("/oauth/token", t0 + ms(1000), 0, 503);
    first.retry_after = Some(2);
    // 1.5 s after a 503 that asked for 2 s.
    let second = exchange("/oauth/token", t0 + ms(2500), 0, 400);
    let mut verdict = Verdict::default();
    poll_spacing(
        &mut verdict,
        &[code.clone(), first.clone(), second],
        Duration::from_secs(1),
    );
    assert_eq!(verdict.failures.len(), 1, "{:?}", verdict.failures);

    // After slow_down the interval is 6 s: a poll 5 s later is early.
    first.status = Some(429);
    first.retry_after = None;
    first.error = Some("slow_down".into());
    let third = exchange("/oauth/token", t0 + ms(6000), 0, 400);
    let mut verdict = Verdict::default();
    poll_spacing(&mut verdict, &[code, first, third], Duration::from_secs(1));
    assert_eq!(verdict.failures.len(), 1, "{:?}", verdict.failures);
}

#[test]
fn a_poll_on_time_passes() {
    let t0 = Instant::now();
    let ms = Duration::from_millis;
    let code = exchange("/oauth/device/code", t0, 10, 200);
    let poll = exchange("/oauth/token", t0 + ms(1010), 5, 400);
    let mut verdict = Verdict::default();
    poll_spacing(&mut verdict, &[code, poll], Duration::from_secs(1));
    assert!(verdict.failures.is_empty(), "{:?}", verdict.failures);
}

#[test]
fn a_leaked_token_is_caught() {
    let secret = "rt_0123456789abcdefghij".to_string();
    let mut verdict = Verdict::default();
    no_token_in(
        &mut verdict,
        "TRACE refreshing with rt_0123456789abcdefghij",
        &[secret],
    );
    assert_eq!(verdict.failures.len(), 1);
    let mut verdict = Verdict::default();
    no_token_in(&mut verdict, "DEBUG id_token=eyJhbGciOiJSUzI1NiJ9", &[]);
    assert_eq!(verdict.failures.len(), 1);
}
