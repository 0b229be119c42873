//! Building the TV app for tests: an account against a demo server, signing it in through
//! the real device flow, and running the tasks the app returns as its runtime would.

use std::sync::Arc;

use futures_util::StreamExt;
use futures_util::stream::{self, BoxStream};
use iced::Task;
use tempfile::TempDir;
use tvauth::app::{App, Message};
use tvauth::config::Config;
use tvauth::demo::{DemoOptions, DemoServer};
use tvauth::i18n::Lang;
use tvauth::session::{Account, LoginEvent};
use tvauth::store::Store;

pub struct Rig {
    pub server: DemoServer,
    /// The account, asking for English answers.
    pub account: Arc<Account>,
    /// The same account (same store, same session) asking for French answers.
    pub account_fr: Arc<Account>,
    pub http: reqwest::Client,
    config: Config,
    _data: TempDir,
    config_dir: TempDir,
}

impl Rig {
    /// A demo server polled every second, and an account configured for it.
    pub async fn start() -> Rig {
        Rig::start_with(|_| {}).await
    }

    /// [`Rig::start`] with the demo server's options changed by `configure`.
    pub async fn start_with(configure: impl FnOnce(&mut DemoOptions)) -> Rig {
        let data = TempDir::new().unwrap();
        let config_dir = TempDir::new().unwrap();
        let mut options = DemoOptions::new(data.path());
        options.interval = 1;
        configure(&mut options);
        let server = DemoServer::start(options).await.unwrap();
        let config =
            Config::parse(&server.client_config_ron(), std::path::Path::new("test")).unwrap();
        let open = |lang: Lang| {
            let store = Store::new(config_dir.path());
            Arc::new(
                Account::new(config.clone(), store)
                    .unwrap()
                    .speaking(lang.accept_language()),
            )
        };
        Rig {
            server,
            account: open(Lang::En),
            account_fr: open(Lang::Fr),
            http: reqwest::Client::new(),
            config,
            _data: data,
            config_dir,
        }
    }

    /// The account speaking `lang`.
    pub fn account_in(&self, lang: Lang) -> &Arc<Account> {
        match lang {
            Lang::En => &self.account,
            Lang::Fr => &self.account_fr,
        }
    }

    /// The refresh token in the account's session file.
    pub fn stored_refresh_token(&self) -> String {
        let path = self.account.store().path("session.ron");
        let file = super::cli::read_session_file(&path).expect("a session.ron");
        file.session
            .unwrap()
            .refresh_token
            .unwrap()
            .expose()
            .to_string()
    }

    /// The app as a new launch opens it: a new account over the same files (acting for the
    /// profile used last), booted from what is stored; with the work the boot started.
    pub fn relaunch(&self, lang: Lang) -> (App, Task<Message>) {
        let store = Store::new(self.config_dir.path());
        let account = Arc::new(
            Account::new(self.config.clone(), store)
                .unwrap()
                .speaking(lang.accept_language()),
        );
        let restored = tvauth::app::restore_now(&account);
        App::new(account, lang, tvauth::theme::DESIGN, false).boot(restored)
    }

    pub fn app(&self, lang: Lang) -> App {
        App::new(
            self.account_in(lang).clone(),
            lang,
            tvauth::theme::DESIGN,
            false,
        )
    }

    /// Runs the app's device sign-in `task` as the runtime would, approving its code as `name`
    /// on the demo's page, and feeds every message to the app; returns the work the last one
    /// started (Home's refresh, once signed in).
    pub async fn approve_through(
        &self,
        app: &mut App,
        task: Task<Message>,
        name: &str,
    ) -> Task<Message> {
        use tvauth::screen::activate;
        let mut stream = messages(task);
        let mut work = Task::none();
        while let Some(message) = stream.next().await {
            if let Message::Activate(activate::Message::LoginProgressed(LoginEvent::Code(code))) =
                &message
            {
                self.approve(&code.user_code, name).await;
            }
            work = app.update(message);
        }
        work
    }

    /// Approves `user_code` as `name` on the demo's page.
    async fn approve(&self, user_code: &str, name: &str) {
        super::activation::decided(&self.http, self.server.issuer(), user_code, name, "approve")
            .await;
    }

    /// Signs the account in through the device flow, approving as `name`; returns the events.
    pub async fn sign_in(&self, name: &str, mut each: impl FnMut(&LoginEvent)) {
        let mut events = Box::pin(self.account.clone().login());
        while let Some(event) = events.next().await {
            each(&event);
            match &event {
                LoginEvent::Code(code) => self.approve(&code.user_code, name).await,
                LoginEvent::SignedIn(_) => return,
                other if other.is_final() => panic!("sign-in ended with {other:?}"),
                _ => {}
            }
        }
    }
}

/// Sends `message` to the app without running the work it starts (a dropped task never runs).
pub fn send(app: &mut App, message: Message) {
    let _not_run = app.update(message);
}

/// What `task` asks of the runtime, in order, as the runtime would get it.
fn actions(task: Task<Message>) -> BoxStream<'static, iced_runtime::Action<Message>> {
    iced_runtime::task::into_stream(task).unwrap_or_else(|| stream::empty().boxed())
}

/// The messages `task` produces, in order (the window and widget operations it asked for
/// are dropped).
fn messages(task: Task<Message>) -> BoxStream<'static, Message> {
    actions(task)
        .filter_map(|action| async move {
            match action {
                iced_runtime::Action::Output(message) => Some(message),
                _ => None,
            }
        })
        .boxed()
}

/// The first message `task` produces (the rest of it is dropped, unrun).
pub async fn first(task: Task<Message>) -> Message {
    messages(task)
        .next()
        .await
        .expect("the task ended without a message")
}

/// Whether `task` asks the runtime to close the app.
pub async fn exits(task: Task<Message>) -> bool {
    actions(task)
        .any(|action| async move { matches!(action, iced_runtime::Action::Exit) })
        .await
}

/// Runs `task` to its end as the app's runtime would; returns the messages it produced.
pub async fn run(task: Task<Message>) -> Vec<Message> {
    messages(task).collect().await
}
