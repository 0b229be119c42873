//! What every dialog shares: the card over a dimmed screen, and the yes/no question (exit
//! the app, sign out) with its two choices, the safe one focused first. Back answers "no".

use iced::widget::{Column, column, container, opaque, row, space};
use iced::{Alignment, Background, Border, Color, Element, Length, Point};

use super::Context;
use crate::nav::{self, NavKey};
use crate::theme::{palette, size};
use crate::widget;

/// A choice of a yes/no question, and its focus target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The safe choice: stay, keep the session.
    Cancel,
    /// The choice that acts.
    Confirm,
}

/// The choices' centres in design pixels, for moving focus between them.
const CHOICES: [(Choice, Point); 2] = [
    (Choice::Cancel, Point::new(820.0, 640.0)),
    (Choice::Confirm, Point::new(1100.0, 640.0)),
];

/// What a question says: its title, maybe a line under it, and its two choices' captions.
#[derive(Debug, Clone)]
pub struct Wording {
    /// The question itself.
    pub title: String,
    /// A line that explains it, if any.
    pub body: Option<String>,
    /// A quieter line under it, if any.
    pub note: Option<String>,
    /// The safe choice's caption.
    pub cancel: String,
    /// The acting choice's caption.
    pub confirm: String,
}

/// A yes/no question over the screen: which choice has the focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    focus: Choice,
}

impl Default for Question {
    fn default() -> Question {
        Question::new()
    }
}

impl Question {
    /// A question with the safe choice focused.
    pub fn new() -> Question {
        Question {
            focus: Choice::Cancel,
        }
    }

    /// The focused choice.
    pub fn focus(&self) -> Choice {
        self.focus
    }

    /// A remote key: the answer once given (OK on a choice; Back is [`Choice::Cancel`]),
    /// else `None` after moving the focus.
    pub fn key(&mut self, key: NavKey) -> Option<Choice> {
        match key {
            NavKey::Back => Some(Choice::Cancel),
            NavKey::Ok => Some(self.focus),
            direction => {
                if let Some(next) = nav::nearest(&CHOICES, self.focus, direction) {
                    self.focus = next;
                }
                None
            }
        }
    }

    /// The question's card; `on_answer` is sent when a choice is clicked.
    pub fn view<'a, M: Clone + 'a>(
        &self,
        cx: Context<'a>,
        wording: Wording,
        on_answer: impl Fn(Choice) -> M,
    ) -> Element<'a, M> {
        let m = cx.m;
        let focused = |choice| cx.focused && self.focus == choice;
        let mut content = column![widget::strong(wording.title, size::TITLE, m)];
        if let Some(body) = wording.body {
            content = content.push(
                widget::label(body, size::BODY, m)
                    .width(m.px(900.0))
                    .align_x(Alignment::Center),
            );
        }
        if let Some(note) = wording.note {
            content = content.push(widget::dim(note, size::SMALL, m));
        }
        let choices = row![
            widget::action(
                wording.cancel,
                true,
                focused(Choice::Cancel),
                on_answer(Choice::Cancel),
                m
            ),
            widget::action(
                wording.confirm,
                false,
                focused(Choice::Confirm),
                on_answer(Choice::Confirm),
                m
            ),
        ]
        .spacing(m.px(size::GAP));
        card(
            content.push(space().height(m.px(size::GAP))).push(choices),
            cx,
        )
    }
}

/// `content` on a card in the middle of the dimmed screen, which takes no clicks meanwhile.
pub fn card<'a, M: 'a>(content: Column<'a, M>, cx: Context<'a>) -> Element<'a, M> {
    let m = cx.m;
    let card = container(
        content
            .spacing(m.px(size::GAP_SMALL))
            .align_x(Alignment::Center),
    )
    .padding(m.px(size::GAP * 2.0))
    .style(move |_| container::Style {
        background: Some(Background::Color(palette::SURFACE)),
        border: Border::default().rounded(m.px(size::RADIUS * 1.5)),
        ..container::Style::default()
    });
    opaque(
        iced::widget::center(card)
            .width(Length::Fill)
            .height(Length::Fill)
            .style(|_| container::Style {
                background: Some(Background::Color(Color {
                    a: 0.8,
                    ..palette::BACKGROUND
                })),
                ..container::Style::default()
            }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_safe_choice_comes_first_and_back_says_no() {
        let mut question = Question::new();
        assert_eq!(question.focus(), Choice::Cancel);
        assert_eq!(question.key(NavKey::Right), None);
        assert_eq!(question.focus(), Choice::Confirm);
        assert_eq!(question.key(NavKey::Right), None, "nothing further right");
        assert_eq!(question.focus(), Choice::Confirm);
        assert_eq!(question.key(NavKey::Back), Some(Choice::Cancel));
        assert_eq!(question.key(NavKey::Ok), Some(Choice::Confirm));
        question.key(NavKey::Left);
        assert_eq!(question.key(NavKey::Ok), Some(Choice::Cancel));
    }
}
