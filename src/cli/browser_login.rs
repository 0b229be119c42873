//! `tvauth login --browser`: sign in on this device in its own browser (authorization code
//! with PKCE, loopback redirect), with a timeout, Ctrl-C to cancel, and the address printed
//! in case no browser opens.

use std::sync::Arc;
use std::time::Duration;

use i18n_embed::fluent::FluentLanguageLoader;
use serde_json::json;
use tokio::signal::unix::{Signal, SignalKind, signal};

use super::login::already_signed_in;
use super::{error_message, exit, exit_status, outln};
use crate::i18n::fl;
use crate::session::{Account, BrowserOutcome, Member};

/// How the command ended: the account's outcome, or Ctrl-C first.
enum Outcome {
    Finished(BrowserOutcome),
    Cancelled,
}

pub async fn run(
    account: Arc<Account>,
    t: &FluentLanguageLoader,
    json: bool,
    timeout: Duration,
    chosen: Option<Member>,
) -> anyhow::Result<u8> {
    account.send_revocations().await;
    if chosen.is_some() && already_signed_in(&account, t, json)? {
        return Ok(exit::OK);
    }
    let mut cancel = Cancel::install();
    // The address is printed whether or not a browser opens: the person may use another.
    let show = |url: &url::Url| {
        let url = url.to_string();
        let opened = crate::browser::open(&url).is_ok();
        if json {
            outln!(
                "{}",
                json!({"event": "browser", "url": url, "opened": opened})
            );
        } else {
            let intro = if opened {
                fl!(t, "cli-browser-opened")
            } else {
                fl!(t, "cli-browser-open-this")
            };
            outln!("{intro}");
            outln!("");
            outln!("  {}", crate::format::clean(&url, url.len()));
            outln!("");
            outln!(
                "{}",
                fl!(
                    t,
                    "cli-browser-waiting",
                    minutes = timeout.as_secs().div_ceil(60)
                )
            );
        }
        Ok(())
    };
    let pages = crate::format::browser_pages(t);
    let outcome = tokio::select! {
        outcome = account.sign_in_with_browser(&pages, timeout, show) => Outcome::Finished(outcome),
        () = cancel.requested() => Outcome::Cancelled,
    };
    let (event, message, code) = match outcome {
        Outcome::Finished(BrowserOutcome::SignedIn(profile)) => (
            json!({"event": "authorized", "name": profile.name, "sub": profile.sub, "profile_id": account.profile_id()}),
            match profile.display_name() {
                Some(name) => fl!(t, "cli-login-signed-in", name = crate::format::name(name)),
                None => fl!(t, "cli-login-signed-in-unnamed"),
            },
            exit::OK,
        ),
        Outcome::Finished(BrowserOutcome::Failed(error)) => (
            json!({"event": "error", "kind": error.kind().as_str(), "code": error.short_code(), "message": error.to_string()}),
            fl!(t, "cli-login-failed", error = error_message(t, &error)),
            exit_status(&error),
        ),
        Outcome::Finished(BrowserOutcome::TimedOut) => (
            json!({"event": "timeout"}),
            fl!(t, "cli-browser-timeout"),
            exit::EXPIRED,
        ),
        Outcome::Cancelled => (
            json!({"event": "cancelled"}),
            fl!(t, "cli-browser-cancelled"),
            exit::CANCELLED,
        ),
    };
    if json {
        outln!("{event}");
    } else if code == exit::OK {
        outln!("{message}");
        super::profiles::say_who_approved(&account, t, chosen.as_ref(), json);
    } else {
        eprintln!("tvauth: {message}");
    }
    Ok(code)
}

/// Ctrl-C and SIGTERM, caught from the moment this exists (before the address is shown, so
/// a quick Ctrl-C still ends the sign-in cleanly).
struct Cancel {
    interrupt: Option<Signal>,
    terminate: Option<Signal>,
}

impl Cancel {
    fn install() -> Cancel {
        Cancel {
            interrupt: signal(SignalKind::interrupt()).ok(),
            terminate: signal(SignalKind::terminate()).ok(),
        }
    }

    /// Resolves at the first of the two signals.
    async fn requested(&mut self) {
        async fn next(signal: &mut Option<Signal>) {
            match signal {
                Some(signal) => {
                    signal.recv().await;
                }
                None => std::future::pending().await,
            }
        }
        tokio::select! {
            () = next(&mut self.interrupt) => {}
            () = next(&mut self.terminate) => {}
        }
    }
}
