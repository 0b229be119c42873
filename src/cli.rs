//! The command line: `tvauth login|status|profiles|token|api|logout|doctor|demo-server`, over the
//! same core as the TV app. Human messages go through Fluent; `--json` output is for scripts.

mod account;
mod browser_login;
#[cfg(feature = "demo")]
mod demo_server;
mod doctor;
mod errors;
#[cfg(feature = "demo")]
mod lan;
mod login;
mod profiles;
mod speak;
mod status;
mod terminal;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use i18n_embed::fluent::FluentLanguageLoader;
use tracing::Level;
use tracing_subscriber::filter::Targets;

use account::{LanChoice, configured_account, embedded_demo, open_account, warn_lan_demo_unused};
use errors::{error_message, exit_status, report};

use crate::format;
use crate::i18n::{self, Lang, fl};
use crate::session::{Account, Logout};

/// `println!` that treats a closed pipe (`tvauth api | head`) as the reader's choice, not a crash.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}
pub(crate) use outln;

/// Exit statuses, for scripts.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// Any other failure (configuration, provider refused, file system).
    pub const FAILURE: u8 = 1;
    /// The command line itself was wrong (clap's own status).
    pub const USAGE: u8 = 2;
    /// `login`: the code expired before it was approved.
    pub const EXPIRED: u8 = 3;
    /// `login`: the person declined.
    pub const DENIED: u8 = 4;
    /// Not signed in, or the provider ended the session.
    pub const SIGNED_OUT: u8 = 5;
    /// The provider cannot be reached; nothing was lost.
    pub const OFFLINE: u8 = 6;
    /// The provider refused the client itself (wrong secret, grant not enabled for it), or
    /// its secret cannot be read: the configuration needs fixing.
    pub const CLIENT_REJECTED: u8 = 7;
    /// `login`: stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).
    pub const CANCELLED: u8 = 130;
}

const EXIT_CODES_HELP: &str = "Exit status: 0 success, 1 failure, 2 usage error, 3 code expired or \
browser sign-in timed out (login), 4 sign-in declined (login), 5 not signed in or session ended, \
6 provider unreachable, 7 client refused by the provider or its secret unreadable, \
130 sign-in cancelled (login).";

#[derive(Debug, Parser)]
#[command(
    name = "tvauth",
    version,
    about = "Sign this TV into your account from your phone",
    after_help = EXIT_CODES_HELP
)]
struct Cli {
    /// Use this configuration file. Without it: config.ron in the config dir
    /// (TVAUTH_CONFIG_DIR, else the platform config dir), else /etc/tvauth/config.ron, else
    /// the embedded demo server.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Language of messages (en, fr); by default from LANGUAGE, LC_ALL, LC_MESSAGES, LANG.
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    /// The profile to act for: its name, email, subject or id (`tvauth profiles` lists
    /// them); by default the most recently used. With `login`, the profile to renew.
    #[arg(long, global = true, value_name = "NAME|SUB|ID")]
    profile: Option<String>,
    /// TV app: fill the screen without window decorations (the default).
    #[arg(long, conflicts_with = "windowed")]
    fullscreen: bool,
    /// TV app: a 1280x720 window instead of full screen.
    #[arg(long)]
    windowed: bool,
    /// Embedded demo server only: also serve its activation page to phones on the local
    /// network (this machine's LAN address, or --lan-demo=ADDR); anyone there can approve.
    #[cfg(feature = "demo")]
    #[arg(
        long,
        global = true,
        value_name = "ADDR",
        num_args = 0..=1,
        require_equals = true,
        value_parser = crate::demo::parse_listen_address
    )]
    lan_demo: Option<Option<std::net::SocketAddr>>,
    /// TV app: run as the box's kiosk (tvauth-kiosk@.service): no "Sign in on this TV" (a
    /// browser) unless config.ron sets browser_sign_in: true.
    #[arg(long)]
    kiosk: bool,
    /// Without a command, the TV app opens.
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Sign someone in on this device (adding a profile, or renewing the one of whoever
    /// approves; with --profile, renewing that one): shows a code to approve from a phone.
    #[command(after_help = EXIT_CODES_HELP)]
    Login {
        /// Print one JSON object per event instead of the screen.
        #[arg(long)]
        json: bool,
        /// Do not draw the QR code.
        #[arg(long)]
        no_qr: bool,
        /// Also read the code aloud, in the language of messages (speech-dispatcher, else
        /// espeak-ng; without either, a warning and the sign-in goes on).
        #[arg(long, conflicts_with = "browser")]
        speak: bool,
        /// Sign in on this device instead, in its web browser ($BROWSER or xdg-open; the
        /// address is also printed), with the authorization code flow and PKCE.
        #[arg(long)]
        browser: bool,
        /// With --browser: give up after this many seconds.
        #[arg(
            long,
            value_name = "SECONDS",
            default_value_t = crate::session::BROWSER_SIGN_IN_TIMEOUT.as_secs(),
            requires = "browser"
        )]
        timeout: u64,
    },
    /// Who is signed in, and until when (never a token).
    #[command(after_help = EXIT_CODES_HELP)]
    Status {
        /// Print a JSON object.
        #[arg(long)]
        json: bool,
    },
    /// The profiles on this TV: name, email, last use, whether signed in (never a token);
    /// `*` marks the one commands use without --profile.
    Profiles {
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Print a valid access token for scripts and other programs, refreshing it if needed.
    #[command(after_help = EXIT_CODES_HELP)]
    Token {
        /// The box's own service identity instead of the signed-in person (client
        /// credentials; config.ron's `service` section, secret from its client_secret_file
        /// or TVAUTH_SERVICE_CLIENT_SECRET).
        #[arg(long)]
        client_credentials: bool,
    },
    /// Call the protected API and print its JSON answer.
    #[command(after_help = EXIT_CODES_HELP)]
    Api {
        /// Path under the configured api_base_url (default: the configured home_path).
        path: Option<String>,
    },
    /// Sign out and remove the profile: revoke its tokens at the provider and delete its files
    /// here (the other profiles are untouched).
    #[command(after_help = EXIT_CODES_HELP)]
    Logout,
    /// Check the configuration against the provider: each check OK, or what is wrong and
    /// where to fix it. Exit 0 when all pass, 1 otherwise.
    Doctor {
        /// Print a JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Run the embedded demo authorization server and protected API.
    #[cfg(feature = "demo")]
    DemoServer(Box<demo_server::DemoServerArgs>),
}

/// Runs the command line and returns the process exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    let lang = cli
        .lang
        .as_deref()
        .and_then(Lang::from_tag)
        .unwrap_or_else(Lang::from_env);
    let t = i18n::loader(lang);
    if cli.command.is_none() {
        return tv_app(cli, lang, &t);
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("tvauth: cannot start the async runtime: {error}");
            return ExitCode::from(exit::FAILURE);
        }
    };
    let result = runtime.block_on(run(cli, lang, &t));
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("tvauth: {error:#}");
            ExitCode::from(exit::FAILURE)
        }
    }
}

impl Cli {
    /// `--lan-demo` as given (never, in a build without the demo server).
    fn lan_demo(&self) -> LanChoice {
        #[cfg(feature = "demo")]
        return self.lan_demo;
        #[cfg(not(feature = "demo"))]
        return None;
    }
}

/// The TV app. iced brings its own runtime for the app's work; a runtime of ours (one worker)
/// exists only to keep the embedded demo server serving when no provider is configured.
fn tv_app(cli: Cli, lang: Lang, t: &FluentLanguageLoader) -> ExitCode {
    let lan = cli.lan_demo();
    let opened = match configured_account(cli.config, lang) {
        Ok(Ok(account)) => {
            warn_lan_demo_unused(lan, t);
            Ok((account, None))
        }
        Ok(Err((store, origin))) => tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .map_err(anyhow::Error::from)
            .and_then(|runtime| {
                let (config, demo) = runtime.block_on(embedded_demo(origin, lan, t))?;
                Ok((
                    Account::new(config, store)?.speaking(lang.accept_language()),
                    Some((demo, runtime)),
                ))
            }),
        Err(error) => Err(error),
    };
    let (account, demo) = match opened {
        Ok(opened) => opened,
        Err(error) => {
            eprintln!("tvauth: {error:#}");
            return ExitCode::from(exit::FAILURE);
        }
    };
    let on_demo = demo.as_ref().is_some_and(|(demo, _)| demo.is_some());
    match crate::app::run(Arc::new(account), lang, !cli.windowed, cli.kiosk, on_demo) {
        Ok(()) => ExitCode::from(exit::OK),
        Err(error) => {
            eprintln!("tvauth: the TV app failed: {error}");
            ExitCode::from(exit::FAILURE)
        }
    }
}

async fn run(cli: Cli, lang: Lang, t: &FluentLanguageLoader) -> anyhow::Result<u8> {
    let lan = cli.lan_demo();
    let command = match cli.command {
        // `demo-server --lan-demo` means what `--lan` does.
        #[cfg(feature = "demo")]
        Some(Command::DemoServer(args)) => {
            return demo_server::run((*args).lan_or(lan), t)
                .await
                .map(|()| exit::OK);
        }
        // The doctor reads config.ron itself: a broken one is a finding, not an error.
        Some(Command::Doctor { json }) => return doctor::run(cli.config, lang, t, json).await,
        Some(command) => command,
        None => return Ok(exit::USAGE),
    };
    let (account, _demo) = open_account(cli.config, lan, lang, t).await?;
    if let Command::Profiles { json } = command {
        return profiles::list(&account, t, json);
    }
    let account = match &cli.profile {
        Some(wanted) => match profiles::select(&account, t, wanted)? {
            Ok(chosen) => chosen,
            Err(code) => return Ok(code),
        },
        None => account,
    };
    // The profile `login --profile` renews, as it is before.
    let chosen = match cli.profile {
        Some(_) => account
            .members()?
            .into_iter()
            .find(|m| m.id == account.profile_id()),
        None => None,
    };
    let login_account = |chosen: bool| profiles::for_login(&account, chosen).map(Arc::new);
    match command {
        Command::Login {
            json,
            browser: true,
            timeout,
            ..
        } => {
            let signing_in = match login_account(chosen.is_some()) {
                Ok(signing_in) => signing_in,
                Err(error) => return Ok(login::refused(t, &error, json)),
            };
            let timeout = std::time::Duration::from_secs(timeout);
            browser_login::run(signing_in, t, json, timeout, chosen).await
        }
        Command::Login {
            json, no_qr, speak, ..
        } => {
            let signing_in = match login_account(chosen.is_some()) {
                Ok(signing_in) => signing_in,
                Err(error) => return Ok(login::refused(t, &error, json)),
            };
            let speak = speak.then_some(lang);
            login::run(signing_in, t, json, no_qr, speak, chosen).await
        }
        Command::Status { json } => status::run(&account, t, json),
        Command::Token {
            client_credentials: true,
        } => match account.service_access_token().await {
            Ok(token) => {
                outln!("{}", token.expose());
                Ok(exit::OK)
            }
            Err(error) => Ok(report(t, &error)),
        },
        Command::Token { .. } => {
            account.send_revocations().await;
            match account.access_token().await {
                Ok(token) => {
                    outln!("{}", token.expose());
                    Ok(exit::OK)
                }
                Err(error) => Ok(report(t, &error)),
            }
        }
        Command::Api { path } => {
            account.send_revocations().await;
            let path = path
                .or_else(|| account.config().home_path.clone())
                .unwrap_or_default();
            match account.api_get(&path).await {
                Ok(value) => {
                    outln!("{}", serde_json::to_string_pretty(&value)?);
                    Ok(exit::OK)
                }
                Err(error) => Ok(report(t, &error)),
            }
        }
        Command::Logout => {
            let member = account
                .members()?
                .into_iter()
                .find(|m| m.id == account.profile_id());
            let message = match (account.logout().await?, member) {
                (Logout::Revoked, _) => fl!(t, "cli-logout-revoked"),
                (Logout::RevocationPending, _) => fl!(t, "cli-logout-pending"),
                // Its session had ended: the profile was removed all the same.
                (Logout::NotSignedIn, Some(member)) => {
                    let name = format::name(&profiles::display_name(t, &member));
                    fl!(t, "cli-logout-removed", name = name)
                }
                (Logout::NotSignedIn, None) => fl!(t, "cli-logout-not-signed-in"),
            };
            outln!("{message}");
            Ok(exit::OK)
        }
        #[cfg(feature = "demo")]
        Command::DemoServer(_) => Ok(exit::USAGE),
        Command::Doctor { .. } | Command::Profiles { .. } => Ok(exit::USAGE),
    }
}

/// Logs go to stderr, filtered by `RUST_LOG` as comma-separated `target=level` directives
/// (default: warnings, without the windowing library's chatter about the display). A plain
/// target filter rather than `EnvFilter`: the latter's span and field matching needs a regex
/// engine, a quarter of a megabyte of code resident in the TV process for no use here.
fn init_logging() {
    use tracing_subscriber::prelude::*;

    let filter = std::env::var("RUST_LOG")
        .ok()
        .filter(|spec| !spec.trim().is_empty())
        .and_then(|spec| spec.parse::<Targets>().ok())
        .unwrap_or_else(|| {
            Targets::new()
                .with_default(Level::WARN)
                .with_target("winit", Level::ERROR)
        });
    let _ = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_filter(filter),
        )
        .try_init();
}
