//! The real `tvauth` binary with its own config dir, pointed at a peer (the binary, `Run`, the
//! session file and the `login --json` reader are the shared rig of `support::cli`; a `Rig`
//! derefs to its `ConfigDir`).

use std::ops::Deref;
use std::os::unix::fs::PermissionsExt;

use crate::peer::{Method, Peer};
use crate::support::cli::ConfigDir;

pub struct Rig(ConfigDir);

impl Deref for Rig {
    type Target = ConfigDir;

    fn deref(&self) -> &ConfigDir {
        &self.0
    }
}

impl Rig {
    /// A rig for `client_id` of `peer`, with extra config fields.
    pub fn for_peer(peer: &Peer, client_id: &str, extra: &str) -> Rig {
        Rig(ConfigDir::with_config(&peer.config_ron(client_id, extra)))
    }

    /// A rig whose client is the peer's confidential client for `method`, with `secret` in a
    /// 0600 file beside config.ron.
    pub fn confidential(peer: &Peer, method: Method, secret: &str) -> Rig {
        let client = peer.confidential_client(method);
        let rig = Rig::for_peer(peer, client, "");
        let file = rig.install_secret(secret, 0o600);
        rig.write_config(&peer.config_ron(
            client,
            &format!(
                "client_secret_file: \"{file}\", token_endpoint_auth_method: \"{}\",",
                method.name()
            ),
        ));
        rig
    }

    /// Writes a client secret beside config.ron with `mode`; returns its name.
    pub fn install_secret(&self, secret: &str, mode: u32) -> &'static str {
        let path = self.path("client-secret");
        std::fs::write(&path, format!("{secret}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        "client-secret"
    }
}
