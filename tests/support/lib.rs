//! What the integration test crates share, one module per area. Each `tests/<name>/main.rs` is
//! a crate of its own and includes this tree once, with
//! `#[path = "../support/lib.rs"] mod support;`: a file included by `#[path]` looks for its
//! submodules beside itself, here in tests/support/ (and Cargo does not take a `lib.rs` in a
//! subdirectory of tests/ for a test target). No crate uses all of it.
#![allow(dead_code)]

/// The demo server's pages, as a person uses them.
pub mod activation;
/// The real binary in a config dir of its own.
pub mod cli;
/// DPoP keys and proofs from a test's side.
pub mod dpop;
/// Requests to a provider past the client: refresh probes, JWT checks.
pub mod oauth;
/// panva's oidc-provider, the third-party peer.
pub mod oidc_provider;
/// The TV app against a demo server.
pub mod tv;
