//! How Home looks: the header (picture, greeting, status line, account button), the row of
//! tiles, and the dialog over it (the sign-out question, an item's card).

use iced::widget::{column, container, image, row, space};
use iced::{Alignment, Element, Length};

use super::{Dialog, Focus, Freshness, Home, Message, VISIBLE_TILES};
use crate::format;
use crate::i18n::fl;
use crate::screen::Context;
use crate::screen::dialog::{self, Wording};
use crate::theme::{palette, size};
use crate::widget;

impl Home {
    /// The screen (its dialog is drawn by [`Home::overlay`]).
    pub fn view<'a>(&'a self, cx: Context<'a>) -> Element<'a, Message> {
        let (t, m) = (cx.t, cx.m);
        // Under a dialog, nothing on the screen shows the focus.
        let focused = |target| cx.focused && self.dialog.is_none() && self.focus == target;
        let greeting = match self.profile.display_name() {
            Some(name) => fl!(t, "tv-home-greeting", name = format::name(name)),
            None => fl!(t, "tv-home-greeting-unnamed"),
        };
        let mut who = column![widget::strong(greeting, size::HEADING, m)];
        if let Some(email) = &self.profile.email {
            who = who.push(widget::dim(format::name(email), size::SMALL, m));
        }
        let status = match &self.freshness {
            Freshness::Loading if self.items.is_empty() => {
                Some((fl!(t, "tv-home-loading"), palette::TEXT_DIM))
            }
            Freshness::Offline => Some((fl!(t, "tv-home-offline"), palette::WARNING)),
            Freshness::Stale(code) => Some((
                fl!(t, "tv-home-stale", code = code.as_str()),
                palette::WARNING,
            )),
            _ if self.signing_out => Some((fl!(t, "tv-signing-out"), palette::TEXT_DIM)),
            _ => None,
        };
        if let Some((text, color)) = status {
            who = who.push(widget::label(text, size::SMALL, m).color(color));
        }
        if let Some(offset) = self.standing.and_then(|s| s.clock_off) {
            who = who.push(
                widget::label(format::clock_off(t, offset), size::SMALL, m).color(palette::WARNING),
            );
        }
        let header = row![
            widget::avatar(
                &format::name(self.profile.display_name().unwrap_or_default()),
                self.avatar.as_ref(),
                m
            ),
            who.spacing(m.px(4.0)).width(Length::Fill),
            widget::action(
                fl!(t, "tv-home-switch"),
                false,
                focused(Focus::Switch),
                Message::SwitchPressed,
                m
            ),
            widget::action(
                fl!(t, "tv-home-help"),
                false,
                focused(Focus::Help),
                Message::HelpPressed,
                m
            ),
            widget::action(
                fl!(t, "tv-home-account"),
                false,
                focused(Focus::Account),
                Message::AccountPressed,
                m
            ),
        ]
        .spacing(m.px(size::GAP))
        .align_y(Alignment::Center);

        let tiles: Vec<Element<'a, Message>> = self
            .items
            .iter()
            .enumerate()
            .skip(self.first)
            .take(VISIBLE_TILES)
            .map(|(i, item)| {
                widget::tile(
                    &item.title,
                    &item.subtitle,
                    item.image.as_ref(),
                    focused(Focus::Tile(i)),
                    Message::TilePressed(i),
                    m,
                )
            })
            .collect();
        let mut shelf = column![widget::strong(fl!(t, "tv-home-library"), size::HEADING, m)]
            .spacing(m.px(size::GAP_SMALL));
        if self.items.is_empty() && self.freshness != Freshness::Loading {
            shelf = shelf.push(widget::dim(fl!(t, "tv-home-empty"), size::BODY, m));
        }
        shelf = shelf.push(row(tiles).spacing(m.px(size::GAP)));
        let hidden = self.items.len().saturating_sub(self.first + VISIBLE_TILES);
        if hidden > 0 {
            shelf = shelf.push(widget::dim(
                fl!(t, "tv-home-more", count = hidden),
                size::SMALL,
                m,
            ));
        }
        let mut page = column![header];
        if let Some(banner) = self.renewal_banner(cx) {
            page = page.push(space().height(m.px(size::GAP))).push(banner);
        }
        page.push(space().height(Length::Fill))
            .push(container(shelf))
            .push(space().height(Length::Fill))
            .height(Length::Fill)
            .into()
    }

    /// In the session's last days: when it ends, and "Renew now".
    fn renewal_banner<'a>(&'a self, cx: Context<'a>) -> Option<Element<'a, Message>> {
        let (t, m) = (cx.t, cx.m);
        let end = self.standing.filter(|s| s.renewal_due)?.ends_at?;
        let focused = cx.focused && self.dialog.is_none() && self.focus == Focus::Renew;
        let text = fl!(t, "tv-home-renewal-due", date = format::date(t, end));
        let row = row![
            widget::label(text, size::BODY, m).width(Length::Fill),
            widget::action(
                fl!(t, "tv-home-renew"),
                true,
                focused,
                Message::RenewPressed,
                m
            ),
        ]
        .spacing(m.px(size::GAP))
        .align_y(Alignment::Center);
        Some(
            container(row)
                .padding([m.px(size::GAP_SMALL), m.px(size::GAP)])
                .width(Length::Fill)
                .style(move |_| container::Style {
                    background: Some(iced::Background::Color(palette::SURFACE)),
                    border: iced::Border::default().rounded(m.px(size::RADIUS)),
                    ..container::Style::default()
                })
                .into(),
        )
    }

    /// The dialog over the whole window (not inset like the screen), if one is open.
    pub fn overlay<'a>(&'a self, cx: Context<'a>) -> Option<Element<'a, Message>> {
        let (t, m) = (cx.t, cx.m);
        match self.dialog.as_ref()? {
            Dialog::SignOut(question) => {
                let (title, body) = match self.profile.display_name() {
                    Some(name) => (
                        fl!(t, "tv-sign-out-title", name = format::name(name)),
                        fl!(t, "tv-sign-out-body", name = format::name(name)),
                    ),
                    None => (
                        fl!(t, "tv-sign-out-title-unnamed"),
                        fl!(t, "tv-sign-out-body-unnamed"),
                    ),
                };
                let until = self
                    .standing
                    .and_then(|s| s.ends_at)
                    .map(|end| fl!(t, "tv-signed-in-until", date = format::date(t, end)));
                let wording = Wording {
                    title,
                    body: Some(body),
                    note: until,
                    cancel: fl!(t, "tv-cancel"),
                    confirm: fl!(t, "tv-sign-out-confirm"),
                };
                Some(question.view(cx, wording, Message::SignOutAnswered))
            }
            Dialog::Item(i) => {
                let (title, subtitle, poster) = match self.items.get(*i) {
                    Some(item) => (item.title.as_str(), item.subtitle.as_str(), &item.image),
                    None => ("", "", &None),
                };
                let mut card = column![];
                if let Some(poster) = poster {
                    card = card.push(image(poster.clone()).width(m.px(640.0)).height(m.px(360.0)));
                }
                let card = card
                    .push(widget::strong(title, size::TITLE, m))
                    .push(widget::dim(subtitle, size::BODY, m))
                    .push(space().height(m.px(size::GAP)))
                    .push(widget::action(
                        fl!(t, "tv-item-close"),
                        true,
                        cx.focused,
                        Message::CardClosed,
                        m,
                    ));
                Some(dialog::card(card, cx))
            }
        }
    }
}
