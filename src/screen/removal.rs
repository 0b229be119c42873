//! Removing a profile from this TV: its files go at once with no network, so the screen moves
//! on whatever the provider does; then the revocations go out within the core's budget (what
//! does not is retried by the next online command). Not abortable: the revocations go out
//! even after the screen that asked is gone.

use std::sync::Arc;

use iced::Task;

use crate::session::{Account, SessionError};

/// Removes the profile `account` acts for; answers whether someone was signed in on it.
pub fn remove_profile(account: Arc<Account>) -> Task<Result<bool, SessionError>> {
    let revoke = account.clone();
    Task::future(async move { account.forget().await }).chain(
        Task::future(async move {
            let waiting = revoke.send_revocations().await;
            if waiting > 0 {
                tracing::info!(waiting, "revocations queued for later");
            }
        })
        .discard(),
    )
}
