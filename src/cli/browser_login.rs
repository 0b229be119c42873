//! `tvauth login --browser`: sign in on this device in its own browser (authorization code
//! + PKCE, loopback redirect), with a timeout, Ctrl-C to cancel, and the address printed in
//! case no browser opens.

use std::sync::Arc;
use std::time::Duration;

use i18n_embed::LanguageLoader as _;
use i18n_embed::fluent::FluentLanguageLoader;
use serde_json::json;

use super::login::already_signed_in;
use super::{error_message, exit, exit_status, outln};
use crate::auth::loopback::Pages;
use crate::i18n::fl;
use crate::session::{Account, Profile, SessionError};

enum Outcome {
    Finished(Result<Profile, SessionError>),
    TimedOut,
    Cancelled,
}

pub async fn run(
    account: Arc<Account>,
    t: &FluentLanguageLoader,
    json: bool,
    timeout: Duration,
) -> anyhow::Result<u8> {
    account.retry_pending_revocations().await;
    if already_signed_in(&account, t, json)? {
        return Ok(exit::OK);
    }
    let outcome = match account.start_browser_sign_in().await {
        Err(error) => Outcome::Finished(Err(error)),
        Ok(sign_in) => {
            let url = sign_in.url().to_string();
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
                outln!("  {url}");
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
            let pages = pages(t);
            tokio::select! {
                result = account.finish_browser_sign_in(sign_in, &pages) => Outcome::Finished(result),
                () = tokio::time::sleep(timeout) => Outcome::TimedOut,
                () = cancelled() => Outcome::Cancelled,
            }
        }
    };
    let (event, message, code) = match outcome {
        Outcome::Finished(Ok(profile)) => (
            json!({"event": "authorized", "name": profile.name, "sub": profile.sub}),
            fl!(t, "cli-login-signed-in", name = profile.display_name()),
            exit::OK,
        ),
        Outcome::Finished(Err(error)) => (
            json!({"event": "error", "code": error.short_code(), "message": error.to_string()}),
            fl!(t, "cli-login-failed", error = error_message(t, &error)),
            exit_status(&error),
        ),
        Outcome::TimedOut => (
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
    } else {
        eprintln!("tvauth: {message}");
    }
    Ok(code)
}

/// The pages the browser shows when it comes back.
fn pages(t: &FluentLanguageLoader) -> Pages {
    Pages {
        lang: t.current_language().language.to_string(),
        done_title: fl!(t, "browser-page-done-title"),
        done_text: fl!(t, "browser-page-done-text"),
        failed_title: fl!(t, "browser-page-failed-title"),
        failed_text: fl!(t, "browser-page-failed-text"),
    }
}

/// Resolves on Ctrl-C or SIGTERM.
async fn cancelled() {
    let mut terminate =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        Some(()) = async { terminate.as_mut()?.recv().await } => {}
    }
}
