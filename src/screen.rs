//! The screens of the TV app, one module each, and what they share: the focus targets and
//! the context a view needs.

pub mod activate;
pub mod dialog;
pub mod home;
pub mod notice;

use std::time::Instant;

use i18n_embed::fluent::FluentLanguageLoader;
use iced::Point;

use crate::theme::Metrics;

pub use activate::Activate;
pub use dialog::Dialog;
pub use home::Home;
pub use notice::Notice;

/// What is on screen.
#[derive(Debug)]
pub enum Screen {
    /// Reading the stored session (a few milliseconds).
    Starting,
    /// Signing in: the code, the address, the QR code and the time left.
    Activate(Activate),
    /// Expired, declined, or an error: one focused action.
    Notice(Notice),
    /// Signed in: who, and the library.
    Home(Home),
}

/// A focusable element. Screens and dialogs say which they show and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// The one action of a notice screen.
    Primary,
    /// The account button on Home.
    Account,
    /// A library tile on Home.
    Tile(usize),
    /// A dialog's safe choice.
    Cancel,
    /// A dialog's confirming choice.
    Confirm,
    /// "Sign in on this TV" (or cancelling it) on Activate.
    Browser,
}

/// What a view needs besides its own state.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The translations, in the language on screen.
    pub t: &'a FluentLanguageLoader,
    /// The window's scale.
    pub m: Metrics,
    /// The time of the last tick: views never read the clock themselves.
    pub now: Instant,
    /// The focused element, drawn with a focus ring.
    pub focus: Option<Target>,
}

impl Screen {
    /// The focusable elements and their centres, in design pixels.
    pub fn focusables(&self) -> Vec<(Target, Point)> {
        match self {
            Screen::Activate(a) if a.offers_browser() => {
                vec![(Target::Browser, Point::new(400.0, 760.0))]
            }
            Screen::Starting | Screen::Activate(_) => Vec::new(),
            Screen::Notice(_) => vec![(Target::Primary, Point::new(960.0, 700.0))],
            Screen::Home(home) => home.focusables(),
        }
    }

    /// Where focus starts on this screen.
    pub fn default_focus(&self) -> Option<Target> {
        match self {
            Screen::Activate(a) if a.offers_browser() => Some(Target::Browser),
            Screen::Starting | Screen::Activate(_) => None,
            Screen::Notice(_) => Some(Target::Primary),
            Screen::Home(home) => Some(home.default_focus()),
        }
    }
}
