//! "Who's watching?": the profiles of this TV in a row (picture or initials, name, and
//! "Sign in again" on a profile whose session ended), focus on the one used last, and "Add
//! someone" at the end while there is room. OK opens a profile's Home, starts its sign-in
//! again, or adds someone; Back asks whether to leave. The pictures arrive in the background.

mod view;

use std::sync::Arc;

use iced::widget::image;
use iced::{Task, task};

use crate::nav::NavKey;
use crate::picture::{self, Budget};
use crate::session::{Account, MAX_PROFILES, Member, MemberState};
use crate::theme::size;

/// A focusable element of the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// A profile, by its place in the row.
    Seat(usize),
    /// "Add someone".
    Add,
}

/// What the picker reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// A remote key.
    Nav(NavKey),
    /// A profile was clicked.
    SeatPressed(usize),
    /// "Add someone" was clicked.
    AddPressed,
    /// The profiles' pictures came back, one per profile (`None`: initials stay).
    AvatarsLoaded(Vec<Option<image::Handle>>),
}

/// What the picker asks of the shell.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Open this profile's Home.
    Open(Member),
    /// This profile's session ended: its person signs in again with a code.
    SignInAgain(Member),
    /// Someone new signs in with a code.
    Add,
    /// Back: ask whether to leave the app.
    AskToExit,
}

/// The picker: the profiles, their pictures once loaded, and the focus.
#[derive(Debug)]
pub struct Picker {
    members: Vec<Member>,
    avatars: Vec<Option<image::Handle>>,
    focus: Focus,
    /// The pictures' download, dropped with the screen.
    _avatars: Option<task::Handle>,
}

impl Picker {
    /// The picker over `members` (in row order), focus on the one used last, and the work
    /// that fetches their pictures.
    pub fn new(account: Arc<Account>, members: Vec<Member>) -> (Picker, Task<Message>) {
        let focus = most_recent(&members).map_or(Focus::Add, Focus::Seat);
        let urls: Vec<_> = members.iter().map(|m| m.person.picture.clone()).collect();
        let mut picker = Picker {
            avatars: vec![None; members.len()],
            members,
            focus,
            _avatars: None,
        };
        if urls.iter().all(Option::is_none) {
            return (picker, Task::none());
        }
        let (fetch, handle) =
            Task::perform(avatars(account, urls), Message::AvatarsLoaded).abortable();
        picker._avatars = Some(handle.abort_on_drop());
        (picker, fetch)
    }

    /// The profiles, in row order.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// The focused element.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// Whether "Add someone" is offered: fewer than [`MAX_PROFILES`] profiles.
    pub fn offers_add(&self) -> bool {
        self.members.len() < MAX_PROFILES
    }

    /// Keys, clicks and the pictures.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Nav(NavKey::Back) => Action::AskToExit,
            Message::Nav(NavKey::Ok) => self.press(self.focus),
            Message::Nav(NavKey::Left) => {
                self.focus = self.step(-1);
                Action::None
            }
            Message::Nav(NavKey::Right) => {
                self.focus = self.step(1);
                Action::None
            }
            Message::Nav(_) => Action::None,
            Message::SeatPressed(i) => self.press(Focus::Seat(i)),
            Message::AddPressed => self.press(Focus::Add),
            Message::AvatarsLoaded(avatars) => {
                if avatars.len() == self.members.len() {
                    self.avatars = avatars;
                }
                Action::None
            }
        }
    }

    fn press(&mut self, target: Focus) -> Action {
        if target == Focus::Add && !self.offers_add() {
            return Action::None;
        }
        self.focus = target;
        match target {
            Focus::Add => Action::Add,
            Focus::Seat(i) => match self.members.get(i) {
                Some(member) if member.state == MemberState::Ended => {
                    Action::SignInAgain(member.clone())
                }
                Some(member) => Action::Open(member.clone()),
                None => Action::None,
            },
        }
    }

    /// The element `delta` places along the row from the focused one (the row does not wrap).
    fn step(&self, delta: isize) -> Focus {
        let seats = self.members.len() + usize::from(self.offers_add());
        let at = match self.focus {
            Focus::Seat(i) => i,
            Focus::Add => self.members.len(),
        };
        let next = at.saturating_add_signed(delta).min(seats.saturating_sub(1));
        if next < self.members.len() {
            Focus::Seat(next)
        } else {
            Focus::Add
        }
    }
}

/// The profile used last: where the focus starts.
fn most_recent(members: &[Member]) -> Option<usize> {
    members
        .iter()
        .enumerate()
        .max_by_key(|(i, m)| (m.last_used_at, std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

/// The pictures at `urls`, scaled for the size they are drawn at on a 4K screen, within one
/// screen's budget; `None` where a picture cannot be shown.
async fn avatars(account: Arc<Account>, urls: Vec<Option<String>>) -> Vec<Option<image::Handle>> {
    let side = (size::PICKER_AVATAR * 2.0) as u32;
    let Ok(http) = account.http() else {
        return vec![None; urls.len()];
    };
    let requests = urls.into_iter().map(|url| (url, (side, side))).collect();
    let budget = Budget::new(picture::SCREEN_BUDGET);
    picture::fetch_all(
        http,
        account.config().api_base_url.as_ref(),
        requests,
        budget,
    )
    .await
    .into_iter()
    .map(|picture| {
        let round = picture?.circled();
        Some(image::Handle::from_rgba(
            round.width,
            round.height,
            round.pixels,
        ))
    })
    .collect()
}

#[cfg(test)]
mod tests;
