//! How the shell draws: the screen in the safe area, the exit question or the screen's own
//! dialog over it, diagnostics over everything; and what it listens to.

use iced::widget::{container, stack};
use iced::{Element, Length, Subscription, keyboard, window};

use super::{App, Message};
use crate::i18n::fl;
use crate::nav;
use crate::screen::dialog::{Question, Wording};
use crate::screen::{Context, Screen};
use crate::theme::size;
use crate::widget;

impl App {
    /// The screen in the safe area, with the exit question or the screen's dialog over it.
    pub fn view(&self) -> Element<'_, Message> {
        let m = self.metrics;
        let cx = Context {
            t: &self.t,
            m,
            focused: self.exit.is_none(),
        };
        let screen: Element<'_, Message> = match &self.screen {
            Screen::Starting => {
                iced::widget::center(widget::dim(fl!(self.t, "tv-starting"), size::HEADING, m))
                    .into()
            }
            Screen::Activate(activate) => activate.view(cx).map(Message::Activate),
            Screen::Notice(notice) => notice.view(cx).map(Message::Notice),
            Screen::Forbidden(forbidden) => forbidden.view(cx).map(Message::Forbidden),
            Screen::Home(home) => home.view(cx).map(Message::Home),
            Screen::Picker(picker) => picker.view(cx).map(Message::Picker),
            Screen::Ended(ended) => ended.view(cx).map(Message::Ended),
        };
        // No background here: the theme's background is the clear colour (see theme::app_theme).
        let page = container(screen)
            .padding(m.safe_area())
            .width(Length::Fill)
            .height(Length::Fill);
        let overlay = match (&self.exit, &self.screen) {
            (Some(question), _) => Some(self.exit_view(question)),
            (None, Screen::Home(home)) => home.overlay(cx).map(|e| e.map(Message::Home)),
            (None, Screen::Ended(ended)) => ended.overlay(cx).map(|e| e.map(Message::Ended)),
            (None, _) => None,
        };
        let help = self.help.as_ref().map(|help| {
            let cx = Context {
                t: &self.t,
                m,
                focused: true,
            };
            help.view(cx)
        });
        match (overlay, help) {
            (None, None) => page.into(),
            (Some(overlay), None) => stack![page, overlay].into(),
            (None, Some(help)) => stack![page, help].into(),
            (Some(overlay), Some(help)) => stack![page, overlay, help].into(),
        }
    }

    fn exit_view(&self, question: &Question) -> Element<'_, Message> {
        let t = &self.t;
        let cx = Context {
            t,
            m: self.metrics,
            focused: true,
        };
        let wording = Wording {
            title: fl!(t, "tv-exit-title"),
            body: None,
            note: None,
            cancel: fl!(t, "tv-exit-stay"),
            confirm: fl!(t, "tv-exit-confirm"),
        };
        question.view(cx, wording, Message::ExitAnswered)
    }

    /// Remote keys, window resizes and focus, and the screen's own (Activate's countdown).
    pub fn subscription(&self) -> Subscription<Message> {
        let keys = keyboard::listen().filter_map(|event| match event {
            keyboard::Event::KeyPressed {
                key, physical_key, ..
            } => nav::nav_key(&key, &physical_key).map(Message::Nav),
            _ => None,
        });
        let resized = window::resize_events().map(|(_, size)| Message::Resized(size));
        let focused = window::events().filter_map(|(_, event)| {
            matches!(event, window::Event::Focused).then_some(Message::Focused)
        });
        let screen = match &self.screen {
            Screen::Activate(activate) => activate.subscription().map(Message::Activate),
            _ => Subscription::none(),
        };
        Subscription::batch([keys, resized, focused, screen])
    }
}
