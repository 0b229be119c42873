//! A demo a phone can reach: the real binary in a "tv" network namespace serves the demo's
//! activation page on its LAN address; a "phone" in another namespace, joined by a veth pair,
//! opens the QR code's address and approves, while `tvauth login` talks to the issuer over
//! loopback; and nothing but the activation page answers on the LAN address. Needs root (or
//! `sudo -n`), iproute2 and curl; without them it fails and says so.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/lib.rs"]
mod support;

mod netns;
mod phone;

use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Child;
use tokio::time::timeout;
use url::Url;

use netns::{NetnsPair, TV_IP};
use phone::{Answer, Phone};
use support::activation::{PERSON, hidden_field};
use support::cli::{ConfigDir, Login};

/// Longest wait for any step.
const WAIT: Duration = Duration::from_secs(30);

/// What the badge of every demo page says.
const DEMO_BADGE: &str = "Demo sign-in server: no real account is used.";

/// `tvauth demo-server` running in the tv namespace, and what it printed.
struct DemoServerProcess {
    _child: Child,
    issuer: Url,
    activation: Url,
    config_ron: String,
    printed: String,
}

impl DemoServerProcess {
    async fn start(dir: &ConfigDir, tv: &[&str], extra: &[&str]) -> DemoServerProcess {
        let data_dir = dir.path("demo-data");
        let mut args = vec!["demo-server", "--interval", "1", "--data-dir"];
        args.push(data_dir.to_str().unwrap());
        args.extend_from_slice(extra);
        let mut child = dir
            .command_under(tv, &args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut printed = String::new();
        let read = async {
            while let Some(line) = lines.next_line().await.unwrap() {
                printed.push_str(&line);
                printed.push('\n');
                if line.contains("Ctrl+C") {
                    return;
                }
            }
            panic!("demo-server ended:\n{printed}");
        };
        timeout(WAIT, read).await.expect("demo-server started");
        let after = |label: &str| {
            let line = printed
                .lines()
                .find_map(|l| l.strip_prefix(label))
                .unwrap_or_else(|| panic!("no '{label}' in:\n{printed}"));
            Url::parse(line.trim()).unwrap()
        };
        let (issuer, activation) = (after("Issuer: "), after("Activation page: "));
        let start = printed.find("#![enable").expect("a config.ron");
        let end = start + printed[start..].find("\n)\n").expect("its end") + 3;
        DemoServerProcess {
            _child: child,
            issuer,
            activation,
            config_ron: printed[start..end].to_string(),
            printed,
        }
    }
}

/// The phone opens the QR code's address (its code prefilled), checks the page says it is a
/// demo, and approves as [`PERSON`].
async fn approve(phone: &Phone, qr_address: &Url) {
    let page = phone.get(qr_address.as_str()).await.page();
    assert!(page.contains(DEMO_BADGE), "the page says it is a demo");
    let form = [
        ("csrf", hidden_field(&page, "csrf")),
        ("user_code", hidden_field(&page, "user_code")),
        ("name", PERSON.to_string()),
        ("decision", "approve".to_string()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // The form posts to itself: the same address without the query.
    let mut action = qr_address.clone();
    action.set_query(None);
    let done = phone.post(action.as_str(), &form).await.page();
    assert!(done.contains("Your TV is signed in"), "{done}");
}

/// From the phone, everything of the demo but the activation page is absent on the LAN
/// address: its other paths are 404, its other ports refuse the connection. How many
/// requests were refused.
async fn nothing_else_answers(phone: &Phone, activation: &Url) -> usize {
    let base = activation.join("/").unwrap();
    let mut checked = 0;
    for path in [
        "",
        ".well-known/openid-configuration",
        ".well-known/jwks.json",
        "userinfo",
        "authorize?client_id=tvauth-tv",
        "api/me",
        "api/library",
        "images/posters/northern-lights.png",
    ] {
        let answer = phone.get(base.join(path).unwrap().as_str()).await;
        assert_eq!(answer.status(), 404, "GET /{path}: {answer:?}");
        checked += 1;
    }
    for path in [
        "oauth/token",
        "oauth/device/code",
        "oauth/revoke",
        "userinfo",
    ] {
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", "tvauth-tv"),
        ];
        let answer = phone.post(base.join(path).unwrap().as_str(), &form).await;
        assert_eq!(answer.status(), 404, "POST /{path}: {answer:?}");
        checked += 1;
    }
    let port = activation.port().unwrap();
    let other_port = if port == 1 { 2 } else { 1 };
    let answer = phone.get(&format!("http://{TV_IP}:{other_port}/")).await;
    assert!(
        matches!(answer, Answer::Unreachable { curl_exit: 7, .. }),
        "another port on the LAN address: {answer:?}"
    );
    checked + 1
}

/// The host of a URL a JSON event carries.
fn host_of(event: &Value, field: &str) -> String {
    let url = Url::parse(event[field].as_str().unwrap()).unwrap();
    url.host_str().unwrap().to_string()
}

#[tokio::test]
async fn a_phone_approves_through_the_lan_page_of_demo_server_lan() {
    let began = Instant::now();
    let pair = NetnsPair::new(true);
    let tv = pair.exec_in(&pair.tv);
    let tv: Vec<&str> = tv.iter().map(String::as_str).collect();
    let dir = ConfigDir::empty();
    let server = DemoServerProcess::start(&dir, &tv, &["--lan"]).await;
    assert_eq!(
        server.issuer.host_str(),
        Some("127.0.0.1"),
        "{}",
        server.printed
    );
    assert_eq!(
        server.activation.host_str(),
        Some(TV_IP),
        "the default route's interface:\n{}",
        server.printed
    );
    assert!(server.printed.contains(&format!(
        "Only this page answers at {TV_IP}:{}",
        server.activation.port().unwrap()
    )));

    dir.write_config(&server.config_ron);
    let mut login = Login::spawn(dir.command_under(&tv, &["login", "--json"]));
    let code = timeout(WAIT, login.until("code")).await.unwrap();
    assert_eq!(code["verification_uri"], server.activation.as_str());
    assert_eq!(
        host_of(&code, "verification_uri_complete"),
        TV_IP,
        "the QR code's address"
    );

    let phone = Phone::new(pair.exec_in(&pair.phone));
    let qr = Url::parse(code["verification_uri_complete"].as_str().unwrap()).unwrap();
    let approving = Instant::now();
    approve(&phone, &qr).await;
    let authorized = timeout(WAIT, login.until("authorized")).await.unwrap();
    let approval_to_tokens = approving.elapsed();
    assert_eq!(authorized["name"], PERSON);
    let (status, _, stderr) = login.finish().await;
    assert_eq!(status, 0, "{stderr}");

    // The client keeps talking to the issuer over loopback: the API answers with its token.
    let api = dir.command_under(&tv, &["api"]).output().await.unwrap();
    assert!(
        api.status.success(),
        "{}",
        String::from_utf8_lossy(&api.stderr)
    );
    let library: Value = serde_json::from_slice(&api.stdout).unwrap();
    assert!(
        library["items"].as_array().is_some_and(|i| !i.is_empty()),
        "{library}"
    );

    let refused = nothing_else_answers(&phone, &server.activation).await;
    eprintln!(
        "lan: demo-server --lan: page {} (issuer {}), approval to tokens {:.1} s, \
         {refused} other requests refused from the phone, {:.1} s in all",
        server.activation,
        server.issuer,
        approval_to_tokens.as_secs_f64(),
        began.elapsed().as_secs_f64()
    );
}

#[tokio::test]
async fn the_embedded_demo_serves_its_page_on_the_lan_with_lan_demo() {
    let began = Instant::now();
    // No default route: the address is that of the first other route's interface.
    let pair = NetnsPair::new(false);
    let tv = pair.exec_in(&pair.tv);
    let tv: Vec<&str> = tv.iter().map(String::as_str).collect();
    let dir = ConfigDir::empty();
    let mut login = Login::spawn(dir.command_under(&tv, &["login", "--json", "--lan-demo"]));
    let code = timeout(WAIT, login.until("code")).await.unwrap();
    assert_eq!(host_of(&code, "verification_uri_complete"), TV_IP);

    // While the command waits (the embedded demo lives as long as it does).
    let phone = Phone::new(pair.exec_in(&pair.phone));
    let page = Url::parse(code["verification_uri"].as_str().unwrap()).unwrap();
    let refused = nothing_else_answers(&phone, &page).await;
    let qr = Url::parse(code["verification_uri_complete"].as_str().unwrap()).unwrap();
    approve(&phone, &qr).await;
    let authorized = timeout(WAIT, login.until("authorized")).await.unwrap();
    assert_eq!(authorized["name"], PERSON);
    let (status, _, stderr) = login.finish().await;
    assert_eq!(status, 0, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "Demo activation page for phones on the local network: {}",
            code["verification_uri"].as_str().unwrap()
        )),
        "{stderr}"
    );
    // The embedded demo's issuer stays on loopback.
    let issuer = stderr
        .split("using the embedded demo server at ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no issuer in: {stderr}"));
    assert!(issuer.starts_with("http://127.0.0.1:"), "{issuer}");

    eprintln!(
        "lan: --lan-demo (no default route): page {page}, {refused} other requests refused \
         from the phone, {:.1} s in all",
        began.elapsed().as_secs_f64()
    );
}

#[tokio::test]
async fn an_address_given_with_lan_is_the_only_one_served() {
    let pair = NetnsPair::new(true);
    // A second address on the box (a multi-homed box): the page goes where it is told.
    pair.ip(&["-n", &pair.tv, "addr", "add", "10.77.0.3/24", "dev", "lan0"]);
    let tv = pair.exec_in(&pair.tv);
    let tv: Vec<&str> = tv.iter().map(String::as_str).collect();
    let dir = ConfigDir::empty();
    let server = DemoServerProcess::start(&dir, &tv, &["--lan=10.77.0.3:8099"]).await;
    assert_eq!(server.activation.as_str(), "http://10.77.0.3:8099/activate");

    let phone = Phone::new(pair.exec_in(&pair.phone));
    let page = phone.get(server.activation.as_str()).await.page();
    assert!(page.contains(DEMO_BADGE));
    let elsewhere = phone.get(&format!("http://{TV_IP}:8099/activate")).await;
    assert!(
        matches!(elsewhere, Answer::Unreachable { curl_exit: 7, .. }),
        "the box's other address: {elsewhere:?}"
    );
}

#[tokio::test]
async fn a_box_with_only_loopback_says_how_to_give_the_address() {
    let pair = NetnsPair::new(false);
    // Deleting one end deletes the pair: the box is left with loopback alone.
    pair.ip(&["-n", &pair.tv, "link", "del", "lan0"]);
    let tv = pair.exec_in(&pair.tv);
    let tv: Vec<&str> = tv.iter().map(String::as_str).collect();
    let dir = ConfigDir::empty();
    let data_dir = dir.path("demo-data");
    let run: support::cli::Run = dir
        .command_under(
            &tv,
            &[
                "demo-server",
                "--lan",
                "--data-dir",
                data_dir.to_str().unwrap(),
            ],
        )
        .output()
        .await
        .unwrap()
        .into();
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains(
            "No local network address found (only loopback is up): give one with --lan=ADDR."
        ),
        "{}",
        run.stderr
    );
    let run = dir
        .command_under(&tv, &["login", "--json", "--lan-demo"])
        .output()
        .await
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("give one with --lan-demo=ADDR"));
}
