//! One-time form tokens of the HTML pages: every form carries a fresh one, and a post is taken
//! only if it brings one back, spent on the way. A page of another site cannot read them, so
//! it cannot post a decision in the person's name.

use super::{Shared, lock};

impl Shared {
    /// A fresh token for a form about to be shown.
    pub(super) fn new_csrf(&self) -> String {
        lock(&self.csrf).insert(())
    }

    /// Whether a posted form brought back a live token, which is spent: each form posts once.
    pub(super) fn spend_csrf(&self, token: Option<&str>) -> bool {
        token.is_some_and(|token| lock(&self.csrf).take(token).is_some())
    }
}
