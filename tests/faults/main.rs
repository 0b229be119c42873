//! The fault suite: a proxy in front of the demo server injects, per endpoint and per
//! request, server errors, rate limits, broken and silent connections, garbage, huge bodies,
//! captive portals, DNS failures, forged ID tokens and absurd numbers, at each phase of the
//! client's life (device code request, polling, refresh by `token`, `api` and the TV app's
//! Home, logout). Each cell checks: no panic, the documented exit status, polls never closer
//! than the interval in force, the session file intact unless the provider ended it, and no
//! token in a trace-level log. Run with `--nocapture` to see the table.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/lib.rs"]
mod support;

mod checks;
mod dpop_cost;
mod fault;
mod logout;
mod logs;
mod matrix;
mod proxy;
mod refresh;
mod rig;
mod self_check;
mod sign_in;

use matrix::{Phase, run_phase};

/// Cells of one phase played at once (the rest of the waiting is timers, not CPU).
const PARALLEL: usize = 8;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_the_device_code_request() {
    run_phase(Phase::DeviceCode, PARALLEL, sign_in::device_code).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn while_polling() {
    run_phase(Phase::Polling, PARALLEL * 2, sign_in::polling).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_by_token() {
    run_phase(Phase::Token, PARALLEL, refresh::command).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_by_api() {
    run_phase(Phase::Api, PARALLEL, refresh::command).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_by_the_tv_home() {
    logs::capture();
    run_phase(Phase::Home, PARALLEL, refresh::home).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_logout() {
    run_phase(Phase::Logout, PARALLEL, logout::logout).await;
}
