//! The fault × phase matrix: the rows, the concrete fault each phase gets, the verdict of a
//! cell, and a runner that plays a phase's cells concurrently and prints its part of the table.

use std::fmt::Display;
use std::future::Future;

use futures_util::StreamExt;
use serde_json::json;

use crate::fault::{Fault, IdTokenFault};
use crate::proxy::Which;

/// The faults, one row each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Http500,
    Http503RetryAfter,
    Http429RetryAfter,
    Http429Bare,
    Reset,
    Silence,
    TruncatedJson,
    HugeBody,
    CaptivePortal,
    OAuthErrorIn200,
    Auth0Pending403,
    Auth0SlowDown429,
    PendingPastDeadline,
    SlowDownEveryPoll,
    DnsFailure,
    JsonError5xx,
    JsonError429,
    IdBadSignature,
    IdWrongIssuer,
    IdWrongAudience,
    IdExpired,
    IdResignedControl,
    InvalidGrant,
    HugeNumbers,
}

pub const ROWS: [Row; 24] = [
    Row::Http500,
    Row::Http503RetryAfter,
    Row::Http429RetryAfter,
    Row::Http429Bare,
    Row::Reset,
    Row::Silence,
    Row::TruncatedJson,
    Row::HugeBody,
    Row::CaptivePortal,
    Row::OAuthErrorIn200,
    Row::Auth0Pending403,
    Row::Auth0SlowDown429,
    Row::PendingPastDeadline,
    Row::SlowDownEveryPoll,
    Row::DnsFailure,
    Row::JsonError5xx,
    Row::JsonError429,
    Row::IdBadSignature,
    Row::IdWrongIssuer,
    Row::IdWrongAudience,
    Row::IdExpired,
    Row::IdResignedControl,
    Row::InvalidGrant,
    Row::HugeNumbers,
];

/// When the sign-in or command meets the fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    DeviceCode,
    Polling,
    Token,
    Api,
    Home,
    Logout,
}

impl Phase {
    /// The endpoint whose answers the phase's faults replace.
    pub fn endpoint(self) -> &'static str {
        match self {
            Phase::DeviceCode => "/oauth/device/code",
            Phase::Polling | Phase::Token | Phase::Api | Phase::Home => "/oauth/token",
            Phase::Logout => "/oauth/revoke",
        }
    }

    /// The discovery field naming that endpoint (for the DNS failure).
    pub fn endpoint_field(self) -> &'static str {
        match self {
            Phase::DeviceCode => "device_authorization_endpoint",
            Phase::Polling | Phase::Token | Phase::Api | Phase::Home => "token_endpoint",
            Phase::Logout => "revocation_endpoint",
        }
    }

    fn is_refresh(self) -> bool {
        matches!(self, Phase::Token | Phase::Api | Phase::Home)
    }
}

pub const DISCOVERY: &str = "/.well-known/openid-configuration";
/// A host that never resolves (RFC 6761).
pub const UNRESOLVABLE: &str = "https://tvauth-fault.invalid/";

impl Row {
    /// Faults after which the client must keep the session, say "offline" and exit 6.
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            Row::Http500
                | Row::Http503RetryAfter
                | Row::Http429RetryAfter
                | Row::Http429Bare
                | Row::Reset
                | Row::Silence
                | Row::TruncatedJson
                | Row::HugeBody
                | Row::CaptivePortal
                | Row::DnsFailure
                | Row::JsonError5xx
                | Row::JsonError429
        )
    }

    pub fn id_token_fault(self) -> Option<IdTokenFault> {
        Some(match self {
            Row::IdBadSignature => IdTokenFault::BadSignature,
            Row::IdWrongIssuer => IdTokenFault::WrongIssuer,
            Row::IdWrongAudience => IdTokenFault::WrongAudience,
            Row::IdExpired => IdTokenFault::Expired,
            Row::IdResignedControl => IdTokenFault::Resigned,
            _ => return None,
        })
    }

    /// The rules the proxy is armed with for this cell; None when the cell does not apply.
    pub fn rules(self, phase: Phase) -> Option<Vec<(&'static str, Which, Fault)>> {
        let at = phase.endpoint();
        // Polls: the first two fail, then the answers are real again. Elsewhere: every
        // request, so that a client retrying within its budget meets the fault again.
        let which = if phase == Phase::Polling {
            Which::Nth(vec![1, 2])
        } else {
            Which::All
        };
        let oauth = |status: u16, error: &str| {
            Fault::json(
                status,
                json!({"error": error, "error_description": "injected by the fault proxy"}),
            )
        };
        // The OAuth error that would be final in this phase, were the status not 5xx/429.
        let final_error = match phase {
            Phase::DeviceCode | Phase::Polling => "access_denied",
            Phase::Token | Phase::Api | Phase::Home => "invalid_grant",
            Phase::Logout => "invalid_request",
        };
        let fault = match self {
            Row::Http500 => Fault::status(500, "text/plain", "Internal Server Error"),
            Row::Http503RetryAfter => Fault::status(
                503,
                "text/html",
                "<html><body>Service Unavailable</body></html>",
            )
            .header("retry-after", "2"),
            Row::Http429RetryAfter => {
                Fault::status(429, "text/plain", "Too Many Requests").header("retry-after", "2")
            }
            Row::Http429Bare => Fault::status(429, "text/plain", ""),
            Row::Reset => Fault::Reset,
            Row::Silence if matches!(phase, Phase::Polling | Phase::Api | Phase::Home) => {
                return None;
            }
            Row::Silence => Fault::Silence,
            Row::TruncatedJson => Fault::truncated_json(),
            Row::HugeBody => Fault::huge_body(),
            Row::CaptivePortal => Fault::captive_portal(),
            Row::OAuthErrorIn200 => match phase {
                Phase::Polling => oauth(200, "authorization_pending"),
                Phase::Logout => oauth(200, "unsupported_token_type"),
                _ => oauth(200, "unauthorized_client"),
            },
            Row::Auth0Pending403 if phase == Phase::Polling => oauth(403, "authorization_pending"),
            Row::Auth0SlowDown429 if phase == Phase::Polling => {
                return Some(vec![(at, Which::Nth(vec![1]), oauth(429, "slow_down"))]);
            }
            Row::PendingPastDeadline if phase == Phase::Polling => {
                return Some(vec![
                    (
                        Phase::DeviceCode.endpoint(),
                        Which::All,
                        Fault::set(&[("expires_in", json!(3))]),
                    ),
                    (at, Which::All, oauth(403, "authorization_pending")),
                ]);
            }
            Row::SlowDownEveryPoll if phase == Phase::Polling => {
                return Some(vec![(at, Which::All, oauth(400, "slow_down"))]);
            }
            Row::DnsFailure if phase == Phase::DeviceCode => return Some(Vec::new()),
            Row::DnsFailure => {
                let url = format!("{UNRESOLVABLE}{}", &at[1..]);
                let fault = Fault::set(&[(phase.endpoint_field(), json!(url))]);
                return Some(vec![(DISCOVERY, Which::All, fault)]);
            }
            // Auth0's own: 500 access_denied "Global limit has been reached" while polling.
            Row::JsonError5xx => {
                oauth(if phase == Phase::Polling { 500 } else { 503 }, final_error)
            }
            Row::JsonError429 => oauth(429, final_error),
            Row::IdBadSignature
            | Row::IdWrongIssuer
            | Row::IdWrongAudience
            | Row::IdExpired
            | Row::IdResignedControl
                if matches!(phase, Phase::Polling) || phase.is_refresh() =>
            {
                Fault::id_token(self.id_token_fault()?)
            }
            Row::InvalidGrant if phase.is_refresh() => oauth(400, "invalid_grant"),
            Row::HugeNumbers => match phase {
                Phase::DeviceCode => Fault::set(&[
                    ("expires_in", json!(u64::MAX)),
                    ("interval", json!(u64::MAX)),
                ]),
                Phase::Polling | Phase::Logout => Fault::status(503, "text/plain", "")
                    .header("retry-after", &u64::MAX.to_string()),
                _ => Fault::set(&[("expires_in", json!(u64::MAX))]),
            },
            _ => return None,
        };
        Some(vec![(at, which, fault)])
    }
}

/// What one cell found.
#[derive(Debug, Default)]
pub struct Verdict {
    pub failures: Vec<String>,
    pub observed: Vec<String>,
}

impl Verdict {
    /// Records a failure unless `ok`.
    pub fn expect(&mut self, ok: bool, what: impl Display) {
        if !ok {
            self.failures.push(what.to_string());
        }
    }

    pub fn observe(&mut self, what: impl Display) {
        self.observed.push(what.to_string());
    }
}

/// Plays every applicable cell of `phase` (at most `parallel` at once), prints the table
/// rows, and fails listing the cells that broke the spec.
pub async fn run_phase<F, Fut>(phase: Phase, parallel: usize, cell: F)
where
    F: Fn(Row, Phase) -> Fut,
    Fut: Future<Output = Verdict> + Send + 'static,
{
    let started = std::time::Instant::now();
    let cells = ROWS
        .iter()
        .filter(|row| row.rules(phase).is_some())
        .map(|row| {
            let task = tokio::spawn(cell(*row, phase));
            async move {
                let verdict = task.await.unwrap_or_else(|e| Verdict {
                    failures: vec![format!("the test cell itself failed: {e}")],
                    observed: Vec::new(),
                });
                (*row, verdict)
            }
        });
    let mut results: Vec<(Row, Verdict)> = futures_util::stream::iter(cells)
        .buffer_unordered(parallel)
        .collect()
        .await;
    results.sort_by_key(|(row, _)| ROWS.iter().position(|r| r == row));
    let mut table = String::new();
    let mut failed = Vec::new();
    for (row, verdict) in &results {
        let status = if verdict.failures.is_empty() {
            "pass".to_string()
        } else {
            failed.push(format!(
                "{phase:?} × {row:?}: {}",
                verdict.failures.join("; ")
            ));
            format!("FAIL: {}", verdict.failures.join("; "))
        };
        table.push_str(&format!(
            "| {phase:?} | {row:?} | {status} | {} |\n",
            verdict.observed.join(", ")
        ));
    }
    for row in ROWS.iter().filter(|row| row.rules(phase).is_none()) {
        table.push_str(&format!("| {phase:?} | {row:?} | n/a | |\n"));
    }
    println!(
        "fault matrix, phase {phase:?} ({:.1} s):\n{table}",
        started.elapsed().as_secs_f64()
    );
    assert!(
        failed.is_empty(),
        "{} of {} cells broke the spec:\n{}",
        failed.len(),
        results.len(),
        failed.join("\n")
    );
}
