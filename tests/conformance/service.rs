//! The box's own identity (seed 002): `tvauth token --client-credentials`, the secret from a
//! 0600 file or the environment, the token cached until 60 s before it expires.

use std::os::unix::fs::PermissionsExt;

use crate::assert_api_token;
use crate::peer::{Kind, Method, Peer};
use crate::rig::Rig;

fn service_section(client: &str, file: Option<&str>, method: Method) -> String {
    let file = file
        .map(|f| format!("client_secret_file: \"{f}\","))
        .unwrap_or_default();
    format!(
        "service: (client_id: \"{client}\", {file} token_endpoint_auth_method: \"{}\"),",
        method.name()
    )
}

pub async fn client_credentials_with_each_auth_method(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    for method in [Method::Post, Method::Basic] {
        let client = peer.confidential_client(method);
        let rig = Rig::for_peer(&peer, peer.tv_client(), "");
        let file = rig.install_secret(&peer.secret(), 0o600);
        rig.write_config(&peer.config_ron(
            peer.tv_client(),
            &service_section(client, Some(file), method),
        ));
        let first = rig.run(&["token", "--client-credentials"]).await;
        assert_eq!(first.code, 0, "{method:?}: {first:?}");
        let claims = assert_api_token(&peer, first.stdout.trim()).await;
        assert!(claims.get("sub").is_some(), "{claims}");
        let again = rig.run(&["token", "--client-credentials"]).await;
        assert_eq!(
            again.stdout, first.stdout,
            "cached until 60 s before expiry"
        );
        let cache = std::fs::metadata(rig.path("service-token.ron")).unwrap();
        assert_eq!(cache.permissions().mode() & 0o777, 0o600);
        // The person's session is a different thing and stays signed out.
        assert_eq!(rig.run(&["status"]).await.code, 5);
    }
}

pub async fn client_credentials_wrong_secret_or_open_secret_file(kind: Kind) {
    let Some(peer) = Peer::start(kind).await else {
        return;
    };
    let method = Method::Basic;
    let client = peer.confidential_client(method);
    let rig = Rig::for_peer(&peer, peer.tv_client(), "");

    let file = rig.install_secret("not-the-secret", 0o600);
    rig.write_config(&peer.config_ron(
        peer.tv_client(),
        &service_section(client, Some(file), method),
    ));
    let wrong = rig.run(&["token", "--client-credentials"]).await;
    assert_eq!(wrong.code, 7, "{wrong:?}");
    assert!(
        wrong.stderr.contains("does not accept this client"),
        "{wrong:?}"
    );
    assert!(!wrong.stderr.contains("not-the-secret"), "never the secret");

    rig.install_secret(&peer.secret(), 0o644);
    let open = rig.run(&["token", "--client-credentials"]).await;
    assert_eq!(open.code, 7, "{open:?}");
    assert!(open.stderr.contains("chmod 600"), "{open:?}");
    assert!(!rig.path("service-token.ron").exists());

    // No file at all: the secret comes from the environment.
    rig.write_config(&peer.config_ron(peer.tv_client(), &service_section(client, None, method)));
    let missing = rig.run(&["token", "--client-credentials"]).await;
    assert_eq!(missing.code, 7, "{missing:?}");
    assert!(missing.stderr.contains("TVAUTH_SERVICE_CLIENT_SECRET"));
    let output = rig
        .command(&["token", "--client-credentials"])
        .env("TVAUTH_SERVICE_CLIENT_SECRET", peer.secret())
        .output()
        .await
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_api_token(&peer, String::from_utf8_lossy(&output.stdout).trim()).await;
}
