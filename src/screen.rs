//! The screens of the TV app, one module each. Every screen owns its state, its focus, its
//! `Message` (the remote's keys included), an `update` that answers with its own `Action`,
//! and its `view`; a screen that needs async work starts it and keeps its handle. The shell
//! ([`crate::app`]) routes messages to the screen on show and follows the few actions that
//! change screens.

pub mod activate;
pub mod browser;
pub mod diagnostics;
pub mod dialog;
pub mod ended;
pub mod forbidden;
pub mod home;
pub mod notice;
pub mod picker;
pub mod read_aloud;
pub mod removal;

use i18n_embed::fluent::FluentLanguageLoader;

use crate::theme::Metrics;

pub use activate::Activate;
pub use ended::Ended;
pub use forbidden::Forbidden;
pub use home::Home;
pub use notice::Notice;
pub use picker::Picker;

/// What is on screen.
#[derive(Debug)]
// One screen lives at a time, moved only when it is put up: boxing the large ones buys nothing.
#[allow(clippy::large_enum_variant)]
pub enum Screen {
    /// Reading the stored session (a few milliseconds).
    Starting,
    /// Signing in: the code, the address, the QR code and the time left.
    Activate(Activate),
    /// Expired, declined, or an error: one focused action.
    Notice(Notice),
    /// The provider forbids signing in with a code.
    Forbidden(Forbidden),
    /// Signed in: who, and the library.
    Home(Home),
    /// Who's watching: the profiles of this TV.
    Picker(Picker),
    /// The provider ended a profile's session: said by name.
    Ended(Ended),
}

/// What a view needs besides its own state.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The translations, in the language on screen.
    pub t: &'a FluentLanguageLoader,
    /// The window's scale.
    pub m: Metrics,
    /// Whether this layer holds the focus: a screen under a question draws no focus ring.
    pub focused: bool,
}
