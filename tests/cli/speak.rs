//! `tvauth login --speak`: the code said by the real espeak-ng, in the language of messages,
//! by a child that never sees the secrets; without a speech program, a clear word on stderr
//! and the sign-in goes on.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use tvauth::i18n::Lang;
use tvauth::speech::spell_code;

use crate::rig::Rig;

/// The directory of the real espeak-ng on this machine's `PATH`.
fn espeak_ng() -> std::path::PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join("espeak-ng"))
        .find(|program| program.is_file())
        .expect("espeak-ng is needed: apt-get install espeak-ng (tests/run.sh installs it)")
}

/// A `PATH` directory whose `espeak-ng` notes its arguments (one per line) and whether it
/// can see a tvauth secret (1) or not (0), then runs the real one.
fn recording_espeak(dir: &Path) {
    let script = format!(
        // Shell builtins only: this PATH holds nothing else.
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > {log}\n\
         case \"$(export -p)\" in *TVAUTH_*SECRET*) echo 1 ;; *) echo 0 ;; esac >> {log}\n\
         exec {real} \"$@\"\n",
        log = dir.join("said").display(),
        real = espeak_ng().display(),
    );
    let program = dir.join("espeak-ng");
    std::fs::write(&program, script).unwrap();
    std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[tokio::test]
async fn the_code_is_said_in_french_by_a_child_without_secrets() {
    let rig = Rig::start(|_| {}).await;
    let bin = tempfile::tempdir().unwrap();
    recording_espeak(bin.path());
    let path = bin.path().to_str().unwrap();
    // No speech-dispatcher daemon to find: espeak-ng speaks, the only program on PATH.
    let home = tempfile::tempdir().unwrap();
    let home = home.path().to_str().unwrap();
    let env = [
        ("PATH", path),
        ("HOME", home),
        ("XDG_RUNTIME_DIR", home),
        ("TVAUTH_SERVICE_CLIENT_SECRET", "not-for-children"),
    ];
    let mut command = rig.command(&["login", "--json", "--speak", "--lang", "fr"]);
    command.envs(env).env_remove("SPEECHD_ADDRESS");
    let mut login = crate::support::cli::Login::spawn(command);
    let code = login.until("code").await["user_code"]
        .as_str()
        .unwrap()
        .to_string();
    // The sentence is said as the code appears: wait for the program to have noted it.
    let said_file = bin.path().join("said");
    let mut said = String::new();
    for _ in 0..100 {
        said = std::fs::read_to_string(&said_file).unwrap_or_default();
        if said.lines().count() > 6 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let words: Vec<&str> = said.lines().collect();
    assert_eq!(words[..5], ["-v", "fr", "-s", "140", "--"], "{said}");
    let spelled = spell_code(Lang::Fr, &code);
    assert!(words[5].contains(&spelled), "{said}");
    assert!(words[5].starts_with("Pour vous connecter, allez sur 127 point 0 point 0 point 1"));
    assert_eq!(words[6], "0", "secrets seen by the speech program: {said}");
    crate::support::activation::decided(
        &rig.http,
        &rig.base,
        &code,
        crate::support::activation::PERSON,
        "approve",
    )
    .await;
    let (status, last, stderr) = login.finish().await;
    assert_eq!(
        (status, &last["event"]),
        (0, &"authorized".into()),
        "{stderr}"
    );
    assert!(!stderr.contains("voix haute"), "{stderr}");
}

#[tokio::test]
async fn without_a_speech_program_login_says_so_and_goes_on() {
    let rig = Rig::start(|_| {}).await;
    let empty = tempfile::tempdir().unwrap();
    let mut command = rig.command(&["login", "--json", "--speak"]);
    command.env("PATH", empty.path());
    let mut login = crate::support::cli::Login::spawn(command);
    let code = login.until("code").await["user_code"]
        .as_str()
        .unwrap()
        .to_string();
    crate::support::activation::decided(
        &rig.http,
        &rig.base,
        &code,
        crate::support::activation::PERSON,
        "approve",
    )
    .await;
    let (status, last, stderr) = login.finish().await;
    assert_eq!(
        (status, &last["event"]),
        (0, &"authorized".into()),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "tvauth: Cannot read the code aloud: neither speech-dispatcher (spd-say) nor \
             espeak-ng is installed."
        ),
        "{stderr}"
    );
}
