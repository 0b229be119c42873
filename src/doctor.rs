//! `tvauth doctor`'s core: checks a configuration against the real provider and returns one
//! typed [`Check`] per question (config.ron, https, discovery, issuer, device endpoint, client,
//! device grant, audience, offline access, JWKS, clock, API, session file). No words in any
//! language here: the faces turn findings into sentences. A check whose prerequisite failed is
//! [`Outcome::Skipped`], saying why. Nothing is written: the session file is only read, and
//! the device code asked for is never polled nor shown.

mod device;
mod finding;
mod provider;
mod reach;
mod session_file;
mod setup;

use std::path::PathBuf;

pub use finding::{Because, Fix, Passed, Problem};

use crate::auth;
use crate::config::locate::Chosen;
use crate::config::{ConfigError, ConfigSource};
use crate::store::Store;

/// Which question a check answers, in the order they are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckId {
    /// config.ron parses and its fields are valid.
    Config,
    /// Every address is https://, except on this machine.
    Https,
    /// The issuer serves its discovery document.
    Discovery,
    /// The document is for the configured issuer.
    Issuer,
    /// A device authorization endpoint is advertised or configured.
    DeviceEndpoint,
    /// The provider knows this client (and its secret, when it has one).
    ClientId,
    /// This client may use the device grant: a code was issued.
    DeviceGrant,
    /// The provider accepts the configured audience.
    Audience,
    /// `offline_access` is in the scope, so the box stays signed in.
    OfflineAccess,
    /// The signing keys can be fetched and fit an algorithm tvauth accepts.
    Jwks,
    /// This box's clock agrees with the provider's.
    Clock,
    /// The protected API answers.
    Api,
    /// The session file, if any, is readable and private.
    SessionFile,
}

impl CheckId {
    /// Every check, in report order.
    pub const ALL: [CheckId; 13] = [
        CheckId::Config,
        CheckId::Https,
        CheckId::Discovery,
        CheckId::Issuer,
        CheckId::DeviceEndpoint,
        CheckId::ClientId,
        CheckId::DeviceGrant,
        CheckId::Audience,
        CheckId::OfflineAccess,
        CheckId::Jwks,
        CheckId::Clock,
        CheckId::Api,
        CheckId::SessionFile,
    ];

    /// The stable name scripts see (`--json`).
    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::Config => "config",
            CheckId::Https => "https",
            CheckId::Discovery => "discovery",
            CheckId::Issuer => "issuer",
            CheckId::DeviceEndpoint => "device_endpoint",
            CheckId::ClientId => "client_id",
            CheckId::DeviceGrant => "device_grant",
            CheckId::Audience => "audience",
            CheckId::OfflineAccess => "offline_access",
            CheckId::Jwks => "jwks",
            CheckId::Clock => "clock",
            CheckId::Api => "api",
            CheckId::SessionFile => "session_file",
        }
    }
}

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// All is well, with what was seen.
    Pass(Passed),
    /// Something is wrong: what, and how to fix it.
    Fail {
        /// What is wrong.
        why: Problem,
        /// What to change, and where.
        fix: Fix,
    },
    /// Not checked, and why (a prerequisite failed, or it does not apply).
    Skipped {
        /// Why it was not checked.
        because: Because,
    },
}

/// One answered question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// Which question.
    pub id: CheckId,
    /// The answer.
    pub outcome: Outcome,
}

impl Check {
    /// A passed check.
    pub fn pass(id: CheckId, passed: Passed) -> Check {
        Check {
            id,
            outcome: Outcome::Pass(passed),
        }
    }

    /// A failed check.
    pub fn fail(id: CheckId, why: Problem, fix: Fix) -> Check {
        Check {
            id,
            outcome: Outcome::Fail { why, fix },
        }
    }

    /// A skipped check.
    pub fn skip(id: CheckId, because: Because) -> Check {
        Check {
            id,
            outcome: Outcome::Skipped { because },
        }
    }

    /// Whether it failed.
    pub fn failed(&self) -> bool {
        matches!(self.outcome, Outcome::Fail { .. })
    }
}

/// What to check: the configuration every command would use, and the config dir its session
/// lives in.
#[derive(Debug, Clone)]
pub struct Target {
    /// The configuration chosen as the other commands choose it (`--config`, the user's
    /// config.ron, /etc's), or why none could be read; none at all is a failed check here,
    /// not the embedded demo.
    pub chosen: Result<Chosen, ConfigError>,
    /// The system-wide config.ron, offered beside the user's when there is none.
    pub system_config: PathBuf,
    /// The config dir, where session.ron lives.
    pub store: Store,
    /// The languages the provider is asked to answer in (its error descriptions).
    pub accept_language: &'static str,
}

/// Every check's answer, in [`CheckId::ALL`] order.
#[derive(Debug, Clone)]
pub struct Report {
    /// The configuration checked (or looked for).
    pub config_path: PathBuf,
    /// Where it was found; `None` when it could not be read.
    pub config_source: Option<ConfigSource>,
    /// The issuer, when config.ron could be read.
    pub issuer: Option<String>,
    /// One per [`CheckId`], in order.
    pub checks: Vec<Check>,
}

impl Report {
    /// Whether no check failed (skipped ones that do not apply are fine).
    pub fn healthy(&self) -> bool {
        !self.checks.iter().any(Check::failed)
    }

    /// The checks in report order, with what they checked.
    fn sorted(
        target: &Target,
        config: Option<&crate::config::Config>,
        checks: Vec<Check>,
    ) -> Report {
        let mut checks = checks;
        checks.sort_by_key(|c| CheckId::ALL.iter().position(|id| *id == c.id));
        let (config_path, config_source) = match &target.chosen {
            Ok(chosen) => (chosen.origin.path.clone(), Some(chosen.origin.source)),
            Err(error) => (error.path().to_path_buf(), None),
        };
        Report {
            config_path,
            config_source,
            issuer: config.map(|c| c.issuer.to_string()),
            checks,
        }
    }
}

/// Runs every check against the provider `target` names. Asks for one device code (two when
/// the audience must be told apart from the client), and never polls it.
pub async fn run(target: &Target) -> Report {
    let mut checks = vec![setup::config_check(&target.chosen, &target.system_config)];
    checks.push(session_file::check(&target.store));
    let config = match &target.chosen {
        Ok(Chosen {
            config: Some(config),
            ..
        }) => config.clone(),
        unusable => {
            checks.push(match unusable {
                Err(error) => setup::https(Err(error), None, None),
                Ok(_) => Check::skip(CheckId::Https, Because::ConfigUnusable),
            });
            checks.push(setup::offline_access(None));
            for id in CheckId::ALL {
                if !checks.iter().any(|c| c.id == id) {
                    checks.push(Check::skip(id, Because::ConfigUnusable));
                }
            }
            return Report::sorted(target, None, checks);
        }
    };
    checks.push(setup::offline_access(Some(&config)));
    let http = match auth::http::client(target.accept_language) {
        Ok(http) => http,
        Err(error) => {
            let why = Problem::Unreachable {
                detail: error.to_string(),
            };
            checks.push(Check::fail(CheckId::Discovery, why, Fix::CheckNetwork));
            return Report::sorted(target, Some(&config), skip_rest(checks));
        }
    };
    let found = provider::discover(&http, &config).await;
    checks.extend(found.checks);
    checks.push(reach::clock(found.offset));
    checks.push(reach::api(&http, &config).await);
    let Some(known) = found.provider else {
        checks.push(setup::https(Ok(&config), found.document.as_ref(), None));
        return Report::sorted(target, Some(&config), skip_rest(checks));
    };
    checks.push(provider::device_endpoint(&config, &known));
    let asked = device::ask(&http, &config, &known).await;
    checks.push(setup::https(
        Ok(&config),
        found.document.as_ref(),
        asked.verification_uri.as_deref(),
    ));
    checks.extend(asked.checks);
    checks.push(provider::jwks(&http, &config, &known, found.document.as_ref()).await);
    Report::sorted(target, Some(&config), checks)
}

/// The checks not answered yet, skipped because the provider could not be used.
fn skip_rest(mut checks: Vec<Check>) -> Vec<Check> {
    for id in CheckId::ALL {
        if !checks.iter().any(|c| c.id == id) {
            checks.push(Check::skip(id, Because::ProviderUnusable));
        }
    }
    checks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_in_report_order() {
        let names: std::collections::HashSet<_> =
            CheckId::ALL.iter().map(|id| id.as_str()).collect();
        assert_eq!(names.len(), CheckId::ALL.len());
        assert_eq!(CheckId::ALL[0], CheckId::Config);
    }

    #[tokio::test]
    async fn an_absent_config_fails_its_check_and_skips_the_network() {
        let dir = tempfile::TempDir::new().unwrap();
        let places = crate::config::locate::Places {
            user: Some((dir.path().join("config.ron"), ConfigSource::UserConfigDir)),
            system: dir.path().join("system.ron"),
        };
        let target = Target {
            chosen: crate::config::locate::choose(None, &places),
            system_config: places.system.clone(),
            store: Store::new(dir.path()),
            accept_language: "en",
        };
        let report = run(&target).await;
        assert!(!report.healthy());
        assert_eq!(report.checks.len(), CheckId::ALL.len());
        assert!(matches!(
            report.checks[0].outcome,
            Outcome::Fail {
                why: Problem::ConfigMissing { .. },
                ..
            }
        ));
        let discovery = &report.checks[2];
        assert_eq!(discovery.id, CheckId::Discovery);
        assert_eq!(
            discovery.outcome,
            Outcome::Skipped {
                because: Because::ConfigUnusable
            }
        );
    }
}
