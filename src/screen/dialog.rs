//! Questions over a screen: exit the app, sign out, an item's card. The safe choice has focus
//! first; Back closes the dialog.

use iced::widget::{column, container, image, opaque, row, space};
use iced::{Alignment, Background, Border, Color, Element, Length};

use super::{Context, Target};
use crate::i18n::fl;
use crate::theme::{palette, size};
use crate::widget;

/// A question over the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// Leave the app?
    Exit,
    /// Sign out of this TV?
    SignOut,
    /// The card of a home item.
    Item(usize),
}

impl Dialog {
    /// The dialog's focusable elements and their centres, in design pixels.
    pub fn targets(&self) -> Vec<(Target, iced::Point)> {
        match self {
            Dialog::Exit | Dialog::SignOut => vec![
                (Target::Cancel, iced::Point::new(820.0, 640.0)),
                (Target::Confirm, iced::Point::new(1100.0, 640.0)),
            ],
            Dialog::Item(_) => vec![(Target::Cancel, iced::Point::new(960.0, 700.0))],
        }
    }

    /// Where focus starts: the safe choice.
    pub fn default_focus(&self) -> Target {
        Target::Cancel
    }

    /// The card over a dimmed screen.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        cx: Context<'a>,
        name: &str,
        item: Option<(&str, &str, Option<&image::Handle>)>,
        on_press: impl Fn(Target) -> M,
    ) -> Element<'a, M> {
        let (t, m) = (cx.t, cx.m);
        let focused = |target| cx.focus == Some(target);
        let card = match self {
            Dialog::Exit => column![
                widget::strong(fl!(t, "tv-exit-title"), size::TITLE, m),
                space().height(m.px(size::GAP)),
                row![
                    widget::action(
                        fl!(t, "tv-exit-stay"),
                        true,
                        focused(Target::Cancel),
                        on_press(Target::Cancel),
                        m
                    ),
                    widget::action(
                        fl!(t, "tv-exit-confirm"),
                        false,
                        focused(Target::Confirm),
                        on_press(Target::Confirm),
                        m
                    ),
                ]
                .spacing(m.px(size::GAP)),
            ],
            Dialog::SignOut => column![
                widget::strong(fl!(t, "tv-sign-out-title"), size::TITLE, m),
                widget::label(
                    if name.is_empty() {
                        fl!(t, "tv-sign-out-body-unnamed")
                    } else {
                        fl!(t, "tv-sign-out-body", name = crate::format::name(name))
                    },
                    size::BODY,
                    m
                )
                .width(m.px(900.0))
                .align_x(Alignment::Center),
                space().height(m.px(size::GAP)),
                row![
                    widget::action(
                        fl!(t, "tv-cancel"),
                        true,
                        focused(Target::Cancel),
                        on_press(Target::Cancel),
                        m
                    ),
                    widget::action(
                        fl!(t, "tv-sign-out-confirm"),
                        false,
                        focused(Target::Confirm),
                        on_press(Target::Confirm),
                        m
                    ),
                ]
                .spacing(m.px(size::GAP)),
            ],
            Dialog::Item(_) => {
                let (title, subtitle, poster) = item.unwrap_or(("", "", None));
                let mut card = column![];
                if let Some(handle) = poster {
                    card = card.push(image(handle.clone()).width(m.px(640.0)).height(m.px(360.0)));
                }
                card.push(widget::strong(title.to_string(), size::TITLE, m))
                    .push(widget::dim(subtitle.to_string(), size::BODY, m))
                    .push(space().height(m.px(size::GAP)))
                    .push(widget::action(
                        fl!(t, "tv-item-close"),
                        true,
                        focused(Target::Cancel),
                        on_press(Target::Cancel),
                        m,
                    ))
            }
        };
        let card = container(
            card.spacing(m.px(size::GAP_SMALL))
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
}
