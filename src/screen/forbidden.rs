//! The provider forbids signing in with a code (`unauthorized_client` or an unsupported grant,
//! when the code is asked for or while polling): a full screen that says so in plain words,
//! with the provider's own words in small print. Where a browser can be opened here, "Sign in
//! on this TV" comes first and has the focus; "Try again" asks for a code once more.

use std::sync::Arc;

use iced::widget::{column, row};
use iced::{Element, Point, Task};

use super::browser::BrowserSignIn;
use super::{Context, Notice, notice};
use crate::format;
use crate::i18n::fl;
use crate::nav::{self, NavKey};
use crate::session::{Account, BrowserOutcome, LoginEvent, Pages, Profile, SessionError};
use crate::theme::{palette, size};
use crate::widget;

/// A focusable element of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// "Sign in on this TV" (or its cancel).
    Browser,
    /// "Try again".
    Retry,
}

/// What the screen reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// A remote key.
    Nav(NavKey),
    /// "Sign in on this TV" (or its cancel) was clicked.
    BrowserPressed,
    /// "Try again" was clicked.
    RetryPressed,
    /// The sign-in in this TV's browser ended.
    BrowserSignInEnded(BrowserOutcome),
}

/// What the screen asks of the shell.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Run this work for the screen.
    Run(Task<Message>),
    /// Signed in in the browser: on to Home.
    SignedIn(Profile),
    /// The browser sign-in was declined: show this notice.
    Ended(Notice),
    /// Ask for a code again.
    RequestCode,
    /// Back with nothing to close: ask whether to leave the app.
    AskToExit,
}

/// The screen: what the provider said, the browser offer, and the focus.
#[derive(Debug)]
pub struct Forbidden {
    /// The provider's description, cleaned and capped, if it sent one.
    description: Option<String>,
    /// The short error code, as shown.
    code: String,
    browser: BrowserSignIn,
    focus: Focus,
}

impl Forbidden {
    /// The screen for `error`; `browser` offers "Sign in on this TV" with these return pages.
    pub fn new(account: Arc<Account>, browser: Option<Pages>, error: &SessionError) -> Forbidden {
        let browser = BrowserSignIn::new(account, browser);
        Forbidden {
            description: error
                .provider_description()
                .map(|d| format::clean(d, format::ERROR_MAX))
                .filter(|d| !d.is_empty()),
            code: format::error_code(&error.short_code()),
            focus: if browser.offered() {
                Focus::Browser
            } else {
                Focus::Retry
            },
            browser,
        }
    }

    /// Whether this provider's refusal is one this screen is for: the grant refused during a
    /// device sign-in.
    pub fn is_for(error: &SessionError) -> bool {
        error.client_rejection() == Some(crate::session::ClientRejection::Grant)
    }

    /// The focused element.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// Whether a sign-in in this TV's browser is under way.
    pub fn browser_waiting(&self) -> bool {
        self.browser.waiting()
    }

    /// Keys, clicks, and the browser sign-in's end.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Nav(NavKey::Back) if self.browser.waiting() => {
                self.browser.cancel();
                Action::None
            }
            Message::Nav(NavKey::Back) => Action::AskToExit,
            Message::Nav(NavKey::Ok) => self.press(self.focus),
            Message::Nav(direction) => {
                if let Some(next) = nav::nearest(&self.focusables(), self.focus, direction) {
                    self.focus = next;
                }
                Action::None
            }
            Message::BrowserPressed => self.press(Focus::Browser),
            Message::RetryPressed => self.press(Focus::Retry),
            Message::BrowserSignInEnded(outcome) => match self.browser.ended(outcome) {
                Some(LoginEvent::SignedIn(profile)) => Action::SignedIn(profile),
                Some(_) => Action::Ended(Notice::Declined),
                None => Action::None,
            },
        }
    }

    fn press(&mut self, target: Focus) -> Action {
        self.focus = target;
        match target {
            Focus::Retry => Action::RequestCode,
            Focus::Browser => match self.browser.press() {
                Some(task) => Action::Run(task.map(Message::BrowserSignInEnded)),
                None => Action::None,
            },
        }
    }

    /// The buttons' centres in design pixels, side by side.
    fn focusables(&self) -> Vec<(Focus, Point)> {
        let mut items = vec![(Focus::Retry, Point::new(1160.0, 700.0))];
        if self.browser.offered() {
            items.push((Focus::Browser, Point::new(760.0, 700.0)));
        }
        items
    }

    /// The screen.
    pub fn view<'a>(&'a self, cx: Context<'a>) -> Element<'a, Message> {
        let (t, m) = (cx.t, cx.m);
        let focused = |target| cx.focused && self.focus == target;
        let offered = self.browser.offered();
        let body = if offered {
            fl!(t, "tv-forbidden-body-browser")
        } else {
            fl!(t, "tv-forbidden-body")
        };
        let mut actions = row![].spacing(m.px(size::GAP));
        if offered {
            actions = actions.push(widget::action(
                self.browser.caption(t),
                true,
                focused(Focus::Browser),
                Message::BrowserPressed,
                m,
            ));
        }
        actions = actions.push(widget::action(
            fl!(t, "tv-forbidden-retry"),
            !offered,
            focused(Focus::Retry),
            Message::RetryPressed,
            m,
        ));
        let mut actions = column![actions]
            .spacing(m.px(size::GAP_SMALL))
            .align_x(iced::Alignment::Center);
        if let Some(status) = self.browser.status(t) {
            actions = actions.push(widget::dim(status, size::BODY, m));
        }
        let mut small_print = Vec::new();
        if let Some(description) = &self.description {
            small_print.push(fl!(
                t,
                "tv-forbidden-provider-said",
                description = description.as_str()
            ));
        }
        small_print.push(fl!(t, "tv-error-code", code = self.code.as_str()));
        notice::page(
            cx,
            (fl!(t, "tv-forbidden-title"), palette::TEXT),
            body,
            actions.into(),
            small_print,
        )
    }
}
