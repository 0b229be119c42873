//! The async work behind the app's actions, as plain futures over the core: the shell wraps
//! them in Tasks, the tests await them directly.

use std::sync::Arc;

use iced::widget::image;
use serde_json::Value;

use crate::auth::loopback::Pages;
use crate::format;
use crate::picture::{self, Budget};
use crate::screen::home::Item;
use crate::session::{Account, Profile, SessionError};
use crate::theme::size;

/// Saved Home items, shown at once on the next launch.
const HOME_CACHE: &str = "home-cache.ron";

/// What the app starts from: the stored profile and the items saved last time.
#[derive(Debug, Clone)]
pub struct Restored {
    pub profile: Option<Profile>,
    pub items: Vec<Item>,
}

/// A refreshed Home.
#[derive(Debug, Clone)]
pub struct HomeData {
    pub items: Vec<Item>,
    pub avatar: Option<image::Handle>,
}

/// Reads the session and the saved items: two small files, no network.
pub fn restore_now(account: &Account) -> Result<Restored, SessionError> {
    let status = account.status()?;
    let items = match status.summary {
        Some(_) => account
            .store()
            .load::<Vec<Item>>(HOME_CACHE)
            .map(|loaded| loaded.value)
            .unwrap_or_default(),
        None => Vec::new(),
    };
    Ok(Restored {
        profile: status.summary.map(|s| s.profile),
        items,
    })
}

/// Signs in in this TV's browser; `None` when it did not come back in time.
pub async fn browser_sign_in(
    account: Arc<Account>,
    pages: Pages,
) -> Option<Result<Profile, SessionError>> {
    let work = async {
        let sign_in = account.start_browser_sign_in().await?;
        crate::browser::open(sign_in.url().as_str())
            .map_err(|e| SessionError::Config(format!("the browser could not be opened: {e}")))?;
        account.finish_browser_sign_in(sign_in, &pages).await
    };
    tokio::time::timeout(crate::session::BROWSER_SIGN_IN_TIMEOUT, work)
        .await
        .ok()
}

/// Fetches the configured home path, its images and the avatar; saves the items for next time.
pub async fn load_home(account: Arc<Account>) -> Result<HomeData, SessionError> {
    let items = match account.config().home_path.clone() {
        Some(path) => parse_items(&account.api_get(&path).await?),
        None => {
            // Nothing to show but the greeting; still prove the session works.
            account.access_token().await?;
            Vec::new()
        }
    };
    if let Err(error) = account.store().save(HOME_CACHE, &items) {
        tracing::warn!(%error, "could not save the home items");
    }
    let picture = account.status()?.summary.and_then(|s| s.profile.picture);
    let mut pictures = load_pictures(&account, picture, &items).await.into_iter();
    let avatar = pictures.next().flatten();
    let items = items
        .into_iter()
        .zip(pictures)
        .map(|(item, image)| Item { image, ..item })
        .collect();
    Ok(HomeData { items, avatar })
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

/// Items from an API answer: `{"items": [...]}` or a bare list; each with a title (`title` or
/// `name`), a subtitle (`subtitle` or `description`) and an image URL (`image`, `image_url`,
/// `poster`). Anything else is skipped, never a crash. Text is cleaned and capped for showing.
pub fn parse_items(value: &Value) -> Vec<Item> {
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
            Some(Item {
                title: format::name(&field(item, &["title", "name"])?),
                subtitle: format::clean(
                    &field(item, &["subtitle", "description"]).unwrap_or_default(),
                    format::ERROR_MAX,
                ),
                image_url: field(item, &["image", "image_url", "poster"]),
                image: None,
            })
        })
        .take(100)
        .collect()
}

/// The avatar, then the posters in row order, within one screen's budget of pixels; each
/// decoded for the size drawn at 2x (a 4K screen). One entry per picture, avatar first.
async fn load_pictures(
    account: &Account,
    avatar: Option<String>,
    items: &[Item],
) -> Vec<Option<image::Handle>> {
    let side = (size::AVATAR * 2.0) as u32;
    let poster = (
        (size::TILE_WIDTH * 2.0) as u32,
        (size::TILE_IMAGE_HEIGHT * 2.0) as u32,
    );
    let requests: Vec<_> = std::iter::once((avatar, (side, side)))
        .chain(items.iter().map(|item| (item.image_url.clone(), poster)))
        .collect();
    let Ok(http) = account.http() else {
        return vec![None; requests.len()];
    };
    let api_base = account.config().api_base_url.as_ref();
    picture::fetch_all(
        http,
        api_base,
        requests,
        Budget::new(picture::SCREEN_BUDGET),
    )
    .await
    .into_iter()
    .map(|picture| picture.map(|p| image::Handle::from_rgba(p.width, p.height, p.pixels)))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn items_are_read_leniently() {
        let items = parse_items(&json!({"items": [
            {"title": "A", "subtitle": "a", "image": "http://127.0.0.1/a.png"},
            {"name": "B"},
            {"no_title": true},
            "garbage",
        ]}));
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].title, "B");
        assert_eq!(items[1].subtitle, "");
        assert!(parse_items(&json!({"unexpected": 1})).is_empty());
        assert_eq!(parse_items(&json!([{"title": "C"}])).len(), 1);
    }
}
