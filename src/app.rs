//! The TV app's shell (Elm-style): state, messages, `update` interpreting the screens'
//! intents as [`Action`]s, `view`, subscriptions. All async work goes through Tasks over the
//! core ([`effects`]); nothing blocks in `update` or `view`.

pub mod effects;

use std::sync::Arc;
use std::time::{Duration, Instant};

use i18n_embed::fluent::FluentLanguageLoader;
use iced::widget::{container, stack};
use iced::{Element, Length, Size, Subscription, Task, keyboard, window};

use crate::i18n::{self, Lang, fl};
use crate::nav::{self, NavKey};
use crate::screen::activate::BrowserEnd;
use crate::screen::{Activate, Context, Dialog, Home, Notice, Screen, Target, home};
use crate::session::{Account, BrowserOutcome, ErrorKind, LoginEvent, SessionError};
use crate::theme::{Metrics, size};
use crate::widget;

pub use effects::{HomeData, Restored};

pub use crate::screen::home::HOME_RETRY_INTERVAL;

pub use crate::environment::APP_ID;

/// What the shell reacts to: keys and clicks, ticks, window events, and the results of
/// its tasks.
#[derive(Debug, Clone)]
pub enum Message {
    /// A remote or keyboard key.
    Nav(NavKey),
    /// A click on a focusable element: focus it and activate it.
    Press(Target),
    /// The 1 Hz tick while a countdown is on screen: the time it fired.
    Tick(Instant),
    /// The window changed size: the layout scales to it.
    Resized(Size),
    /// The stored session and saved items, read at boot.
    Restored(Result<Restored, SessionError>),
    /// A step of the device sign-in running behind Activate.
    Login(LoginEvent),
    /// Home's refresh from the protected API came back.
    HomeLoaded(Result<HomeData, SessionError>),
    /// The wait before refreshing Home again is over.
    HomeRetryDue,
    /// The session was forgotten here (whether someone was signed in).
    SignedOut(Result<bool, SessionError>),
    /// The sign-out's revocations went out, or this many wait for a later try.
    RevocationsSent(usize),
    /// How the sign-in in this TV's browser ended; `None` when it timed out.
    BrowserSignIn(BrowserOutcome),
    /// The first window exists (to size it to the monitor when fullscreen does not).
    WindowOpened(window::Id),
    /// The size of the monitor under a fullscreen window (`None` if unknown): the window is
    /// resized to fill it.
    MonitorSize(window::Id, Option<Size>),
}

/// Work the shell runs for the screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Start a device sign-in (a new code).
    RequestCode,
    /// Refresh Home from the protected API.
    LoadHome,
    /// Refresh Home again after this wait (the provider or API was unreachable).
    LoadHomeLater(Duration),
    /// Revoke and forget the session.
    SignOut,
    /// Sign in in this TV's own browser (authorization code + PKCE).
    BrowserSignIn,
    /// Close the app.
    Exit,
}

/// The TV app: the screen on show, the focus, a dialog over it, and the account behind them.
pub struct App {
    account: Arc<Account>,
    t: FluentLanguageLoader,
    metrics: Metrics,
    now: Instant,
    screen: Screen,
    focus: Option<Target>,
    dialog: Option<Dialog>,
    fullscreen: bool,
    /// Whether "Sign in on this TV" is offered (a browser can be opened here).
    browser: bool,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("screen", &self.screen)
            .field("focus", &self.focus)
            .field("dialog", &self.dialog)
            .finish_non_exhaustive()
    }
}

impl App {
    /// The app on its Starting screen, for a window of `window` size.
    pub fn new(account: Arc<Account>, lang: Lang, window: Size, fullscreen: bool) -> App {
        App {
            account,
            t: i18n::loader(lang),
            metrics: Metrics::for_window(window),
            now: Instant::now(),
            screen: Screen::Starting,
            focus: None,
            dialog: None,
            fullscreen,
            browser: false,
        }
    }

    /// Offers "Sign in on this TV" on Activate (when a browser can be opened here).
    pub fn offer_browser(mut self, offer: bool) -> App {
        self.browser = offer;
        self
    }

    /// Boots from the stored session, read before the window opens (main reads it, not
    /// `update`), so a signed-in TV shows Home on its very first frame.
    pub fn boot(mut self, restored: Result<Restored, SessionError>) -> (App, Task<Message>) {
        let first = match self.handle(Message::Restored(restored)) {
            Some(action) => self.perform(action),
            None => Task::none(),
        };
        let opened = window::oldest().and_then(|id| Task::done(Message::WindowOpened(id)));
        (self, Task::batch([first, opened]))
    }

    /// The screen on show.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The focused element, if any.
    pub fn focus(&self) -> Option<Target> {
        self.focus
    }

    /// The dialog over the screen, if one is open.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// The account the app signs in and uses.
    pub fn account(&self) -> &Arc<Account> {
        &self.account
    }

    /// Puts a screen up directly (tests and screenshots), with its default focus.
    pub fn show(&mut self, screen: Screen) {
        self.focus = screen.default_focus();
        self.screen = screen;
        self.dialog = None;
    }

    /// Sets the clock the views use (tests and screenshots).
    pub fn set_now(&mut self, now: Instant) {
        self.now = now;
    }

    /// Opens `dialog` over the screen, its safe choice focused.
    pub fn open_dialog(&mut self, dialog: Dialog) {
        self.focus = Some(dialog.default_focus());
        self.dialog = Some(dialog);
    }

    /// iced's update: sizes the window itself, hands everything else to [`App::handle`] and
    /// starts the work it asks for.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::WindowOpened(id) if self.fullscreen => {
                window::monitor_size(id).map(move |size| Message::MonitorSize(id, size))
            }
            // Without a window manager, fullscreen may leave the window small: fill the monitor.
            Message::MonitorSize(id, Some(monitor)) if monitor != self.metrics.window => {
                self.metrics = Metrics::for_window(monitor);
                window::resize(id, monitor)
            }
            message => match self.handle(message) {
                Some(action) => self.perform(action),
                None => Task::none(),
            },
        }
    }

    /// The pure half of `update`: changes the state and says what work to start.
    pub fn handle(&mut self, message: Message) -> Option<Action> {
        match message {
            Message::Nav(key) => self.navigate(key),
            Message::Press(target) => {
                self.focus = Some(target);
                self.activate(target)
            }
            Message::Tick(now) => {
                self.now = now;
                None
            }
            Message::Resized(size) => {
                self.metrics = Metrics::for_window(size);
                None
            }
            Message::Restored(result) => self.restored(result),
            Message::Login(event) => self.login_event(event),
            Message::HomeLoaded(result) => self.home_loaded(result),
            Message::HomeRetryDue => {
                matches!(self.screen, Screen::Home(_)).then_some(Action::LoadHome)
            }
            Message::BrowserSignIn(outcome) => self.browser_outcome(outcome),
            Message::SignedOut(Ok(_)) => {
                // Signed out here; the revocation goes out on its own (what does not is
                // retried by the next online command). Back to a new code.
                Some(Action::RequestCode)
            }
            // The session could not be forgotten (a full or read-only disk): say so rather
            // than show a code while the next launch would sign in silently.
            Message::SignedOut(Err(error)) => {
                self.show(Screen::Notice(Notice::from_error(&error)));
                None
            }
            Message::RevocationsSent(waiting) => {
                if waiting > 0 {
                    tracing::info!(waiting, "revocations queued for later");
                }
                None
            }
            Message::WindowOpened(_) | Message::MonitorSize(..) => None,
        }
    }

    /// Starts the work behind an action.
    pub fn perform(&mut self, action: Action) -> Task<Message> {
        let account = self.account.clone();
        match action {
            Action::RequestCode => {
                let (task, handle) = Task::run(account.login(), Message::Login).abortable();
                self.show(Screen::Activate(Activate::new(
                    Some(handle.abort_on_drop()),
                    self.browser,
                )));
                task
            }
            Action::BrowserSignIn => {
                let Screen::Activate(activate) = &mut self.screen else {
                    return Task::none();
                };
                let pages = crate::format::browser_pages(&self.t);
                let (task, handle) = Task::perform(
                    effects::browser_sign_in(account, pages),
                    Message::BrowserSignIn,
                )
                .abortable();
                activate.wait_for_browser(handle.abort_on_drop());
                task
            }
            Action::LoadHome => Task::perform(effects::load_home(account), Message::HomeLoaded),
            Action::LoadHomeLater(wait) => {
                let (task, handle) =
                    Task::perform(tokio::time::sleep(wait), |()| Message::HomeRetryDue).abortable();
                // Home keeps the timer: a newer one replaces it, leaving Home drops it.
                if let Screen::Home(home) = &mut self.screen {
                    home.retry_later(handle.abort_on_drop());
                }
                task
            }
            Action::SignOut => {
                if let Screen::Home(home) = &mut self.screen {
                    home.signing_out = true;
                }
                let revoke = Task::perform(
                    effects::send_revocations(account.clone()),
                    Message::RevocationsSent,
                );
                Task::perform(effects::sign_out(account), Message::SignedOut).chain(revoke)
            }
            Action::Exit => iced::exit(),
        }
    }

    fn focusables(&self) -> Vec<(Target, iced::Point)> {
        match &self.dialog {
            Some(dialog) => dialog.targets(),
            None => self.screen.focusables(),
        }
    }

    fn navigate(&mut self, key: NavKey) -> Option<Action> {
        match key {
            NavKey::Back => {
                if self.dialog.is_some() {
                    self.close_dialog();
                } else if let Screen::Activate(a) = &mut self.screen
                    && a.browser_waiting()
                {
                    a.stop_browser(None);
                } else {
                    self.open_dialog(Dialog::Exit);
                }
                None
            }
            NavKey::Ok => self.focus.and_then(|target| self.activate(target)),
            direction => {
                let items = self.focusables();
                let next = match self.focus {
                    Some(current) => nav::nearest(&items, current, direction),
                    None => items.first().map(|(target, _)| *target),
                };
                if let Some(next) = next {
                    self.focus = Some(next);
                    if let Screen::Home(home) = &mut self.screen {
                        home.reveal(self.focus);
                    }
                }
                None
            }
        }
    }

    fn close_dialog(&mut self) {
        let closed = self.dialog.take();
        self.focus = match closed {
            Some(Dialog::SignOut) => Some(Target::Account),
            Some(Dialog::Item(i)) => Some(Target::Tile(i)),
            _ => self.screen.default_focus(),
        };
    }

    /// OK on (or a click of) a target.
    fn activate(&mut self, target: Target) -> Option<Action> {
        match (&self.dialog, target) {
            (Some(Dialog::Exit), Target::Confirm) => Some(Action::Exit),
            (Some(Dialog::SignOut), Target::Confirm) => {
                self.dialog = None;
                self.focus = Some(Target::Account);
                Some(Action::SignOut)
            }
            (Some(_), _) => {
                self.close_dialog();
                None
            }
            (None, Target::Primary) => match &self.screen {
                Screen::Notice(_) => Some(Action::RequestCode),
                _ => None,
            },
            (None, Target::Account) => {
                self.open_dialog(Dialog::SignOut);
                None
            }
            (None, Target::Tile(i)) => {
                self.open_dialog(Dialog::Item(i));
                None
            }
            (None, Target::Browser) => match &mut self.screen {
                Screen::Activate(a) if a.browser_waiting() => {
                    a.stop_browser(None);
                    None
                }
                Screen::Activate(a) if a.offers_browser() => Some(Action::BrowserSignIn),
                _ => None,
            },
            (None, Target::Cancel | Target::Confirm) => None,
        }
    }

    fn restored(&mut self, result: Result<Restored, SessionError>) -> Option<Action> {
        match result {
            Ok(Restored {
                profile: Some(profile),
                items,
            }) => {
                self.show(Screen::Home(Home::new(profile, items)));
                Some(Action::LoadHome)
            }
            Ok(Restored { profile: None, .. }) => Some(Action::RequestCode),
            Err(error) => {
                self.show(Screen::Notice(Notice::from_error(&error)));
                None
            }
        }
    }

    fn login_event(&mut self, event: LoginEvent) -> Option<Action> {
        let Screen::Activate(activate) = &mut self.screen else {
            return None;
        };
        match event {
            LoginEvent::SignedIn(profile) => {
                self.show(Screen::Home(Home::new(profile, Vec::new())));
                Some(Action::LoadHome)
            }
            LoginEvent::Expired => {
                self.show(Screen::Notice(Notice::Expired));
                None
            }
            LoginEvent::Denied => {
                self.show(Screen::Notice(Notice::Declined));
                None
            }
            LoginEvent::Failed(error) => {
                self.show(Screen::Notice(Notice::from_error(&error)));
                None
            }
            event => {
                if let LoginEvent::Code(code) = &event {
                    self.now = Instant::now().min(code.expires_at);
                }
                activate.on_event(&event);
                None
            }
        }
    }

    fn browser_outcome(&mut self, outcome: BrowserOutcome) -> Option<Action> {
        let Screen::Activate(activate) = &mut self.screen else {
            return None;
        };
        match outcome {
            BrowserOutcome::TimedOut => {
                activate.stop_browser(Some(BrowserEnd::TimedOut));
                None
            }
            BrowserOutcome::SignedIn(profile) => self.login_event(LoginEvent::SignedIn(profile)),
            BrowserOutcome::Failed(SessionError::Declined) => self.login_event(LoginEvent::Denied),
            // The code on screen still works: a browser that would not open or a failed
            // exchange is said beside it, not over it.
            BrowserOutcome::Failed(error) => {
                let code = crate::format::error_code(&error.short_code());
                tracing::warn!(%code, "signing in on this TV failed");
                activate.stop_browser(Some(BrowserEnd::Failed { code }));
                None
            }
        }
    }

    fn home_loaded(&mut self, result: Result<HomeData, SessionError>) -> Option<Action> {
        let Screen::Home(home) = &mut self.screen else {
            return None;
        };
        match result {
            Ok(data) => {
                home.refreshed();
                let had_items = !home.items.is_empty();
                home.items = data.items;
                home.avatar = data.avatar;
                home.freshness = home::Freshness::Fresh;
                // The first items to arrive take the focus; a focused tile that vanished gives it back.
                if (!had_items && self.dialog.is_none()) || self.focus_lost() {
                    self.focus = self.screen.default_focus();
                }
                None
            }
            // The provider ended the session: sign in again.
            Err(error) if error.kind() == ErrorKind::SignedOut => Some(Action::RequestCode),
            // No network, or the provider or API in trouble: stay on Home with what was
            // saved, and try again later.
            Err(error) if matches!(error.kind(), ErrorKind::Network | ErrorKind::Server) => {
                home.freshness = home::Freshness::Offline;
                Some(Action::LoadHomeLater(home.next_retry(error.retry_after())))
            }
            Err(error) => {
                home.freshness =
                    home::Freshness::Stale(crate::format::error_code(&error.short_code()));
                None
            }
        }
    }

    /// Whether the focused tile no longer exists.
    fn focus_lost(&self) -> bool {
        match (&self.screen, self.focus) {
            (Screen::Home(home), Some(Target::Tile(i))) => i >= home.items.len(),
            _ => false,
        }
    }

    /// The screen in the safe area, with the dialog (if any) over it.
    pub fn view(&self) -> Element<'_, Message> {
        let cx = Context {
            t: &self.t,
            m: self.metrics,
            now: self.now,
            focus: self.focus,
        };
        let m = self.metrics;
        let screen: Element<'_, Message> = match &self.screen {
            Screen::Starting => {
                iced::widget::center(widget::dim(fl!(self.t, "tv-starting"), size::HEADING, m))
                    .into()
            }
            Screen::Activate(activate) => activate.view(cx, Message::Press(Target::Browser)),
            Screen::Notice(notice) => notice.view(cx, Message::Press(Target::Primary)),
            Screen::Home(home) => home.view(cx, Message::Press),
        };
        // No background here: the theme's background is the clear colour (see theme::app_theme).
        let page = container(screen)
            .padding(m.safe_area())
            .width(Length::Fill)
            .height(Length::Fill);
        match &self.dialog {
            None => page.into(),
            Some(dialog) => {
                let (name, item) = match &self.screen {
                    Screen::Home(home) => (
                        home.profile.display_name().unwrap_or_default(),
                        match dialog {
                            Dialog::Item(i) => home.items.get(*i).map(|it| {
                                (it.title.as_str(), it.subtitle.as_str(), it.image.as_ref())
                            }),
                            _ => None,
                        },
                    ),
                    _ => ("", None),
                };
                stack![page, dialog.view(cx, name, item, Message::Press)].into()
            }
        }
    }

    /// Remote keys, window resizes and, while a countdown is on screen, the 1 Hz tick.
    pub fn subscription(&self) -> Subscription<Message> {
        let keys = keyboard::listen().filter_map(|event| match event {
            keyboard::Event::KeyPressed {
                key, physical_key, ..
            } => nav::nav_key(&key, &physical_key).map(Message::Nav),
            _ => None,
        });
        let resized = window::resize_events().map(|(_, size)| Message::Resized(size));
        // The 1 Hz tick exists only while a countdown is on screen.
        let ticking = matches!(&self.screen, Screen::Activate(a) if a.counting_down());
        let tick = if ticking {
            iced::time::every(Duration::from_secs(1)).map(Message::Tick)
        } else {
            Subscription::none()
        };
        Subscription::batch([keys, resized, tick])
    }
}

/// Runs the TV app until it exits.
pub fn run(account: Arc<Account>, lang: Lang, fullscreen: bool) -> iced::Result {
    let window_size = if fullscreen {
        crate::theme::DESIGN
    } else {
        Size::new(1280.0, 720.0)
    };
    crate::theme::load_fonts();
    let restored = effects::restore_now(&account);
    let browser = crate::browser::available();
    let boot = move || {
        App::new(account.clone(), lang, window_size, fullscreen)
            .offer_browser(browser)
            .boot(restored.clone())
    };
    iced::application(boot, App::update, App::view)
        .title(|_: &App| "tvauth".to_string())
        .subscription(App::subscription)
        .theme(|_: &App| crate::theme::app_theme())
        .settings(iced::Settings {
            id: Some(APP_ID.to_string()),
            default_font: crate::theme::FONT_TEXT,
            ..iced::Settings::default()
        })
        .window(window::Settings {
            size: window_size,
            fullscreen,
            decorations: !fullscreen,
            platform_specific: window::settings::PlatformSpecific {
                application_id: APP_ID.to_string(),
                ..window::settings::PlatformSpecific::default()
            },
            ..window::Settings::default()
        })
        .run()
}
