//! Which account a command or the TV app acts for: the configured provider's, or, with no
//! configuration at all, the embedded demo server's, started for the duration of the command
//! (and said so), its activation page also on the LAN with `--lan-demo`.

use std::path::PathBuf;

use i18n_embed::fluent::FluentLanguageLoader;

#[cfg(feature = "demo")]
use super::lan;
use crate::config::locate::{self, Places};
use crate::config::{Config, ConfigOrigin};
use crate::i18n::{Lang, fl};
use crate::session::Account;
use crate::store::Store;

/// `--lan-demo`: absent, present, or with an address.
pub(super) type LanChoice = Option<Option<std::net::SocketAddr>>;

/// The account of the configured provider; with no configuration at all, of the embedded
/// demo server, started here for the duration of the command (and said so).
pub(super) async fn open_account(
    config_flag: Option<PathBuf>,
    lan: LanChoice,
    lang: Lang,
    t: &FluentLanguageLoader,
) -> anyhow::Result<(Account, Option<EmbeddedDemo>)> {
    match configured_account(config_flag, lang)? {
        Ok(account) => {
            warn_lan_demo_unused(lan, t);
            Ok((account, None))
        }
        Err((store, origin)) => {
            let (config, demo) = embedded_demo(origin, lan, t).await?;
            Ok((
                Account::new(config, store)?.speaking(lang.accept_language()),
                demo,
            ))
        }
    }
}

/// The account of the configuration chosen (`--config`, the user's config.ron, /etc's; see
/// [`locate`]), speaking `lang`; when none configures a provider, the store and the origin
/// that says so (for the embedded demo server).
pub(super) fn configured_account(
    config_flag: Option<PathBuf>,
    lang: Lang,
) -> anyhow::Result<Result<Account, (Store, ConfigOrigin)>> {
    let store = Store::from_env()?;
    let chosen = locate::choose(config_flag.as_deref(), &Places::from_env())?;
    match chosen.config {
        Some(config) => Ok(Ok(
            Account::new(config, store)?.speaking(lang.accept_language())
        )),
        None => Ok(Err((store, chosen.origin))),
    }
}

#[cfg(feature = "demo")]
pub(super) type EmbeddedDemo = crate::demo::DemoServer;
#[cfg(not(feature = "demo"))]
pub(super) type EmbeddedDemo = ();

/// `--lan-demo` with a provider configured: said, since nothing is served to the LAN then.
pub(super) fn warn_lan_demo_unused(lan: LanChoice, t: &FluentLanguageLoader) {
    if lan.is_some() {
        eprintln!("tvauth: {}", fl!(t, "cli-lan-demo-unused"));
    }
}

/// The embedded demo server, its activation page also on the LAN when `lan` asks for it.
#[cfg(feature = "demo")]
pub(super) async fn embedded_demo(
    origin: ConfigOrigin,
    lan: LanChoice,
    t: &FluentLanguageLoader,
) -> anyhow::Result<(Config, Option<EmbeddedDemo>)> {
    use crate::demo::{DemoOptions, DemoServer};
    let data_dir = anyhow::Context::context(
        crate::environment::embedded_demo_data_dir(),
        "no home directory for the demo server's data",
    )?;
    let mut options = DemoOptions::new(data_dir);
    options.lan = lan::resolve(lan, "--lan-demo", t)?;
    let demo = DemoServer::start(options).await?;
    let mut config = Config::parse(
        &demo.client_config_ron(),
        std::path::Path::new("(embedded demo)"),
    )?;
    eprintln!(
        "{}",
        fl!(
            t,
            "cli-demo-notice",
            path = origin.path.display().to_string(),
            system = crate::environment::system_config_file()
                .display()
                .to_string(),
            issuer = demo.issuer()
        )
    );
    if demo.lan_addr().is_some() {
        eprintln!(
            "{}",
            fl!(t, "cli-demo-lan-notice", url = demo.activation_url())
        );
    }
    config.origin = Some(origin);
    Ok((config, Some(demo)))
}

#[cfg(not(feature = "demo"))]
pub(super) async fn embedded_demo(
    origin: ConfigOrigin,
    _lan: LanChoice,
    _t: &FluentLanguageLoader,
) -> anyhow::Result<(Config, Option<EmbeddedDemo>)> {
    anyhow::bail!(
        "no configuration in {} or {}",
        origin.path.display(),
        crate::environment::system_config_file().display()
    )
}
