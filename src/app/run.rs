//! Launching the TV app: the stored session read before the window opens, the fonts, the
//! window (fullscreen on a TV, its app id for the compositor) and the theme.

use std::sync::Arc;

use iced::{Size, window};

use super::{APP_ID, App, restore_now};
use crate::i18n::Lang;
use crate::session::Account;

/// Runs the TV app until it exits; `kiosk` as the box's kiosk (see [`App::as_kiosk`]);
/// `demo`: the account is the embedded demo server's.
pub fn run(
    account: Arc<Account>,
    lang: Lang,
    fullscreen: bool,
    kiosk: bool,
    demo: bool,
) -> iced::Result {
    let window_size = if fullscreen {
        crate::theme::DESIGN
    } else {
        Size::new(1280.0, 720.0)
    };
    crate::theme::load_fonts();
    let restored = restore_now(&account);
    let browser = crate::browser::available();
    let speaker = crate::speech::Speaker::detect();
    let boot = move || {
        App::new(account.clone(), lang, window_size, fullscreen)
            .offer_browser(browser)
            .as_kiosk(kiosk)
            .offer_speech(speaker.clone())
            .on_demo(demo)
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
