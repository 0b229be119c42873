//! Where tvauth lives on this machine: its one app id, its config and data dirs (the
//! platform's, or `TVAUTH_CONFIG_DIR` when a run is isolated: tests, several installs side by
//! side), and the system-wide configuration file. Every other module asks here.

use std::path::PathBuf;

/// The reverse-DNS id of the app: window id, `.desktop` StartupWMClass, AppStream.
pub const APP_ID: &str = "io.github.tvauth.TvAuth";
/// The variable that replaces the config dir.
pub const CONFIG_DIR_ENV: &str = "TVAUTH_CONFIG_DIR";
/// The configuration every user of this machine falls back to (a Debian conffile).
pub const SYSTEM_CONFIG_FILE: &str = "/etc/tvauth/config.ron";
/// The variable that replaces [`SYSTEM_CONFIG_FILE`]: for tests and package checks, which run
/// the real binary (a test-only build switch would not reach it) on machines that may have
/// their own /etc/tvauth. It grants nothing `--config` does not already.
pub const SYSTEM_CONFIG_ENV: &str = "TVAUTH_SYSTEM_CONFIG";

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "tvauth")
}

/// The directory set by `TVAUTH_CONFIG_DIR`, if any.
fn isolated_dir() -> Option<PathBuf> {
    std::env::var_os(CONFIG_DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
}

/// Whether `TVAUTH_CONFIG_DIR` replaces the platform config dir.
pub fn config_dir_is_isolated() -> bool {
    isolated_dir().is_some()
}

/// The system-wide config.ron: `TVAUTH_SYSTEM_CONFIG` if set, else /etc/tvauth/config.ron.
pub fn system_config_file() -> PathBuf {
    std::env::var_os(SYSTEM_CONFIG_ENV)
        .filter(|f| !f.is_empty())
        .map_or_else(|| PathBuf::from(SYSTEM_CONFIG_FILE), PathBuf::from)
}

/// `TVAUTH_CONFIG_DIR` if set, else the platform config dir (`$XDG_CONFIG_HOME/tvauth`);
/// `None` without a home directory.
pub fn config_dir() -> Option<PathBuf> {
    isolated_dir().or_else(|| project_dirs().map(|d| d.config_dir().to_path_buf()))
}

/// The demo server's folder in a data dir.
const DEMO_DATA: &str = "demo-server";

/// Where a standalone demo server keeps its keys and grants: the platform data dir.
pub fn demo_data_dir() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().join(DEMO_DATA))
}

/// Where the embedded demo server keeps them: beside the session when `TVAUTH_CONFIG_DIR`
/// isolates a run, else as a standalone one does.
pub fn embedded_demo_data_dir() -> Option<PathBuf> {
    match isolated_dir() {
        Some(dir) => Some(dir.join(DEMO_DATA)),
        None => demo_data_dir(),
    }
}
