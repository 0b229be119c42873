//! The TV app driven as a remote would: keys go through `App::update`, and the tasks it
//! returns run as the runtime would run them, against a real demo server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/lib.rs"]
mod support;

use iced::Task;
use iced_test::Simulator;
use tvauth::app::{App, Message, Restored, restore_now};
use tvauth::i18n::Lang;
use tvauth::nav::NavKey;
use tvauth::screen::activate::Purpose;
use tvauth::screen::dialog::Choice;
use tvauth::screen::home::{self, Dialog, Focus, Freshness, Home};
use tvauth::screen::{Activate, Notice, Picker, Screen, activate, forbidden, picker};
use tvauth::session::{BrowserOutcome, LoginEvent, Member, MemberState, SessionError};

use support::tv::{self, exits, run, send};

fn nav(app: &mut App, key: NavKey) -> Task<Message> {
    app.update(Message::Nav(key))
}

/// Puts up a new code, as at a launch with nobody signed in; the sign-in task is returned.
fn request_code(app: &mut App) -> Task<Message> {
    app.update(Message::Restored(Ok(Restored {
        profile: None,
        items: Vec::new(),
        members: Vec::new(),
    })))
}

fn home(app: &App) -> &Home {
    match app.screen() {
        Screen::Home(home) => home,
        other => panic!("not on Home: {other:?}"),
    }
}

fn picker(app: &App) -> &Picker {
    match app.screen() {
        Screen::Picker(picker) => picker,
        other => panic!("not on who's watching: {other:?}"),
    }
}

fn names(members: &[Member]) -> Vec<String> {
    members
        .iter()
        .map(|m| m.person.name.clone().unwrap_or_default())
        .collect()
}

/// Every file of a profile's folder and its bytes.
fn files(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(entry.path()).unwrap())
        })
        .collect()
}

fn activate(app: &App) -> &Activate {
    match app.screen() {
        Screen::Activate(activate) => activate,
        other => panic!("not on Activate: {other:?}"),
    }
}

#[tokio::test]
async fn expired_then_ok_requests_a_new_code() {
    let rig = tv::Rig::start().await;
    let mut app = rig.app(Lang::En);
    app.show(Screen::Notice(Notice::Expired));
    assert_eq!(nav(&mut app, NavKey::Down).units(), 0, "nowhere else to go");
    assert!(matches!(app.screen(), Screen::Notice(Notice::Expired)));
    // OK on the one action: a new Activate screen, polling behind it.
    let polling = nav(&mut app, NavKey::Ok);
    assert!(activate(&app).code().is_none() && polling.units() > 0);
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
    let _polling = app.update(messages.into_iter().next().unwrap());
    assert!(matches!(app.screen(), Screen::Activate(_)), "a new code");
}

#[tokio::test]
async fn back_on_activate_asks_to_exit() {
    let rig = tv::Rig::start().await;
    let mut app = rig.app(Lang::En);
    let _polling = request_code(&mut app);
    assert_eq!(nav(&mut app, NavKey::Back).units(), 0);
    assert_eq!(
        app.exit_question().map(|q| q.focus()),
        Some(Choice::Cancel),
        "staying is the safe default"
    );
    assert!(
        !exits(nav(&mut app, NavKey::Ok)).await,
        "Stay closes the question"
    );
    assert!(app.exit_question().is_none());
    assert!(matches!(app.screen(), Screen::Activate(_)));

    send(&mut app, Message::Nav(NavKey::Back));
    send(&mut app, Message::Nav(NavKey::Right));
    assert_eq!(
        app.exit_question().map(|q| q.focus()),
        Some(Choice::Confirm)
    );
    assert!(exits(nav(&mut app, NavKey::Ok)).await);
}

#[tokio::test]
async fn a_full_sign_in_through_the_app_then_sign_out_from_home() {
    let rig = tv::Rig::start().await;
    let mut app = rig.app(Lang::En);
    let _polling = request_code(&mut app);

    // The runtime would feed the login stream into the app; so do we.
    let mut events = Vec::new();
    rig.sign_in("Alex Martin", |event| events.push(event.clone()))
        .await;
    let mut work = Task::none();
    for event in events {
        let shown_code = matches!(event, LoginEvent::Code(_));
        work = app.update(Message::Activate(activate::Message::LoginProgressed(event)));
        if shown_code {
            let activate = activate(&app);
            assert!(activate.code().is_some() && activate.counting_down());
        }
    }
    assert_eq!(home(&app).freshness(), &Freshness::Loading);
    // Home's refresh, as the runtime runs it.
    for message in run(work).await {
        send(&mut app, message);
    }
    let home_now = home(&app);
    assert!(home_now.items().len() >= 6 && home_now.items().iter().all(|i| i.image.is_some()));
    assert!(home_now.avatar().is_some());
    assert_eq!(home_now.focus(), Focus::Tile(0));

    // Along the row: the row scrolls to keep focus in view.
    for _ in 0..6 {
        send(&mut app, Message::Nav(NavKey::Right));
    }
    assert_eq!(home(&app).focus(), Focus::Tile(6));
    send(&mut app, Message::Nav(NavKey::Ok));
    assert_eq!(home(&app).dialog(), Some(&Dialog::Item(6)));
    send(&mut app, Message::Nav(NavKey::Back));
    assert_eq!(
        (home(&app).dialog(), home(&app).focus()),
        (None, Focus::Tile(6))
    );

    // Up to the account button, OK, move to "Sign out", OK.
    send(&mut app, Message::Nav(NavKey::Up));
    assert_eq!(home(&app).focus(), Focus::Account);
    send(&mut app, Message::Nav(NavKey::Ok));
    let Some(Dialog::SignOut(question)) = home(&app).dialog() else {
        panic!("no sign-out question")
    };
    assert_eq!(question.focus(), Choice::Cancel);
    send(&mut app, Message::Nav(NavKey::Right));
    let refresh_before = rig.stored_refresh_token();
    let signing_out = nav(&mut app, NavKey::Ok);
    assert!(home(&app).signing_out() && home(&app).dialog().is_none());

    // Forgotten here at once, then the revocation sent; the app asks for a new code.
    let messages = run(signing_out).await;
    assert!(
        matches!(
            messages.as_slice(),
            [Message::Home(home::Message::SignedOut(Ok(true)))]
        ),
        "{messages:?}"
    );
    assert!(rig.account.status().unwrap().summary.is_none());
    let _polling = app.update(messages.into_iter().next().unwrap());
    assert!(matches!(app.screen(), Screen::Activate(_)));
    assert_eq!(rig.account.send_revocations().await, 0, "none left waiting");

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
    home::load(rig.account.clone()).await.unwrap();

    // A later launch: Home from the saved profile and items, before any network answer.
    let mut app = rig.app(Lang::En);
    let refresh = app.update(Message::Restored(restore_now(&rig.account)));
    assert!(
        home(&app).items().len() >= 6,
        "the saved items are on the first frame"
    );
    assert!(refresh.units() > 0, "and a refresh under way");

    // The refresh fails for lack of network: Home stays, marked offline.
    let offline = SessionError::Offline(tvauth::auth::AuthError::Network("down".into()));
    let timer = app.update(Message::Home(home::Message::LibraryLoaded(Err(offline))));
    assert_eq!(home(&app).freshness(), &Freshness::Offline);
    // It tries again later, never sooner than the retry interval (jitter only lengthens the
    // first wait: it doubles before it spreads), then refreshes.
    let Some(wait) = home(&app).retrying_in() else {
        panic!("no retry planned")
    };
    assert!(timer.units() > 0, "the retry's timer runs");
    assert!(
        wait >= tvauth::app::HOME_RETRY_INTERVAL
            && wait <= 2 * tvauth::app::HOME_RETRY_INTERVAL * 6 / 5,
        "{wait:?}"
    );
    let refresh = app.update(Message::Home(home::Message::RetryDue));
    assert!(
        matches!(
            run(refresh).await.as_slice(),
            [Message::Home(home::Message::Of(profile, loaded))]
                if *profile == rig.account.profile_id()
                    && matches!(**loaded, home::Message::LibraryLoaded(Ok(_)))
        ),
        "the retry refreshes, and says for whom"
    );
    // The API in trouble (503) is retried the same way; a refusal (404) is not.
    let busy = SessionError::Api {
        status: 503,
        code: None,
    };
    send(
        &mut app,
        Message::Home(home::Message::LibraryLoaded(Err(busy))),
    );
    assert!(home(&app).retrying_in().is_some());
    let missing = SessionError::Api {
        status: 404,
        code: None,
    };
    let after_refusal = app.update(Message::Home(home::Message::LibraryLoaded(Err(missing))));
    assert_eq!(after_refusal.units(), 0, "no new work after a refusal");
    assert!(matches!(home(&app).freshness(), Freshness::Stale(_)));

    // A sign-out that could not forget the session here says so instead of showing a code.
    let stuck = SessionError::Config("read-only".into());
    send(
        &mut app,
        Message::Home(home::Message::SignedOut(Err(stuck))),
    );
    assert!(matches!(app.screen(), Screen::Notice(_)));
}

#[tokio::test]
async fn sign_in_on_this_tv_is_offered_then_cancelled_with_back() {
    let rig = tv::Rig::start().await;
    let mut app = rig.app(Lang::En).offer_browser(true);
    let _polling = request_code(&mut app);
    assert!(
        activate(&app).offers_browser(),
        "the one button, focused, is offered"
    );
    let _browser = nav(&mut app, NavKey::Ok);
    assert!(activate(&app).browser_waiting());
    // Back first stops waiting for the browser; the code stays on screen.
    send(&mut app, Message::Nav(NavKey::Back));
    assert!(!activate(&app).browser_waiting() && app.exit_question().is_none());
    send(&mut app, Message::Nav(NavKey::Back));
    assert!(app.exit_question().is_some());
}

#[tokio::test]
async fn the_browsers_outcome_moves_the_app_on() {
    let rig = tv::Rig::start().await;
    let mut app = rig.app(Lang::En).offer_browser(true);
    let ended = |outcome| Message::Activate(activate::Message::BrowserSignInEnded(outcome));
    let _polling = request_code(&mut app);
    let _browser = nav(&mut app, NavKey::Ok);
    assert_eq!(app.update(ended(BrowserOutcome::TimedOut)).units(), 0);
    assert!(
        activate(&app).offers_browser() && !activate(&app).browser_waiting(),
        "timed out: offered again, the code still there"
    );
    let _browser = nav(&mut app, NavKey::Ok);
    let unopened = SessionError::Config("no browser".into());
    send(&mut app, ended(BrowserOutcome::Failed(unopened)));
    assert!(
        activate(&app).offers_browser() && !activate(&app).browser_waiting(),
        "a failed browser sign-in leaves Activate (and its code) on screen, the browser offered again"
    );
    send(
        &mut app,
        ended(BrowserOutcome::Failed(SessionError::Declined)),
    );
    assert!(matches!(app.screen(), Screen::Notice(Notice::Declined)));

    let _polling = request_code(&mut app);
    let profile = tvauth::session::Profile {
        sub: "demo|alex".into(),
        name: Some("Alex".into()),
        email: None,
        picture: None,
    };
    let refresh = app.update(ended(BrowserOutcome::SignedIn(profile)));
    assert_eq!(home(&app).profile().name.as_deref(), Some("Alex"));
    assert!(refresh.units() > 0, "Home's refresh starts");
}

/// The app as the box's kiosk (`--kiosk`) whose config.ron sets `browser_sign_in` as `set`
/// (`None`: not at all), a browser available; the config dir is kept alive by the caller.
fn kiosk_app(rig: &tv::Rig, set: Option<bool>, dir: &tempfile::TempDir) -> App {
    use std::sync::Arc;
    let field = set.map_or(String::new(), |on| format!("browser_sign_in: {on},"));
    let text = rig
        .server
        .client_config_ron()
        .replace("home_path:", &format!("{field} home_path:"));
    let config = tvauth::config::Config::parse(&text, std::path::Path::new("config.ron")).unwrap();
    let store = tvauth::store::Store::new(dir.path());
    let account = Arc::new(tvauth::session::Account::new(config, store).unwrap());
    App::new(account, Lang::En, tvauth::theme::DESIGN, true)
        .offer_browser(true)
        .as_kiosk(true)
}

/// In the kiosk, "Sign in on this TV" would start a full browser as the kiosk user: not
/// offered, on Activate or on the screen of a provider that forbids codes, unless config.ron
/// sets `browser_sign_in: true`. The desktop app keeps it (the tests above).
#[tokio::test]
async fn the_kiosk_offers_no_browser_unless_config_ron_asks() {
    use tvauth::speech::{Engine, Speaker};
    let rig = tv::Rig::start().await;
    let dir = tempfile::TempDir::new().unwrap();

    let mut app = kiosk_app(&rig, None, &dir);
    let _polling = request_code(&mut app);
    assert!(!activate(&app).offers_browser());
    assert_eq!(activate(&app).focus(), None, "no button at all to focus");
    let _nothing = nav(&mut app, NavKey::Ok);
    assert!(!activate(&app).browser_waiting(), "OK starts no browser");
    // With speech, "Read the code aloud" is the first (and only) focus.
    let mut app =
        kiosk_app(&rig, None, &dir).offer_speech(Some(Speaker::with_engine(Engine::EspeakNg)));
    let _polling = request_code(&mut app);
    assert_eq!(activate(&app).focus(), Some(activate::Focus::ReadAloud));

    let mut app = kiosk_app(&rig, Some(false), &dir);
    let _polling = request_code(&mut app);
    assert!(!activate(&app).offers_browser());

    let mut app = kiosk_app(&rig, Some(true), &dir);
    let _polling = request_code(&mut app);
    assert!(
        activate(&app).offers_browser(),
        "config.ron turns it back on"
    );
    assert_eq!(activate(&app).focus(), Some(activate::Focus::Browser));

    // A provider that forbids codes: "Try again" alone, as where no browser can be opened.
    let forbidding = tv::Rig::start_with(|options| options.device_flow = false).await;
    let mut app = kiosk_app(&forbidding, None, &dir);
    for message in run(request_code(&mut app)).await {
        send(&mut app, message);
    }
    match app.screen() {
        Screen::Forbidden(forbidden) => assert_eq!(forbidden.focus(), forbidden::Focus::Retry),
        other => panic!("not the forbidden screen: {other:?}"),
    }
    assert_eq!(nav(&mut app, NavKey::Left).units(), 0, "nothing beside it");
}

/// Diagnostics name the configuration file actually read (here the system-wide one), not
/// where the user's would be.
#[tokio::test]
async fn diagnostics_name_the_file_actually_read() {
    use tvauth::config::ConfigSource;
    use tvauth::config::locate::{Places, choose};
    let rig = tv::Rig::start().await;
    let dir = tempfile::TempDir::new().unwrap();
    let places = Places {
        user: Some((dir.path().join("config.ron"), ConfigSource::UserConfigDir)),
        system: dir.path().join("etc-config.ron"),
    };
    std::fs::write(&places.system, rig.server.client_config_ron()).unwrap();
    let config = choose(None, &places).unwrap().config.unwrap();
    let store = tvauth::store::Store::new(dir.path());
    let account = tvauth::session::Account::new(config, store).unwrap();
    assert_eq!(account.report().await.config_file, places.system);
}

/// A provider that forbids the device flow: its own screen, "Sign in on this TV" first where a
/// browser can be opened, "Try again" otherwise; the provider's words are kept for the screen.
#[tokio::test]
async fn a_provider_that_forbids_codes_gets_its_own_screen() {
    let rig = tv::Rig::start_with(|options| options.device_flow = false).await;
    let forbidden = |app: &App| match app.screen() {
        Screen::Forbidden(forbidden) => forbidden.focus(),
        other => panic!("not the forbidden screen: {other:?}"),
    };

    // No browser here: "Try again" is focused, and asks for a code again.
    let mut app = rig.app(Lang::En);
    for message in run(request_code(&mut app)).await {
        send(&mut app, message);
    }
    assert_eq!(forbidden(&app), forbidden::Focus::Retry);
    assert_eq!(nav(&mut app, NavKey::Left).units(), 0, "nothing beside it");
    let _polling = nav(&mut app, NavKey::Ok);
    assert!(matches!(app.screen(), Screen::Activate(_)));

    // A browser here: it comes first; Right reaches "Try again"; the browser's sign-in moves
    // the app on to Home.
    let mut app = rig.app(Lang::En).offer_browser(true);
    for message in run(request_code(&mut app)).await {
        send(&mut app, message);
    }
    assert_eq!(forbidden(&app), forbidden::Focus::Browser);
    send(&mut app, Message::Nav(NavKey::Right));
    assert_eq!(forbidden(&app), forbidden::Focus::Retry);
    send(&mut app, Message::Nav(NavKey::Left));
    let _browser = nav(&mut app, NavKey::Ok);
    assert!(matches!(app.screen(), Screen::Forbidden(f) if f.browser_waiting()));
    send(&mut app, Message::Nav(NavKey::Back));
    assert!(
        matches!(app.screen(), Screen::Forbidden(f) if !f.browser_waiting())
            && app.exit_question().is_none(),
        "Back first stops waiting for the browser"
    );
    let _browser = nav(&mut app, NavKey::Ok);
    let profile = tvauth::session::Profile {
        sub: "demo|alex".into(),
        name: Some("Alex".into()),
        email: None,
        picture: None,
    };
    let ended = forbidden::Message::BrowserSignInEnded(BrowserOutcome::SignedIn(profile));
    let _refresh = app.update(Message::Forbidden(ended));
    assert_eq!(home(&app).profile().name.as_deref(), Some("Alex"));
}

/// A code about to run out while someone is there is replaced in place by a new one (the old
/// poller stopped first); nobody there, it is left to expire. Times come from injected ticks.
#[tokio::test]
async fn a_code_about_to_run_out_is_renewed_while_someone_is_there() {
    let rig = tv::Rig::start_with(|options| options.expires_in = 90).await;
    let mut app = rig.app(Lang::En);
    let code_of = |message: Message| match message {
        Message::Activate(activate::Message::LoginProgressed(LoginEvent::Code(code))) => code,
        other => panic!("not a code: {other:?}"),
    };
    let tick = |at| Message::Activate(activate::Message::Ticked(at));

    // The app was just put up: someone is there.
    let old = code_of(tv::first(request_code(&mut app)).await);
    send(
        &mut app,
        Message::Activate(activate::Message::LoginProgressed(LoginEvent::Code(
            old.clone(),
        ))),
    );
    let early = app.update(tick(old.expires_at - std::time::Duration::from_secs(61)));
    assert_eq!(early.units(), 0, "61 s left: not yet");
    let renewal = app.update(tick(old.expires_at - std::time::Duration::from_secs(59)));
    assert!(
        activate(&app).renewing(),
        "59 s left: a new code is asked for"
    );
    let new = code_of(tv::first(renewal).await);
    assert_ne!(new.user_code, old.user_code);
    send(
        &mut app,
        Message::Activate(activate::Message::LoginProgressed(LoginEvent::Code(
            new.clone(),
        ))),
    );
    let shown = activate(&app);
    assert_eq!(
        shown.code().map(|c| c.user_code.as_str()),
        Some(new.user_code.as_str())
    );
    assert!(!shown.renewing() && shown.shows_new_code());

    // Nobody there: a code shown 14 minutes after the last key is left to run out.
    let now = std::time::Instant::now();
    let long = tvauth::session::CodeInfo {
        expires_in: std::time::Duration::from_secs(900),
        expires_at: now + std::time::Duration::from_secs(900),
        ..new
    };
    send(
        &mut app,
        Message::Activate(activate::Message::LoginProgressed(LoginEvent::Code(
            long.clone(),
        ))),
    );
    let idle = app.update(tick(long.expires_at - std::time::Duration::from_secs(30)));
    assert_eq!(idle.units(), 0);
    assert!(!activate(&app).renewing(), "no new code for nobody");
    // A key now: someone is there again.
    send(&mut app, Message::Nav(NavKey::Down));
    let renewal = app.update(tick(long.expires_at - std::time::Duration::from_secs(29)));
    assert!(renewal.units() > 0 && activate(&app).renewing());
}

/// A session in its last three days: Home says when it ends and offers to renew it; Back from
/// the renewal's code returns Home; the same person signing in keeps the saved library.
#[tokio::test]
async fn a_session_near_its_end_is_renewed_in_place() {
    let two_days = std::time::Duration::from_secs(2 * 24 * 3600);
    let rig = tv::Rig::start_with(|options| options.session_lifetime = Some(two_days)).await;
    rig.sign_in("Alex Martin", |_| {}).await;
    let mut app = rig.app(Lang::En);
    for message in run(app.update(Message::Restored(restore_now(&rig.account)))).await {
        send(&mut app, message);
    }
    let standing = home(&app).standing().expect("where the session stands");
    assert!(standing.renewal_due && standing.ends_at.is_some());
    assert!(home(&app).offers_renewal());
    let items = home(&app).items().len();
    assert!(items >= 6);

    // Up from the row reaches "Renew now" before the account button.
    send(&mut app, Message::Nav(NavKey::Up));
    assert_eq!(home(&app).focus(), Focus::Renew);
    let _polling = nav(&mut app, NavKey::Ok);
    assert_eq!(activate(&app).purpose(), activate::Purpose::Renew);
    // Back: the session still holds, so Home again (no exit question).
    let _refresh = nav(&mut app, NavKey::Back);
    assert!(app.exit_question().is_none());
    assert_eq!(home(&app).items().len(), items, "Home as it was saved");

    // Renew: the same person signs in; Home comes back with the saved items at once.
    let renewal = app.update(Message::Home(home::Message::RenewPressed));
    let refresh = rig.approve_through(&mut app, renewal, "Alex Martin").await;
    assert_eq!(home(&app).items().len(), items, "the library kept");
    assert_eq!(home(&app).profile().name.as_deref(), Some("Alex Martin"));
    for message in run(refresh).await {
        send(&mut app, message);
    }
    assert_eq!(home(&app).freshness(), &Freshness::Fresh);
}

/// Diagnostics open from any screen with the remote's Info/Menu key (and from Home's "Help"),
/// gather a report from the real provider with no token in it, and Back returns where you were.
#[tokio::test]
async fn diagnostics_open_anywhere_and_back_returns() {
    let rig = tv::Rig::start().await;
    rig.sign_in("Sam", |_| {}).await;
    let refresh_token = rig.stored_refresh_token();
    let mut app = rig.app(Lang::En);
    let _polling = request_code(&mut app);
    let offline = LoginEvent::Offline {
        retry_at: std::time::Instant::now(),
        error: tvauth::auth::AuthError::Network("down".into()),
    };
    send(
        &mut app,
        Message::Activate(activate::Message::LoginProgressed(offline)),
    );

    let gather = nav(&mut app, NavKey::Help);
    assert!(app.diagnostics().is_some());
    for message in run(gather).await {
        send(&mut app, message);
    }
    let report = app
        .diagnostics()
        .and_then(|d| d.report())
        .expect("a report")
        .clone();
    assert!(matches!(
        report.reachability,
        tvauth::session::Reachability::Answered(_)
    ));
    assert_eq!(report.endpoints.len(), 6, "{:?}", report.endpoints);
    assert!(report.session.is_some());
    assert!(
        report.dpop_bound,
        "the demo binds the session to the TV's key"
    );
    let shown = format!("{report:?}");
    assert!(
        !shown.contains(&refresh_token) && !shown.contains("eyJ"),
        "no token"
    );
    // Keys other than Back do nothing under it; Back leaves Activate as it was.
    assert_eq!(nav(&mut app, NavKey::Ok).units(), 0);
    send(&mut app, Message::Nav(NavKey::Back));
    assert!(app.diagnostics().is_none() && app.exit_question().is_none());
    assert!(matches!(app.screen(), Screen::Activate(_)));

    // Home's "Help", left of the account button.
    let mut app = rig.app(Lang::En);
    send(&mut app, Message::Restored(restore_now(&rig.account)));
    send(&mut app, Message::Nav(NavKey::Up));
    send(&mut app, Message::Nav(NavKey::Left));
    assert_eq!(home(&app).focus(), Focus::Help);
    let _gather = nav(&mut app, NavKey::Ok);
    assert!(app.diagnostics().is_some());
    send(&mut app, Message::Nav(NavKey::Help));
    assert!(app.diagnostics().is_none(), "Help again closes it too");
    assert_eq!(home(&app).focus(), Focus::Help, "where you were");
}

/// "Read the code aloud": offered when the system can speak, focused when it is the only
/// button, started by OK (again by a second press) or the remote's audio-description key,
/// and out of the way of "Sign in on this TV", which keeps the first focus.
#[tokio::test]
async fn the_code_is_read_aloud_on_request() {
    use tvauth::speech::{Engine, Speaker};
    let rig = tv::Rig::start().await;
    let espeak = || Some(Speaker::with_engine(Engine::EspeakNg));
    let code = LoginEvent::Code(tvauth::session::CodeInfo {
        user_code: "WDJB-MJHT".into(),
        verification_uri: "https://login.example.com/activate".into(),
        verification_uri_complete: "https://login.example.com/activate?user_code=WDJB-MJHT".into(),
        expires_in: std::time::Duration::from_secs(900),
        expires_at: std::time::Instant::now() + std::time::Duration::from_secs(900),
        interval: std::time::Duration::from_secs(5),
    });

    let mut app = rig.app(Lang::Fr).offer_speech(espeak());
    let _polling = request_code(&mut app);
    assert_eq!(activate(&app).focus(), Some(activate::Focus::ReadAloud));
    send(&mut app, Message::Nav(NavKey::Ok));
    assert!(
        !activate(&app).reading_aloud(),
        "no code yet: nothing to read"
    );
    send(
        &mut app,
        Message::Activate(activate::Message::LoginProgressed(code.clone())),
    );
    send(&mut app, Message::Nav(NavKey::Ok));
    assert!(
        activate(&app).reading_aloud(),
        "espeak-ng started (tests/run.sh installs it)"
    );
    send(&mut app, Message::Nav(NavKey::Speak));
    assert!(activate(&app).reading_aloud(), "again from the start");

    // With the browser offered, it keeps the first focus; Right reaches "Read the code aloud".
    let mut app = rig.app(Lang::En).offer_browser(true).offer_speech(espeak());
    let _polling = request_code(&mut app);
    send(
        &mut app,
        Message::Activate(activate::Message::LoginProgressed(code)),
    );
    assert_eq!(activate(&app).focus(), Some(activate::Focus::Browser));
    send(&mut app, Message::Nav(NavKey::Right));
    assert_eq!(activate(&app).focus(), Some(activate::Focus::ReadAloud));
    send(&mut app, Message::Nav(NavKey::Ok));
    assert!(activate(&app).reading_aloud() && !activate(&app).browser_waiting());

    // Nothing to speak with: not offered.
    let mut app = rig.app(Lang::En);
    let _polling = request_code(&mut app);
    assert!(!activate(&app).offers_read_aloud() && activate(&app).focus().is_none());
}

/// Two people on one TV, through the app against the demo server: Alex signs in, then adds Sam
/// from "Switch profile" ("Add someone"; Back from its code returns to the picker). A relaunch
/// opens on who's watching, focused on Sam (used last); the arrows pick Alex, whose Home opens
/// at once; Alex removes their profile: Sam's files stay byte for byte, and the TV goes to
/// Sam's Home.
#[tokio::test]
async fn two_people_take_turns_then_one_leaves() {
    let rig = tv::Rig::start().await;
    let mut app = rig.app(Lang::En);
    let login = request_code(&mut app);
    let _refresh = rig.approve_through(&mut app, login, "Alex Martin").await;
    assert_eq!(home(&app).profile().name.as_deref(), Some("Alex Martin"));

    send(&mut app, Message::Home(home::Message::SwitchPressed));
    assert_eq!(names(picker(&app).members()), ["Alex Martin"]);
    assert_eq!(picker(&app).focus(), picker::Focus::Seat(0));
    send(&mut app, Message::Nav(NavKey::Right));
    assert_eq!(picker(&app).focus(), picker::Focus::Add);
    let _never_run = nav(&mut app, NavKey::Ok);
    assert_eq!(activate(&app).purpose(), Purpose::Add);
    send(&mut app, Message::Nav(NavKey::Back));
    assert_eq!(picker(&app).focus(), picker::Focus::Seat(0));
    send(&mut app, Message::Nav(NavKey::Right));
    let add = nav(&mut app, NavKey::Ok);
    let _refresh = rig.approve_through(&mut app, add, "Sam Okafor").await;
    assert_eq!(home(&app).profile().name.as_deref(), Some("Sam Okafor"));

    let (mut app, _boot) = rig.relaunch(Lang::En);
    let members = picker(&app).members().to_vec();
    assert_eq!(names(&members), ["Alex Martin", "Sam Okafor"]);
    assert_eq!(picker(&app).focus(), picker::Focus::Seat(1));
    send(&mut app, Message::Nav(NavKey::Left));
    let _used_and_refreshed = nav(&mut app, NavKey::Ok);
    assert_eq!(home(&app).profile().name.as_deref(), Some("Alex Martin"));
    assert_eq!(app.account().profile_id(), members[0].id);
    // Work Sam's Home started and left running answers late: Alex's Home drops it.
    let late = home::Message::LibraryLoaded(Err(SessionError::Ended));
    send(
        &mut app,
        Message::Home(home::Message::Of(members[1].id.clone(), Box::new(late))),
    );
    assert_eq!(home(&app).profile().name.as_deref(), Some("Alex Martin"));

    let alex_dir = app.account().store().dir().to_path_buf();
    let sam_dir = app
        .account()
        .for_profile(&members[1].id)
        .store()
        .dir()
        .to_path_buf();
    let sam_before = files(&sam_dir);
    send(&mut app, Message::Home(home::Message::AccountPressed));
    send(&mut app, Message::Nav(NavKey::Right));
    let removing = nav(&mut app, NavKey::Ok);
    for message in run(removing).await {
        send(&mut app, message);
    }
    assert_eq!(home(&app).profile().name.as_deref(), Some("Sam Okafor"));
    assert_eq!(names(&app.account().members().unwrap()), ["Sam Okafor"]);
    assert!(!alex_dir.exists(), "Alex's files are gone");
    assert_eq!(files(&sam_dir), sam_before, "Sam's files are untouched");
}

/// A session the provider ends is announced by name, never replaced by a new code in
/// silence: Sam's Home hears `invalid_grant` and the TV says Sam's sign-in ended, "Sign in
/// again" focused; Back shows Sam on the picker marked so; OK there, approved by Sam, renews
/// the profile in place (same id, same place in the row).
#[tokio::test]
async fn an_ended_session_is_announced_by_name_and_renewed_in_place() {
    let rig = tv::Rig::start_with(|options| {
        // Every use refreshes, and sessions end 3 s after their sign-in.
        options.access_ttl = 30;
        options.session_lifetime = Some(std::time::Duration::from_secs(3));
    })
    .await;
    rig.sign_in("Alex Martin", |_| {}).await;
    rig.sign_in("Sam Okafor", |_| {}).await;
    tokio::time::sleep(std::time::Duration::from_millis(3500)).await;

    let (mut app, _boot) = rig.relaunch(Lang::En);
    let before = picker(&app).members().to_vec();
    assert_eq!(picker(&app).focus(), picker::Focus::Seat(1));
    let open = nav(&mut app, NavKey::Ok);
    for message in run(open).await {
        send(&mut app, message);
    }
    assert!(
        matches!(app.screen(), Screen::Ended(ended) if ended.name() == Some("Sam Okafor")),
        "{:?}",
        app.screen()
    );
    send(&mut app, Message::Nav(NavKey::Back));
    let members = picker(&app).members().to_vec();
    assert_eq!(members[1].state, MemberState::Ended);
    assert_eq!(picker(&app).focus(), picker::Focus::Seat(1));

    let again = nav(&mut app, NavKey::Ok);
    assert_eq!(activate(&app).purpose(), Purpose::Again);
    let _refresh = rig.approve_through(&mut app, again, "Sam Okafor").await;
    assert_eq!(home(&app).profile().name.as_deref(), Some("Sam Okafor"));
    let after = app.account().members().unwrap();
    assert_eq!(
        after.iter().map(|m| &m.id).collect::<Vec<_>>(),
        before.iter().map(|m| &m.id).collect::<Vec<_>>()
    );
    assert_eq!(after[1].state, MemberState::SignedIn);
}

/// On the embedded demo server, Activate says the sign-in is a demo (in the TV's language);
/// on a real provider it does not.
#[tokio::test]
async fn activate_says_it_is_a_demo_on_the_embedded_demo_only() {
    let rig = tv::Rig::start().await;
    for (lang, line, demo) in [
        (Lang::En, "Demo sign-in: no real account is used.", true),
        (
            Lang::Fr,
            "Connexion de démonstration : aucun vrai compte n'est utilisé.",
            true,
        ),
        (Lang::En, "Demo sign-in: no real account is used.", false),
    ] {
        let mut app = rig.app(lang).on_demo(demo);
        let code = tv::first(request_code(&mut app)).await;
        send(&mut app, code);
        assert!(activate(&app).code().is_some());
        assert_eq!(activate(&app).says_demo(), demo);
        let mut simulator =
            Simulator::with_size(iced::Settings::default(), tvauth::theme::DESIGN, app.view());
        assert_eq!(simulator.find(line).is_ok(), demo, "{lang:?}, demo: {demo}");
    }
}

/// Someone who left: their ended profile is removed from the news screen itself ("Remove from
/// this TV", a question naming them), and with nobody left the TV asks for a code.
#[tokio::test]
async fn an_ended_profile_can_be_removed_from_the_tv() {
    let rig = tv::Rig::start_with(|options| {
        options.access_ttl = 30;
        options.session_lifetime = Some(std::time::Duration::from_secs(2));
    })
    .await;
    rig.sign_in("Alex Martin", |_| {}).await;
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;

    let (mut app, boot) = rig.relaunch(Lang::En);
    assert_eq!(home(&app).profile().name.as_deref(), Some("Alex Martin"));
    for message in run(boot).await {
        send(&mut app, message);
    }
    let Screen::Ended(ended) = app.screen() else {
        panic!("not told the session ended: {:?}", app.screen())
    };
    assert_eq!(ended.focus(), tvauth::screen::ended::Focus::SignIn);
    send(&mut app, Message::Nav(NavKey::Right));
    send(&mut app, Message::Nav(NavKey::Ok));
    send(&mut app, Message::Nav(NavKey::Right));
    let removing = nav(&mut app, NavKey::Ok);
    for message in run(removing).await {
        send(&mut app, message);
    }
    assert!(
        matches!(app.screen(), Screen::Activate(_)),
        "{:?}",
        app.screen()
    );
    assert!(app.account().members().unwrap().is_empty());
}
