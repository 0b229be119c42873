//! The command line: `tvauth demo-server` today; the client commands come with the client core.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::i18n::{self, Lang, fl};

#[derive(Debug, Parser)]
#[command(
    name = "tvauth",
    version,
    about = "Sign this TV into your account from your phone"
)]
struct Cli {
    /// Language of messages (en, fr); by default from LANGUAGE, LC_ALL, LC_MESSAGES, LANG.
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the embedded demo authorization server and protected API.
    #[cfg(feature = "demo")]
    DemoServer(DemoServerArgs),
}

#[cfg(feature = "demo")]
#[derive(Debug, Args)]
struct DemoServerArgs {
    /// Address to listen on; port 0 reuses the last run's port when free.
    /// Use 0.0.0.0:PORT with --public-url so a phone on the same network can reach it.
    #[arg(long, default_value = "127.0.0.1:0")]
    bind: SocketAddr,
    /// Base URL phones and clients use, e.g. http://192.168.1.20:8080 (default: the bound address).
    #[arg(long, value_name = "URL")]
    public_url: Option<url::Url>,
    /// Lifetime of device codes, in seconds.
    #[arg(long, default_value_t = 900, value_name = "S")]
    expires_in: u64,
    /// Minimum polling interval given to devices, in seconds.
    #[arg(long, default_value_t = 5, value_name = "S")]
    interval: u64,
    /// Lifetime of access tokens, in seconds.
    #[arg(long, default_value_t = 3600, value_name = "S")]
    access_ttl: u64,
    /// Where the signing key, clients and grants are kept.
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
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
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("tvauth: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command {
        #[cfg(feature = "demo")]
        Command::DemoServer(args) => runtime.block_on(demo_server(args, lang)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tvauth: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr, filtered by `RUST_LOG` (default: warnings).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

#[cfg(feature = "demo")]
async fn demo_server(args: DemoServerArgs, lang: Lang) -> anyhow::Result<()> {
    use crate::demo::{DemoOptions, DemoServer, SERVICE_CLIENT_ID};
    use anyhow::Context;

    let data_dir = match args.data_dir {
        Some(dir) => dir,
        None => crate::demo::default_data_dir().context("no home directory: pass --data-dir")?,
    };
    let options = DemoOptions {
        bind: args.bind,
        public_url: args.public_url,
        expires_in: args.expires_in,
        interval: args.interval,
        access_ttl: args.access_ttl,
        data_dir: data_dir.clone(),
    };
    let server = DemoServer::start(options).await?;
    let t = i18n::loader(lang);
    let config_path = directories::ProjectDirs::from("", "", "tvauth")
        .map(|d| d.config_dir().join("config.ron"))
        .unwrap_or_else(|| PathBuf::from("config.ron"));
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}",
        fl!(t, "demo-server-issuer", url = server.issuer())
    )?;
    writeln!(
        out,
        "{}",
        fl!(t, "demo-server-activate", url = server.activation_url())
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        fl!(
            t,
            "demo-server-config",
            path = config_path.display().to_string()
        )
    )?;
    writeln!(out, "{}", server.client_config_ron())?;
    writeln!(
        out,
        "{}",
        fl!(
            t,
            "demo-server-secret",
            client = SERVICE_CLIENT_ID,
            path = server.service_secret_file().display().to_string()
        )
    )?;
    writeln!(
        out,
        "{}",
        fl!(t, "demo-server-data", path = data_dir.display().to_string())
    )?;
    writeln!(out, "{}", fl!(t, "demo-server-running"))?;
    writeln!(out, "{}", fl!(t, "demo-server-stop"))?;
    out.flush()?;
    drop(out);

    wait_for_stop_signal().await;
    server.shutdown().await;
    eprintln!("{}", fl!(t, "demo-server-stopped"));
    Ok(())
}

/// Ctrl+C or SIGTERM (systemd's stop).
async fn wait_for_stop_signal() {
    let mut terminate =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = async {
            match terminate.as_mut() {
                Some(signal) => { signal.recv().await; }
                None => std::future::pending::<()>().await,
            }
        } => {}
    }
}
