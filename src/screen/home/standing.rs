//! Where the session stands, as Home says it: until when it lasts (renewal due in its last
//! days), and whether this TV's clock is off. Read from the session file off the UI thread, at
//! Home's start and after each refresh (which may have moved both).

use std::sync::Arc;

use crate::session::{Account, ClockOffset, Summary};

/// The session's end and this TV's clock, as last read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// When the session ends, in Unix seconds on the provider's clock, when known.
    pub ends_at: Option<u64>,
    /// Whether it ends within [`crate::session::RENEW_BEFORE`]: Home offers to renew it.
    pub renewal_due: bool,
    /// How far off this TV's clock is, when that is worth saying.
    pub clock_off: Option<ClockOffset>,
}

impl Standing {
    /// Where the signed-in session of `summary` stands.
    pub fn of(summary: &Summary) -> Standing {
        Standing {
            ends_at: summary.session_ends_at,
            renewal_due: summary.renewal_due(),
            clock_off: summary.clock_offset.filter(|o| o.is_reportable()),
        }
    }
}

/// Reads where the session stands (`None` when nobody is signed in or the file is unreadable:
/// Home then says nothing of it).
pub async fn read(account: Arc<Account>) -> Option<Standing> {
    let status = account.status().ok()?;
    status.summary.as_ref().map(Standing::of)
}
