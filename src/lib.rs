//! tvauth: sign a Linux TV or set-top box into an account from a phone (OAuth 2.0 Device
//! Authorization Grant, RFC 8628), then use that account.

pub mod app;
pub mod auth;
pub mod browser;
pub mod cli;
pub mod clock;
pub mod config;
#[cfg(feature = "demo")]
pub mod demo;
pub mod doctor;
pub mod environment;
pub mod format;
pub mod html;
pub mod i18n;
pub mod nav;
pub mod picture;
pub mod screen;
pub mod session;
pub mod speech;
pub mod store;
pub mod theme;
pub mod widget;
