//! Cells of a sign-in (`tvauth login --json`): faults at the device authorization request,
//! and faults while polling the token endpoint.

use std::time::Duration;

use serde_json::Value;

use crate::checks::{clean_exit_and_logs, exit_is, poll_spacing, stored_name};
use crate::fault::FORGED_NAME;
use crate::matrix::{Phase, Row, UNRESOLVABLE, Verdict};
use crate::rig::{Cell, Step, approving};

/// `login` when the device authorization request meets the fault.
pub async fn device_code(row: Row, phase: Phase) -> Verdict {
    let mut verdict = Verdict::default();
    let cell = Cell::start(|_| {}).await;
    if row == Row::DnsFailure {
        // The issuer itself does not resolve: discovery fails before the device request.
        let config = std::fs::read_to_string(cell.path("config.ron")).unwrap();
        let config = config.replace(&cell.proxy.url(), UNRESOLVABLE);
        std::fs::write(cell.path("config.ron"), config).unwrap();
        verdict.observe(format!("issuer {UNRESOLVABLE}"));
    }
    cell.proxy.arm(&row.rules(phase).unwrap());
    let limit = match row {
        Row::Silence => Duration::from_secs(40),
        Row::HugeNumbers => Duration::from_secs(3),
        _ => Duration::from_secs(25),
    };
    let run = cell
        .run_with(&["login", "--json"], limit, |_| Step::Continue)
        .await;
    verdict.observe(format!("events {:?}", run.event_names()));
    clean_exit_and_logs(&mut verdict, &run, &cell.proxy.secrets());
    match row {
        Row::HugeNumbers => {
            // Clamped (code ≤ 1 day, interval ≤ 10 min), and the client waits, alive.
            let code = run.events_named("code");
            let number = |name: &str| code.first().and_then(|c| c[name].as_u64());
            verdict.observe(format!(
                "code expires_in {:?}, interval {:?}",
                number("expires_in"),
                number("interval")
            ));
            verdict.expect(
                number("expires_in").is_some_and(|s| (1..=86_400).contains(&s)),
                "expires_in not clamped to a day",
            );
            verdict.expect(
                number("interval").is_some_and(|s| (1..=600).contains(&s)),
                "interval not clamped to 10 min",
            );
            verdict.observe(run.exit());
            verdict.expect(
                run.code.is_none(),
                format!("expected still waiting, got {}", run.exit()),
            );
        }
        Row::OAuthErrorIn200 => exit_is(&mut verdict, &run, 7),
        _ => {
            exit_is(&mut verdict, &run, 6);
            verdict.expect(run.events_named("code").is_empty(), "a code was shown");
        }
    }
    verdict
}

/// `login --json` when polls meet the fault; the person approves as soon as the code shows,
/// except in cells that test the end of a code's life.
pub async fn polling(row: Row, phase: Phase) -> Verdict {
    let mut verdict = Verdict::default();
    let cell = Cell::start(|o| match row {
        Row::SlowDownEveryPoll => o.expires_in = 14,
        Row::DnsFailure => o.expires_in = 6,
        _ => {}
    })
    .await;
    cell.proxy.arm(&row.rules(phase).unwrap());
    let approve = !matches!(
        row,
        Row::PendingPastDeadline | Row::SlowDownEveryPoll | Row::DnsFailure | Row::HugeNumbers
    );
    let limit = match row {
        Row::HugeNumbers => Duration::from_secs(4),
        _ => Duration::from_secs(40),
    };
    let run = cell
        .run_with(&["login", "--json"], limit, |event| {
            if approve {
                approving(event)
            } else {
                Step::Continue
            }
        })
        .await;
    verdict.observe(format!("events {:?}", run.event_names()));
    clean_exit_and_logs(&mut verdict, &run, &cell.proxy.secrets());
    // The proxy logs an exchange just after writing it: let the last one land.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let log = cell.proxy.log();
    let base = Duration::from_secs(1);
    let count = |name: &str| run.events_named(name).len();
    match row {
        _ if row.is_transient() && row != Row::DnsFailure => {
            exit_is(&mut verdict, &run, 0);
            verdict.expect(count("offline") >= 1, "no offline event");
            verdict.expect(count("denied") == 0, "taken as declined");
            verdict.expect(count("authorized") == 1, "not signed in");
            poll_spacing(&mut verdict, &log, base);
        }
        Row::OAuthErrorIn200 | Row::Auth0Pending403 => {
            exit_is(&mut verdict, &run, 0);
            verdict.expect(
                count("pending") >= 2,
                "the pending answers were not pending",
            );
            verdict.expect(count("offline") == 0, "taken as offline");
            poll_spacing(&mut verdict, &log, base);
        }
        Row::Auth0SlowDown429 => {
            exit_is(&mut verdict, &run, 0);
            let intervals: Vec<_> = run
                .events_named("slow_down")
                .iter()
                .map(|e| e["interval"].as_u64())
                .collect();
            verdict.expect(intervals == [Some(6)], format!("slow_down {intervals:?}"));
            poll_spacing(&mut verdict, &log, base);
        }
        Row::PendingPastDeadline => {
            exit_is(&mut verdict, &run, 3);
            verdict.expect(count("expired") == 1, "no expired event");
            deadline_kept(&mut verdict, &cell, &run, Duration::from_secs(3));
            poll_spacing(&mut verdict, &log, base);
        }
        Row::SlowDownEveryPoll => {
            exit_is(&mut verdict, &run, 3);
            let intervals: Vec<_> = run
                .events_named("slow_down")
                .iter()
                .map(|e| e["interval"].as_u64().unwrap_or(0))
                .collect();
            verdict.observe(format!("slow_down intervals {intervals:?}"));
            verdict.expect(
                intervals == [6, 11],
                "the interval did not grow by 5 s each time",
            );
            deadline_kept(&mut verdict, &cell, &run, Duration::from_secs(14));
            poll_spacing(&mut verdict, &log, base);
        }
        Row::DnsFailure => {
            exit_is(&mut verdict, &run, 3);
            verdict.expect(count("offline") >= 1, "no offline event");
            verdict.expect(count("expired") == 1, "no expired event");
        }
        Row::IdResignedControl => {
            exit_is(&mut verdict, &run, 0);
            let name = run
                .events_named("authorized")
                .first()
                .map(|e| e["name"].clone());
            verdict.expect(
                name == Some(Value::from(FORGED_NAME)),
                format!("a well-signed ID token was not used ({name:?})"),
            );
        }
        _ if row.id_token_fault().is_some() => {
            exit_is(&mut verdict, &run, 1);
            verdict.expect(count("authorized") == 0, "signed in with a bad ID token");
            verdict.expect(stored_name(&cell).is_none(), "a session was stored");
        }
        Row::HugeNumbers => {
            let retry: Vec<_> = run
                .events_named("offline")
                .iter()
                .map(|e| e["retry_in"].as_u64())
                .collect();
            verdict.observe(format!("offline retry_in {retry:?}"));
            verdict.expect(
                retry.first().is_some_and(|r| r.is_some_and(|s| s <= 600)),
                "Retry-After not clamped to 10 min",
            );
            verdict.observe(run.exit());
            verdict.expect(
                run.code.is_none(),
                format!("expected still waiting, got {}", run.exit()),
            );
        }
        _ => unreachable!("{row:?} has no polling cell"),
    }
    verdict
}

/// The sign-in ended at the code's deadline (counted from the device authorization answer),
/// not much later, and no poll went out after it.
fn deadline_kept(
    verdict: &mut Verdict,
    cell: &Cell,
    run: &crate::rig::TimedRun,
    lifetime: Duration,
) {
    let log = cell.proxy.log();
    let Some(issued) = log
        .iter()
        .filter(|e| e.path == "/oauth/device/code")
        .find_map(|e| e.answered)
    else {
        verdict.expect(false, "no device authorization answer");
        return;
    };
    let deadline = issued + lifetime;
    let late = log
        .iter()
        .filter(|e| e.path == "/oauth/token" && e.received > deadline + crate::checks::SLACK)
        .count();
    verdict.expect(late == 0, format!("{late} poll(s) after the deadline"));
    if let Some((at, _)) = run.events.iter().find(|(_, e)| e["event"] == "expired") {
        let after = at.saturating_duration_since(deadline);
        verdict.observe(format!(
            "expired {:.1} s after the deadline",
            after.as_secs_f64()
        ));
        verdict.expect(
            after < Duration::from_secs(2),
            "the expiry came long after the deadline",
        );
    }
}
