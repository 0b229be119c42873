//! Full screens that stay until the person acts: the code expired, the request was declined,
//! or something failed (plain-language cause, a small error code). Their one action, a new
//! code, always has the focus.

use iced::widget::{column, space};
use iced::{Alignment, Element, Length};

use super::Context;
use crate::i18n::fl;
use crate::nav::NavKey;
use crate::session::{ErrorKind, SessionError};
use crate::theme::{palette, size};
use crate::widget;

/// What went wrong, in the words a person on a sofa needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// No network, or the provider could not be reached.
    Network,
    /// The provider or the API is in trouble.
    Server,
    /// The provider or the configuration said no: the session ended, the client was
    /// rejected, or anything else refused.
    Refused,
    /// The session file could not be read or written.
    Storage,
}

/// What a notice screen reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// A remote key.
    Nav(NavKey),
    /// Its one action was clicked.
    ActionPressed,
}

/// What a notice asks of the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Nothing.
    None,
    /// Sign in again: a new code.
    RequestCode,
    /// Back with nothing to close: ask whether to leave the app.
    AskToExit,
}

/// A notice screen: what happened, and one action for a new code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The code ran out before the person answered.
    Expired,
    /// The person declined on the phone.
    Declined,
    /// Something failed.
    Error {
        /// What went wrong, in plain words.
        cause: Cause,
        /// The short error code, shown in small print.
        code: String,
    },
}

impl Notice {
    /// The notice for `error`: a declined sign-in is [`Notice::Declined`], anything else an
    /// error screen with its cause and short code.
    pub fn from_error(error: &SessionError) -> Notice {
        let cause = match error.kind() {
            ErrorKind::Declined => return Notice::Declined,
            ErrorKind::Network => Cause::Network,
            ErrorKind::Server => Cause::Server,
            ErrorKind::Storage => Cause::Storage,
            ErrorKind::SignedOut | ErrorKind::ClientRejected | ErrorKind::Refused => Cause::Refused,
        };
        Notice::Error {
            cause,
            code: crate::format::error_code(&error.short_code()),
        }
    }

    /// The short code shown in small print.
    pub fn code(&self) -> &str {
        match self {
            Notice::Expired => "expired",
            Notice::Declined => "declined",
            Notice::Error { code, .. } => code,
        }
    }

    /// OK (or a click) asks for a new code; Back asks to leave.
    pub fn update(&self, message: Message) -> Action {
        match message {
            Message::Nav(NavKey::Ok) | Message::ActionPressed => Action::RequestCode,
            Message::Nav(NavKey::Back) => Action::AskToExit,
            Message::Nav(_) => Action::None,
        }
    }

    /// The screen.
    pub fn view<'a>(&'a self, cx: Context<'a>) -> Element<'a, Message> {
        let (t, m) = (cx.t, cx.m);
        let (title, body, action, code) = match self {
            Notice::Expired => (
                fl!(t, "tv-expired-title"),
                fl!(t, "tv-expired-body"),
                fl!(t, "tv-expired-action"),
                None,
            ),
            Notice::Declined => (
                fl!(t, "tv-declined-title"),
                fl!(t, "tv-declined-body"),
                fl!(t, "tv-declined-action"),
                None,
            ),
            Notice::Error { cause, code } => {
                let (title, body) = match cause {
                    Cause::Network => (
                        fl!(t, "tv-error-network-title"),
                        fl!(t, "tv-error-network-body"),
                    ),
                    Cause::Server => (
                        fl!(t, "tv-error-server-title"),
                        fl!(t, "tv-error-server-body"),
                    ),
                    Cause::Refused => (
                        fl!(t, "tv-error-refused-title"),
                        fl!(t, "tv-error-refused-body"),
                    ),
                    Cause::Storage => (
                        fl!(t, "tv-error-storage-title"),
                        fl!(t, "tv-error-storage-body"),
                    ),
                };
                (
                    title,
                    body,
                    fl!(t, "tv-error-action"),
                    Some(fl!(t, "tv-error-code", code = code.as_str())),
                )
            }
        };
        let title_color = if matches!(self, Notice::Error { .. }) {
            palette::DANGER
        } else {
            palette::TEXT
        };
        let action = widget::action(action, true, cx.focused, Message::ActionPressed, m);
        page(
            cx,
            (title, title_color),
            body,
            action,
            code.into_iter().collect(),
        )
    }
}

/// A full-screen notice's layout: the title, a line or two under it, the actions, and small
/// print below (codes, what the provider said).
pub fn page<'a, M: 'a>(
    cx: Context<'a>,
    (title, title_color): (String, iced::Color),
    body: String,
    actions: Element<'a, M>,
    small_print: Vec<String>,
) -> Element<'a, M> {
    let m = cx.m;
    let mut content = column![
        widget::strong(title, size::TITLE, m).color(title_color),
        widget::label(body, size::BODY, m)
            .width(m.px(1100.0))
            .align_x(Alignment::Center),
        space().height(m.px(size::GAP)),
        actions,
    ]
    .spacing(m.px(size::GAP_SMALL))
    .align_x(Alignment::Center);
    if !small_print.is_empty() {
        content = content.push(space().height(m.px(size::GAP)));
    }
    for line in small_print {
        content = content.push(
            widget::dim(line, size::SMALL, m)
                .width(m.px(1100.0))
                .align_x(Alignment::Center),
        );
    }
    iced::widget::center(content)
        .width(Length::Fill)
        .height(Length::Fill)
        .into()
}
