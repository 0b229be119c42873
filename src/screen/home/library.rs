//! Home's library as it is shown: the core's entries with their text made safe for the screen
//! and their pictures as image handles, scaled for the size they are drawn at on a 4K screen.

use std::sync::Arc;

use iced::widget::image;

use crate::format;
use crate::picture::Rgba;
use crate::session::{Account, Entry, Library, PictureSizes, SessionError};
use crate::theme::size;

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

/// A refreshed library.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The library's items, with their posters.
    pub items: Vec<Item>,
    /// The person's picture, when the profile has one that could be shown.
    pub avatar: Option<image::Handle>,
}

/// The items the last refresh saved, without their pictures: a small file, no network.
pub fn cached(account: &Account) -> Vec<Item> {
    Library::cached(account).iter().map(shown).collect()
}

/// Fetches the library with pictures scaled for the size they are drawn at 2x (a 4K screen).
pub async fn load(account: Arc<Account>) -> Result<Loaded, SessionError> {
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
    Ok(Loaded {
        items,
        avatar: library.avatar.map(|avatar| handle(avatar.circled())),
    })
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
