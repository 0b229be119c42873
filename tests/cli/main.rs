//! The `tvauth` command line end to end: the real binary against a real demo server on
//! 127.0.0.1, with its own config dir per test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/lib.rs"]
mod support;

mod rig;

mod config_file;
mod credentials;
mod dpop;
mod flow;
mod lifetime;
mod logs;
mod output;
mod plain_oauth;
mod profiles;
mod secrets;
mod session_life;
mod speak;
mod store;
