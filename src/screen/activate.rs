//! Activate: the code huge, the address with its host emphasised, a QR code, the time left as
//! a ring, what the poller is doing, and a safety line. Polling runs while this screen lives:
//! its abort handle is kept here, so leaving the screen stops it.

use std::time::{Duration, Instant};

use iced::task;
use iced::widget::{column, container, row, space};
use iced::{Alignment, Element, Length};

use super::{Context, Target};
use crate::format::{self, Address};
use crate::i18n::fl;
use crate::session::{CodeInfo, LoginEvent};
use crate::theme::{palette, size};
use crate::widget::{self, Qr};

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

/// Why the last sign-in in this TV's browser ended without signing in. The code beside it
/// still works, so this is a status line, not an error screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserEnd {
    /// Nobody finished signing in before the wait ran out.
    TimedOut,
    /// The browser could not be opened, or the sign-in failed (its short error code).
    Failed {
        /// The short error code, as shown.
        code: String,
    },
}

/// "Sign in on this TV": the authorization code flow in this TV's own browser, offered
/// beside the code when a browser can be opened here.
#[derive(Debug)]
pub enum BrowserOffer {
    /// No browser can be opened here.
    NotOffered,
    /// Offered; after an attempt that did not sign in, how it ended.
    Offered {
        /// How the last attempt ended; `None` before any, or after a cancel.
        ended: Option<BrowserEnd>,
    },
    /// The browser is open; dropping the handle stops waiting for it.
    Waiting(task::Handle),
}

/// The Activate screen: the code once it comes, the poller's status, the browser offer, and
/// the sign-in task it keeps alive.
#[derive(Debug)]
pub struct Activate {
    code: Option<CodeInfo>,
    /// The code and address as shown: cleaned, capped, grouped (built in `update`).
    shown: Option<Box<(String, Address)>>,
    qr: Option<Qr>,
    status: Status,
    browser: BrowserOffer,
    /// Aborts the sign-in task when dropped.
    _polling: Option<task::Handle>,
}

impl Activate {
    /// While the code is being requested by the task behind `polling`.
    pub fn new(polling: Option<task::Handle>, offer_browser: bool) -> Activate {
        Activate {
            code: None,
            shown: None,
            qr: None,
            status: Status::Requesting,
            browser: if offer_browser {
                BrowserOffer::Offered { ended: None }
            } else {
                BrowserOffer::NotOffered
            },
            _polling: polling,
        }
    }

    /// Whether "Sign in on this TV" is offered.
    pub fn offers_browser(&self) -> bool {
        !matches!(self.browser, BrowserOffer::NotOffered)
    }

    /// Whether a sign-in in this TV's browser is under way.
    pub fn browser_waiting(&self) -> bool {
        matches!(self.browser, BrowserOffer::Waiting(_))
    }

    /// The browser sign-in runs behind `handle`; the code keeps working meanwhile.
    pub fn wait_for_browser(&mut self, handle: task::Handle) {
        self.browser = BrowserOffer::Waiting(handle);
    }

    /// Stops waiting for the browser (cancelled when `ended` is `None`); offers it again.
    pub fn stop_browser(&mut self, ended: Option<BrowserEnd>) {
        if self.offers_browser() {
            self.browser = BrowserOffer::Offered { ended };
        }
    }

    /// The code on screen, once one came.
    pub fn code(&self) -> Option<&CodeInfo> {
        self.code.as_ref()
    }

    /// What the poller is doing.
    pub fn status(&self) -> Status {
        self.status
    }

    /// Takes a non-final sign-in event; the QR code is built here, never in `view`.
    pub fn on_event(&mut self, event: &LoginEvent) {
        match event {
            LoginEvent::Code(code) => {
                self.qr = Qr::new(&code.verification_uri_complete);
                self.shown = Some(Box::new((
                    format::user_code(&code.user_code),
                    Address::parse(&code.verification_uri),
                )));
                self.code = Some(code.clone());
                self.status = Status::Waiting;
            }
            LoginEvent::CodeUnavailable { retry_at, .. } => {
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

    /// Whether a countdown is on screen (the 1 Hz tick runs only then): the code's time
    /// left, or the wait before asking for a code again.
    pub fn counting_down(&self) -> bool {
        self.code.is_some() || matches!(self.status, Status::CodeUnavailable { .. })
    }

    /// The screen; `on_browser` is sent when "Sign in on this TV" (or its cancel) is pressed.
    pub fn view<'a, M: Clone + 'a>(&'a self, cx: Context<'a>, on_browser: M) -> Element<'a, M> {
        let (t, m) = (cx.t, cx.m);
        let title = widget::strong(fl!(t, "tv-activate-title"), size::TITLE, m);
        let (Some(code), Some(shown)) = (&self.code, &self.shown) else {
            // Trouble getting a code stays on this screen with the wait before the next try,
            // rather than flipping to an error screen and back.
            let waiting = match self.status {
                Status::CodeUnavailable { retry_at } => widget::label(
                    fl!(
                        t,
                        "tv-activate-no-code",
                        seconds = retry_at.saturating_duration_since(cx.now).as_secs()
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
        let (status_text, status_color) = match (&self.browser, self.status) {
            (_, status @ (Status::Offline { .. } | Status::SlowedDown(_))) => {
                (self.poller_status(cx, status), palette::WARNING)
            }
            (BrowserOffer::Waiting(_), _) => {
                (fl!(t, "tv-activate-browser-waiting"), palette::TEXT_DIM)
            }
            (BrowserOffer::Offered { ended: Some(ended) }, _) => {
                let text = match ended {
                    BrowserEnd::TimedOut => fl!(t, "tv-activate-browser-timed-out"),
                    BrowserEnd::Failed { code } => {
                        fl!(t, "tv-activate-browser-failed", code = code.clone())
                    }
                };
                (text, palette::TEXT_DIM)
            }
            (_, status) => (self.poller_status(cx, status), palette::TEXT_DIM),
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
            widget::user_code(user_code, m),
            space().height(m.px(size::GAP)).into(),
            widget::label(status_text, size::BODY, m)
                .color(status_color)
                .into(),
        ]);
        if self.offers_browser() {
            let caption = if self.browser_waiting() {
                fl!(t, "tv-activate-browser-cancel")
            } else {
                fl!(t, "tv-activate-browser")
            };
            let focused = cx.focus == Some(Target::Browser);
            left = left
                .push(space().height(m.px(size::GAP_SMALL)))
                .push(widget::action(caption, false, focused, on_browser, m));
        }
        let left = left.push(space().height(Length::Fill)).push(
            widget::label(fl!(t, "tv-activate-safety"), size::BODY, m).color(palette::WARNING),
        );
        self.with_qr_and_countdown(cx, code, left)
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
                seconds = retry_at.saturating_duration_since(cx.now).as_secs()
            ),
        }
    }

    /// The right column (QR code, ring and time left) beside `left`.
    fn with_qr_and_countdown<'a, M: 'a>(
        &'a self,
        cx: Context<'a>,
        code: &'a CodeInfo,
        left: iced::widget::Column<'a, M>,
    ) -> Element<'a, M> {
        let (t, m) = (cx.t, cx.m);
        let left_time = code.expires_at.saturating_duration_since(cx.now);
        let mut right = column![]
            .spacing(m.px(size::GAP_SMALL))
            .align_x(Alignment::Center)
            .width(m.px(size::QR_COLUMN));
        if let Some(qr) = &self.qr {
            right = right.push(qr.view(m)).push(
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
