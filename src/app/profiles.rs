//! The shell's part in profiles: who's watching, which profile the app acts for, where it
//! goes from what is stored (the picker with two profiles or more, else the one profile's Home
//! or the news that its session ended, else a code), and the news screen's actions.

use std::sync::Arc;

use iced::Task;

use super::{App, Message, Restored, restore_now};
use crate::screen::activate::Purpose;
use crate::screen::{Ended, Notice, Picker, Screen, ended, picker};
use crate::session::{Member, MemberState, Profile};

impl App {
    pub(super) fn update_picker(&mut self, message: picker::Message) -> Task<Message> {
        let Screen::Picker(picker) = &mut self.screen else {
            return Task::none();
        };
        match picker.update(message) {
            picker::Action::None => Task::none(),
            picker::Action::Open(member) => self.open_member(&member),
            picker::Action::SignInAgain(member) => {
                self.act_for(&member);
                self.start_sign_in(Purpose::Again)
            }
            picker::Action::Add => {
                self.account = Arc::new(self.account.for_new_profile());
                self.start_sign_in(Purpose::Add)
            }
            picker::Action::AskToExit => self.ask_exit(),
        }
    }

    pub(super) fn update_ended(&mut self, message: ended::Message) -> Task<Message> {
        let Screen::Ended(ended) = &mut self.screen else {
            return Task::none();
        };
        match ended.update(message) {
            ended::Action::None => Task::none(),
            ended::Action::Run(task) => task.map(Message::Ended),
            ended::Action::SignInAgain => self.start_sign_in(Purpose::Again),
            ended::Action::Removed => self.after_removal(),
            ended::Action::Show(notice) => self.show_notice(notice),
            ended::Action::AskToExit => self.back_to_picker_or_exit(),
        }
    }

    /// On to whoever is left once a profile was removed; the app no longer acts for the
    /// removed one (whose id the next person to sign in must not get).
    pub(super) fn after_removal(&mut self) -> Task<Message> {
        self.account = Arc::new(self.account.for_new_profile());
        self.restart()
    }

    /// Back with nothing to close: to who's watching when there are other profiles to go
    /// to, else the question whether to leave.
    pub(super) fn back_to_picker_or_exit(&mut self) -> Task<Message> {
        match self.account.members() {
            Ok(members) if members.len() >= 2 => self.show_picker(members),
            _ => self.ask_exit(),
        }
    }

    /// Where the app goes from what is stored: who's watching with two profiles or more, else
    /// the one profile's Home (or the news that its session ended), else a code.
    pub(super) fn start_from(&mut self, restored: Restored) -> Task<Message> {
        let Restored {
            profile,
            items,
            members,
        } = restored;
        if members.len() >= 2 {
            return self.show_picker(members);
        }
        match (profile, members.first()) {
            (Some(profile), _) => self.open_home(profile, items),
            // The app acts for a profile that is gone (removed, or an addition given up).
            (None, Some(member)) if member.id != self.account.profile_id() => {
                self.act_for(member);
                self.restart()
            }
            (None, Some(member)) if member.state == MemberState::Ended => {
                self.show_ended(&member.person)
            }
            _ => self.start_sign_in(Purpose::SignIn),
        }
    }

    /// Starts again from what is stored, as at launch.
    pub(super) fn restart(&mut self) -> Task<Message> {
        match restore_now(&self.account) {
            Ok(restored) => self.start_from(restored),
            Err(error) => self.show_notice(Notice::from_error(&error)),
        }
    }

    /// The Home of the profile the app acts for, as stored (a renewal given up); the news
    /// that its session ended if it did meanwhile.
    pub(super) fn open_current(&mut self) -> Task<Message> {
        match restore_now(&self.account) {
            Ok(Restored {
                profile: Some(profile),
                items,
                ..
            }) => self.open_home(profile, items),
            Ok(restored) => {
                let id = self.account.profile_id();
                match restored.members.iter().find(|m| m.id == id) {
                    Some(member) if member.state == MemberState::Ended => {
                        let person = member.person.clone();
                        self.show_ended(&person)
                    }
                    _ => self.start_from(restored),
                }
            }
            Err(error) => self.show_notice(Notice::from_error(&error)),
        }
    }

    /// Acts for `member` from now on.
    pub(super) fn act_for(&mut self, member: &Member) {
        if member.id != self.account.profile_id() {
            self.account = Arc::new(self.account.for_profile(&member.id));
        }
    }

    /// A profile chosen on the picker: its Home at once, and it becomes the one used last.
    pub(super) fn open_member(&mut self, member: &Member) -> Task<Message> {
        self.act_for(member);
        let account = self.account.clone();
        let touched = Task::future(async move {
            let touched = tokio::task::spawn_blocking(move || account.touch()).await;
            if let Ok(Err(error)) = touched {
                tracing::warn!(%error, "could not mark the profile as used last");
            }
        })
        .discard();
        Task::batch([self.open_current(), touched])
    }

    /// Who's watching, from Home.
    pub(super) fn switch_profile(&mut self) -> Task<Message> {
        match self.account.members() {
            Ok(members) => self.show_picker(members),
            Err(error) => self.show_notice(Notice::from_error(&error)),
        }
    }

    pub(super) fn show_picker(&mut self, members: Vec<Member>) -> Task<Message> {
        let (picker, task) = Picker::new(self.account.clone(), members);
        self.show(Screen::Picker(picker));
        task.map(Message::Picker)
    }

    /// The provider ended `profile`'s session: said by name, "Sign in again" focused.
    pub(super) fn show_ended(&mut self, profile: &Profile) -> Task<Message> {
        let name = profile.display_name().map(crate::format::name);
        self.show(Screen::Ended(Ended::new(self.account.clone(), name)));
        Task::none()
    }
}
