//! `demo-server --lan` and `--lan-demo`: where the demo serves its activation page to phones
//! on the local network.

use std::net::{IpAddr, SocketAddr};

use i18n_embed::fluent::FluentLanguageLoader;

use crate::i18n::fl;

/// The flag as given: absent, present (this machine's LAN address), or `=ADDR` (clap needs
/// the spelled-out type in the argument structs to see an optional value).
pub type LanChoice = Option<Option<SocketAddr>>;

/// The address to serve the activation page on, if the flag asks for one; `flag` names it in
/// the error when this machine has no LAN address.
pub fn resolve(
    choice: LanChoice,
    flag: &str,
    t: &FluentLanguageLoader,
) -> anyhow::Result<Option<SocketAddr>> {
    match choice {
        None => Ok(None),
        Some(Some(given)) => Ok(Some(given)),
        Some(None) => match crate::demo::lan_address() {
            Some(ip) => Ok(Some(SocketAddr::new(IpAddr::V4(ip), 0))),
            None => anyhow::bail!("{}", fl!(t, "demo-lan-none", flag = flag)),
        },
    }
}
