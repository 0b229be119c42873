//! Screenshot tests: every screen of the TV app rendered for real (iced_test, tiny-skia, the
//! bundled fonts) and compared with the PNG goldens in tests/snapshots/. A missing or different
//! golden fails and leaves the actual image and a diff under target/tmp/snapshots/; set
//! TVAUTH_UPDATE_SNAPSHOTS=1 to (re)write the goldens.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/lib.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use iced::Size;
use iced_test::Simulator;
use tvauth::app::{App, Message, Restored, restore_now};
use tvauth::i18n::Lang;
use tvauth::nav::NavKey;
use tvauth::screen::home;
use tvauth::screen::{Ended, Notice, Picker, Screen, activate, notice::Cause};
use tvauth::session::{CodeInfo, LoginEvent, Member, MemberState, Profile, ProfileId};

use support::tv::{self, send};

const HD: Size = Size::new(1280.0, 720.0);

fn settings() -> iced::Settings {
    tvauth::theme::load_fonts();
    iced::Settings {
        default_font: tvauth::theme::FONT_TEXT,
        ..iced::Settings::default()
    }
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

fn scratch_dir(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("snapshots")
        .join(kind)
}

fn read_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    buffer.truncate(info.buffer_size());
    (info.width, info.height, buffer)
}

/// Red where the images differ, a faded copy of the golden elsewhere.
fn write_diff(golden: &Path, actual: &Path, out: &Path) -> usize {
    let (w, h, a) = read_png(golden);
    let (w2, h2, b) = read_png(actual);
    if (w, h) != (w2, h2) {
        return usize::MAX;
    }
    let mut differing = 0;
    let pixels: Vec<u8> = a
        .chunks_exact(4)
        .zip(b.chunks_exact(4))
        .flat_map(|(p, q)| {
            if p == q {
                [p[0] / 4, p[1] / 4, p[2] / 4, 255]
            } else {
                differing += 1;
                [255, 0, 0, 255]
            }
        })
        .collect();
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let mut encoder = png::Encoder::new(
        std::io::BufWriter::new(std::fs::File::create(out).unwrap()),
        w,
        h,
    );
    encoder.set_color(png::ColorType::Rgba);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&pixels)
        .unwrap();
    differing
}

/// Renders `app` at `size` and compares it with the golden `name`.
fn check(name: &str, app: &App, size: Size) {
    let mut simulator = Simulator::with_size(settings(), size, app.view());
    let snapshot = simulator.snapshot(&tvauth::theme::app_theme()).unwrap();
    let renderer_suffix = "tiny-skia.png";
    let golden = golden_dir().join(format!("{name}-{renderer_suffix}"));
    if std::env::var_os("TVAUTH_UPDATE_SNAPSHOTS").is_some() {
        let _ = std::fs::remove_file(&golden);
        assert!(snapshot.matches_image(golden_dir().join(name)).unwrap());
        return;
    }
    let actual = scratch_dir("actual").join(format!("{name}-{renderer_suffix}"));
    let _ = std::fs::remove_file(&actual);
    // iced_test writes a missing image and calls it a match: write the actual one aside.
    assert!(
        snapshot
            .matches_image(scratch_dir("actual").join(name))
            .unwrap()
    );
    assert!(
        golden.exists(),
        "no golden for {name}: the actual image is {}; set TVAUTH_UPDATE_SNAPSHOTS=1 to accept it",
        actual.display()
    );
    if !snapshot.matches_image(golden_dir().join(name)).unwrap() {
        let diff = scratch_dir("diff").join(format!("{name}.png"));
        let differing = write_diff(&golden, &actual, &diff);
        panic!(
            "{name} differs from its golden in {differing} pixels: actual {}, diff {}",
            actual.display(),
            diff.display()
        );
    }
}

fn code_info(now: Instant) -> CodeInfo {
    CodeInfo {
        user_code: "WDJB-MJHT".into(),
        verification_uri: "https://login.example.com/activate".into(),
        verification_uri_complete: "https://login.example.com/activate?user_code=WDJB-MJHT".into(),
        expires_in: Duration::from_secs(900),
        expires_at: now + Duration::from_secs(872),
        interval: Duration::from_secs(5),
    }
}

/// Activate as the sign-in's events put it up (its polling task is never run), its clock at
/// `now`.
fn activate_with(app: &mut App, events: Vec<LoginEvent>, now: Instant) {
    let _polling = app.update(Message::Restored(Ok(Restored {
        profile: None,
        items: Vec::new(),
        members: Vec::new(),
    })));
    for event in events {
        send(app, to_activate(activate::Message::LoginProgressed(event)));
    }
    send(app, to_activate(activate::Message::Ticked(now)));
}

fn to_activate(message: activate::Message) -> Message {
    Message::Activate(message)
}

fn activate(app: &mut App) {
    let now = Instant::now();
    activate_with(app, vec![LoginEvent::Code(code_info(now))], now);
}

/// Home from the stored session, refreshed from the demo server.
async fn home_loaded(app: &mut App, account: &std::sync::Arc<tvauth::session::Account>) {
    let _refresh = app.update(Message::Restored(restore_now(account)));
    let loaded = home::load(account.clone()).await;
    send(app, Message::Home(home::Message::LibraryLoaded(loaded)));
}

fn lang_name(lang: Lang) -> &'static str {
    lang.tag()
}

#[tokio::test]
async fn every_screen_in_english_and_french() {
    let rig = tv::Rig::start().await;
    for lang in Lang::ALL {
        let l = lang_name(lang);
        let mut app = rig.app(lang);
        check(&format!("starting-{l}"), &app, tvauth::theme::DESIGN);

        activate(&mut app);
        check(&format!("activate-{l}"), &app, tvauth::theme::DESIGN);

        app.show(Screen::Notice(Notice::Expired));
        check(&format!("expired-{l}"), &app, tvauth::theme::DESIGN);
        app.show(Screen::Notice(Notice::Declined));
        check(&format!("declined-{l}"), &app, tvauth::theme::DESIGN);
        app.show(Screen::Notice(Notice::Error {
            cause: Cause::Network,
            code: "network".into(),
        }));
        check(&format!("error-{l}"), &app, tvauth::theme::DESIGN);
        let ended = Ended::new(app.account().clone(), Some("Alex Martin".into()));
        app.show(Screen::Ended(ended));
        check(&format!("ended-{l}"), &app, tvauth::theme::DESIGN);
        // "Remove from this TV", and its question naming the person.
        send(&mut app, Message::Nav(NavKey::Right));
        send(&mut app, Message::Nav(NavKey::Ok));
        check(&format!("ended-remove-{l}"), &app, tvauth::theme::DESIGN);
    }
}

/// "Sign in on this TV" offered (English), then waiting for the browser (French).
#[tokio::test]
async fn activate_with_sign_in_on_this_tv() {
    let rig = tv::Rig::start().await;
    let mut app = rig.app(Lang::En).offer_browser(true);
    let now = Instant::now();
    activate_with(&mut app, vec![LoginEvent::Code(code_info(now))], now);
    check("activate-browser-en", &app, tvauth::theme::DESIGN);

    let mut app = rig.app(Lang::Fr).offer_browser(true);
    activate_with(&mut app, vec![LoginEvent::Code(code_info(now))], now);
    // The browser's task is never run: nothing opens, the screen waits for it.
    let _browser = app.update(Message::Nav(NavKey::Ok));
    check("activate-browser-waiting-fr", &app, tvauth::theme::DESIGN);
}

#[tokio::test]
async fn activate_holds_at_720p() {
    let rig = tv::Rig::start().await;
    let mut app = App::new(rig.account.clone(), Lang::En, HD, false);
    activate(&mut app);
    check("activate-720p-en", &app, HD);
}

#[tokio::test]
async fn home_with_the_demo_library_and_its_dialogs() {
    let rig = tv::Rig::start().await;
    rig.sign_in("Alex Martin", |_| {}).await;
    for lang in Lang::ALL {
        let l = lang_name(lang);
        let mut app = rig.app(lang);
        home_loaded(&mut app, rig.account_in(lang)).await;
        check(&format!("home-{l}"), &app, tvauth::theme::DESIGN);

        // The account button's question, clicked; then Back closes it and asks to exit.
        send(&mut app, Message::Home(home::Message::AccountPressed));
        assert!(matches!(app.screen(), Screen::Home(h) if h.dialog().is_some()));
        check(&format!("sign-out-{l}"), &app, tvauth::theme::DESIGN);
        send(&mut app, Message::Nav(NavKey::Back));
        send(&mut app, Message::Nav(NavKey::Back));
        assert!(app.exit_question().is_some());
        check(&format!("exit-{l}"), &app, tvauth::theme::DESIGN);
    }
}

/// No code could be had: the wait before the next request, in place of the code, in both
/// languages (not an error screen that flips back and forth).
#[tokio::test]
async fn activate_while_no_code_can_be_had() {
    let rig = tv::Rig::start().await;
    for lang in Lang::ALL {
        let l = lang_name(lang);
        let mut app = rig.app(lang);
        let now = Instant::now();
        let error = tvauth::session::SessionError::Offline(tvauth::auth::AuthError::Http {
            status: 503,
            retry_after: None,
        });
        let unavailable = LoginEvent::CodeUnavailable {
            retry_at: now + Duration::from_secs(20),
            error,
        };
        activate_with(&mut app, vec![unavailable], now);
        assert!(
            matches!(app.screen(), Screen::Activate(a) if a.counting_down()),
            "the wait counts down"
        );
        check(
            &format!("activate-no-code-{l}"),
            &app,
            tvauth::theme::DESIGN,
        );
    }
}

/// What a hostile or odd server sends is shown safely: an ungrouped code is grouped, and a
/// `userinfo@` before the host is struck through and named while the real host is emphasised.
#[tokio::test]
async fn activate_with_a_hostile_address_and_an_ungrouped_code() {
    let rig = tv::Rig::start().await;
    let mut app = rig.app(Lang::En);
    let now = Instant::now();
    let hostile = LoginEvent::Code(CodeInfo {
        user_code: "WDJBMJHT".into(),
        verification_uri: "https://accounts.example.com@evil.example/activate".into(),
        ..code_info(now)
    });
    activate_with(&mut app, vec![hostile], now);
    check("activate-hostile-en", &app, tvauth::theme::DESIGN);
}

/// A title and a subtitle far too long for their tile: each ends with an ellipsis on one line,
/// and every tile of the row keeps the same height.
#[tokio::test]
async fn home_with_a_long_title() {
    let rig = tv::Rig::start().await;
    rig.sign_in("Alex Martin", |_| {}).await;
    let mut app = rig.app(Lang::En);
    let account = rig.account_in(Lang::En);
    let _refresh = app.update(Message::Restored(restore_now(account)));
    let mut loaded = home::load(account.clone()).await.unwrap();
    loaded.items[1].title =
        "The Quiet Harbour: An Extraordinarily Long Director's Cut Nobody Can Fit".into();
    loaded.items[2].subtitle = "Thriller · 1 h 48 · Subtitles in twelve languages".into();
    send(
        &mut app,
        Message::Home(home::Message::LibraryLoaded(Ok(loaded))),
    );
    check("home-long-title-en", &app, tvauth::theme::DESIGN);
}

/// The provider forbids codes: the screen as the real refusal of a demo server without the
/// device flow puts it up, with "Sign in on this TV" (English) and without it (French).
#[tokio::test]
async fn the_provider_forbids_codes() {
    let rig = tv::Rig::start_with(|options| options.device_flow = false).await;
    for (lang, browser, name) in [
        (Lang::En, true, "forbidden-browser-en"),
        (Lang::Fr, false, "forbidden-fr"),
    ] {
        let mut app = rig.app(lang).offer_browser(browser);
        let login = app.update(Message::Restored(Ok(Restored {
            profile: None,
            items: Vec::new(),
            members: Vec::new(),
        })));
        for message in tv::run(login).await {
            send(&mut app, message);
        }
        assert!(matches!(app.screen(), Screen::Forbidden(_)));
        check(name, &app, tvauth::theme::DESIGN);
    }
}

/// The moment a new code replaced one about to run out while someone was there: the new code,
/// its full ring, and the status line saying so.
#[tokio::test]
async fn activate_with_a_new_code() {
    let rig = tv::Rig::start().await;
    for lang in Lang::ALL {
        let l = lang_name(lang);
        let mut app = rig.app(lang);
        let now = Instant::now();
        activate_with(&mut app, vec![LoginEvent::Code(code_info(now))], now);
        // A key 20 s before the code nears its end, then the tick that renews it.
        let near_end = now + Duration::from_secs(872 - 80);
        send(&mut app, to_activate(activate::Message::Ticked(near_end)));
        send(&mut app, Message::Nav(NavKey::Down));
        let _renewal = app.update(to_activate(activate::Message::Ticked(
            near_end + Duration::from_secs(21),
        )));
        assert!(matches!(app.screen(), Screen::Activate(a) if a.renewing()));
        let issued = Instant::now();
        let new = CodeInfo {
            user_code: "QPLX-RTNC".into(),
            verification_uri_complete: "https://login.example.com/activate?user_code=QPLX-RTNC"
                .into(),
            expires_at: issued + Duration::from_secs(900),
            ..code_info(issued)
        };
        let expires_at = new.expires_at;
        send(
            &mut app,
            to_activate(activate::Message::LoginProgressed(LoginEvent::Code(new))),
        );
        // One second on: the fade is over, the note still up, 14:59 left.
        send(
            &mut app,
            to_activate(activate::Message::Ticked(
                expires_at - Duration::from_secs(899),
            )),
        );
        assert!(matches!(app.screen(), Screen::Activate(a) if a.shows_new_code()));
        check(
            &format!("activate-new-code-{l}"),
            &app,
            tvauth::theme::DESIGN,
        );
    }
}

/// Home in the session's last days, on a TV whose clock is three days behind: the banner with
/// its date and "Renew now", and the clock line; the sign-out question says until when.
#[tokio::test]
async fn home_with_a_session_near_its_end() {
    let rig = tv::Rig::start().await;
    rig.sign_in("Alex Martin", |_| {}).await;
    // Noon UTC, so the date is the same in any time zone within eleven hours of it.
    let standing = home::Standing {
        ends_at: Some(1_798_632_000),
        renewal_due: true,
        clock_off: Some(tvauth::session::ClockOffset::from_seconds(-3 * 86_400)),
    };
    for lang in Lang::ALL {
        let l = lang_name(lang);
        let mut app = rig.app(lang);
        home_loaded(&mut app, rig.account_in(lang)).await;
        send(
            &mut app,
            Message::Home(home::Message::StandingRead(Some(standing))),
        );
        check(&format!("home-renewal-{l}"), &app, tvauth::theme::DESIGN);
        send(&mut app, Message::Home(home::Message::AccountPressed));
        check(&format!("sign-out-until-{l}"), &app, tvauth::theme::DESIGN);
    }
}

/// Diagnostics over Activate after two polls and a network error, with a fixed report (its
/// paths, addresses and times would differ from run to run otherwise).
#[tokio::test]
async fn diagnostics_over_activate() {
    let rig = tv::Rig::start().await;
    let issuer = "https://login.example.com/";
    let endpoint =
        |name: &'static str, path: &str, configured: bool| tvauth::session::EndpointInUse {
            name,
            url: format!("{issuer}{path}"),
            configured,
        };
    let as_of = 1_798_632_000;
    let report = tvauth::session::Report {
        version: env!("CARGO_PKG_VERSION"),
        provider_host: "login.example.com".into(),
        endpoints: vec![
            endpoint("device_authorization", "oauth/device/code", false),
            endpoint("token", "oauth/token", false),
            endpoint("authorization", "authorize", false),
            endpoint("userinfo", "userinfo", false),
            endpoint("revocation", "oauth/revoke", true),
            endpoint("jwks", ".well-known/jwks.json", false),
        ],
        client_id: "tvauth-tv".into(),
        scope: "openid profile email offline_access read:library".into(),
        audience: Some("urn:tvauth:demo-api".into()),
        reachability: tvauth::session::Reachability::Answered(Duration::from_millis(42)),
        clock_offset: Some(tvauth::session::ClockOffset::from_seconds(-125)),
        session: Some(tvauth::session::Summary {
            profile: tvauth::session::Profile {
                sub: "demo|alex".into(),
                name: Some("Alex Martin".into()),
                email: None,
                picture: None,
            },
            issuer: issuer.into(),
            scope: "openid profile email offline_access read:library".into(),
            signed_in_at: as_of - 3 * 86_400,
            refreshed_at: Some(as_of - 600),
            access_token_expires_at: Some(as_of + 3000),
            can_refresh: true,
            session_ends_at: Some(as_of + 27 * 86_400),
            as_of,
            clock_offset: None,
        }),
        dpop_bound: true,
        config_file: "/home/tv/.config/tvauth/config.ron".into(),
        session_file: "/home/tv/.config/tvauth/session.ron".into(),
    };
    for lang in Lang::ALL {
        let l = lang_name(lang);
        let mut app = rig.app(lang);
        let now = Instant::now();
        let pending = LoginEvent::Pending {
            next_poll_at: now + Duration::from_secs(5),
        };
        let offline = LoginEvent::Offline {
            retry_at: now + Duration::from_secs(5),
            error: tvauth::auth::AuthError::Network("down".into()),
        };
        activate_with(
            &mut app,
            vec![LoginEvent::Code(code_info(now)), pending, offline],
            now,
        );
        let _gather = app.update(Message::Nav(NavKey::Help));
        let gathered = tvauth::screen::diagnostics::Message::Gathered(Box::new(report.clone()));
        send(&mut app, Message::Diagnostics(gathered));
        check(&format!("diagnostics-{l}"), &app, tvauth::theme::DESIGN);
    }
}

/// "Read the code aloud" offered (this system can speak), alone and focused.
#[tokio::test]
async fn activate_with_read_aloud() {
    use tvauth::speech::{Engine, Speaker};
    let rig = tv::Rig::start().await;
    for lang in Lang::ALL {
        let l = lang_name(lang);
        let mut app = rig
            .app(lang)
            .offer_speech(Some(Speaker::with_engine(Engine::EspeakNg)));
        let now = Instant::now();
        activate_with(&mut app, vec![LoginEvent::Code(code_info(now))], now);
        check(
            &format!("activate-read-aloud-{l}"),
            &app,
            tvauth::theme::DESIGN,
        );
    }
}

/// A profile of the picker, drawn with its initials (no picture address).
fn member(id: &str, name: &str, last_used_at: u64, state: MemberState) -> Member {
    Member {
        id: ProfileId::parse(id).unwrap(),
        person: Profile {
            sub: format!("auth0|{id}"),
            name: Some(name.into()),
            email: None,
            picture: None,
        },
        added_at: 1_800_000_000,
        last_used_at,
        state,
    }
}

fn family() -> Vec<Member> {
    vec![
        member(
            "000000a1",
            "Alex Martin",
            1_800_000_300,
            MemberState::SignedIn,
        ),
        member(
            "000000b2",
            "Sam Okafor",
            1_800_000_500,
            MemberState::SignedIn,
        ),
        member(
            "000000c3",
            "Camille Durand",
            1_800_000_100,
            MemberState::Ended,
        ),
    ]
}

fn show_picker(app: &mut App, members: Vec<Member>) {
    let (picker, _pictures) = Picker::new(app.account().clone(), members);
    app.show(Screen::Picker(picker));
}

/// Who's watching: the profile used last focused, then the one whose session ended, then
/// "Add someone"; in both languages, and at 720p.
#[tokio::test]
async fn who_is_watching() {
    let rig = tv::Rig::start().await;
    for lang in Lang::ALL {
        let l = lang_name(lang);
        let mut app = rig.app(lang);
        show_picker(&mut app, family());
        check(&format!("picker-{l}"), &app, tvauth::theme::DESIGN);
        send(&mut app, Message::Nav(NavKey::Right));
        check(&format!("picker-ended-{l}"), &app, tvauth::theme::DESIGN);
        send(&mut app, Message::Nav(NavKey::Right));
        check(&format!("picker-add-{l}"), &app, tvauth::theme::DESIGN);
    }
    let mut app = App::new(rig.account.clone(), Lang::En, HD, false);
    show_picker(&mut app, family());
    check("picker-720p-en", &app, HD);
}
