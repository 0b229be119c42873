//! Diagnostics, over any screen (Info, Menu, Help or F1 on the remote; "Help" on Home): what
//! someone helping needs to see when a sign-in is stuck. Never a token, never a secret. Back
//! returns where you were: the screen under it is left as it was.

use std::sync::Arc;
use std::time::Duration;

use i18n_embed::fluent::FluentLanguageLoader;
use iced::widget::{Column, column, container, opaque, row, space, text};
use iced::{Background, Element, Length, Task};

use super::Context;
use crate::format;
use crate::i18n::fl;
use crate::session::{Account, Reachability, Report, Summary};
use crate::theme::{palette, size};
use crate::widget;

/// What the shell noticed before the screen opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    /// The last error's short code, and how long ago it came.
    pub last_error: Option<(String, Duration)>,
    /// Polls answered for the code on screen, and the interval in force.
    pub polls: Option<(u32, Duration)>,
}

/// What the screen reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// The report was gathered.
    Gathered(Box<Report>),
}

/// The diagnostics screen: what the shell noticed, and the report once gathered.
#[derive(Debug)]
pub struct Diagnostics {
    findings: Findings,
    report: Option<Box<Report>>,
}

impl Diagnostics {
    /// Opens with what the shell noticed, and the task gathering the rest.
    pub fn open(account: Arc<Account>, findings: Findings) -> (Diagnostics, Task<Message>) {
        let gather = Task::perform(async move { Box::new(account.report().await) }, |report| {
            Message::Gathered(report)
        });
        (
            Diagnostics {
                findings,
                report: None,
            },
            gather,
        )
    }

    /// Takes the gathered report.
    pub fn update(&mut self, message: Message) {
        match message {
            Message::Gathered(report) => self.report = Some(report),
        }
    }

    /// The report, once gathered.
    pub fn report(&self) -> Option<&Report> {
        self.report.as_deref()
    }

    /// The whole window, opaque, over the screen.
    pub fn view<'a, M: 'a>(&'a self, cx: Context<'a>) -> Element<'a, M> {
        let (t, m) = (cx.t, cx.m);
        let mut page = column![
            widget::strong(fl!(t, "tv-diag-title"), size::TITLE, m),
            widget::dim(fl!(t, "tv-diag-hint"), size::SMALL, m),
            space().height(m.px(size::GAP)),
        ]
        .spacing(m.px(8.0));
        page = match &self.report {
            None => page.push(widget::dim(fl!(t, "tv-diag-gathering"), size::BODY, m)),
            Some(report) => {
                let [left, right] = sections(t, report, &self.findings);
                page.push(
                    row![column_of(left, cx), column_of(right, cx)].spacing(m.px(size::GAP * 2.0)),
                )
            }
        };
        opaque(
            container(page)
                .padding(m.safe_area())
                .width(Length::Fill)
                .height(Length::Fill)
                .style(|_| container::Style {
                    background: Some(Background::Color(palette::BACKGROUND)),
                    ..container::Style::default()
                }),
        )
    }
}

/// A section: its heading and its rows (label, value).
type Section = (String, Vec<(String, String)>);

/// The report in words, in two columns of sections.
pub fn sections(
    t: &FluentLanguageLoader,
    report: &Report,
    findings: &Findings,
) -> [Vec<Section>; 2] {
    let none = || fl!(t, "tv-diag-none");
    let this_tv = (
        fl!(t, "tv-diag-this-tv"),
        vec![
            (fl!(t, "tv-diag-version"), report.version.to_string()),
            (
                fl!(t, "tv-diag-profiles"),
                usize::from(report.session.is_some()).to_string(),
            ),
            (fl!(t, "tv-diag-clock"), clock(t, report)),
            (
                fl!(t, "tv-diag-config-file"),
                report.config_file.display().to_string(),
            ),
            (
                fl!(t, "tv-diag-session-file"),
                report.session_file.display().to_string(),
            ),
        ],
    );
    let provider = (
        fl!(t, "tv-diag-provider"),
        vec![
            (fl!(t, "tv-diag-host"), report.provider_host.clone()),
            (fl!(t, "tv-diag-client-id"), report.client_id.clone()),
            (fl!(t, "tv-diag-scope"), report.scope.clone()),
            (
                fl!(t, "tv-diag-audience"),
                report.audience.clone().unwrap_or_else(none),
            ),
            (fl!(t, "tv-diag-network"), network(t, &report.reachability)),
        ],
    );
    let endpoints = (
        fl!(t, "tv-diag-endpoints"),
        if report.endpoints.is_empty() {
            vec![(fl!(t, "tv-diag-endpoints-unknown"), none())]
        } else {
            report
                .endpoints
                .iter()
                .map(|e| {
                    let url = if e.configured {
                        fl!(t, "tv-diag-configured", url = e.url.as_str())
                    } else {
                        e.url.clone()
                    };
                    (e.name.to_string(), url)
                })
                .collect()
        },
    );
    let sign_in = (
        fl!(t, "tv-diag-sign-in"),
        sign_in(t, report.session.as_ref(), report.dpop_bound, findings),
    );
    [vec![this_tv, provider], vec![endpoints, sign_in]]
}

fn clock(t: &FluentLanguageLoader, report: &Report) -> String {
    match report.clock_offset {
        Some(offset) if offset.is_reportable() => format::clock_off(t, offset),
        Some(_) => fl!(t, "tv-diag-clock-ok"),
        None => fl!(t, "tv-diag-clock-unknown"),
    }
}

fn network(t: &FluentLanguageLoader, reachability: &Reachability) -> String {
    match reachability {
        Reachability::Answered(rtt) => {
            let ms = u64::try_from(rtt.as_millis()).unwrap_or(u64::MAX);
            fl!(t, "tv-diag-network-ok", ms = ms)
        }
        Reachability::Failed(code) => fl!(t, "tv-diag-network-failed", code = code.as_str()),
    }
}

/// The last error, the polls, and the session's times (relative to the provider's now).
fn sign_in(
    t: &FluentLanguageLoader,
    session: Option<&Summary>,
    bound: bool,
    findings: &Findings,
) -> Vec<(String, String)> {
    let none = || fl!(t, "tv-diag-none");
    let ago = |seconds: u64| {
        fl!(
            t,
            "tv-diag-ago",
            duration = format::human_duration(t, seconds)
        )
    };
    let mut rows = vec![
        (
            fl!(t, "tv-diag-last-error"),
            findings
                .last_error
                .as_ref()
                .map_or_else(none, |(code, since)| {
                    fl!(
                        t,
                        "tv-diag-last-error-value",
                        code = code.as_str(),
                        ago = ago(since.as_secs())
                    )
                }),
        ),
        (
            fl!(t, "tv-diag-polls"),
            findings.polls.map_or_else(none, |(count, interval)| {
                fl!(
                    t,
                    "tv-diag-polls-value",
                    count = count,
                    seconds = interval.as_secs()
                )
            }),
        ),
    ];
    let Some(s) = session else {
        rows.push((fl!(t, "tv-diag-session"), fl!(t, "tv-diag-signed-out")));
        return rows;
    };
    let relative = |at: u64| {
        if at >= s.as_of {
            fl!(
                t,
                "tv-diag-in",
                duration = format::human_duration(t, at - s.as_of)
            )
        } else {
            ago(s.as_of - at)
        }
    };
    rows.push((fl!(t, "tv-diag-issued"), relative(s.signed_in_at)));
    rows.push((
        fl!(t, "tv-diag-tokens"),
        if bound {
            fl!(t, "tv-diag-tokens-bound")
        } else {
            fl!(t, "tv-diag-tokens-bearer")
        },
    ));
    rows.push((
        fl!(t, "tv-diag-refreshed"),
        s.refreshed_at.map_or_else(none, relative),
    ));
    rows.push((
        fl!(t, "tv-diag-access-expires"),
        s.access_token_expires_at.map_or_else(none, relative),
    ));
    rows.push((
        fl!(t, "tv-diag-session-ends"),
        s.session_ends_at.map_or_else(none, |end| {
            format!("{} ({})", format::date(t, end), relative(end))
        }),
    ));
    rows
}

/// A column of sections: each heading, then its rows as label over value.
fn column_of<'a, M: 'a>(sections: Vec<Section>, cx: Context<'a>) -> Column<'a, M> {
    let m = cx.m;
    let mut column = column![].spacing(m.px(6.0)).width(Length::Fill);
    for (heading, rows) in sections {
        column = column
            .push(space().height(m.px(size::GAP_SMALL)))
            .push(widget::strong(heading, size::BODY, m).color(palette::ACCENT));
        for (label, value) in rows {
            column = column.push(
                row![
                    widget::dim(label, size::SMALL, m).width(m.px(300.0)),
                    widget::label(value, size::SMALL, m)
                        .wrapping(text::Wrapping::WordOrGlyph)
                        .width(Length::Fill),
                ]
                .spacing(m.px(size::GAP_SMALL)),
            );
        }
    }
    column
}
