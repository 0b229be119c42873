//! "Sign in on this TV": the authorization code flow in this TV's own browser, offered where
//! a browser can be opened here (beside the code on Activate; first on the screen that says the
//! provider refuses codes). It keeps its task's abort handle, so leaving the screen stops it.

use std::sync::Arc;

use i18n_embed::fluent::FluentLanguageLoader;
use iced::{Task, task};

use crate::format;
use crate::i18n::fl;
use crate::session::{Account, BrowserOutcome, LoginEvent, Pages, SessionError};

/// Why the last sign-in in this TV's browser ended without signing in. What else is on screen
/// still works, so this is a status line, not an error screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserEnd {
    /// Nobody finished signing in before the wait ran out.
    TimedOut,
    /// The browser could not be opened, or the sign-in failed (its short error code).
    Failed {
        /// The short error code, as shown.
        code: String,
    },
}

#[derive(Debug)]
enum State {
    /// No browser can be opened here.
    NotOffered,
    /// Offered; after an attempt that did not sign in, how it ended.
    Offered {
        /// How the last attempt ended; `None` before any, or after a cancel.
        ended: Option<BrowserEnd>,
    },
    /// The browser is open; dropping the handle stops waiting for it.
    Waiting {
        /// The browser sign-in's abort handle.
        _handle: task::Handle,
    },
}

/// The offer to sign in in this TV's browser, and the sign-in when one runs.
#[derive(Debug)]
pub struct BrowserSignIn {
    account: Arc<Account>,
    /// The pages the browser shows when it comes back (when offered).
    pages: Option<Box<Pages>>,
    state: State,
}

impl BrowserSignIn {
    /// Offered when `pages` are given (a browser can be opened here), with those return pages.
    pub fn new(account: Arc<Account>, pages: Option<Pages>) -> BrowserSignIn {
        BrowserSignIn {
            account,
            state: match pages {
                Some(_) => State::Offered { ended: None },
                None => State::NotOffered,
            },
            pages: pages.map(Box::new),
        }
    }

    /// Whether signing in on this TV is offered.
    pub fn offered(&self) -> bool {
        !matches!(self.state, State::NotOffered)
    }

    /// Whether a sign-in in this TV's browser is under way.
    pub fn waiting(&self) -> bool {
        matches!(self.state, State::Waiting { .. })
    }

    /// OK on the button: opens the browser (the task that waits for it), or stops waiting.
    pub fn press(&mut self) -> Option<Task<BrowserOutcome>> {
        if self.waiting() {
            self.cancel();
            return None;
        }
        let pages = self.pages.as_deref().cloned()?;
        let (task, handle) = Task::future(sign_in(self.account.clone(), pages)).abortable();
        self.state = State::Waiting {
            _handle: handle.abort_on_drop(),
        };
        Some(task)
    }

    /// Stops waiting for the browser; offers it again.
    pub fn cancel(&mut self) {
        self.stop(None);
    }

    /// How the browser sign-in ended: the sign-in's own end when it signed in or was
    /// declined, else `None` after noting why, the offer open again.
    pub fn ended(&mut self, outcome: BrowserOutcome) -> Option<LoginEvent> {
        match outcome {
            BrowserOutcome::SignedIn(profile) => Some(LoginEvent::SignedIn(profile)),
            BrowserOutcome::Failed(SessionError::Declined) => Some(LoginEvent::Denied),
            BrowserOutcome::TimedOut => {
                self.stop(Some(BrowserEnd::TimedOut));
                None
            }
            BrowserOutcome::Failed(error) => {
                let code = format::error_code(&error.short_code());
                tracing::warn!(%code, "signing in on this TV failed");
                self.stop(Some(BrowserEnd::Failed { code }));
                None
            }
        }
    }

    /// The button's caption: to sign in, or to cancel while the browser is open.
    pub fn caption(&self, t: &FluentLanguageLoader) -> String {
        if self.waiting() {
            fl!(t, "tv-activate-browser-cancel")
        } else {
            fl!(t, "tv-activate-browser")
        }
    }

    /// What to say about it in a status line, if anything: waiting for the browser, or how
    /// the last attempt ended.
    pub fn status(&self, t: &FluentLanguageLoader) -> Option<String> {
        match &self.state {
            State::Waiting { .. } => Some(fl!(t, "tv-activate-browser-waiting")),
            State::Offered {
                ended: Some(BrowserEnd::TimedOut),
            } => Some(fl!(t, "tv-activate-browser-timed-out")),
            State::Offered {
                ended: Some(BrowserEnd::Failed { code }),
            } => Some(fl!(t, "tv-activate-browser-failed", code = code.clone())),
            State::Offered { ended: None } | State::NotOffered => None,
        }
    }

    fn stop(&mut self, ended: Option<BrowserEnd>) {
        if self.offered() {
            self.state = State::Offered { ended };
        }
    }
}

/// Signs in in this TV's browser, within the core's time limit.
async fn sign_in(account: Arc<Account>, pages: Pages) -> BrowserOutcome {
    let open = |url: &url::Url| {
        crate::browser::open(url.as_str())
            .map_err(|e| SessionError::Config(format!("the browser could not be opened: {e}")))
    };
    account
        .sign_in_with_browser(&pages, crate::session::BROWSER_SIGN_IN_TIMEOUT, open)
        .await
}
