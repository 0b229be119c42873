//! The TV app's shell (Elm-style): it puts up the first screen, routes keys and messages to
//! the screen on show, follows the few actions that change screens, asks whether to exit,
//! opens diagnostics, and sizes the window (drawing and listening: app/view.rs; profiles:
//! app/profiles.rs). Screens do their own work ([`crate::screen`]); nothing blocks in
//! `update` or `view`.

mod profiles;
mod restore;
mod run;
mod trail;
mod view;

use std::sync::Arc;
use std::time::Instant;

use i18n_embed::fluent::FluentLanguageLoader;
use iced::{Size, Task, window};

use crate::i18n::{self, Lang};
use crate::nav::NavKey;
use crate::screen::activate::Purpose;
use crate::screen::diagnostics::{self, Diagnostics};
use crate::screen::dialog::{Choice, Question};
use crate::screen::read_aloud::ReadAloud;
use crate::screen::{
    Activate, Forbidden, Home, Notice, Screen, activate, ended, forbidden, home, notice, picker,
};
use crate::session::{Account, Profile, SessionError};
use crate::speech::Speaker;
use crate::theme::Metrics;

pub use restore::{Restored, restore_now};
pub use run::run;

pub use crate::screen::home::HOME_RETRY_INTERVAL;

pub use crate::environment::APP_ID;

/// What the shell reacts to: keys, window events, the stored session, and the screens' own
/// messages.
#[derive(Debug, Clone)]
pub enum Message {
    /// A remote or keyboard key: to the exit question if it is open, else to the screen.
    Nav(NavKey),
    /// The window changed size: the layout scales to it.
    Resized(Size),
    /// The window gained the focus: the TV was switched to this app, so someone is there.
    Focused,
    /// The stored session and saved items were read.
    Restored(Result<Restored, SessionError>),
    /// For Activate.
    Activate(activate::Message),
    /// For a notice screen.
    Notice(notice::Message),
    /// For the screen that says the provider forbids codes.
    Forbidden(forbidden::Message),
    /// For Home.
    Home(home::Message),
    /// For who's watching.
    Picker(picker::Message),
    /// For the news that a session ended.
    Ended(ended::Message),
    /// A choice of the exit question was clicked.
    ExitAnswered(Choice),
    /// For the diagnostics screen.
    Diagnostics(diagnostics::Message),
    /// The first window exists (to size it to the monitor when fullscreen does not).
    WindowOpened(window::Id),
    /// The size of the monitor under a fullscreen window (`None` if unknown): the window is
    /// resized to fill it.
    MonitorSize(window::Id, Option<Size>),
}

/// The TV app: the screen on show, the exit question over it, and the account behind them.
pub struct App {
    /// The profile the app acts for (a fresh one while someone new signs in).
    account: Arc<Account>,
    /// Why the last code was put up: a new code after a notice is for the same purpose.
    purpose: Purpose,
    lang: Lang,
    t: FluentLanguageLoader,
    metrics: Metrics,
    screen: Screen,
    exit: Option<Question>,
    /// The diagnostics screen, over everything while open.
    help: Option<Diagnostics>,
    /// The last error and the polls, noticed for diagnostics.
    trail: trail::Trail,
    fullscreen: bool,
    /// Whether a browser can be opened here, for "Sign in on this TV".
    browser: bool,
    /// Whether this is the box's kiosk, where the browser is offered only if config.ron asks.
    kiosk: bool,
    /// What reads the code aloud, when this system can speak.
    speaker: Option<Speaker>,
    /// The account is the embedded demo server's: Activate says so.
    demo: bool,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("screen", &self.screen)
            .field("exit", &self.exit)
            .finish_non_exhaustive()
    }
}

impl App {
    /// The app on its Starting screen, for a window of `window` size.
    pub fn new(account: Arc<Account>, lang: Lang, window: Size, fullscreen: bool) -> App {
        App {
            account,
            purpose: Purpose::SignIn,
            lang,
            t: i18n::loader(lang),
            metrics: Metrics::for_window(window),
            screen: Screen::Starting,
            exit: None,
            help: None,
            trail: trail::Trail::default(),
            fullscreen,
            browser: false,
            kiosk: false,
            speaker: None,
            demo: false,
        }
    }

    /// Offers "Sign in on this TV" on Activate (when a browser can be opened here), unless
    /// config.ron or the kiosk says not to (see [`App::as_kiosk`]).
    pub fn offer_browser(mut self, offer: bool) -> App {
        self.browser = offer;
        self
    }

    /// Runs as the box's kiosk: "Sign in on this TV" would start a full browser as the kiosk
    /// user, so it is offered only when config.ron sets `browser_sign_in: true`.
    pub fn as_kiosk(mut self, kiosk: bool) -> App {
        self.kiosk = kiosk;
        self
    }

    /// Offers "Read the code aloud" on Activate, through `speaker` (when this system can speak).
    pub fn offer_speech(mut self, speaker: Option<Speaker>) -> App {
        self.speaker = speaker;
        self
    }

    /// Says on Activate that the sign-in is the embedded demo server's (no real account).
    pub fn on_demo(mut self, demo: bool) -> App {
        self.demo = demo;
        self
    }

    /// Boots from the stored session, read before the window opens (main reads it, not
    /// `update`), so a signed-in TV shows Home on its very first frame.
    pub fn boot(mut self, restored: Result<Restored, SessionError>) -> (App, Task<Message>) {
        let first = self.update(Message::Restored(restored));
        let opened = window::oldest().and_then(|id| Task::done(Message::WindowOpened(id)));
        (self, Task::batch([first, opened]))
    }

    /// The screen on show.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The exit question, if it is open.
    pub fn exit_question(&self) -> Option<&Question> {
        self.exit.as_ref()
    }

    /// The diagnostics screen, if it is open.
    pub fn diagnostics(&self) -> Option<&Diagnostics> {
        self.help.as_ref()
    }

    /// The account of the profile the app acts for.
    pub fn account(&self) -> &Arc<Account> {
        &self.account
    }

    /// Puts a screen up directly (tests and screenshots), closing the exit question.
    pub fn show(&mut self, screen: Screen) {
        self.screen = screen;
        self.exit = None;
    }

    /// iced's update.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        self.trail.observe(&message, Instant::now());
        match message {
            // Diagnostics are over everything: Back (or Help again) returns where you were.
            // Someone reading them is there, for Activate's new codes.
            Message::Nav(NavKey::Back | NavKey::Help) if self.help.is_some() => {
                self.help = None;
                self.someone_there()
            }
            Message::Nav(_) if self.help.is_some() => self.someone_there(),
            Message::Nav(NavKey::Help) => self.open_help(),
            Message::Diagnostics(message) => {
                if let Some(help) = &mut self.help {
                    help.update(message);
                }
                Task::none()
            }
            Message::Nav(key) => match &mut self.exit {
                Some(question) => {
                    let answer = question.key(key);
                    let seen = self.someone_there();
                    match answer {
                        Some(choice) => Task::batch([seen, self.answer_exit(choice)]),
                        None => seen,
                    }
                }
                None => self.route_key(key),
            },
            Message::Focused => self.someone_there(),
            Message::ExitAnswered(choice) => self.answer_exit(choice),
            Message::Resized(size) => {
                self.metrics = Metrics::for_window(size);
                Task::none()
            }
            Message::Restored(Ok(restored)) => self.start_from(restored),
            Message::Restored(Err(error)) => self.show_notice(Notice::from_error(&error)),
            Message::Activate(message) => self.update_activate(message),
            Message::Notice(message) => self.update_notice(message),
            Message::Forbidden(message) => self.update_forbidden(message),
            Message::Home(message) => self.update_home(message),
            Message::Picker(message) => self.update_picker(message),
            Message::Ended(message) => self.update_ended(message),
            Message::WindowOpened(id) if self.fullscreen => {
                window::monitor_size(id).map(move |size| Message::MonitorSize(id, size))
            }
            // Without a window manager, fullscreen may leave the window small: fill the monitor.
            Message::MonitorSize(id, Some(monitor)) if monitor != self.metrics.window => {
                self.metrics = Metrics::for_window(monitor);
                window::resize(id, monitor)
            }
            Message::WindowOpened(_) | Message::MonitorSize(..) => Task::none(),
        }
    }

    /// A key for the screen on show.
    fn route_key(&mut self, key: NavKey) -> Task<Message> {
        match &self.screen {
            Screen::Starting => {
                if key == NavKey::Back {
                    self.exit = Some(Question::new());
                }
                Task::none()
            }
            Screen::Activate(_) => self.update_activate(activate::Message::Nav(key)),
            Screen::Notice(_) => self.update_notice(notice::Message::Nav(key)),
            Screen::Forbidden(_) => self.update_forbidden(forbidden::Message::Nav(key)),
            Screen::Home(_) => self.update_home(home::Message::Nav(key)),
            Screen::Picker(_) => self.update_picker(picker::Message::Nav(key)),
            Screen::Ended(_) => self.update_ended(ended::Message::Nav(key)),
        }
    }

    /// Tells Activate someone is there (its keys otherwise reach it as its own messages).
    fn someone_there(&mut self) -> Task<Message> {
        match self.screen {
            Screen::Activate(_) => self.update_activate(activate::Message::Seen),
            _ => Task::none(),
        }
    }

    fn answer_exit(&mut self, choice: Choice) -> Task<Message> {
        self.exit = None;
        match choice {
            Choice::Confirm => iced::exit(),
            Choice::Cancel => Task::none(),
        }
    }

    // A message for a screen that is no longer on show is dropped: its work is over.

    fn update_activate(&mut self, message: activate::Message) -> Task<Message> {
        let Screen::Activate(activate) = &mut self.screen else {
            return Task::none();
        };
        match activate.update(message) {
            activate::Action::None => Task::none(),
            activate::Action::Run(task) => task.map(Message::Activate),
            activate::Action::SignedIn(profile) => self.signed_in(profile),
            activate::Action::Ended(notice) => self.show_notice(notice),
            activate::Action::CodesForbidden(error) => {
                let forbidden = Forbidden::new(self.account.clone(), self.browser_pages(), &error);
                self.show(Screen::Forbidden(forbidden));
                Task::none()
            }
            activate::Action::AskToExit => self.ask_exit(),
            activate::Action::Cancelled => match activate.purpose() {
                Purpose::Renew => self.open_current(),
                Purpose::Add => self.switch_profile(),
                Purpose::SignIn | Purpose::Again => self.restart(),
            },
        }
    }

    fn update_notice(&mut self, message: notice::Message) -> Task<Message> {
        let Screen::Notice(notice) = &self.screen else {
            return Task::none();
        };
        match notice.update(message) {
            notice::Action::None => Task::none(),
            notice::Action::RequestCode => self.request_code(),
            notice::Action::AskToExit => self.back_to_picker_or_exit(),
        }
    }

    fn update_forbidden(&mut self, message: forbidden::Message) -> Task<Message> {
        let Screen::Forbidden(forbidden) = &mut self.screen else {
            return Task::none();
        };
        match forbidden.update(message) {
            forbidden::Action::None => Task::none(),
            forbidden::Action::Run(task) => task.map(Message::Forbidden),
            forbidden::Action::SignedIn(profile) => self.signed_in(profile),
            forbidden::Action::Ended(notice) => self.show_notice(notice),
            forbidden::Action::RequestCode => self.request_code(),
            forbidden::Action::AskToExit => self.ask_exit(),
        }
    }

    fn update_home(&mut self, message: home::Message) -> Task<Message> {
        let Screen::Home(home) = &mut self.screen else {
            return Task::none();
        };
        match home.update(message) {
            home::Action::None => Task::none(),
            home::Action::Run(task) => task.map(Message::Home),
            home::Action::Removed => self.after_removal(),
            home::Action::Ended => {
                let profile = home.profile().clone();
                self.show_ended(&profile)
            }
            home::Action::SwitchProfile => self.switch_profile(),
            home::Action::Renew => self.start_sign_in(Purpose::Renew),
            home::Action::Show(notice) => self.show_notice(notice),
            home::Action::AskToExit => self.ask_exit(),
            home::Action::ShowHelp => self.open_help(),
        }
    }

    /// A new device sign-in on Activate, for the purpose of the last one (after a notice).
    fn request_code(&mut self) -> Task<Message> {
        self.start_sign_in(self.purpose)
    }

    fn start_sign_in(&mut self, purpose: Purpose) -> Task<Message> {
        self.purpose = purpose;
        let read_aloud = self
            .speaker
            .clone()
            .map(|speaker| ReadAloud::new(speaker, self.lang));
        let (activate, task) = Activate::new(
            self.account.clone(),
            self.browser_pages(),
            purpose,
            read_aloud,
        );
        self.show(Screen::Activate(activate.on_demo(self.demo)));
        task.map(Message::Activate)
    }

    /// The pages this TV's browser shows when it comes back, when a browser can be opened
    /// and signing in with it is allowed here.
    fn browser_pages(&self) -> Option<crate::session::Pages> {
        let allowed = self.account.config().offers_browser_sign_in(self.kiosk);
        (self.browser && allowed).then(|| crate::format::browser_pages(&self.t))
    }

    /// Home after a sign-in, with the items saved for this person (a renewal keeps them; the
    /// core dropped them if someone else signed in).
    fn signed_in(&mut self, profile: Profile) -> Task<Message> {
        let items = home::cached(&self.account);
        self.open_home(profile, items)
    }

    fn open_home(&mut self, profile: Profile, items: Vec<home::Item>) -> Task<Message> {
        let (home, task) = Home::new(self.account.clone(), profile, items);
        self.show(Screen::Home(home));
        task.map(Message::Home)
    }

    fn show_notice(&mut self, notice: Notice) -> Task<Message> {
        self.show(Screen::Notice(notice));
        Task::none()
    }

    /// Opens diagnostics over whatever is on screen.
    fn open_help(&mut self) -> Task<Message> {
        let findings = self.trail.findings(Instant::now());
        let (help, gather) = Diagnostics::open(self.account.clone(), findings);
        self.help = Some(help);
        gather.map(Message::Diagnostics)
    }

    fn ask_exit(&mut self) -> Task<Message> {
        self.exit = Some(Question::new());
        Task::none()
    }
}
