//! What the app starts from, read before the window opens so a signed-in TV shows Home on its
//! very first frame: the stored profile, the items saved last time, and who else has a
//! profile here.

use crate::screen::home::{self, Item};
use crate::session::{Account, Member, Profile, SessionError};

/// What the app starts from: the stored profile and the items saved last time.
#[derive(Debug, Clone)]
pub struct Restored {
    /// Who is signed in on the profile the app acts for; `None` when nobody is.
    pub profile: Option<Profile>,
    /// Home's items as the last refresh saved them (none when nobody is signed in).
    pub items: Vec<Item>,
    /// Every profile of this TV, in row order.
    pub members: Vec<Member>,
}

/// Reads the profiles, the session and the saved items: small files, no network.
pub fn restore_now(account: &Account) -> Result<Restored, SessionError> {
    let members = account.members()?;
    let status = account.status()?;
    let items = match status.summary {
        Some(_) => home::cached(account),
        None => Vec::new(),
    };
    Ok(Restored {
        profile: status.summary.map(|s| s.profile),
        items,
        members,
    })
}
