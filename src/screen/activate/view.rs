//! How Activate looks: the code huge, the address with its host emphasised, the steps, the
//! status line, "Sign in on this TV", the QR code and the ring of time left.

use iced::widget::{column, container, row, space};
use iced::{Alignment, Element, Length};

use super::{Activate, Focus, Message, Purpose, Status};
use crate::i18n::fl;
use crate::screen::Context;
use crate::session::CodeInfo;
use crate::theme::{palette, size};
use crate::widget;

impl Activate {
    /// The screen.
    pub fn view<'a>(&'a self, cx: Context<'a>) -> Element<'a, Message> {
        let (t, m) = (cx.t, cx.m);
        let title = match self.purpose {
            Purpose::SignIn => fl!(t, "tv-activate-title"),
            Purpose::Renew => fl!(t, "tv-activate-renew-title"),
            Purpose::Add => fl!(t, "tv-activate-add-title"),
            Purpose::Again => fl!(t, "tv-activate-again-title"),
        };
        let title = widget::strong(title, size::TITLE, m);
        let (Some(code), Some(shown)) = (&self.code, &self.shown) else {
            // Trouble getting a code stays on this screen with the wait before the next try,
            // rather than flipping to an error screen and back.
            let waiting = match self.status {
                Status::CodeUnavailable { retry_at } => widget::label(
                    fl!(
                        t,
                        "tv-activate-no-code",
                        seconds = retry_at.saturating_duration_since(self.now).as_secs()
                    ),
                    size::HEADING,
                    m,
                )
                .color(palette::WARNING),
                _ => widget::dim(fl!(t, "tv-activate-requesting"), size::HEADING, m),
            };
            return column![title, waiting].spacing(m.px(size::GAP)).into();
        };
        let (user_code, address) = (&shown.0, &shown.1);
        // Trouble with the code's polling comes first: it is what the person can act on.
        let (status_text, status_color) = match (self.browser.status(t), self.status) {
            (_, status @ (Status::Offline { .. } | Status::SlowedDown(_))) => {
                (self.poller_status(cx, status), palette::WARNING)
            }
            _ if self.renewing => (fl!(t, "tv-activate-renewing"), palette::TEXT_DIM),
            _ if self.shows_new_code() => (fl!(t, "tv-activate-new-code"), palette::ACCENT),
            (Some(browser), _) => (browser, palette::TEXT_DIM),
            (None, status) => (self.poller_status(cx, status), palette::TEXT_DIM),
        };
        let mut left = column![
            title,
            space().height(m.px(size::GAP)),
            widget::label(fl!(t, "tv-activate-step-open"), size::BODY, m).color(palette::TEXT_DIM),
            widget::address(address, m),
        ]
        .spacing(m.px(8.0))
        .width(Length::Fill)
        .height(Length::Fill);
        if address.has_userinfo() {
            left = left.push(
                widget::label(
                    fl!(t, "tv-activate-userinfo", host = address.host.as_str()),
                    size::BODY,
                    m,
                )
                .color(palette::WARNING),
            );
        }
        left = left.extend([
            space().height(m.px(size::GAP_SMALL)).into(),
            widget::label(fl!(t, "tv-activate-step-code"), size::BODY, m)
                .color(palette::TEXT_DIM)
                .into(),
            widget::user_code(user_code, self.shown_alpha(), m),
            space().height(m.px(size::GAP)).into(),
            widget::label(status_text, size::BODY, m)
                .color(status_color)
                .into(),
        ]);
        let focused = |target| cx.focused && self.focus == Some(target);
        let browser = self.offers_browser().then(|| {
            widget::action(
                self.browser.caption(t),
                false,
                focused(Focus::Browser),
                Message::BrowserPressed,
                m,
            )
        });
        let read_aloud = self.offers_read_aloud().then(|| {
            widget::action(
                fl!(t, "tv-activate-read-aloud"),
                false,
                focused(Focus::ReadAloud),
                Message::ReadAloudPressed,
                m,
            )
        });
        let buttons: Vec<Element<'a, Message>> = browser.into_iter().chain(read_aloud).collect();
        if !buttons.is_empty() {
            left = left
                .push(space().height(m.px(size::GAP_SMALL)))
                .push(row(buttons).spacing(m.px(size::GAP)));
        }
        let mut left = left.push(space().height(Length::Fill)).push(
            widget::label(fl!(t, "tv-activate-safety"), size::BODY, m).color(palette::WARNING),
        );
        if self.demo {
            left = left.push(widget::dim(fl!(t, "tv-activate-demo"), size::SMALL, m));
        }
        self.with_qr_and_countdown(cx, code, left)
    }

    /// How visible the code and QR code are: fully, but while a new one fades in or an old
    /// one out.
    fn shown_alpha(&self) -> f32 {
        self.fade.interpolate(0.0, 1.0, self.now)
    }

    fn poller_status(&self, cx: Context<'_>, status: Status) -> String {
        let t = cx.t;
        match status {
            Status::Requesting | Status::Waiting | Status::CodeUnavailable { .. } => {
                fl!(t, "tv-activate-waiting")
            }
            Status::SlowedDown(interval) => {
                fl!(t, "tv-activate-slow-down", seconds = interval.as_secs())
            }
            Status::Offline { retry_at } => fl!(
                t,
                "tv-activate-offline",
                seconds = retry_at.saturating_duration_since(self.now).as_secs()
            ),
        }
    }

    /// The right column (QR code, ring and time left) beside `left`.
    fn with_qr_and_countdown<'a>(
        &'a self,
        cx: Context<'a>,
        code: &'a CodeInfo,
        left: iced::widget::Column<'a, Message>,
    ) -> Element<'a, Message> {
        let (t, m) = (cx.t, cx.m);
        let left_time = code.expires_at.saturating_duration_since(self.now);
        let mut right = column![]
            .spacing(m.px(size::GAP_SMALL))
            .align_x(Alignment::Center)
            .width(m.px(size::QR_COLUMN));
        if let Some(qr) = &self.qr {
            right = right
                .push(widget::faded(qr.view(m), self.shown_alpha()))
                .push(
                    widget::dim(fl!(t, "tv-activate-scan"), size::SMALL, m)
                        .width(Length::Fill)
                        .align_x(Alignment::Center),
                );
        }
        right = right.push(space().height(m.px(size::GAP))).push(
            row![
                widget::countdown(left_time, code.expires_in, m),
                widget::dim(fl!(t, "tv-activate-time-left"), size::BODY, m),
            ]
            .spacing(m.px(size::GAP))
            .align_y(Alignment::Center),
        );
        row![left, container(right).align_y(Alignment::Start)]
            .spacing(m.px(size::GAP * 2.0))
            .height(Length::Fill)
            .into()
    }
}
