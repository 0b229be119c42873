//! `tvauth doctor` end to end: the real binary against a real demo server on 127.0.0.1 (a
//! correct configuration, then each mistake a person makes setting up a provider) and
//! against oidc-provider, the third-party peer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/lib.rs"]
mod support;

mod demo;
mod mistakes;
mod peer;
mod places;

use serde_json::Value;
use support::cli::{ConfigDir, Run};

/// `tvauth doctor --json ARGS` in `dir`: the run and its JSON report.
pub async fn doctor(dir: &ConfigDir, args: &[&str]) -> (Run, Value) {
    let mut all = vec!["doctor", "--json"];
    all.extend_from_slice(args);
    let run = dir.run(&all).await;
    let report: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {run:?}"));
    (run, report)
}

/// The ids of the checks with this status.
pub fn with_status(report: &Value, status: &str) -> Vec<String> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == status)
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

/// The check `id` of a report.
pub fn check<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id} in {report}"))
}

/// Asserts that exactly `ids` failed, with exit status 1.
pub fn assert_fails(run: &Run, report: &Value, ids: &[&str]) {
    assert_eq!(with_status(report, "fail"), ids, "{report:#}");
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(report["healthy"], false);
}
