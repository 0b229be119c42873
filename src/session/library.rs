//! The protected API's library as typed data, for Home: entries read leniently from the API,
//! their posters and the person's avatar fetched within one screen's budget, and the entries
//! cached on disk so the next launch shows them before any network answer. Core types only:
//! pictures are RGBA pixels, never GUI handles.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Account, SessionError};
use crate::picture::{self, Budget, Rgba};

/// Where the last library is kept between launches.
pub(super) const CACHE_FILE: &str = "home-cache.ron";
/// Entries kept from one answer: a row, not a catalogue.
const MAX_ENTRIES: usize = 100;

/// One item of the library, as the API gave it (the faces clean its text for showing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// What the item is called.
    pub title: String,
    /// A line under the title (genre, length), possibly empty.
    pub subtitle: String,
    /// Its poster's address, if it has one.
    pub image_url: Option<String>,
}

/// The pixel boxes pictures are scaled to fit: the size they are drawn at, so no more pixels
/// than shown are ever kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PictureSizes {
    /// The avatar's box (width, height).
    pub avatar: (u32, u32),
    /// A poster's box (width, height).
    pub poster: (u32, u32),
}

/// A fetched library: its entries, a poster per entry where one could be shown, and the
/// person's avatar.
#[derive(Debug, Clone)]
pub struct Library {
    /// The entries, in the API's order.
    pub entries: Vec<Entry>,
    /// One per entry: `None` where there is no picture, or it could not be shown.
    pub posters: Vec<Option<Rgba>>,
    /// The profile picture, when the profile has one that could be shown.
    pub avatar: Option<Rgba>,
}

impl Library {
    /// The entries saved by the last fetch: a small file, no network; empty when there is
    /// none (sign-out deletes it).
    pub fn cached(account: &Account) -> Vec<Entry> {
        account
            .store()
            .load::<Vec<Entry>>(CACHE_FILE)
            .map(|loaded| loaded.value)
            .unwrap_or_default()
    }

    /// Deletes the saved entries: they belong to whoever signs out.
    pub fn forget(account: &Account) {
        if let Err(error) = account.store().delete(CACHE_FILE) {
            tracing::warn!(%error, "could not delete the saved library");
        }
    }

    /// Fetches the configured home path and its pictures, and saves the entries for next
    /// time. With no home path, proves the session works and returns an empty library.
    pub async fn fetch(account: &Account, sizes: PictureSizes) -> Result<Library, SessionError> {
        let entries = match account.config().home_path.clone() {
            Some(path) => parse_entries(&account.api_get(&path).await?),
            None => {
                account.access_token().await?;
                Vec::new()
            }
        };
        // Not into a profile removed meanwhile: its folder is not made again for a library.
        let store = account.store();
        if !store.dir().is_dir() {
            tracing::debug!("the profile was removed: its library is not saved");
        } else if let Err(error) = store.save(CACHE_FILE, &entries) {
            tracing::warn!(%error, "could not save the library");
        }
        let avatar_url = account.status()?.summary.and_then(|s| s.profile.picture);
        let requests: Vec<_> = std::iter::once((avatar_url, sizes.avatar))
            .chain(entries.iter().map(|e| (e.image_url.clone(), sizes.poster)))
            .collect();
        let mut pictures = match account.http() {
            Ok(http) => {
                let api_base = account.config().api_base_url.as_ref();
                let budget = Budget::new(picture::SCREEN_BUDGET);
                picture::fetch_all(http, api_base, requests, budget).await
            }
            Err(_) => vec![None; requests.len()],
        }
        .into_iter();
        let avatar = pictures.next().flatten();
        Ok(Library {
            entries,
            posters: pictures.collect(),
            avatar,
        })
    }
}

/// Entries from an API answer: `{"items": [...]}` or a bare list; each with a title (`title`
/// or `name`), a subtitle (`subtitle` or `description`) and an image address (`image`,
/// `image_url`, `poster`). Anything else is skipped, never a crash.
pub fn parse_entries(value: &Value) -> Vec<Entry> {
    let list = value
        .get("items")
        .and_then(Value::as_array)
        .or_else(|| value.as_array());
    let field = |item: &Value, names: &[&str]| {
        names
            .iter()
            .find_map(|n| item.get(*n).and_then(Value::as_str))
            .map(str::to_string)
    };
    list.into_iter()
        .flatten()
        .filter_map(|item| {
            Some(Entry {
                title: field(item, &["title", "name"])?,
                subtitle: field(item, &["subtitle", "description"]).unwrap_or_default(),
                image_url: field(item, &["image", "image_url", "poster"]),
            })
        })
        .take(MAX_ENTRIES)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn entries_are_read_leniently() {
        let entries = parse_entries(&json!({"items": [
            {"title": "A", "subtitle": "a", "image": "http://127.0.0.1/a.png"},
            {"name": "B"},
            {"no_title": true},
            "garbage",
        ]}));
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].title, "B");
        assert_eq!(entries[1].subtitle, "");
        assert!(parse_entries(&json!({"unexpected": 1})).is_empty());
        assert_eq!(parse_entries(&json!([{"title": "C"}])).len(), 1);
    }
}
