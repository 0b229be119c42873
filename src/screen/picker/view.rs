//! How "Who's watching?" looks: the title, the row of profiles (each a round picture or
//! initials with the name under it, ringed when focused), "Add someone" last, and a hint.

use iced::widget::{button, column, container, row, text};
use iced::{Alignment, Background, Border, Color, Element, Length, Shadow};

use super::{Focus, Message, Picker};
use crate::format;
use crate::i18n::fl;
use crate::screen::Context;
use crate::session::MemberState;
use crate::theme::{FONT_STRONG, Metrics, palette, size};
use crate::widget;

/// The width the row may take: the screen inside its title-safe margins.
const ROW_WIDTH: f32 = 1920.0 - 2.0 * 96.0;
/// Room beside a picture for the name under it.
const NAME_ROOM: f32 = 80.0;

impl Picker {
    /// The screen.
    pub fn view<'a>(&'a self, cx: Context<'a>) -> Element<'a, Message> {
        let (t, m) = (cx.t, cx.m);
        let seats = self.members.len() + usize::from(self.offers_add());
        let (seat_width, side) = seat_size(seats);
        let focused = |target| cx.focused && self.focus == target;
        let mut row_items: Vec<Element<'a, Message>> = self
            .members
            .iter()
            .zip(&self.avatars)
            .enumerate()
            .map(|(i, (member, avatar))| {
                let name = format::name(member.person.display_name().unwrap_or_default());
                let shown_name = if name.is_empty() {
                    fl!(t, "tv-picker-unnamed")
                } else {
                    name.clone()
                };
                let picture = widget::avatar_sized(&name, avatar.as_ref(), side, m);
                let note = (member.state == MemberState::Ended)
                    .then(|| (fl!(t, "tv-picker-sign-in-again"), palette::WARNING));
                seat(
                    picture,
                    &shown_name,
                    note,
                    (seat_width, side),
                    focused(Focus::Seat(i)),
                    Message::SeatPressed(i),
                    m,
                )
            })
            .collect();
        if self.offers_add() {
            let plus = container(widget::strong("+", side * 0.5, m).color(palette::TEXT))
                .center(Length::Fixed(m.px(side)))
                .style(move |_| container::Style {
                    background: Some(Background::Color(palette::SURFACE_RAISED)),
                    border: Border::default().rounded(m.px(side) / 2.0),
                    ..container::Style::default()
                });
            row_items.push(seat(
                plus.into(),
                &fl!(t, "tv-picker-add"),
                None,
                (seat_width, side),
                focused(Focus::Add),
                Message::AddPressed,
                m,
            ));
        }
        let content = column![
            widget::strong(fl!(t, "tv-picker-title"), size::TITLE, m),
            row(row_items)
                .spacing(m.px(size::GAP))
                .align_y(Alignment::Start),
            widget::dim(fl!(t, "tv-picker-hint"), size::SMALL, m),
        ]
        .spacing(m.px(size::GAP * 2.0))
        .align_x(Alignment::Center);
        iced::widget::center(content)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }
}

/// A seat's width and its picture's side, in design pixels, for `seats` in the row: as large
/// as [`size::PICKER_AVATAR`], smaller when that many would not fit.
fn seat_size(seats: usize) -> (f32, f32) {
    let seats = seats.max(1) as f32;
    let fits = (ROW_WIDTH - size::GAP * (seats - 1.0)) / seats;
    let width = fits.min(size::PICKER_AVATAR + NAME_ROOM);
    let side = (width - NAME_ROOM / 2.0).min(size::PICKER_AVATAR);
    (width, side)
}

/// One profile (or "Add someone"): the picture in a ring that lights up when focused, the
/// name on one line under it, and a note under that.
fn seat<'a>(
    picture: Element<'a, Message>,
    name: &str,
    note: Option<(String, Color)>,
    (width, side): (f32, f32),
    focused: bool,
    on_press: Message,
    m: Metrics,
) -> Element<'a, Message> {
    let ring = m.px(size::FOCUS_RING);
    let gap = m.px(size::FOCUS_RING);
    let ringed = container(picture)
        .padding(ring + gap)
        .style(move |_| container::Style {
            border: widget::focus_ring(focused, m.px(side) / 2.0 + ring + gap, m),
            ..container::Style::default()
        });
    let name_size = m.px(size::BODY);
    let name_line = widget::strong(
        widget::one_line(name, FONT_STRONG, name_size, m.px(width)),
        size::BODY,
        m,
    )
    .color(if focused {
        palette::FOCUS
    } else {
        palette::TEXT
    })
    .wrapping(text::Wrapping::None);
    let mut body = column![ringed, name_line]
        .spacing(m.px(size::GAP_SMALL))
        .align_x(Alignment::Center)
        .width(m.px(width));
    if let Some((note, color)) = note {
        body = body.push(widget::label(note, size::SMALL, m).color(color));
    }
    button(body)
        .padding(0)
        .on_press(on_press)
        .style(|_, _| button::Style {
            background: None,
            text_color: palette::TEXT,
            border: Border::default(),
            shadow: Shadow::default(),
            snap: true,
        })
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_row_fits_inside_the_margins() {
        for seats in 1..=crate::session::MAX_PROFILES + 1 {
            let (width, side) = seat_size(seats);
            let total = width * seats as f32 + size::GAP * (seats as f32 - 1.0);
            assert!(total <= ROW_WIDTH + 0.01, "{seats} seats take {total}");
            assert!((120.0..=size::PICKER_AVATAR).contains(&side), "{side}");
        }
        assert_eq!(seat_size(3).1, size::PICKER_AVATAR);
    }
}
