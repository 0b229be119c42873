//! Secrets from systemd credentials, as `LoadCredential=` hands them over: files named
//! `client-secret` and `service-client-secret` in `$CREDENTIALS_DIRECTORY` (here a directory
//! the test makes, mode 0400 files as systemd writes them). A confidential client signs in and
//! refreshes with one; the service identity gets its token with the other, the credential
//! winning over the variable; one that others could read, or an empty one, is refused with
//! exit 7 and nothing weaker is tried instead. The secret never reaches the output.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use tempfile::TempDir;
use tvauth::demo::SERVICE_CLIENT_ID;

use crate::rig::Rig;
use crate::support::activation::{self, PERSON};
use crate::support::cli::{Login, Run};

/// A credentials directory, as systemd makes one for a unit.
struct Credentials(TempDir);

impl Credentials {
    fn new() -> Credentials {
        Credentials(TempDir::new().unwrap())
    }

    fn put(&self, name: &str, text: &str, mode: u32) {
        let path = self.0.path().join(name);
        let _ = std::fs::remove_file(&path);
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    fn dir(&self) -> &Path {
        self.0.path()
    }
}

/// The demo server's confidential client secret.
fn secret(rig: &Rig) -> String {
    let file = rig.server.as_ref().unwrap().service_secret_file();
    std::fs::read_to_string(file).unwrap().trim().to_string()
}

/// `tvauth ARGS` with `CREDENTIALS_DIRECTORY` set to `credentials` and `env`.
async fn run_with(
    rig: &Rig,
    credentials: &Credentials,
    env: &[(&str, &str)],
    args: &[&str],
) -> Run {
    let mut command = rig.command(args);
    command
        .env("CREDENTIALS_DIRECTORY", credentials.dir())
        .envs(env.iter().copied());
    command.output().await.unwrap().into()
}

fn assert_no_secret(secret: &str, runs: &[&Run]) {
    for run in runs {
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "the secret leaked: {run:?}"
        );
    }
}

/// The demo's config.ron with `extra` fields before the closing parenthesis.
fn config_with(rig: &Rig, client_id: &str, extra: &str) -> String {
    let server = rig.server.as_ref().unwrap();
    server
        .client_config_ron()
        .replace("\"tvauth-tv\"", &format!("\"{client_id}\""))
        .replace(
            "home_path: \"library\",",
            &format!("home_path: \"library\", {extra}"),
        )
}

#[tokio::test]
async fn a_confidential_client_signs_in_and_refreshes_with_its_credential() {
    let rig = Rig::start(|_| {}).await;
    let secret = secret(&rig);
    rig.write_config(&config_with(&rig, SERVICE_CLIENT_ID, ""));
    let credentials = Credentials::new();
    credentials.put("client-secret", &format!("{secret}\n"), 0o400);

    // Sign in on this device (authorization code + PKCE, the secret at the token endpoint):
    // the test plays the browser.
    let mut command = rig.command(&["login", "--browser", "--json"]);
    command.env("CREDENTIALS_DIRECTORY", credentials.dir());
    let mut login = Login::spawn(command);
    let browser = login.until("browser").await;
    let address = browser["url"].as_str().unwrap();
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let answer = activation::consent(&no_redirects, address, PERSON, "approve").await;
    assert!(answer.status().is_redirection(), "{}", answer.status());
    let back = answer.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(reqwest::get(&back).await.unwrap().status(), 200);
    let (events, login) = login.wait().await;
    assert_eq!(login.code, 0, "{login:?} {events:?}");
    assert_eq!(events.last().unwrap()["event"], "authorized");

    // A refresh authenticates the client too: without the credential the provider refuses
    // it (exit 7) and the session is kept; with it, a new access token.
    rig.expire_access_token();
    let refresh_token = rig.refresh_token();
    let without = rig.run(&["token"]).await;
    assert_eq!(without.code, 7, "{without:?}");
    assert_eq!(rig.refresh_token(), refresh_token, "the session survives");
    let with = run_with(&rig, &credentials, &[], &["token"]).await;
    assert_eq!(with.code, 0, "{with:?}");
    assert!(!with.stdout.trim().is_empty());
    assert_no_secret(&secret, &[&login, &without, &with]);
}

#[tokio::test]
async fn the_service_identity_reads_its_credential_before_the_variable() {
    let rig = Rig::start(|_| {}).await;
    let secret = secret(&rig);
    let service = format!("service: (client_id: \"{SERVICE_CLIENT_ID}\"),");
    rig.write_config(&config_with(&rig, "tvauth-tv", &service));
    let credentials = Credentials::new();
    credentials.put("service-client-secret", &secret, 0o400);
    let wrong_variable = [("TVAUTH_SERVICE_CLIENT_SECRET", "not-the-secret")];
    let run = run_with(
        &rig,
        &credentials,
        &wrong_variable,
        &["token", "--client-credentials"],
    )
    .await;
    assert_eq!(
        run.code, 0,
        "the credential wins over the variable: {run:?}"
    );
    assert_eq!(run.stdout.trim().split('.').count(), 3, "a JWT: {run:?}");
    assert_no_secret(&secret, &[&run]);
}

#[tokio::test]
async fn an_open_or_empty_credential_is_refused_with_exit_7() {
    let rig = Rig::start(|_| {}).await;
    let secret = secret(&rig);
    let service = format!("service: (client_id: \"{SERVICE_CLIENT_ID}\"),");
    rig.write_config(&config_with(&rig, "tvauth-tv", &service));
    let credentials = Credentials::new();
    // The right secret in the variable is not tried instead: the credential was meant.
    let right_variable = [("TVAUTH_SERVICE_CLIENT_SECRET", secret.as_str())];
    let args = ["token", "--client-credentials"];

    credentials.put("service-client-secret", &secret, 0o644);
    let open = run_with(&rig, &credentials, &right_variable, &args).await;
    assert_eq!(open.code, 7, "{open:?}");
    assert!(
        open.stderr
            .contains("not private to this service (mode 644)"),
        "{open:?}"
    );

    credentials.put("service-client-secret", "\n", 0o400);
    let empty = run_with(&rig, &credentials, &right_variable, &args).await;
    assert_eq!(empty.code, 7, "{empty:?}");
    assert!(empty.stderr.contains("is empty"), "{empty:?}");
    assert!(!rig.path("service-token.ron").exists(), "nothing cached");

    // The device client's credential is checked the same way.
    rig.write_config(&config_with(&rig, SERVICE_CLIENT_ID, ""));
    credentials.put("client-secret", &secret, 0o604);
    let login = run_with(&rig, &credentials, &[], &["login", "--json"]).await;
    assert_eq!(login.code, 7, "{login:?}");
    assert!(
        format!("{}{}", login.stdout, login.stderr).contains("mode 604"),
        "{login:?}"
    );
    assert_no_secret(&secret, &[&open, &empty, &login]);
}
