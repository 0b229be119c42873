//! Checks every cell shares: no panic, no token in the trace log, polls never closer than the
//! interval in force, the session file as it should be.

use std::time::Duration;

use crate::matrix::Verdict;
use crate::proxy::Exchange;
use crate::rig::{Cell, TimedRun};

/// Timer granularity and scheduling: a poll this much early is still on time.
pub const SLACK: Duration = Duration::from_millis(50);
/// RFC 8628 §3.5.
const SLOW_DOWN_STEP: Duration = Duration::from_secs(5);
const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// No panic, and none of the secrets the peer handed out (or was sent) in stderr, which was
/// logged at trace level.
pub fn clean_exit_and_logs(verdict: &mut Verdict, run: &TimedRun, secrets: &[String]) {
    verdict.expect(
        run.code != Some(101) && !run.stderr.contains("panicked"),
        format!(
            "panicked: {}",
            run.stderr
                .lines()
                .find(|l| l.contains("panicked"))
                .unwrap_or("exit 101")
        ),
    );
    // Trace logging was on (a run that logs nothing would pass the next check by default).
    verdict.expect(
        run.stderr.contains("TRACE"),
        "no trace-level line in stderr",
    );
    no_token_in(verdict, &run.stderr, secrets);
}

pub fn no_token_in(verdict: &mut Verdict, logs: &str, secrets: &[String]) {
    let leaked = secrets
        .iter()
        .filter(|s| s.len() >= 16 && logs.contains(s.as_str()))
        .count();
    verdict.expect(leaked == 0, format!("{leaked} token(s) in the trace log"));
    verdict.expect(
        !logs.contains("eyJ"),
        "something JWT-shaped in the trace log",
    );
}

/// The exit status.
pub fn exit_is(verdict: &mut Verdict, run: &TimedRun, expected: i32) {
    verdict.observe(run.exit());
    verdict.expect(
        run.code == Some(expected),
        format!("expected exit {expected}, got {}", run.exit()),
    );
}

/// The session file's bytes are those from before.
pub fn session_intact(verdict: &mut Verdict, cell: &Cell, before: &[u8]) {
    let same = cell.session_bytes().as_deref() == Some(before);
    if !same {
        let now = match cell.session_file().session {
            Some(_) => "changed",
            None => "gone",
        };
        verdict.observe(format!("session {now}"));
    }
    verdict.expect(same, "the session file changed");
}

/// The stored profile's name (None when signed out).
pub fn stored_name(cell: &Cell) -> Option<String> {
    cell.session_file().session.and_then(|s| s.profile.name)
}

/// Each poll waits at least the interval in force since the answer to the previous one (or
/// to the device authorization): `base`, plus 5 s per `slow_down`, and at least the
/// `Retry-After` of a 5xx/429 answer.
pub fn poll_spacing(verdict: &mut Verdict, log: &[Exchange], base: Duration) {
    let mut log = log.to_vec();
    log.sort_by_key(|e| e.received);
    let mut previous = log
        .iter()
        .filter(|e| e.path == "/oauth/device/code")
        .filter_map(|e| e.answered)
        .next_back();
    let mut interval = base;
    let mut required = base;
    let polls = log
        .iter()
        .filter(|e| e.path == "/oauth/token" && e.grant_type.as_deref() == Some(DEVICE_GRANT));
    let mut gaps = Vec::new();
    for (i, poll) in polls.enumerate() {
        if let Some(end) = previous {
            let gap = poll.received.saturating_duration_since(end);
            gaps.push(format!("{:.2}", gap.as_secs_f64()));
            verdict.expect(
                gap + SLACK >= required,
                format!(
                    "poll {} came {:.2} s after the previous answer, under the {:.2} s in force",
                    i + 1,
                    gap.as_secs_f64(),
                    required.as_secs_f64()
                ),
            );
        }
        let status = poll.status.unwrap_or(0);
        let error = poll.error.as_deref();
        // A proof refused for want of the server's nonce (RFC 9449 §8) is this same poll,
        // sent again at once with it: the next one counts from the answer before.
        if error == Some("use_dpop_nonce") {
            continue;
        }
        if error == Some("slow_down") && (status < 500 && status != 0) {
            interval += SLOW_DOWN_STEP;
        }
        required = interval;
        let oauth_wait = matches!(error, Some("slow_down" | "authorization_pending"));
        if (status >= 500 || status == 429)
            && !oauth_wait
            && let Some(seconds) = poll.retry_after
        {
            required = required.max(Duration::from_secs(seconds.min(3600)));
        }
        previous = poll.answered;
    }
    verdict.observe(format!("poll gaps [{}] s", gaps.join(", ")));
}
