//! What the shell notices as messages pass, for the diagnostics screen: the last error (its
//! short code, and when) and the polls of the code on screen with the interval in force.

use std::time::{Duration, Instant};

use super::Message;
use crate::screen::diagnostics::Findings;
use crate::screen::{activate, forbidden, home};
use crate::session::{BrowserOutcome, LoginEvent, SessionError};

/// The last error and the current code's polls.
#[derive(Debug, Default)]
pub struct Trail {
    last_error: Option<(String, Instant)>,
    /// Polls answered for the code on screen, and the interval in force.
    polls: Option<(u32, Duration)>,
}

impl Trail {
    /// Notes what `message` says about errors and polls.
    pub fn observe(&mut self, message: &Message, now: Instant) {
        let code = match message {
            Message::Restored(Err(error)) => Some(error.short_code()),
            Message::Activate(activate::Message::LoginProgressed(event)) => self.login(event),
            Message::Activate(activate::Message::BrowserSignInEnded(outcome))
            | Message::Forbidden(forbidden::Message::BrowserSignInEnded(outcome)) => {
                browser_error(outcome)
            }
            Message::Home(home::Message::LibraryLoaded(Err(error)))
            | Message::Home(home::Message::SignedOut(Err(error))) => Some(error.short_code()),
            _ => None,
        };
        if let Some(code) = code {
            self.last_error = Some((crate::format::error_code(&code), now));
        }
    }

    /// What diagnostics show of it, `now`.
    pub fn findings(&self, now: Instant) -> Findings {
        Findings {
            last_error: self
                .last_error
                .as_ref()
                .map(|(code, at)| (code.clone(), now.saturating_duration_since(*at))),
            polls: self.polls,
        }
    }

    /// Counts a sign-in step; returns the error code it carries, if any.
    fn login(&mut self, event: &LoginEvent) -> Option<String> {
        let counted = |polls: &mut Option<(u32, Duration)>, interval: Option<Duration>| {
            if let Some((count, current)) = polls {
                *count += 1;
                *current = interval.unwrap_or(*current);
            }
        };
        match event {
            LoginEvent::Code(code) => {
                self.polls = Some((0, code.interval));
                None
            }
            LoginEvent::Pending { .. } => {
                counted(&mut self.polls, None);
                None
            }
            LoginEvent::SlowedDown { interval } => {
                counted(&mut self.polls, Some(*interval));
                None
            }
            LoginEvent::Offline { error, .. } => {
                counted(&mut self.polls, None);
                Some(error.short_code())
            }
            LoginEvent::CodeUnavailable { error, .. } => Some(error.short_code()),
            LoginEvent::SignedIn(_) => {
                counted(&mut self.polls, None);
                None
            }
            LoginEvent::Expired => Some("expired_token".into()),
            LoginEvent::Denied => Some(SessionError::Declined.short_code()),
            LoginEvent::Failed(error) => Some(error.short_code()),
        }
    }
}

fn browser_error(outcome: &BrowserOutcome) -> Option<String> {
    match outcome {
        BrowserOutcome::Failed(error) => Some(error.short_code()),
        BrowserOutcome::TimedOut => Some("browser-timed-out".into()),
        BrowserOutcome::SignedIn(_) => None,
    }
}
