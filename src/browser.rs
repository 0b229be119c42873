//! Opening an address in the person's browser: `$BROWSER` (a colon-separated list of
//! commands, `%s` standing for the address, as Debian's sensible-browser reads it), else
//! `xdg-open` when there is a display and a browser to open.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::config::{CLIENT_SECRET_ENV, SERVICE_SECRET_ENV};

/// Browsers `xdg-open` may hand an address to; without one of them a kiosk only has
/// `xdg-open` itself, which would fail.
const KNOWN_BROWSERS: &[&str] = &[
    "x-www-browser",
    "sensible-browser",
    "firefox",
    "firefox-esr",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "epiphany-browser",
    "falkon",
    "kodi",
];

/// Whether `program` is an executable file in one of `PATH`'s directories.
pub(crate) fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| is_executable(&dir.join(program)))
    })
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

fn browser_variable() -> Option<String> {
    std::env::var("BROWSER")
        .ok()
        .map(|b| b.trim().to_string())
        .filter(|b| !b.is_empty())
}

fn has_display() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

/// Whether an address can be opened in a browser here.
pub fn available() -> bool {
    browser_variable().is_some()
        || (on_path("xdg-open") && has_display() && KNOWN_BROWSERS.iter().any(|b| on_path(b)))
}

/// The programs and arguments that would open `url`, given `$BROWSER`.
fn commands_for(browser: Option<&str>, url: &str) -> Vec<(String, Vec<String>)> {
    if let Some(list) = browser {
        return list
            .split(':')
            .filter_map(|entry| {
                let mut words = entry.split_whitespace().map(str::to_string);
                let program = words.next()?;
                let mut args: Vec<String> = words.collect();
                if args.iter().any(|a| a.contains("%s")) {
                    args.iter_mut().for_each(|a| *a = a.replace("%s", url));
                } else {
                    args.push(url.to_string());
                }
                Some((program, args))
            })
            .collect();
    }
    vec![("xdg-open".to_string(), vec![url.to_string()])]
}

/// What tvauth's own environment holds that no other program may see: the client secrets
/// (a browser, and whatever it starts, inherits its parent's environment).
pub const SECRET_VARIABLES: &[&str] = &[CLIENT_SECRET_ENV, SERVICE_SECRET_ENV];

/// A command for another program: the secrets in tvauth's environment are not passed on,
/// nor where the unit's systemd credentials are (they are tvauth's, not the child's). Every
/// child process tvauth starts is built here.
pub fn child_command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    for variable in SECRET_VARIABLES {
        let _ = command.env_remove(variable);
    }
    let _ = command.env_remove(crate::auth::credentials::CREDENTIALS_DIRECTORY_ENV);
    command
}

/// Starts the browser on `url` without waiting for it; the first command that starts wins.
pub fn open(url: &str) -> std::io::Result<()> {
    let mut last_error = std::io::Error::new(std::io::ErrorKind::NotFound, "no browser command");
    for (program, args) in commands_for(browser_variable().as_deref(), url) {
        match child_command(&program)
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        {
            Ok(mut child) => {
                // Reaped in the background so no zombie is left behind.
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            Err(error) => last_error = error,
        }
    }
    Err(last_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_lists_and_placeholders() {
        let commands = commands_for(
            Some("firefox --new-tab:chromium %s --incognito"),
            "http://x/",
        );
        assert_eq!(commands[0].0, "firefox");
        assert_eq!(commands[0].1, ["--new-tab", "http://x/"]);
        assert_eq!(commands[1].1, ["http://x/", "--incognito"]);
        assert_eq!(commands_for(None, "http://x/")[0].0, "xdg-open");
    }

    #[test]
    fn children_do_not_inherit_the_secrets() {
        let command = child_command("env");
        let removed: Vec<_> = command
            .get_envs()
            .filter(|(_, value)| value.is_none())
            .map(|(name, _)| name.to_string_lossy().into_owned())
            .collect();
        assert!(removed.contains(&"TVAUTH_CLIENT_SECRET".to_string()));
        assert!(removed.contains(&"TVAUTH_SERVICE_CLIENT_SECRET".to_string()));
    }
}
