//! Home: who is signed in (picture or initials), the protected API's items as a row of
//! focusable tiles, and the account button that leads to sign-out. Shown at once from the
//! cached profile and items, refreshed in the background; a refresh that cannot be made is
//! retried later, the timer kept here. Its dialogs (sign out, an item's card) live here too.

mod library;
mod standing;
mod view;

use std::sync::Arc;
use std::time::Duration;

use iced::widget::image;
use iced::{Point, Task, task};

pub use library::{Item, Loaded, cached, load};
pub use standing::Standing;

use super::Notice;
use super::dialog::{Choice, Question};
use crate::nav::{self, NavKey};
use crate::session::{Account, Backoff, ErrorKind, Jitter, Profile, ProfileId, SessionError};
use crate::theme::size;

/// The interval Home's retries double from after a refresh that could not be made (the
/// first wait is two of them, spread ±20 %).
pub const HOME_RETRY_INTERVAL: Duration = Duration::from_secs(15);

/// Tiles in view at once; focus moving past the edge scrolls the row.
pub const VISIBLE_TILES: usize = 5;

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

/// A focusable element of Home.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The account button, which leads to sign-out.
    Account,
    /// A library tile.
    Tile(usize),
    /// "Renew now" on the banner shown in the session's last days.
    Renew,
    /// "Help", beside the account button: the diagnostics.
    Help,
    /// "Switch profile": who's watching.
    Switch,
}

/// A dialog over Home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// Remove this profile from this TV (its sign-out)?
    SignOut(Question),
    /// The card of a library item, its Close button focused.
    Item(usize),
}

/// What Home reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// A remote key.
    Nav(NavKey),
    /// The account button was clicked.
    AccountPressed,
    /// A tile was clicked.
    TilePressed(usize),
    /// A choice of the sign-out question was clicked.
    SignOutAnswered(Choice),
    /// The item card's Close was clicked.
    CardClosed,
    /// The refresh from the protected API came back.
    LibraryLoaded(Result<Loaded, SessionError>),
    /// The wait before refreshing again is over.
    RetryDue,
    /// The session was forgotten here (whether someone was signed in).
    SignedOut(Result<bool, SessionError>),
    /// Where the session stands was read.
    StandingRead(Option<Standing>),
    /// "Renew now" was clicked.
    RenewPressed,
    /// "Help" was clicked.
    HelpPressed,
    /// "Switch profile" was clicked.
    SwitchPressed,
    /// An answer of Home's work for this profile: dropped by another profile's Home (the
    /// work outlives the screen that started it).
    Of(ProfileId, Box<Message>),
}

/// What Home asks of the shell.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Run this work for the screen.
    Run(Task<Message>),
    /// The profile was removed from this TV: on to whoever is left.
    Removed,
    /// The provider ended this profile's session: say so, by name.
    Ended,
    /// Who's watching: pick another profile, or add someone.
    SwitchProfile,
    /// Renew the session before it ends: the same person signs in again with a code.
    Renew,
    /// Show this notice instead of Home.
    Show(Notice),
    /// Back with nothing to close: ask whether to leave the app.
    AskToExit,
    /// Open the diagnostics.
    ShowHelp,
}

/// The Home screen: who is signed in, their items, how fresh they are, the focus and the
/// dialog over it.
#[derive(Debug)]
pub struct Home {
    account: Arc<Account>,
    profile: Profile,
    items: Vec<Item>,
    avatar: Option<image::Handle>,
    freshness: Freshness,
    signing_out: bool,
    /// Where the session stands, once read.
    standing: Option<Standing>,
    focus: Focus,
    dialog: Option<Dialog>,
    /// The first tile in view.
    first: usize,
    /// Retries of the refresh, spread so a fleet does not return in step.
    backoff: Backoff,
    /// The pending retry: its wait, and its timer (replaced by a newer one, dropped with
    /// this screen).
    retry: Option<(Duration, task::Handle)>,
}

impl Home {
    /// Home for `profile` with the items saved last time (maybe none), and the refresh that
    /// brings them up to date.
    pub fn new(account: Arc<Account>, profile: Profile, items: Vec<Item>) -> (Home, Task<Message>) {
        let mut home = Home {
            account,
            profile,
            items,
            avatar: None,
            freshness: Freshness::Loading,
            signing_out: false,
            standing: None,
            focus: Focus::Account,
            dialog: None,
            first: 0,
            backoff: Backoff::new(Jitter::random()),
            retry: None,
        };
        home.focus = home.default_focus();
        let refresh = Task::batch([home.refresh(), home.read_standing()]);
        (home, refresh)
    }

    /// The refresh from the protected API. Not aborted when the screen goes (a refresh
    /// token rotated at the provider must still be saved): its answer says whose it is.
    fn refresh(&self) -> Task<Message> {
        let of = self.account.profile_id();
        Task::perform(load(self.account.clone()), move |loaded| {
            Message::Of(of.clone(), Box::new(Message::LibraryLoaded(loaded)))
        })
    }

    /// Reads where the session stands; the answer says whose it is.
    fn read_standing(&self) -> Task<Message> {
        let of = self.account.profile_id();
        Task::perform(standing::read(self.account.clone()), move |standing| {
            Message::Of(of.clone(), Box::new(Message::StandingRead(standing)))
        })
    }

    /// Who is signed in.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The library, in the order shown.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The person's picture, once loaded.
    pub fn avatar(&self) -> Option<&image::Handle> {
        self.avatar.as_ref()
    }

    /// How fresh the items are.
    pub fn freshness(&self) -> &Freshness {
        &self.freshness
    }

    /// Whether a sign-out is under way.
    pub fn signing_out(&self) -> bool {
        self.signing_out
    }

    /// Where the session stands, once read.
    pub fn standing(&self) -> Option<Standing> {
        self.standing
    }

    /// The focused element (under the dialog, if one is open).
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The dialog over Home, if one is open.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// The wait before the planned retry of the refresh, if one is planned.
    pub fn retrying_in(&self) -> Option<Duration> {
        self.retry.as_ref().map(|(wait, _)| *wait)
    }

    /// Keys, clicks, and the results of Home's work.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Of(profile, message) if profile == self.account.profile_id() => {
                self.update(*message)
            }
            Message::Of(..) => Action::None,
            Message::Nav(key) => match &mut self.dialog {
                Some(Dialog::SignOut(question)) => match question.key(key) {
                    Some(choice) => self.answer_sign_out(choice),
                    None => Action::None,
                },
                Some(Dialog::Item(_)) => {
                    if matches!(key, NavKey::Ok | NavKey::Back) {
                        self.dialog = None;
                    }
                    Action::None
                }
                None => self.navigate(key),
            },
            Message::AccountPressed => self.press(Focus::Account),
            Message::TilePressed(i) => self.press(Focus::Tile(i)),
            Message::SignOutAnswered(choice) => self.answer_sign_out(choice),
            Message::CardClosed => {
                self.dialog = None;
                Action::None
            }
            Message::LibraryLoaded(result) => self.library_loaded(result),
            Message::RetryDue => {
                self.retry = None;
                Action::Run(self.refresh())
            }
            // Signed out here; the revocation goes out on its own (what does not is retried
            // by the next online command). Back to a new code.
            Message::SignedOut(Ok(_)) => Action::Removed,
            // The session could not be forgotten (a full or read-only disk): say so rather
            // than show a code while the next launch would sign in silently.
            Message::SignedOut(Err(error)) => Action::Show(Notice::from_error(&error)),
            Message::StandingRead(standing) => {
                self.standing = standing;
                if self.focus == Focus::Renew && !self.offers_renewal() {
                    self.focus = self.default_focus();
                }
                Action::None
            }
            Message::RenewPressed => self.press(Focus::Renew),
            Message::HelpPressed => self.press(Focus::Help),
            Message::SwitchPressed => self.press(Focus::Switch),
        }
    }

    fn navigate(&mut self, key: NavKey) -> Action {
        match key {
            NavKey::Back => Action::AskToExit,
            NavKey::Ok => self.press(self.focus),
            direction => {
                if let Some(next) = nav::nearest(&self.focusables(), self.focus, direction) {
                    self.focus = next;
                    self.reveal();
                }
                Action::None
            }
        }
    }

    /// Whether the banner offering to renew the session is up.
    pub fn offers_renewal(&self) -> bool {
        self.standing.is_some_and(|s| s.renewal_due)
    }

    /// OK on (or a click of) an element: its dialog opens over Home, or the renewal starts.
    fn press(&mut self, target: Focus) -> Action {
        self.focus = target;
        self.dialog = Some(match target {
            Focus::Account => Dialog::SignOut(Question::new()),
            Focus::Tile(i) => Dialog::Item(i),
            Focus::Renew => return Action::Renew,
            Focus::Help => return Action::ShowHelp,
            Focus::Switch => return Action::SwitchProfile,
        });
        Action::None
    }

    fn answer_sign_out(&mut self, choice: Choice) -> Action {
        self.dialog = None;
        if choice == Choice::Cancel {
            return Action::None;
        }
        self.signing_out = true;
        Action::Run(sign_out(self.account.clone()))
    }

    fn library_loaded(&mut self, result: Result<Loaded, SessionError>) -> Action {
        match result {
            Ok(loaded) => {
                self.backoff.reset();
                self.retry = None;
                let had_items = !self.items.is_empty();
                self.items = loaded.items;
                self.avatar = loaded.avatar;
                self.freshness = Freshness::Fresh;
                // The first items to arrive take the focus; a focused tile that vanished
                // gives it back.
                let lost = matches!(self.focus, Focus::Tile(i) if i >= self.items.len());
                if (!had_items && self.dialog.is_none()) || lost {
                    self.focus = self.default_focus();
                }
                // A refresh may have moved the session's end or measured the clock again.
                Action::Run(self.read_standing())
            }
            // The provider ended the session: the shell says so, by name.
            Err(error) if error.kind() == ErrorKind::SignedOut => Action::Ended,
            // No network, or the provider or API in trouble: stay on Home with what was
            // saved, and try again later.
            Err(error) if matches!(error.kind(), ErrorKind::Network | ErrorKind::Server) => {
                self.freshness = Freshness::Offline;
                let wait = self.backoff.next(HOME_RETRY_INTERVAL, error.retry_after());
                let (timer, handle) =
                    Task::perform(tokio::time::sleep(wait), |()| Message::RetryDue).abortable();
                self.retry = Some((wait, handle.abort_on_drop()));
                Action::Run(timer)
            }
            Err(error) => {
                self.freshness = Freshness::Stale(crate::format::error_code(&error.short_code()));
                Action::None
            }
        }
    }

    /// Keeps the focused tile in view.
    fn reveal(&mut self) {
        if let Focus::Tile(i) = self.focus {
            if i < self.first {
                self.first = i;
            } else if i >= self.first + VISIBLE_TILES {
                self.first = i + 1 - VISIBLE_TILES;
            }
        }
    }

    /// Where focus starts: the first tile in view, or the account button when there are no
    /// items.
    fn default_focus(&self) -> Focus {
        if self.items.is_empty() {
            Focus::Account
        } else {
            Focus::Tile(self.first)
        }
    }

    /// Centres in design pixels: the account button top right, the tiles in a row. Tiles out
    /// of view are reachable too, laid out beyond the edge.
    fn focusables(&self) -> Vec<(Focus, Point)> {
        let mut items = vec![
            (Focus::Account, Point::new(1700.0, 110.0)),
            (Focus::Help, Point::new(1480.0, 110.0)),
            (Focus::Switch, Point::new(1220.0, 110.0)),
        ];
        if self.offers_renewal() {
            // The banner spans the width: it is straight above or below whatever has focus.
            let x = match self.focus {
                Focus::Account => 1700.0,
                Focus::Help => 1480.0,
                Focus::Switch => 1220.0,
                Focus::Tile(i) => tile_x(i, self.first),
                Focus::Renew => 1600.0,
            };
            items.push((Focus::Renew, Point::new(x, 250.0)));
        }
        for i in 0..self.items.len() {
            items.push((Focus::Tile(i), Point::new(tile_x(i, self.first), 620.0)));
        }
        items
    }
}

/// Removes this profile from the TV (see [`super::removal`]).
fn sign_out(account: Arc<Account>) -> Task<Message> {
    super::removal::remove_profile(account).map(Message::SignedOut)
}

/// The centre of tile `i` in design pixels, with `first` the first tile in view (tiles out of
/// view lie beyond the edge).
fn tile_x(i: usize, first: usize) -> f32 {
    let column = i as f32 - first as f32;
    96.0 + size::TILE_WIDTH / 2.0 + column * (size::TILE_WIDTH + size::GAP)
}
