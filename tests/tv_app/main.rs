//! The TV app driven as a remote would: keys go through `App::handle` (the pure half of
//! `update`), the work behind each action runs through the same effects the shell uses,
//! against a real demo server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/lib.rs"]
mod support;

use iced_test::Simulator;
use tvauth::app::{Action, App, Message, effects};
use tvauth::i18n::Lang;
use tvauth::nav::NavKey;
use tvauth::screen::{Activate, Dialog, Notice, Screen, Target};
use tvauth::session::BrowserOutcome;

use support::tv;

fn nav(app: &mut App, key: NavKey) -> Option<Action> {
    app.handle(Message::Nav(key))
}

#[tokio::test]
async fn expired_then_ok_requests_a_new_code() {
    let rig = tv::Rig::start().await;
    let mut app = rig.app(Lang::En);
    app.show(Screen::Notice(Notice::Expired));
    assert_eq!(
        app.focus(),
        Some(Target::Primary),
        "the one action is focused"
    );
    assert_eq!(nav(&mut app, NavKey::Down), None, "nowhere else to go");
    assert_eq!(nav(&mut app, NavKey::Ok), Some(Action::RequestCode));
    // The shell's work for it: a new Activate screen, polling behind it.
    let _task = app.perform(Action::RequestCode);
    assert!(matches!(app.screen(), Screen::Activate(_)));
}

#[tokio::test]
async fn the_mouse_works_too() {
    let rig = tv::Rig::start().await;
    let mut app = rig.app(Lang::En);
    app.show(Screen::Notice(Notice::Declined));
    let messages: Vec<Message> = {
        let mut simulator =
            Simulator::with_size(iced::Settings::default(), tvauth::theme::DESIGN, app.view());
        simulator.click("Try again").unwrap();
        let _ = simulator.snapshot(&tvauth::theme::app_theme());
        simulator.into_messages().collect()
    };
    assert_eq!(messages.len(), 1);
    let action = app.handle(messages.into_iter().next().unwrap());
    assert_eq!(action, Some(Action::RequestCode));
}

#[tokio::test]
async fn back_on_activate_asks_to_exit() {
    let rig = tv::Rig::start().await;
    let mut app = rig.app(Lang::En);
    app.show(Screen::Activate(Activate::new(None, false)));
    assert_eq!(nav(&mut app, NavKey::Back), None);
    assert_eq!(app.dialog(), Some(&Dialog::Exit));
    assert_eq!(
        app.focus(),
        Some(Target::Cancel),
        "staying is the safe default"
    );
    assert_eq!(nav(&mut app, NavKey::Ok), None, "Stay closes the question");
    assert_eq!(app.dialog(), None);
    assert!(matches!(app.screen(), Screen::Activate(_)));

    nav(&mut app, NavKey::Back);
    nav(&mut app, NavKey::Right);
    assert_eq!(app.focus(), Some(Target::Confirm));
    assert_eq!(nav(&mut app, NavKey::Ok), Some(Action::Exit));
}

#[tokio::test]
async fn a_full_sign_in_through_the_app_then_sign_out_from_home() {
    let rig = tv::Rig::start().await;
    let mut app = rig.app(Lang::En);
    let _task = app.perform(Action::RequestCode);

    // The runtime would feed the login stream into the app; so do we.
    let mut events = Vec::new();
    rig.sign_in("Alex Martin", |event| events.push(event.clone()))
        .await;
    let mut action = None;
    for event in events {
        let shown_code = matches!(event, tvauth::session::LoginEvent::Code(_));
        action = app.handle(Message::Login(event));
        if shown_code {
            let Screen::Activate(activate) = app.screen() else {
                panic!("not on Activate")
            };
            assert!(activate.code().is_some() && activate.counting_down());
        }
    }
    assert_eq!(action, Some(Action::LoadHome));
    let Screen::Home(_) = app.screen() else {
        panic!("not on Home: {:?}", app.screen())
    };
    app.handle(Message::HomeLoaded(
        effects::load_home(rig.account.clone()).await,
    ));
    let Screen::Home(home) = app.screen() else {
        panic!()
    };
    assert!(home.items.len() >= 6 && home.items.iter().all(|i| i.image.is_some()));
    assert!(home.avatar.is_some());
    assert_eq!(app.focus(), Some(Target::Tile(0)));

    // Along the row: the row scrolls to keep focus in view.
    for _ in 0..6 {
        nav(&mut app, NavKey::Right);
    }
    assert_eq!(app.focus(), Some(Target::Tile(6)));
    nav(&mut app, NavKey::Ok);
    assert_eq!(app.dialog(), Some(&Dialog::Item(6)));
    nav(&mut app, NavKey::Back);
    assert_eq!((app.dialog(), app.focus()), (None, Some(Target::Tile(6))));

    // Up to the account button, OK, move to "Sign out", OK.
    nav(&mut app, NavKey::Up);
    assert_eq!(app.focus(), Some(Target::Account));
    nav(&mut app, NavKey::Ok);
    assert_eq!(app.dialog(), Some(&Dialog::SignOut));
    assert_eq!(app.focus(), Some(Target::Cancel));
    nav(&mut app, NavKey::Right);
    let refresh_before = rig.stored_refresh_token();
    assert_eq!(nav(&mut app, NavKey::Ok), Some(Action::SignOut));

    let outcome = effects::sign_out(rig.account.clone()).await;
    assert_eq!(outcome.as_ref().ok(), Some(&true), "forgotten here at once");
    assert_eq!(
        app.handle(Message::SignedOut(outcome)),
        Some(Action::RequestCode)
    );
    assert_eq!(effects::send_revocations(rig.account.clone()).await, 0);
    let _task = app.perform(Action::RequestCode);
    assert!(matches!(app.screen(), Screen::Activate(_)));

    // Revoked at the provider, not just forgotten here.
    let error =
        support::oauth::refresh_error(&rig.http, rig.server.issuer(), "tvauth-tv", &refresh_before)
            .await;
    assert_eq!(error.as_deref(), Some("invalid_grant"));
}

#[tokio::test]
async fn a_stored_session_opens_home_at_once_and_offline_keeps_it() {
    let rig = tv::Rig::start().await;
    rig.sign_in("Sam", |_| {}).await;
    app_with_cache(&rig).await;

    // A later launch: Home from the saved profile and items, before any network answer.
    let mut app = rig.app(Lang::En);
    let action = app.handle(Message::Restored(effects::restore_now(&rig.account)));
    assert_eq!(action, Some(Action::LoadHome));
    let Screen::Home(home) = app.screen() else {
        panic!("not Home")
    };
    assert!(
        home.items.len() >= 6,
        "the saved items are on the first frame"
    );

    // The refresh fails for lack of network: Home stays, marked offline.
    let offline =
        tvauth::session::SessionError::Offline(tvauth::auth::AuthError::Network("down".into()));
    let retry = app.handle(Message::HomeLoaded(Err(offline)));
    let Screen::Home(home) = app.screen() else {
        panic!("left Home while offline")
    };
    assert_eq!(home.freshness, tvauth::screen::home::Freshness::Offline);
    // It tries again later, never sooner than the retry interval (jitter only lengthens the
    // first wait: it doubles before it spreads), then refreshes.
    let Some(Action::LoadHomeLater(wait)) = retry else {
        panic!("no retry planned: {retry:?}")
    };
    assert!(
        wait >= tvauth::app::HOME_RETRY_INTERVAL
            && wait <= 2 * tvauth::app::HOME_RETRY_INTERVAL * 6 / 5,
        "{wait:?}"
    );
    assert_eq!(app.handle(Message::HomeRetryDue), Some(Action::LoadHome));
    // The API in trouble (503) is retried the same way; a refusal (404) is not.
    let busy = tvauth::session::SessionError::Api {
        status: 503,
        code: None,
    };
    assert!(matches!(
        app.handle(Message::HomeLoaded(Err(busy))),
        Some(Action::LoadHomeLater(_))
    ));
    let missing = tvauth::session::SessionError::Api {
        status: 404,
        code: None,
    };
    assert_eq!(app.handle(Message::HomeLoaded(Err(missing))), None);

    // A sign-out that could not forget the session here says so instead of showing a code.
    let stuck = tvauth::session::SessionError::Config("read-only".into());
    assert_eq!(app.handle(Message::SignedOut(Err(stuck))), None);
    assert!(matches!(app.screen(), Screen::Notice(_)));
}

async fn app_with_cache(rig: &tv::Rig) {
    effects::load_home(rig.account.clone()).await.unwrap();
}

#[tokio::test]
async fn sign_in_on_this_tv_is_offered_then_cancelled_with_back() {
    let rig = tv::Rig::start().await;
    let mut app = rig.app(Lang::En).offer_browser(true);
    let _polling = app.perform(Action::RequestCode);
    assert_eq!(
        app.focus(),
        Some(Target::Browser),
        "the one button is focused"
    );
    assert_eq!(nav(&mut app, NavKey::Ok), Some(Action::BrowserSignIn));
    let _browser = app.perform(Action::BrowserSignIn);
    let waiting = |app: &App| matches!(app.screen(), Screen::Activate(a) if a.browser_waiting());
    assert!(waiting(&app));
    // Back first stops waiting for the browser; the code stays on screen.
    assert_eq!(nav(&mut app, NavKey::Back), None);
    assert!(!waiting(&app) && app.dialog().is_none());
    assert!(matches!(app.screen(), Screen::Activate(_)));
    nav(&mut app, NavKey::Back);
    assert_eq!(app.dialog(), Some(&Dialog::Exit));
}

#[tokio::test]
async fn the_browsers_outcome_moves_the_app_on() {
    let rig = tv::Rig::start().await;
    let mut app = rig.app(Lang::En).offer_browser(true);
    let _polling = app.perform(Action::RequestCode);
    let _browser = app.perform(Action::BrowserSignIn);
    assert_eq!(
        app.handle(Message::BrowserSignIn(BrowserOutcome::TimedOut)),
        None
    );
    assert!(
        matches!(app.screen(), Screen::Activate(a) if a.offers_browser() && !a.browser_waiting()),
        "timed out: offered again, the code still there"
    );
    let _browser = app.perform(Action::BrowserSignIn);
    let unopened = tvauth::session::SessionError::Config("no browser".into());
    assert_eq!(
        app.handle(Message::BrowserSignIn(BrowserOutcome::Failed(unopened))),
        None
    );
    assert!(
        matches!(app.screen(), Screen::Activate(a) if a.offers_browser() && !a.browser_waiting()),
        "a failed browser sign-in leaves Activate (and its code) on screen, the browser offered again"
    );
    app.handle(Message::BrowserSignIn(BrowserOutcome::Failed(
        tvauth::session::SessionError::Declined,
    )));
    assert!(matches!(app.screen(), Screen::Notice(Notice::Declined)));

    let _polling = app.perform(Action::RequestCode);
    let profile = tvauth::session::Profile {
        sub: "demo|alex".into(),
        name: Some("Alex".into()),
        email: None,
        picture: None,
    };
    let action = app.handle(Message::BrowserSignIn(BrowserOutcome::SignedIn(profile)));
    assert_eq!(action, Some(Action::LoadHome));
    assert!(matches!(app.screen(), Screen::Home(_)));
}
