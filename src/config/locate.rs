//! Which configuration is used, and where it came from. In order: `--config FILE`; config.ron
//! in the user's config dir (`TVAUTH_CONFIG_DIR` when set, which takes that dir's place, so an
//! isolated run never reads the person's own file); the system-wide /etc/tvauth/config.ron;
//! else none, and the commands use the embedded demo server. A file of comments only sets
//! nothing and the search goes on (the package ships /etc's that way); named with `--config`,
//! it is an error instead, since that file was asked for. Sessions stay in the user's config
//! dir whichever file configures the provider.

use std::path::{Path, PathBuf};

use super::{Config, ConfigError};
use crate::environment;
use crate::store::CONFIG_FILE;

/// Where the configuration in use comes from, in order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigSource {
    /// `--config FILE`.
    CommandLine,
    /// config.ron in `TVAUTH_CONFIG_DIR`.
    ConfigDirEnv,
    /// config.ron in the user's config dir (`$XDG_CONFIG_HOME/tvauth`).
    UserConfigDir,
    /// The system-wide file, /etc/tvauth/config.ron.
    System,
    /// No file configures a provider: the embedded demo server.
    EmbeddedDemo,
}

impl ConfigSource {
    /// The stable name scripts see (`status --json`, `doctor --json`).
    pub fn as_str(self) -> &'static str {
        match self {
            ConfigSource::CommandLine => "command_line",
            ConfigSource::ConfigDirEnv => "config_dir_env",
            ConfigSource::UserConfigDir => "user",
            ConfigSource::System => "system",
            ConfigSource::EmbeddedDemo => "embedded_demo",
        }
    }
}

/// Where a configuration was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigOrigin {
    /// Which of the places it is.
    pub source: ConfigSource,
    /// The file read; for the embedded demo, the user's config.ron, where one would go.
    pub path: PathBuf,
}

impl ConfigOrigin {
    /// The file read, if one was (none for the embedded demo).
    pub fn file(&self) -> Option<&Path> {
        (self.source != ConfigSource::EmbeddedDemo).then_some(self.path.as_path())
    }
}

/// The places looked in, after `--config`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// config.ron in the user's config dir, and which dir that is; `None` without a home.
    pub user: Option<(PathBuf, ConfigSource)>,
    /// The system-wide file.
    pub system: PathBuf,
}

impl Places {
    /// This process's: `TVAUTH_CONFIG_DIR` or the platform config dir, and
    /// `TVAUTH_SYSTEM_CONFIG` or /etc/tvauth/config.ron.
    pub fn from_env() -> Places {
        let source = if environment::config_dir_is_isolated() {
            ConfigSource::ConfigDirEnv
        } else {
            ConfigSource::UserConfigDir
        };
        Places {
            user: environment::config_dir().map(|dir| (dir.join(CONFIG_FILE), source)),
            system: environment::system_config_file(),
        }
    }

    /// Where a person's own config.ron goes: the user's, else the system-wide file.
    pub fn user_file(&self) -> &Path {
        self.user.as_ref().map_or(&self.system, |(path, _)| path)
    }
}

/// The configuration chosen, and where it came from.
#[derive(Debug, Clone)]
pub struct Chosen {
    /// Where it came from (also in `config.origin`).
    pub origin: ConfigOrigin,
    /// `None` for the embedded demo server.
    pub config: Option<Config>,
}

/// Chooses the configuration: `--config` (`flag`), else the first of `places` that configures
/// something. A file that exists but cannot be read or is wrong is an error, never skipped:
/// whoever wrote it meant it.
pub fn choose(flag: Option<&Path>, places: &Places) -> Result<Chosen, ConfigError> {
    if let Some(path) = flag {
        let config = Config::load(path)?;
        return Ok(found(ConfigSource::CommandLine, path, config));
    }
    let user = places.user.iter().map(|(path, source)| (path, *source));
    let candidates = user.chain([(&places.system, ConfigSource::System)]);
    for (path, source) in candidates {
        // Absent: the next place. Unknown (a directory that cannot be searched): read it, so
        // the error says why.
        if path.try_exists().is_ok_and(|exists| !exists) {
            continue;
        }
        match Config::load(path) {
            Ok(config) => return Ok(found(source, path, config)),
            Err(ConfigError::NothingSet { .. }) => {
                tracing::debug!(path = %path.display(), "config.ron sets nothing, skipped");
            }
            Err(error) => return Err(error),
        }
    }
    Ok(Chosen {
        origin: ConfigOrigin {
            source: ConfigSource::EmbeddedDemo,
            path: places.user_file().to_path_buf(),
        },
        config: None,
    })
}

fn found(source: ConfigSource, path: &Path, mut config: Config) -> Chosen {
    let origin = ConfigOrigin {
        source,
        path: path.to_path_buf(),
    };
    config.origin = Some(origin.clone());
    Chosen {
        origin,
        config: Some(config),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = "(issuer: \"https://idp.example/\", client_id: \"tv\")";
    const COMMENTED: &str = "// (\n//     issuer: \"https://idp.example/\",\n// )\n";

    struct Fixture {
        dir: tempfile::TempDir,
        places: Places,
    }

    impl Fixture {
        fn new() -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            let places = Places {
                user: Some((dir.path().join("user.ron"), ConfigSource::UserConfigDir)),
                system: dir.path().join("system.ron"),
            };
            Fixture { dir, places }
        }

        fn write(&self, name: &str, text: &str) -> PathBuf {
            let path = self.dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        }

        fn source(&self, flag: Option<&Path>) -> ConfigSource {
            choose(flag, &self.places).unwrap().origin.source
        }
    }

    #[test]
    fn each_place_wins_over_the_next() {
        let f = Fixture::new();
        assert_eq!(f.source(None), ConfigSource::EmbeddedDemo);
        let system = f.write("system.ron", VALID);
        let chosen = choose(None, &f.places).unwrap();
        assert_eq!(chosen.origin.source, ConfigSource::System);
        assert_eq!(chosen.origin.file(), Some(system.as_path()));
        assert_eq!(chosen.config.unwrap().origin, Some(chosen.origin));
        f.write("user.ron", VALID);
        assert_eq!(f.source(None), ConfigSource::UserConfigDir);
        let flag = f.write("flag.ron", VALID);
        assert_eq!(f.source(Some(&flag)), ConfigSource::CommandLine);
    }

    #[test]
    fn a_commented_file_is_passed_over_but_not_when_asked_for() {
        let f = Fixture::new();
        let system = f.write("system.ron", COMMENTED);
        let chosen = choose(None, &f.places).unwrap();
        assert_eq!(chosen.origin.source, ConfigSource::EmbeddedDemo);
        assert!(chosen.config.is_none() && chosen.origin.file().is_none());
        assert_eq!(chosen.origin.path, f.dir.path().join("user.ron"));
        f.write("user.ron", COMMENTED);
        f.write("system.ron", VALID);
        assert_eq!(f.source(None), ConfigSource::System);
        let error = choose(Some(&system.with_file_name("user.ron")), &f.places).unwrap_err();
        assert!(matches!(error, ConfigError::NothingSet { .. }), "{error}");
        assert!(error.to_string().contains("issuer"), "{error}");
    }

    #[test]
    fn a_broken_file_is_an_error_not_a_fallback() {
        let f = Fixture::new();
        f.write("system.ron", VALID);
        f.write("user.ron", "(issuer: ");
        assert!(matches!(
            choose(None, &f.places),
            Err(ConfigError::Syntax { .. })
        ));
        let missing = f.dir.path().join("missing.ron");
        assert!(matches!(
            choose(Some(&missing), &f.places),
            Err(ConfigError::Read { .. })
        ));
    }

    #[test]
    fn without_a_home_the_system_file_still_counts() {
        let mut f = Fixture::new();
        f.places.user = None;
        assert_eq!(f.places.user_file(), f.places.system.as_path());
        f.write("system.ron", VALID);
        assert_eq!(f.source(None), ConfigSource::System);
    }
}
