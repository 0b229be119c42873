//! Where tvauth lives on this machine: its one app id, and its config and data dirs (the
//! platform's, or `TVAUTH_CONFIG_DIR` when a run is isolated: tests, several installs side by
//! side). Every other module asks here.

use std::path::PathBuf;

/// The reverse-DNS id of the app: window id, `.desktop` StartupWMClass, AppStream.
pub const APP_ID: &str = "io.github.tvauth.TvAuth";
/// The variable that replaces the config dir.
pub const CONFIG_DIR_ENV: &str = "TVAUTH_CONFIG_DIR";

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "tvauth")
}

/// The directory set by `TVAUTH_CONFIG_DIR`, if any.
fn isolated_dir() -> Option<PathBuf> {
    std::env::var_os(CONFIG_DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
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
