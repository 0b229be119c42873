//! The standalone demo server's log: one debug line per token request with its grant type and
//! answer (the TV benchmark times and counts a device's polls with them), never a code or token.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use reqwest::StatusCode;
use tempfile::TempDir;

use crate::peer::{DEVICE_GRANT, FULL_SCOPE, Peer, http_client};
use crate::support::activation::PERSON;

#[tokio::test]
async fn a_trace_level_log_counts_token_requests_and_holds_no_secret() {
    let dir = TempDir::new().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_tvauth"))
        .arg("demo-server")
        .arg("--data-dir")
        .arg(dir.path().join("demo"))
        .env("RUST_LOG", "trace")
        .env("NO_COLOR", "1")
        .env("TVAUTH_CONFIG_DIR", dir.path().join("config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read all along: a full pipe would stall the server. Stdout stays open for the same reason.
    let mut stderr = server.stderr.take().unwrap();
    let log = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).unwrap();
        text
    });
    let mut stdout = BufReader::new(server.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let base = first.split_whitespace().last().unwrap().to_string();
    let peer = Peer {
        server: None,
        base,
        http: http_client(),
        dir,
    };

    let code = peer.device_code(FULL_SCOPE).await;
    let device_code = code["device_code"].as_str().unwrap();
    let user_code = code["user_code"].as_str().unwrap();
    assert_eq!(
        peer.poll(device_code).await.body["error"],
        "authorization_pending"
    );
    let (status, _) = peer.decide(user_code, PERSON, "approve").await;
    assert_eq!(status, StatusCode::OK);
    let tokens = peer.poll(device_code).await.body;
    assert_eq!(peer.poll(device_code).await.body["error"], "invalid_grant");
    let refreshed = peer
        .refresh(tokens["refresh_token"].as_str().unwrap())
        .await
        .body;
    server.kill().unwrap();
    server.wait().unwrap();
    let log = log.join().unwrap();

    assert_eq!(log.matches("device code issued").count(), 1, "{log}");
    let device = format!("grant_type=\"{DEVICE_GRANT}\" answered=");
    let answers: Vec<&str> = log
        .lines()
        .filter_map(|line| line.split_once(&device))
        .map(|(_, answer)| answer.trim())
        .collect();
    assert_eq!(
        answers,
        [
            "\"authorization_pending\"",
            "\"tokens\"",
            "\"invalid_grant\""
        ]
    );
    assert!(log.contains("grant_type=\"refresh_token\" answered=\"tokens\""));

    let mut secrets = vec![
        device_code.to_string(),
        user_code.to_string(),
        user_code.replace('-', ""),
    ];
    for answer in [&tokens, &refreshed] {
        for field in ["access_token", "refresh_token", "id_token"] {
            secrets.push(answer[field].as_str().unwrap().to_string());
        }
    }
    for secret in &secrets {
        assert!(
            !log.contains(secret.as_str()),
            "a code or token reached the log"
        );
    }
    assert!(!log.contains("eyJ"), "something JWT-shaped reached the log");
}
