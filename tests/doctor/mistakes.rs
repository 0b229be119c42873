//! Each mistake a person makes setting up a provider fails exactly the check that names it,
//! with exit status 1: a wrong client id, a client without the device grant, an unknown
//! audience, no `offline_access`, plain http:// off this machine, a wrong issuer. Secrets
//! never reach the output.

use std::os::unix::fs::PermissionsExt;

use tvauth::demo::SERVICE_CLIENT_ID;

use crate::demo::demo;
use crate::{assert_fails, check, doctor};

#[tokio::test]
async fn a_wrong_client_id() {
    let (server, _data, dir) = demo(|_| {}).await;
    dir.write_config(
        &server
            .client_config_ron()
            .replace("\"tvauth-tv\"", "\"tvauth-tv-typo\""),
    );
    let (run, report) = doctor(&dir, &[]).await;
    assert_fails(&run, &report, &["client_id"]);
    let client = check(&report, "client_id");
    assert_eq!(client["problem"], "client_unknown");
    assert!(
        client["fix"]
            .as_str()
            .unwrap()
            .contains("Basic Information → Client ID")
    );
    // What needs an accepted client is skipped, saying so.
    assert_eq!(
        check(&report, "device_grant")["reason"],
        "client_not_accepted"
    );
    assert_eq!(check(&report, "audience")["reason"], "client_not_accepted");
}

#[tokio::test]
async fn a_client_without_the_device_grant() {
    let (_server, _data, dir) = demo(|o| o.device_flow = false).await;
    let (run, report) = doctor(&dir, &[]).await;
    assert_fails(&run, &report, &["device_grant"]);
    let grant = check(&report, "device_grant");
    assert_eq!(grant["problem"], "grant_refused");
    let fix = grant["fix"].as_str().unwrap();
    assert!(
        fix.contains("Advanced Settings → Grant Types") && fix.contains("Device Code"),
        "{fix}"
    );
    // The human face says the same, with the provider's own words.
    let human = dir.run(&["doctor"]).await;
    assert_eq!(human.code, 1);
    assert!(human.stdout.contains("✗ Device grant"), "{}", human.stdout);
    assert!(
        human.stdout.contains("may not use the device"),
        "{}",
        human.stdout
    );
}

#[tokio::test]
async fn a_confidential_client_is_told_auth0_wants_a_public_one_and_its_secret_stays_hidden() {
    let (server, _data, dir) = demo(|_| {}).await;
    let secret = std::fs::read_to_string(server.service_secret_file()).unwrap();
    let secret = secret.trim();
    let path = dir.path("client-secret");
    std::fs::write(&path, secret).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let config = server
        .client_config_ron()
        .replace("\"tvauth-tv\"", &format!("\"{SERVICE_CLIENT_ID}\""))
        .replace(
            "home_path",
            "client_secret_file: \"client-secret\", home_path",
        );
    dir.write_config(&config);
    let (run, report) = doctor(&dir, &[]).await;
    assert_fails(&run, &report, &["device_grant"]);
    assert!(
        check(&report, "device_grant")["fix"]
            .as_str()
            .unwrap()
            .contains("remove `client_secret_file`")
    );
    let human = dir.run(&["doctor"]).await;
    for output in [&run.stdout, &run.stderr, &human.stdout, &human.stderr] {
        assert!(!output.contains(secret), "the secret leaked: {output}");
    }
}

#[tokio::test]
async fn an_unknown_audience() {
    let (server, _data, dir) = demo(|_| {}).await;
    dir.write_config(
        &server
            .client_config_ron()
            .replace("urn:tvauth:demo-api", "https://api.example.com/"),
    );
    let (run, report) = doctor(&dir, &[]).await;
    assert_fails(&run, &report, &["audience"]);
    let audience = check(&report, "audience");
    assert_eq!(audience["problem"], "audience_refused");
    // The demo server's own answer, as the provider's words.
    assert!(
        audience["why"]
            .as_str()
            .unwrap()
            .contains("unknown audience"),
        "{audience}"
    );
    assert!(
        audience["fix"]
            .as_str()
            .unwrap()
            .contains("APIs → (your API) → Settings → Identifier")
    );
    // The client and its grant are fine: the request without the audience got a code.
    assert_eq!(check(&report, "client_id")["status"], "pass");
    assert_eq!(check(&report, "device_grant")["status"], "pass");
}

#[tokio::test]
async fn no_offline_access_in_the_scope() {
    let (server, _data, dir) = demo(|_| {}).await;
    dir.write_config(&server.client_config_ron().replace("offline_access ", ""));
    let (run, report) = doctor(&dir, &[]).await;
    assert_fails(&run, &report, &["offline_access"]);
    let fix = check(&report, "offline_access")["fix"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(fix.contains("Allow Offline Access"), "{fix}");
}

#[tokio::test]
async fn plain_http_off_this_machine_is_a_failing_config_not_a_crash() {
    let (server, _data, dir) = demo(|_| {}).await;
    let base = format!("{}api/", server.issuer());
    dir.write_config(
        &server
            .client_config_ron()
            .replace(&base, "http://tv.example.com/api/"),
    );
    let (run, report) = doctor(&dir, &[]).await;
    assert_fails(&run, &report, &["config", "https"]);
    let https = check(&report, "https");
    assert_eq!(https["problem"], "insecure");
    assert!(
        https["why"].as_str().unwrap().contains("api_base_url"),
        "{https}"
    );
    assert_eq!(check(&report, "discovery")["reason"], "config_unusable");
}

#[tokio::test]
async fn a_wrong_issuer() {
    let (server, _data, dir) = demo(|_| {}).await;
    let issuer = server.issuer().to_string();
    // The right server under another name: its document names the issuer to use.
    let alias = issuer.replace("127.0.0.1", "localhost");
    dir.write_config(&server.client_config_ron().replace(
        &format!("issuer: \"{issuer}\""),
        &format!("issuer: \"{alias}\""),
    ));
    let (run, report) = doctor(&dir, &[]).await;
    assert_fails(&run, &report, &["issuer"]);
    let fix = check(&report, "issuer")["fix"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(fix.contains(&issuer), "{fix}");
    assert_eq!(
        check(&report, "device_grant")["reason"],
        "provider_unusable"
    );

    // An issuer with no discovery document at all (a wrong path).
    dir.write_config(&server.client_config_ron().replace(
        &format!("issuer: \"{issuer}\""),
        &format!("issuer: \"{issuer}tenant/\""),
    ));
    let (run, report) = doctor(&dir, &[]).await;
    assert_fails(&run, &report, &["discovery"]);
    assert_eq!(
        check(&report, "discovery")["problem"],
        "no_discovery_document"
    );
}

#[tokio::test]
async fn no_config_at_all_says_where_to_write_one() {
    let dir = crate::support::cli::ConfigDir::empty();
    let (run, report) = doctor(&dir, &[]).await;
    assert_fails(&run, &report, &["config"]);
    assert_eq!(check(&report, "config")["problem"], "config_missing");
    // Unlike the other commands, no embedded demo server is started for it.
    assert!(!run.stderr.contains("demo"), "{}", run.stderr);
}
