//! `tvauth demo-server`: the embedded authorization server, standalone.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use i18n_embed::fluent::FluentLanguageLoader;

use crate::demo::{DemoOptions, DemoServer, SERVICE_CLIENT_ID};
use crate::i18n::fl;
use crate::store::{CONFIG_FILE, Store};

#[derive(Debug, Args)]
pub struct DemoServerArgs {
    /// Address to listen on; port 0 reuses the last run's port when free.
    /// Use 0.0.0.0:PORT with --public-url so a phone on the same network can reach it.
    #[arg(long, default_value = "127.0.0.1:0")]
    bind: SocketAddr,
    /// Base URL phones and clients use, e.g. http://192.168.1.20:8080 (default: the bound address).
    #[arg(long, value_name = "URL")]
    public_url: Option<url::Url>,
    /// Also serve the activation page, and nothing else, to phones on the local network: on
    /// this machine's LAN address, or --lan=ADDR (IP or IP:PORT). Anyone there can approve.
    #[arg(
        long,
        value_name = "ADDR",
        num_args = 0..=1,
        require_equals = true,
        value_parser = crate::demo::parse_listen_address
    )]
    lan: Option<Option<SocketAddr>>,
    /// Lifetime of device codes, in seconds.
    #[arg(long, default_value_t = 900, value_name = "S")]
    expires_in: u64,
    /// Minimum polling interval given to devices, in seconds.
    #[arg(long, default_value_t = 5, value_name = "S")]
    interval: u64,
    /// Lifetime of access tokens, in seconds.
    #[arg(long, default_value_t = 3600, value_name = "S")]
    access_ttl: u64,
    /// Device codes one client may ask for from one address per minute (0: no limit).
    #[arg(long, default_value_t = 10, value_name = "N")]
    device_codes_per_minute: usize,
    /// Refuse the device flow (`unauthorized_client`), as a provider with the grant disabled does.
    #[arg(long)]
    no_device_flow: bool,
    /// How long a sign-in lasts however often it is refreshed, in seconds: sent as
    /// refresh_token_expires_in and enforced (default: no such limit).
    #[arg(long, value_name = "S")]
    session_lifetime: Option<u64>,
    /// Do not support DPoP (RFC 9449): plain Bearer tokens, as a provider without it issues.
    #[arg(long)]
    no_dpop: bool,
    /// Where the signing key, clients and grants are kept.
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
}

impl DemoServerArgs {
    /// `--lan` as given, else `lan` (the global `--lan-demo`, which means the same here).
    pub fn lan_or(mut self, lan: super::lan::LanChoice) -> DemoServerArgs {
        self.lan = self.lan.or(lan);
        self
    }
}

pub async fn run(args: DemoServerArgs, t: &FluentLanguageLoader) -> anyhow::Result<()> {
    let data_dir = match args.data_dir {
        Some(dir) => dir,
        None => {
            crate::environment::demo_data_dir().context("no home directory: pass --data-dir")?
        }
    };
    let lan = super::lan::resolve(args.lan, "--lan", t)?;
    let options = DemoOptions {
        bind: args.bind,
        public_url: args.public_url,
        lan,
        expires_in: args.expires_in,
        interval: args.interval,
        access_ttl: args.access_ttl,
        device_codes_per_minute: args.device_codes_per_minute,
        device_flow: !args.no_device_flow,
        session_lifetime: args.session_lifetime.map(std::time::Duration::from_secs),
        dpop: !args.no_dpop,
        data_dir: data_dir.clone(),
    };
    let server = DemoServer::start(options).await?;
    let config_path = Store::from_env()
        .map(|store| store.path(CONFIG_FILE))
        .unwrap_or_else(|_| PathBuf::from(CONFIG_FILE));
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
    if let Some(lan) = server.lan_addr() {
        writeln!(
            out,
            "{}",
            fl!(t, "demo-server-lan", address = lan.to_string())
        )?;
    }
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
