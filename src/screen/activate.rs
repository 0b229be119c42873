//! Activate: the code huge, the address with its host emphasised, a QR code, the time left as
//! a ring, what the poller is doing, and a safety line; "Sign in on this TV" beside it when a
//! browser can be opened here. The sign-in runs while this screen lives: its abort handles
//! are kept here, so leaving the screen stops it.

mod view;

use std::sync::Arc;
use std::time::{Duration, Instant};

use iced::{Subscription, Task, task};

use super::Notice;
use crate::format::{self, Address};
use crate::nav::NavKey;
use crate::session::{Account, BrowserOutcome, CodeInfo, LoginEvent, Pages, Profile, SessionError};
use crate::widget::Qr;

/// What the poller is doing, as the status line says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Asking the provider for a code.
    Requesting,
    /// No code could be had; the request is made again then.
    CodeUnavailable {
        /// When the code is asked for again.
        retry_at: Instant,
    },
    /// Polling while the person answers on the phone.
    Waiting,
    /// The provider asked to poll more slowly; this is the new interval.
    SlowedDown(Duration),
    /// No network, or the provider in trouble; polling resumes then.
    Offline {
        /// When polling resumes.
        retry_at: Instant,
    },
}

/// Why the last sign-in in this TV's browser ended without signing in. The code beside it
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

/// "Sign in on this TV": the authorization code flow in this TV's own browser, offered
/// beside the code when a browser can be opened here.
#[derive(Debug)]
enum BrowserOffer {
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

/// What Activate reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// A remote key.
    Nav(NavKey),
    /// "Sign in on this TV" (or its cancel) was clicked.
    BrowserPressed,
    /// The 1 Hz tick of the countdown: the time it fired.
    Ticked(Instant),
    /// A step of the device sign-in.
    LoginProgressed(LoginEvent),
    /// The sign-in in this TV's browser ended.
    BrowserSignInEnded(BrowserOutcome),
}

/// What Activate asks of the shell.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Run this work for the screen.
    Run(Task<Message>),
    /// Signed in: on to Home.
    SignedIn(Profile),
    /// The sign-in ended without signing in: show this notice.
    Ended(Notice),
    /// Back with nothing to close: ask whether to leave the app.
    AskToExit,
}

/// The Activate screen: the code once it comes, the poller's status, the browser offer, and
/// the sign-in task it keeps alive.
#[derive(Debug)]
pub struct Activate {
    account: Arc<Account>,
    code: Option<CodeInfo>,
    /// The code and address as shown: cleaned, capped, grouped (built in `update`).
    shown: Option<Box<(String, Address)>>,
    qr: Option<Qr>,
    status: Status,
    browser: BrowserOffer,
    /// The pages this TV's browser shows when it comes back (when the browser is offered).
    pages: Option<Box<Pages>>,
    /// The time of the last tick: the view never reads the clock itself.
    now: Instant,
    /// Aborts the device sign-in when dropped.
    _polling: task::Handle,
}

impl Activate {
    /// Starts a device sign-in for `account`: the screen while the code is requested, and the
    /// task that runs it. `browser` offers "Sign in on this TV" with these return pages.
    pub fn new(account: Arc<Account>, browser: Option<Pages>) -> (Activate, Task<Message>) {
        let (task, handle) =
            Task::run(account.clone().login(), Message::LoginProgressed).abortable();
        let screen = Activate {
            account,
            code: None,
            shown: None,
            qr: None,
            status: Status::Requesting,
            browser: match browser {
                Some(_) => BrowserOffer::Offered { ended: None },
                None => BrowserOffer::NotOffered,
            },
            pages: browser.map(Box::new),
            now: Instant::now(),
            _polling: handle.abort_on_drop(),
        };
        (screen, task)
    }

    /// Whether "Sign in on this TV" is offered.
    pub fn offers_browser(&self) -> bool {
        !matches!(self.browser, BrowserOffer::NotOffered)
    }

    /// Whether a sign-in in this TV's browser is under way.
    pub fn browser_waiting(&self) -> bool {
        matches!(self.browser, BrowserOffer::Waiting { .. })
    }

    /// The code on screen, once one came.
    pub fn code(&self) -> Option<&CodeInfo> {
        self.code.as_ref()
    }

    /// What the poller is doing.
    pub fn status(&self) -> Status {
        self.status
    }

    /// Whether a countdown is on screen (the 1 Hz tick runs only then): the code's time
    /// left, or the wait before asking for a code again.
    pub fn counting_down(&self) -> bool {
        self.code.is_some() || matches!(self.status, Status::CodeUnavailable { .. })
    }

    /// Keys, ticks and the sign-in's progress.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            // Back first stops waiting for the browser; the code stays on screen.
            Message::Nav(NavKey::Back) if self.browser_waiting() => {
                self.stop_browser(None);
                Action::None
            }
            Message::Nav(NavKey::Back) => Action::AskToExit,
            // The browser button is the one focusable element, when offered.
            Message::Nav(NavKey::Ok) | Message::BrowserPressed => self.press_browser(),
            Message::Nav(_) => Action::None,
            Message::Ticked(now) => {
                self.now = now;
                Action::None
            }
            Message::LoginProgressed(event) => self.login_progressed(event),
            Message::BrowserSignInEnded(outcome) => self.browser_sign_in_ended(outcome),
        }
    }

    /// The 1 Hz tick, only while a countdown is on screen.
    pub fn subscription(&self) -> Subscription<Message> {
        if self.counting_down() {
            iced::time::every(Duration::from_secs(1)).map(Message::Ticked)
        } else {
            Subscription::none()
        }
    }

    fn login_progressed(&mut self, event: LoginEvent) -> Action {
        match event {
            LoginEvent::SignedIn(profile) => Action::SignedIn(profile),
            LoginEvent::Expired => Action::Ended(Notice::Expired),
            LoginEvent::Denied => Action::Ended(Notice::Declined),
            LoginEvent::Failed(error) => Action::Ended(Notice::from_error(&error)),
            event => {
                self.progressed(&event);
                Action::None
            }
        }
    }

    /// Takes a non-final sign-in event; the QR code is built here, never in `view`.
    fn progressed(&mut self, event: &LoginEvent) {
        match event {
            LoginEvent::Code(code) => {
                // The countdown starts from now, not from a tick long past.
                self.now = Instant::now().min(code.expires_at);
                self.qr = Qr::new(&code.verification_uri_complete);
                self.shown = Some(Box::new((
                    format::user_code(&code.user_code),
                    Address::parse(&code.verification_uri),
                )));
                self.code = Some(code.clone());
                self.status = Status::Waiting;
            }
            LoginEvent::CodeUnavailable { retry_at, .. } => {
                self.status = Status::CodeUnavailable {
                    retry_at: *retry_at,
                }
            }
            LoginEvent::Pending { .. } => self.status = Status::Waiting,
            LoginEvent::SlowedDown { interval } => self.status = Status::SlowedDown(*interval),
            LoginEvent::Offline { retry_at, .. } => {
                self.status = Status::Offline {
                    retry_at: *retry_at,
                }
            }
            _ => {}
        }
    }

    /// OK on "Sign in on this TV": opens the browser, or stops waiting for it.
    fn press_browser(&mut self) -> Action {
        if self.browser_waiting() {
            self.stop_browser(None);
            return Action::None;
        }
        let Some(pages) = self.pages.as_deref().cloned() else {
            return Action::None;
        };
        let (task, handle) = Task::perform(
            browser_sign_in(self.account.clone(), pages),
            Message::BrowserSignInEnded,
        )
        .abortable();
        self.browser = BrowserOffer::Waiting {
            _handle: handle.abort_on_drop(),
        };
        Action::Run(task)
    }

    /// Stops waiting for the browser (cancelled when `ended` is `None`); offers it again.
    fn stop_browser(&mut self, ended: Option<BrowserEnd>) {
        if self.offers_browser() {
            self.browser = BrowserOffer::Offered { ended };
        }
    }

    fn browser_sign_in_ended(&mut self, outcome: BrowserOutcome) -> Action {
        match outcome {
            BrowserOutcome::TimedOut => {
                self.stop_browser(Some(BrowserEnd::TimedOut));
                Action::None
            }
            BrowserOutcome::SignedIn(profile) => Action::SignedIn(profile),
            BrowserOutcome::Failed(SessionError::Declined) => Action::Ended(Notice::Declined),
            // The code on screen still works: a browser that would not open or a failed
            // exchange is said beside it, not over it.
            BrowserOutcome::Failed(error) => {
                let code = format::error_code(&error.short_code());
                tracing::warn!(%code, "signing in on this TV failed");
                self.stop_browser(Some(BrowserEnd::Failed { code }));
                Action::None
            }
        }
    }
}

/// Signs in in this TV's browser, within the core's time limit.
async fn browser_sign_in(account: Arc<Account>, pages: Pages) -> BrowserOutcome {
    let open = |url: &url::Url| {
        crate::browser::open(url.as_str())
            .map_err(|e| SessionError::Config(format!("the browser could not be opened: {e}")))
    };
    account
        .sign_in_with_browser(&pages, crate::session::BROWSER_SIGN_IN_TIMEOUT, open)
        .await
}
