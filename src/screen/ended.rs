//! The news that the provider ended a profile's session, said by name and never replaced by a
//! new code in silence: "Sign in again" focused, and beside it "Remove from this TV" (after a
//! question naming the person) for someone who has left the household.

use std::sync::Arc;

use iced::widget::row;
use iced::{Element, Task};

use super::dialog::{Choice, Question, Wording};
use super::{Context, Notice, notice, removal};
use crate::i18n::fl;
use crate::nav::NavKey;
use crate::session::{Account, SessionError};
use crate::theme::{palette, size};
use crate::widget;

/// A focusable element of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// "Sign in again".
    SignIn,
    /// "Remove from this TV".
    Remove,
}

/// What the screen reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// A remote key.
    Nav(NavKey),
    /// "Sign in again" was clicked.
    SignInPressed,
    /// "Remove from this TV" was clicked.
    RemovePressed,
    /// A choice of the removal question was clicked.
    RemoveAnswered(Choice),
    /// The profile was removed here (whether someone was signed in).
    Removed(Result<bool, SessionError>),
}

/// What the screen asks of the shell.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Run this work for the screen.
    Run(Task<Message>),
    /// The person signs in again with a code.
    SignInAgain,
    /// The profile was removed: on to whoever is left.
    Removed,
    /// Show this notice instead (the profile could not be removed).
    Show(Notice),
    /// Back with nothing to close.
    AskToExit,
}

/// The screen: whose session ended, the focus, and the removal question over it.
#[derive(Debug)]
pub struct Ended {
    account: Arc<Account>,
    name: Option<String>,
    focus: Focus,
    question: Option<Question>,
    removing: bool,
}

impl Ended {
    /// The news for the profile `account` acts for, whose person is called `name`.
    pub fn new(account: Arc<Account>, name: Option<String>) -> Ended {
        Ended {
            account,
            name,
            focus: Focus::SignIn,
            question: None,
            removing: false,
        }
    }

    /// Whose session ended, when the provider named them.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The focused element (under the question, if it is open).
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The removal question, if it is open.
    pub fn question(&self) -> Option<&Question> {
        self.question.as_ref()
    }

    /// Keys, clicks, and the removal's result.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Nav(key) => match &mut self.question {
                Some(question) => match question.key(key) {
                    Some(choice) => self.answer(choice),
                    None => Action::None,
                },
                None => match key {
                    NavKey::Back => Action::AskToExit,
                    NavKey::Ok => self.press(self.focus),
                    NavKey::Left => {
                        self.focus = Focus::SignIn;
                        Action::None
                    }
                    NavKey::Right => {
                        self.focus = Focus::Remove;
                        Action::None
                    }
                    _ => Action::None,
                },
            },
            Message::SignInPressed => self.press(Focus::SignIn),
            Message::RemovePressed => self.press(Focus::Remove),
            Message::RemoveAnswered(choice) => self.answer(choice),
            Message::Removed(Ok(_)) => Action::Removed,
            Message::Removed(Err(error)) => Action::Show(Notice::from_error(&error)),
        }
    }

    fn press(&mut self, target: Focus) -> Action {
        self.focus = target;
        match target {
            _ if self.removing => Action::None,
            Focus::SignIn => Action::SignInAgain,
            Focus::Remove => {
                self.question = Some(Question::new());
                Action::None
            }
        }
    }

    fn answer(&mut self, choice: Choice) -> Action {
        self.question = None;
        if choice == Choice::Cancel || self.removing {
            return Action::None;
        }
        self.removing = true;
        Action::Run(removal::remove_profile(self.account.clone()).map(Message::Removed))
    }

    /// The screen (its question is drawn by [`Ended::overlay`]).
    pub fn view<'a>(&'a self, cx: Context<'a>) -> Element<'a, Message> {
        let (t, m) = (cx.t, cx.m);
        let focused = |target| cx.focused && self.question.is_none() && self.focus == target;
        let title = match &self.name {
            Some(name) => fl!(t, "tv-ended-title", name = name.as_str()),
            None => fl!(t, "tv-ended-title-unnamed"),
        };
        let actions = row![
            widget::action(
                fl!(t, "tv-ended-action"),
                true,
                focused(Focus::SignIn),
                Message::SignInPressed,
                m
            ),
            widget::action(
                fl!(t, "tv-ended-remove"),
                false,
                focused(Focus::Remove),
                Message::RemovePressed,
                m
            ),
        ]
        .spacing(m.px(size::GAP));
        let small_print = self
            .removing
            .then(|| fl!(t, "tv-signing-out"))
            .into_iter()
            .collect();
        notice::page(
            cx,
            (title, palette::TEXT),
            fl!(t, "tv-ended-body"),
            actions.into(),
            small_print,
        )
    }

    /// The removal question over the whole window, if it is open.
    pub fn overlay<'a>(&'a self, cx: Context<'a>) -> Option<Element<'a, Message>> {
        let t = cx.t;
        let question = self.question.as_ref()?;
        let (title, body) = match &self.name {
            Some(name) => (
                fl!(t, "tv-sign-out-title", name = name.as_str()),
                fl!(t, "tv-sign-out-body", name = name.as_str()),
            ),
            None => (
                fl!(t, "tv-sign-out-title-unnamed"),
                fl!(t, "tv-sign-out-body-unnamed"),
            ),
        };
        let wording = Wording {
            title,
            body: Some(body),
            note: None,
            cancel: fl!(t, "tv-cancel"),
            confirm: fl!(t, "tv-sign-out-confirm"),
        };
        Some(question.view(cx, wording, Message::RemoveAnswered))
    }
}
