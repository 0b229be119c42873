//! Home: who is signed in (picture or initials), the protected API's items as a row of
//! focusable tiles, and the account button that leads to sign-out. Shown at once from the
//! cached profile and items, refreshed in the background.

use std::time::Duration;

use iced::task;
use iced::widget::{column, container, image, row, space};
use iced::{Alignment, Element, Length, Point};

use super::{Context, Target};
use crate::format;
use crate::i18n::fl;
use crate::session::{Backoff, Jitter, Profile};
use crate::theme::{palette, size};
use crate::widget;

/// The interval Home's retries double from after a refresh that could not be made (the
/// first wait is two of them, spread ±20 %).
pub const HOME_RETRY_INTERVAL: Duration = Duration::from_secs(15);

/// Tiles in view at once; focus moving past the edge scrolls the row.
pub const VISIBLE_TILES: usize = 5;

/// One item of the home row, as shown: text cleaned for the screen, its poster if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The title, cleaned and capped.
    pub title: String,
    /// The line under the title, cleaned and capped.
    pub subtitle: String,
    /// The poster, scaled for the tile; `None` until loaded, or when there is none.
    pub image: Option<image::Handle>,
}

/// How fresh the items are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// The first refresh since the screen came up is under way.
    Loading,
    /// Just refreshed from the API.
    Fresh,
    /// The network is down: the saved items are shown.
    Offline,
    /// The refresh failed for another reason (a short code).
    Stale(String),
}

/// The Home screen: who is signed in, their items, and how fresh they are.
#[derive(Debug)]
pub struct Home {
    /// Who is signed in.
    pub profile: Profile,
    /// The library, in the order shown.
    pub items: Vec<Item>,
    /// The person's picture, once loaded.
    pub avatar: Option<image::Handle>,
    /// How fresh `items` are, said in the status line.
    pub freshness: Freshness,
    /// A sign-out is under way, said in the status line.
    pub signing_out: bool,
    /// The first tile in view.
    first: usize,
    /// Retries of the refresh, spread so a fleet does not return in step.
    backoff: Backoff,
    /// The pending retry's timer: replaced by a newer one, dropped with this screen.
    retry: Option<task::Handle>,
}

impl Home {
    /// Home for `profile` with the items saved last time (maybe none), a refresh to come.
    pub fn new(profile: Profile, items: Vec<Item>) -> Home {
        Home {
            profile,
            items,
            avatar: None,
            freshness: Freshness::Loading,
            signing_out: false,
            first: 0,
            backoff: Backoff::new(Jitter::random()),
            retry: None,
        }
    }

    /// The refresh worked: the next failure starts its retries afresh.
    pub fn refreshed(&mut self) {
        self.backoff.reset();
        self.retry = None;
    }

    /// The wait before the next retry (at least what the server asked for).
    pub fn next_retry(&mut self, asked: Option<Duration>) -> Duration {
        self.backoff.next(HOME_RETRY_INTERVAL, asked)
    }

    /// Keeps the retry timer running behind `handle` (aborting any earlier one).
    pub fn retry_later(&mut self, handle: task::Handle) {
        self.retry = Some(handle);
    }

    /// Keeps the focused tile in view.
    pub fn reveal(&mut self, focus: Option<Target>) {
        if let Some(Target::Tile(i)) = focus {
            if i < self.first {
                self.first = i;
            } else if i >= self.first + VISIBLE_TILES {
                self.first = i + 1 - VISIBLE_TILES;
            }
        }
    }

    /// Where focus starts: the first tile in view, or the account button when there are no
    /// items.
    pub fn default_focus(&self) -> Target {
        if self.items.is_empty() {
            Target::Account
        } else {
            Target::Tile(self.first)
        }
    }

    /// Centres in design pixels: the account button top right, the tiles in a row. Tiles out
    /// of view are reachable too, laid out beyond the edge.
    pub fn focusables(&self) -> Vec<(Target, Point)> {
        let mut items = vec![(Target::Account, Point::new(1700.0, 110.0))];
        let pitch = size::TILE_WIDTH + size::GAP;
        for i in 0..self.items.len() {
            let column = i as f32 - self.first as f32;
            items.push((
                Target::Tile(i),
                Point::new(96.0 + size::TILE_WIDTH / 2.0 + column * pitch, 620.0),
            ));
        }
        items
    }

    /// The screen; `on_press` makes the message for a pressed tile or the account button.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        cx: Context<'a>,
        on_press: impl Fn(Target) -> M,
    ) -> Element<'a, M> {
        let (t, m) = (cx.t, cx.m);
        let greeting = match self.profile.display_name() {
            Some(name) => fl!(t, "tv-home-greeting", name = crate::format::name(name)),
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
        let header = row![
            widget::avatar(
                &crate::format::name(self.profile.display_name().unwrap_or_default()),
                self.avatar.as_ref(),
                m
            ),
            who.spacing(m.px(4.0)).width(Length::Fill),
            widget::action(
                fl!(t, "tv-home-account"),
                false,
                cx.focus == Some(Target::Account),
                on_press(Target::Account),
                m
            ),
        ]
        .spacing(m.px(size::GAP))
        .align_y(Alignment::Center);

        let tiles: Vec<Element<'a, M>> = self
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
                    cx.focus == Some(Target::Tile(i)),
                    on_press(Target::Tile(i)),
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
        column![
            header,
            space().height(Length::Fill),
            container(shelf),
            space().height(Length::Fill)
        ]
        .height(Length::Fill)
        .into()
    }
}
