//! What the app starts from, read before the window opens so a signed-in TV shows Home on its
//! very first frame: the stored profile and the items saved last time.

use crate::screen::home::{self, Item};
use crate::session::{Account, Profile, SessionError};

/// What the app starts from: the stored profile and the items saved last time.
#[derive(Debug, Clone)]
pub struct Restored {
    /// Who is signed in; `None` when nobody is.
    pub profile: Option<Profile>,
    /// Home's items as the last refresh saved them (none when nobody is signed in).
    pub items: Vec<Item>,
}

/// Reads the session and the saved items: two small files, no network.
pub fn restore_now(account: &Account) -> Result<Restored, SessionError> {
    let status = account.status()?;
    let items = match status.summary {
        Some(_) => home::cached(account),
        None => Vec::new(),
    };
    Ok(Restored {
        profile: status.summary.map(|s| s.profile),
        items,
    })
}
