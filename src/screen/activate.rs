//! Activate: the code huge, the address with its host emphasised, a QR code, the time left as
//! a ring, what the poller is doing, and a safety line; "Sign in on this TV" beside it when a
//! browser can be opened here. The sign-in runs while this screen lives: its abort handle is
//! kept here, so leaving the screen stops it.

mod renewal;
mod view;

use std::sync::Arc;
use std::time::{Duration, Instant};

use iced::{Animation, Point, Subscription, Task, task};

use super::browser::BrowserSignIn;
use super::read_aloud::ReadAloud;
use super::{Forbidden, Notice};
use crate::format::{self, Address};
use crate::nav::{self, NavKey};
use crate::session::{Account, BrowserOutcome, CodeInfo, LoginEvent, Pages, Profile, SessionError};
use crate::widget::Qr;

use renewal::Renewal;
pub use renewal::{MAX_IN_A_ROW, PRESENCE_WINDOW};

/// How long the status line says a code is new.
const NEW_CODE_NOTE: Duration = Duration::from_secs(10);

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

/// A focusable element of Activate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// "Sign in on this TV" (or its cancel).
    Browser,
    /// "Read the code aloud".
    ReadAloud,
}

/// Why the code is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Nobody is signed in.
    SignIn,
    /// Someone is, and renews the session before it ends: Back returns to Home.
    Renew,
    /// Someone new joins the TV's profiles: Back returns to who's watching.
    Add,
    /// A profile whose session ended signs in again: Back returns to where it was chosen.
    Again,
}

/// What Activate reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// A remote key.
    Nav(NavKey),
    /// "Sign in on this TV" (or its cancel) was clicked.
    BrowserPressed,
    /// "Read the code aloud" was clicked.
    ReadAloudPressed,
    /// The countdown's tick (1 Hz; every frame while the code fades): the time it fired.
    Ticked(Instant),
    /// Someone is there: a key went to a question over this screen, or the TV switched to
    /// this app.
    Seen,
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
    /// The provider forbids signing in with a code (this is its refusal).
    CodesForbidden(SessionError),
    /// Back with nothing to close: ask whether to leave the app.
    AskToExit,
    /// Back during a renewal: the session still holds, back to Home.
    Cancelled,
}

/// The Activate screen: the code once it comes, the poller's status, the browser offer, and
/// the sign-in task it keeps alive.
#[derive(Debug)]
pub struct Activate {
    account: Arc<Account>,
    purpose: Purpose,
    code: Option<CodeInfo>,
    /// The code and address as shown: cleaned, capped, grouped (built in `update`).
    shown: Option<Box<(String, Address)>>,
    qr: Option<Qr>,
    status: Status,
    browser: BrowserSignIn,
    /// "Read the code aloud", when this system can speak.
    read_aloud: Option<ReadAloud>,
    /// The focused button, if any is offered.
    focus: Option<Focus>,
    /// The time of the last tick: the view never reads the clock itself.
    now: Instant,
    /// Who was last seen, for asking for a new code by itself.
    renewal: Renewal,
    /// A new code was asked for; the previous one, no longer polled, fades out.
    renewing: bool,
    /// The code and QR code fading in (a new code) or out (an old one).
    fade: Animation<bool>,
    /// Until when the status line says the code is new.
    new_code_until: Option<Instant>,
    /// The code is for the embedded demo server: a line says so.
    demo: bool,
    /// Aborts the device sign-in when dropped.
    _polling: task::Handle,
}

impl Activate {
    /// Starts a device sign-in for `account`: the screen while the code is requested, and the
    /// task that runs it. `browser` offers "Sign in on this TV" with these return pages.
    /// `read_aloud` offers "Read the code aloud".
    pub fn new(
        account: Arc<Account>,
        browser: Option<Pages>,
        purpose: Purpose,
        read_aloud: Option<ReadAloud>,
    ) -> (Activate, Task<Message>) {
        let (task, polling) = sign_in(&account);
        let now = Instant::now();
        let browser = BrowserSignIn::new(account.clone(), browser);
        let focus = if browser.offered() {
            Some(Focus::Browser)
        } else {
            read_aloud.as_ref().map(|_| Focus::ReadAloud)
        };
        let screen = Activate {
            browser,
            read_aloud,
            focus,
            account,
            purpose,
            code: None,
            shown: None,
            qr: None,
            status: Status::Requesting,
            now,
            renewal: Renewal::new(now),
            renewing: false,
            fade: Animation::new(true).slow(),
            new_code_until: None,
            demo: false,
            _polling: polling,
        };
        (screen, task)
    }

    /// Says the sign-in is the embedded demo server's (no real account is used).
    pub fn on_demo(mut self, demo: bool) -> Activate {
        self.demo = demo;
        self
    }

    /// Whether the screen says the sign-in is a demo.
    pub fn says_demo(&self) -> bool {
        self.demo
    }

    /// The focused button, if any is offered.
    pub fn focus(&self) -> Option<Focus> {
        self.focus
    }

    /// Whether "Read the code aloud" is offered.
    pub fn offers_read_aloud(&self) -> bool {
        self.read_aloud.is_some()
    }

    /// Whether the code is being read aloud (the last press started it).
    pub fn reading_aloud(&self) -> bool {
        self.read_aloud.as_ref().is_some_and(ReadAloud::started)
    }

    /// Why the code is on screen.
    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// Whether a new code was asked for by the screen itself and has not come yet.
    pub fn renewing(&self) -> bool {
        self.renewing
    }

    /// Whether the status line says the code on screen is new.
    pub fn shows_new_code(&self) -> bool {
        self.new_code_until.is_some_and(|until| self.now < until)
    }

    /// Whether "Sign in on this TV" is offered.
    pub fn offers_browser(&self) -> bool {
        self.browser.offered()
    }

    /// Whether a sign-in in this TV's browser is under way.
    pub fn browser_waiting(&self) -> bool {
        self.browser.waiting()
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
        if let Message::Nav(_) | Message::Seen = message {
            self.renewal.seen(self.now);
        }
        match message {
            // Back first stops waiting for the browser; the code stays on screen.
            Message::Nav(NavKey::Back) if self.browser_waiting() => {
                self.browser.cancel();
                Action::None
            }
            Message::Nav(NavKey::Back) => match self.purpose {
                Purpose::SignIn => Action::AskToExit,
                Purpose::Renew | Purpose::Add | Purpose::Again => Action::Cancelled,
            },
            Message::Nav(NavKey::Ok) => match self.focus {
                Some(target) => self.press(target),
                None => Action::None,
            },
            Message::Nav(NavKey::Speak) => self.press(Focus::ReadAloud),
            Message::BrowserPressed => self.press(Focus::Browser),
            Message::ReadAloudPressed => self.press(Focus::ReadAloud),
            Message::Nav(direction) => {
                if let Some(next) = self
                    .focus
                    .and_then(|from| nav::nearest(&self.focusables(), from, direction))
                {
                    self.focus = Some(next);
                }
                Action::None
            }
            Message::Seen => Action::None,
            Message::Ticked(now) => {
                self.now = now;
                self.renew_if_due()
            }
            Message::LoginProgressed(event) => self.login_progressed(event),
            Message::BrowserSignInEnded(outcome) => match self.browser.ended(outcome) {
                Some(end) => self.login_progressed(end),
                None => Action::None,
            },
        }
    }

    /// The 1 Hz tick while a countdown is on screen; every frame while the code fades.
    pub fn subscription(&self) -> Subscription<Message> {
        if self.fade.is_animating(self.now) {
            iced::window::frames().map(Message::Ticked)
        } else if self.counting_down() {
            iced::time::every(Duration::from_secs(1)).map(Message::Ticked)
        } else {
            Subscription::none()
        }
    }

    /// OK on (or a click of) a button.
    fn press(&mut self, target: Focus) -> Action {
        match target {
            Focus::Browser if self.browser.offered() => {
                self.focus = Some(target);
                match self.browser.press() {
                    Some(task) => Action::Run(task.map(Message::BrowserSignInEnded)),
                    None => Action::None,
                }
            }
            Focus::ReadAloud => {
                if let (Some(read_aloud), Some(code)) = (&mut self.read_aloud, &self.code) {
                    self.focus = Some(target);
                    read_aloud.read(code);
                }
                Action::None
            }
            Focus::Browser => Action::None,
        }
    }

    /// The buttons' centres in design pixels, side by side under the status line.
    fn focusables(&self) -> Vec<(Focus, Point)> {
        let mut items = Vec::new();
        if self.browser.offered() {
            items.push((Focus::Browser, Point::new(400.0, 760.0)));
        }
        if self.read_aloud.is_some() {
            let x = if items.is_empty() { 400.0 } else { 800.0 };
            items.push((Focus::ReadAloud, Point::new(x, 760.0)));
        }
        items
    }

    fn login_progressed(&mut self, event: LoginEvent) -> Action {
        match event {
            LoginEvent::SignedIn(profile) => Action::SignedIn(profile),
            LoginEvent::Expired => Action::Ended(Notice::Expired),
            LoginEvent::Denied => Action::Ended(Notice::Declined),
            LoginEvent::Failed(error) if Forbidden::is_for(&error) => Action::CodesForbidden(error),
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
                if self.renewing {
                    self.renewing = false;
                    self.fade.go_mut(true, self.now);
                    self.new_code_until = Some(self.now + NEW_CODE_NOTE);
                }
                self.qr = Qr::new(&code.verification_uri_complete);
                self.shown = Some(Box::new((
                    format::user_code(&code.user_code),
                    Address::parse(&code.verification_uri),
                )));
                self.code = Some(code.clone());
                self.status = Status::Waiting;
            }
            LoginEvent::CodeUnavailable { retry_at, .. } => {
                // The old code is no longer polled: the wait for the next takes its place.
                if self.renewing {
                    self.code = None;
                    self.shown = None;
                    self.qr = None;
                }
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

    /// Asks for a new code when this one is about to run out and someone is there. The old
    /// poller stops before the new one starts: never two, never a code on screen that is not
    /// the one polled (the old one fades out meanwhile).
    fn renew_if_due(&mut self) -> Action {
        let Some(code) = &self.code else {
            return Action::None;
        };
        let interval = match self.status {
            Status::SlowedDown(interval) => interval,
            _ => code.interval,
        };
        if self.renewing
            || !self
                .renewal
                .due(self.now, code.expires_in, code.expires_at, interval)
        {
            return Action::None;
        }
        tracing::info!("the code is about to run out while someone is there: a new one");
        // The code being read aloud no longer works.
        if let Some(read_aloud) = &mut self.read_aloud {
            read_aloud.stop();
        }
        self.renewal.renewed();
        self.renewing = true;
        self.new_code_until = None;
        self.fade.go_mut(false, self.now);
        let (task, polling) = sign_in(&self.account);
        // Replacing the handle drops the old one, which aborts the old poller, before the
        // new task is handed to the runtime.
        self._polling = polling;
        Action::Run(task)
    }
}

/// The device sign-in as a task, and the handle that aborts it when dropped.
fn sign_in(account: &Arc<Account>) -> (Task<Message>, task::Handle) {
    let (task, handle) = Task::run(account.clone().login(), Message::LoginProgressed).abortable();
    (task, handle.abort_on_drop())
}
