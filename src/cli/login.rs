//! `tvauth login`: the code large, the address with its host emphasised, a QR code, a live
//! countdown and status; or, with `--json`, one JSON object per event.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use i18n_embed::fluent::FluentLanguageLoader;
use serde_json::json;

use super::speak::ReadAloud;
use super::terminal::{big_text, mmss, qr_lines};
use super::{exit, outln, report};
use crate::format::{self, Address};
use crate::i18n::{Lang, fl};
use crate::session::{Account, CodeInfo, ErrorKind, LoginEvent, Member, SessionError};

/// Signs in with a code; `speak` reads each new code aloud in that language. `chosen` is the
/// profile `--profile` named, to renew (`account` acts for it), else `account` is a fresh slot.
pub async fn run(
    account: Arc<Account>,
    t: &FluentLanguageLoader,
    json: bool,
    no_qr: bool,
    speak: Option<Lang>,
    chosen: Option<Member>,
) -> anyhow::Result<u8> {
    account.send_revocations().await;
    if chosen.is_some() && already_signed_in(&account, t, json)? {
        return Ok(exit::OK);
    }
    let interactive = !json && std::io::stdout().is_terminal();
    let mut screen = Screen {
        t,
        interactive,
        expires_at: None,
        status: String::new(),
    };
    let mut voice = ReadAloud::new(t, speak);
    let mut events = Box::pin(account.clone().login());
    let mut ticker = tokio::time::interval(Duration::from_secs(1));
    loop {
        let event = tokio::select! {
            event = events.next() => event,
            _ = ticker.tick(), if interactive => {
                screen.redraw_status(None);
                continue;
            }
            message = voice.failure(t) => {
                screen.interrupt(&message);
                continue;
            }
        };
        let Some(event) = event else {
            return Ok(exit::FAILURE);
        };
        if json {
            let mut line = json_event(&event);
            if let LoginEvent::SignedIn(_) = &event {
                line["profile_id"] = json!(account.profile_id());
            }
            outln!("{line}");
        } else {
            screen.show(&event, no_qr);
        }
        if let LoginEvent::SignedIn(_) = &event {
            super::profiles::say_who_approved(&account, t, chosen.as_ref(), json);
        }
        if let LoginEvent::Code(code) = &event
            && let Some(message) = voice.code(t, code)
        {
            screen.interrupt(&message);
        }
        let _ = std::io::stdout().flush();
        if let Some(code) = final_status(t, &event, json) {
            return Ok(code);
        }
    }
}

/// Says who is signed in on the profile `account` acts for, if someone is: no sign-in is
/// needed, unless the session is about to end (renewal due): then the sign-in goes ahead and
/// renews it.
pub(super) fn already_signed_in(
    account: &Account,
    t: &FluentLanguageLoader,
    json: bool,
) -> anyhow::Result<bool> {
    let Some(summary) = account.status()?.summary else {
        return Ok(false);
    };
    if let Some(end) = summary.session_ends_at.filter(|_| summary.renewal_due()) {
        if !json {
            let date = crate::format::date(t, end);
            let message = match summary.profile.display_name() {
                Some(name) => fl!(
                    t,
                    "cli-login-renewing",
                    name = crate::format::name(name),
                    date = date
                ),
                None => fl!(t, "cli-login-renewing-unnamed", date = date),
            };
            outln!("{message}");
        }
        return Ok(false);
    }
    if json {
        outln!(
            "{}",
            json!({"event": "authorized", "name": summary.profile.name, "sub": summary.profile.sub, "profile_id": account.profile_id(), "already": true})
        );
    } else {
        let message = match summary.profile.display_name() {
            Some(name) => fl!(t, "cli-login-already", name = crate::format::name(name)),
            None => fl!(t, "cli-login-already-unnamed"),
        };
        outln!("{message}");
    }
    Ok(true)
}

/// A sign-in that cannot start (one profile too many, or the profiles unreadable): said as
/// the sign-in's own error would be; the exit status.
pub(super) fn refused(t: &FluentLanguageLoader, error: &SessionError, json: bool) -> u8 {
    if json {
        outln!("{}", json_event(&LoginEvent::Failed(error.clone())));
        return super::exit_status(error);
    }
    report(t, error)
}

/// The exit status once the sign-in is over.
fn final_status(t: &FluentLanguageLoader, event: &LoginEvent, json: bool) -> Option<u8> {
    match event {
        LoginEvent::SignedIn(_) => Some(exit::OK),
        LoginEvent::Expired => Some(exit::EXPIRED),
        LoginEvent::Denied => Some(exit::DENIED),
        LoginEvent::Failed(error) | LoginEvent::CodeUnavailable { error, .. } if json => {
            Some(super::exit_status(error))
        }
        LoginEvent::Failed(error) | LoginEvent::CodeUnavailable { error, .. } => {
            Some(report_quietly(t, error))
        }
        _ => None,
    }
}

/// The screen already said what failed; only a signed-out account is worth saying again.
fn report_quietly(t: &FluentLanguageLoader, error: &SessionError) -> u8 {
    match error.kind() {
        ErrorKind::SignedOut => report(t, error),
        _ => super::exit_status(error),
    }
}

fn seconds_until(at: Instant) -> u64 {
    at.saturating_duration_since(Instant::now()).as_secs()
}

/// One line of JSON per event (the documented `--json` contract).
fn json_event(event: &LoginEvent) -> serde_json::Value {
    match event {
        LoginEvent::Code(code) => json!({
            "event": "code",
            "user_code": code.user_code,
            "verification_uri": code.verification_uri,
            "verification_uri_complete": code.verification_uri_complete,
            "expires_in": code.expires_in.as_secs(),
            "interval": code.interval.as_secs(),
        }),
        LoginEvent::Pending { next_poll_at } => {
            json!({"event": "pending", "next_poll_in": seconds_until(*next_poll_at)})
        }
        LoginEvent::SlowedDown { interval } => {
            json!({"event": "slow_down", "interval": interval.as_secs()})
        }
        LoginEvent::Offline { retry_at, error } => json!({
            "event": "offline",
            "retry_in": seconds_until(*retry_at),
            "message": error.to_string(),
        }),
        LoginEvent::SignedIn(profile) => {
            json!({"event": "authorized", "name": profile.name, "sub": profile.sub})
        }
        LoginEvent::Expired => json!({"event": "expired"}),
        LoginEvent::Denied => json!({"event": "denied"}),
        LoginEvent::Failed(error) | LoginEvent::CodeUnavailable { error, .. } => json!({
            "event": "error",
            "kind": error.kind().as_str(),
            "code": error.short_code(),
            "message": error.to_string(),
        }),
    }
}

/// The human screen: drawn once for the code, then a status line kept up to date.
struct Screen<'a> {
    t: &'a FluentLanguageLoader,
    interactive: bool,
    expires_at: Option<Instant>,
    status: String,
}

impl Screen<'_> {
    fn show(&mut self, event: &LoginEvent, no_qr: bool) {
        let t = self.t;
        match event {
            LoginEvent::Code(code) => {
                self.expires_at = Some(code.expires_at);
                self.draw_code(code, no_qr);
                self.redraw_status(Some(fl!(t, "cli-login-waiting", time = "{time}")));
            }
            LoginEvent::Pending { .. } => {
                self.redraw_status(Some(fl!(t, "cli-login-waiting", time = "{time}")))
            }
            LoginEvent::SlowedDown { interval } => self.redraw_status(Some(fl!(
                t,
                "cli-login-slow-down",
                seconds = interval.as_secs(),
                time = "{time}"
            ))),
            LoginEvent::Offline { retry_at, .. } => self.redraw_status(Some(fl!(
                t,
                "cli-login-offline",
                seconds = seconds_until(*retry_at),
                time = "{time}"
            ))),
            LoginEvent::SignedIn(profile) => self.finish(&match profile.display_name() {
                Some(name) => fl!(t, "cli-login-signed-in", name = crate::format::name(name)),
                None => fl!(t, "cli-login-signed-in-unnamed"),
            }),
            LoginEvent::Expired => self.finish(&fl!(t, "cli-login-expired")),
            LoginEvent::Denied => self.finish(&fl!(t, "cli-login-denied")),
            // No code could be had: a terminal does not wait (exit status 6, said below
            // in `final_status`).
            LoginEvent::Failed(error) | LoginEvent::CodeUnavailable { error, .. } => {
                self.finish(&fl!(
                    t,
                    "cli-login-failed",
                    error = super::error_message(t, error)
                ))
            }
        }
    }

    fn draw_code(&self, code: &CodeInfo, no_qr: bool) {
        let t = self.t;
        let bold = |s: &str| {
            if self.interactive {
                format!("\x1b[1m{s}\x1b[0m")
            } else {
                s.to_string()
            }
        };
        let address = Address::parse(&code.verification_uri);
        let user_code = format::user_code(&code.user_code);
        outln!("");
        outln!("{}", fl!(t, "cli-login-intro"));
        outln!("");
        outln!(
            "  {}",
            fl!(
                t,
                "cli-login-step-open",
                url = emphasise_host(&address, self.interactive)
            )
        );
        if address.has_userinfo() {
            outln!(
                "  {}",
                fl!(t, "cli-login-userinfo", host = address.host.as_str())
            );
        }
        outln!("  {}", fl!(t, "cli-login-step-code"));
        outln!("");
        if self.interactive
            && let Some(rows) = big_text(&user_code)
        {
            for row in rows {
                outln!("     {row}");
            }
            outln!("");
        }
        outln!("     {}", bold(&user_code));
        outln!("");
        if self.interactive
            && !no_qr
            && let Some(lines) = qr_lines(&code.verification_uri_complete, true)
        {
            outln!("  {}", fl!(t, "cli-login-scan"));
            outln!("");
            for line in lines {
                outln!("     {line}");
            }
            outln!("");
        }
    }

    /// Updates the status line; `{time}` in it becomes the time left. Interactive terminals
    /// get the line rewritten in place every second; pipes get one line per change.
    fn redraw_status(&mut self, status: Option<String>) {
        let changed = status.as_ref().is_some_and(|s| *s != self.status);
        if let Some(status) = status {
            self.status = status;
        }
        let left = self
            .expires_at
            .map(|at| at.saturating_duration_since(Instant::now()))
            .unwrap_or_default();
        let line = self.status.replace("{time}", &mmss(left));
        if self.interactive {
            let _ = write!(std::io::stdout(), "\r\x1b[2K{line}");
        } else if changed {
            outln!("{line}");
        }
        let _ = std::io::stdout().flush();
    }

    /// A word on stderr about reading aloud, on its own line; the status line is drawn again.
    fn interrupt(&mut self, message: &str) {
        if self.interactive {
            let _ = write!(std::io::stdout(), "\r\x1b[2K");
            let _ = std::io::stdout().flush();
        }
        eprintln!("tvauth: {message}");
        if self.interactive {
            self.redraw_status(None);
        }
    }

    fn finish(&self, message: &str) {
        if self.interactive {
            let _ = write!(std::io::stdout(), "\r\x1b[2K");
        }
        outln!("{message}");
    }
}

/// The address with its host in bold, so a look-alike host stands out; a `userinfo@` before
/// the host (which a person could take for the site) dim and struck through.
fn emphasise_host(address: &Address, ansi: bool) -> String {
    if !ansi {
        return address.text();
    }
    let userinfo = if address.has_userinfo() {
        format!("\x1b[2;9m{}\x1b[0m", address.userinfo)
    } else {
        String::new()
    };
    let host = if address.host.is_empty() {
        String::new()
    } else {
        format!("\x1b[1m{}\x1b[0m", address.host)
    };
    format!("{}{userinfo}{host}{}", address.scheme, address.rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_host_is_emphasised() {
        let plain = Address::parse("https://accounts.example.com@evil.example/activate");
        assert_eq!(
            emphasise_host(&plain, true),
            "https://\x1b[2;9maccounts.example.com@\x1b[0m\x1b[1mevil.example\x1b[0m/activate"
        );
        assert_eq!(
            emphasise_host(&plain, false),
            "https://accounts.example.com@evil.example/activate"
        );
        let host_twice = Address::parse("https://evil.example.x@evil.example/");
        assert_eq!(
            emphasise_host(&host_twice, true),
            "https://\x1b[2;9mevil.example.x@\x1b[0m\x1b[1mevil.example\x1b[0m/"
        );
    }
}
