//! What a person sees in a terminal (non-interactive here: stdout is a pipe).

use std::process::Stdio;

use tokio::io::{AsyncBufReadExt, BufReader};

use crate::rig::Rig;
use crate::support::cli::Run;

/// `tvauth login` without --json, approving when the code shows; the whole output.
async fn human_login(rig: &Rig, lang: &str) -> Run {
    let mut child = rig
        .command(&["login", "--lang", lang])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut stdout = String::new();
    let mut approved = false;
    while let Some(line) = lines.next_line().await.unwrap() {
        stdout.push_str(&line);
        stdout.push('\n');
        let code = line.trim();
        if !approved && code.len() == 9 && code.as_bytes()[4] == b'-' {
            crate::support::activation::decide(&rig.http, &rig.base, code, "Camille", "approve")
                .await;
            approved = true;
        }
    }
    let mut run: Run = child.wait_with_output().await.unwrap().into();
    run.stdout = stdout;
    run
}

#[tokio::test]
async fn human_login_shows_address_code_and_greeting() {
    let rig = Rig::start(|_| {}).await;
    let run = human_login(&rig, "en").await;
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains(&format!("{}activate", rig.base)));
    assert!(run.stdout.contains("Enter this code"));
    assert!(run.stdout.contains("Waiting for approval"));
    assert!(run.stdout.contains("Signed in as Camille."));
    assert!(
        !run.stdout.contains('\x1b'),
        "no terminal escapes into a pipe"
    );

    // Her profile is signed in: `login --profile` says so (a plain `login` would add someone).
    let again = rig.run(&["login", "--profile", "Camille"]).await;
    assert!(
        again.stdout.contains("Already signed in as Camille"),
        "{again:?}"
    );
}

#[tokio::test]
async fn french_everywhere() {
    let rig = Rig::start(|_| {}).await;
    let run = human_login(&rig, "fr").await;
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("Saisissez ce code"));
    assert!(run.stdout.contains("Connecté en tant que Camille."));
    let status: Run = rig
        .command(&["status"])
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .await
        .unwrap()
        .into();
    assert!(
        status.stdout.contains("Connecté en tant que Camille"),
        "{status:?}"
    );
}

#[tokio::test]
async fn every_command_has_help() {
    let rig = Rig::start(|_| {}).await;
    for command in [
        "login",
        "status",
        "profiles",
        "token",
        "api",
        "logout",
        "demo-server",
    ] {
        let run = rig.run(&[command, "--help"]).await;
        assert_eq!(run.code, 0, "{command}");
        assert!(run.stdout.contains("Usage: tvauth"), "{command}: {run:?}");
    }
    let main = rig.run(&["--help"]).await;
    assert!(main.stdout.contains("Exit status"));
}
