//! The async work behind the app's actions, as plain futures over the core: the shell wraps
//! them in Tasks, the tests await them directly.

use std::sync::Arc;

use iced::widget::image;

use crate::format;
use crate::picture::Rgba;
use crate::screen::home::Item;
use crate::session::{
    Account, BrowserOutcome, Entry, Library, Pages, PictureSizes, Profile, SessionError,
};
use crate::theme::size;

/// What the app starts from: the stored profile and the items saved last time.
#[derive(Debug, Clone)]
pub struct Restored {
    /// Who is signed in; `None` when nobody is.
    pub profile: Option<Profile>,
    /// Home's items as the last refresh saved them (none when nobody is signed in).
    pub items: Vec<Item>,
}

/// A refreshed Home.
#[derive(Debug, Clone)]
pub struct HomeData {
    /// The library's items, with their posters.
    pub items: Vec<Item>,
    /// The person's picture, when the profile has one that could be shown.
    pub avatar: Option<image::Handle>,
}

/// Reads the session and the saved items: two small files, no network.
pub fn restore_now(account: &Account) -> Result<Restored, SessionError> {
    let status = account.status()?;
    let items = match status.summary {
        Some(_) => Library::cached(account).iter().map(shown).collect(),
        None => Vec::new(),
    };
    Ok(Restored {
        profile: status.summary.map(|s| s.profile),
        items,
    })
}

/// Signs in in this TV's browser.
pub async fn browser_sign_in(account: Arc<Account>, pages: Pages) -> BrowserOutcome {
    let open = |url: &url::Url| {
        crate::browser::open(url.as_str())
            .map_err(|e| SessionError::Config(format!("the browser could not be opened: {e}")))
    };
    account
        .sign_in_with_browser(&pages, crate::session::BROWSER_SIGN_IN_TIMEOUT, open)
        .await
}

/// Fetches the library with pictures scaled for the size they are drawn at 2x (a 4K screen).
pub async fn load_home(account: Arc<Account>) -> Result<HomeData, SessionError> {
    let sizes = PictureSizes {
        avatar: ((size::AVATAR * 2.0) as u32, (size::AVATAR * 2.0) as u32),
        poster: (
            (size::TILE_WIDTH * 2.0) as u32,
            (size::TILE_IMAGE_HEIGHT * 2.0) as u32,
        ),
    };
    let library = Library::fetch(&account, sizes).await?;
    let items = library
        .entries
        .iter()
        .zip(library.posters)
        .map(|(entry, poster)| Item {
            image: poster.map(handle),
            ..shown(entry)
        })
        .collect();
    Ok(HomeData {
        items,
        avatar: library.avatar.map(handle),
    })
}

/// Forgets the session here, with no network: the TV shows a new code at once, whatever
/// the provider does. The revocation follows with [`send_revocations`].
pub async fn sign_out(account: Arc<Account>) -> Result<bool, SessionError> {
    account.forget().await
}

/// Sends the queued revocations within the core's budget; returns how many still wait.
pub async fn send_revocations(account: Arc<Account>) -> usize {
    account.send_revocations().await
}

/// An entry as Home shows it: its text cleaned of control characters and capped (it comes
/// from someone else's server), no picture yet.
fn shown(entry: &Entry) -> Item {
    Item {
        title: format::name(&entry.title),
        subtitle: format::clean(&entry.subtitle, format::ERROR_MAX),
        image: None,
    }
}

fn handle(picture: Rgba) -> image::Handle {
    image::Handle::from_rgba(picture.width, picture.height, picture.pixels)
}
