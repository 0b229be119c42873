//! The demo authorization server over real HTTP on 127.0.0.1: every endpoint and error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/lib.rs"]
mod support;

mod peer;

mod activate_page;
mod api;
mod authorize;
mod device_flow;
mod discovery;
mod lan_page;
mod logs;
mod robustness;
mod tokens;
