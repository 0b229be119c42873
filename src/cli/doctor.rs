//! `tvauth doctor`: checks config.ron against the real provider and prints, for each check,
//! ✓ and what was seen, ✗ with what is wrong and how to fix it (where in the Auth0
//! Dashboard), or – and why it was skipped. `--json` for scripts. Exit 0 when nothing failed.
//! Never a token, a secret or a code.

mod words;

use std::path::PathBuf;

use i18n_embed::fluent::FluentLanguageLoader;
use serde_json::{Value, json};

use super::{exit, outln};
use crate::config::locate::{self, Places};
use crate::doctor::{self, Check, Outcome, Report, Target};
use crate::i18n::{Lang, fl};
use crate::store::Store;

/// Runs the checks on the configuration the other commands would use (`--config`, else the
/// user's config.ron, else /etc's) and prints them.
pub async fn run(
    config_flag: Option<PathBuf>,
    lang: Lang,
    t: &FluentLanguageLoader,
    json: bool,
) -> anyhow::Result<u8> {
    let store = Store::from_env()?;
    let places = Places::from_env();
    let target = Target {
        chosen: locate::choose(config_flag.as_deref(), &places),
        system_config: places.system,
        store,
        accept_language: lang.accept_language(),
    };
    let report = doctor::run(&target).await;
    if json {
        outln!("{}", as_json(t, &report));
    } else {
        print(t, &report);
    }
    Ok(if report.healthy() {
        exit::OK
    } else {
        exit::FAILURE
    })
}

/// The report as one JSON object: stable ids and codes, and the sentences a person reads.
fn as_json(t: &FluentLanguageLoader, report: &Report) -> Value {
    let checks: Vec<Value> = report.checks.iter().map(|c| check_json(t, c)).collect();
    json!({
        "healthy": report.healthy(),
        "config": report.config_path.display().to_string(),
        "config_source": report.config_source.map(|s| s.as_str()),
        "issuer": report.issuer,
        "checks": checks,
    })
}

fn check_json(t: &FluentLanguageLoader, check: &Check) -> Value {
    let id = check.id.as_str();
    match &check.outcome {
        Outcome::Pass(passed) => json!({
            "id": id,
            "status": "pass",
            "detail": words::passed(t, passed),
        }),
        Outcome::Fail { why, fix } => json!({
            "id": id,
            "status": "fail",
            "problem": why.code(),
            "why": words::problem(t, why),
            "fix_id": fix.code(),
            "fix": words::fix(t, fix),
        }),
        Outcome::Skipped { because } => json!({
            "id": id,
            "status": "skipped",
            "reason": because.code(),
            "because": words::because(t, *because),
        }),
    }
}

/// One line per check (mark, title, what was seen), the fix under a failure, and a count.
fn print(t: &FluentLanguageLoader, report: &Report) {
    let config = report.config_path.display().to_string();
    match &report.issuer {
        Some(issuer) => outln!(
            "{}",
            fl!(
                t,
                "cli-doctor-heading",
                path = config,
                issuer = issuer.as_str()
            )
        ),
        None => outln!("{}", fl!(t, "cli-doctor-heading-no-issuer", path = config)),
    }
    outln!();
    let titles: Vec<String> = report
        .checks
        .iter()
        .map(|c| words::title(t, c.id))
        .collect();
    let width = titles.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    let indent = " ".repeat(width + 4);
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for (check, title) in report.checks.iter().zip(&titles) {
        let pad = " ".repeat(width - title.chars().count());
        match &check.outcome {
            Outcome::Pass(seen) => {
                passed += 1;
                outln!("✓ {title}{pad}  {}", words::passed(t, seen));
            }
            Outcome::Fail { why, fix } => {
                failed += 1;
                outln!("✗ {title}{pad}  {}", words::problem(t, why));
                let fix = fl!(t, "cli-doctor-fix", fix = words::fix(t, fix));
                outln!("{indent}{fix}");
            }
            Outcome::Skipped { because } => {
                skipped += 1;
                let because = words::because(t, *because);
                outln!(
                    "– {title}{pad}  {}",
                    fl!(t, "cli-doctor-skipped", because = because)
                );
            }
        }
    }
    outln!();
    outln!(
        "{}",
        fl!(
            t,
            "cli-doctor-summary",
            passed = passed,
            failed = failed,
            skipped = skipped
        )
    );
    if failed == 0 {
        outln!("{}", fl!(t, "cli-doctor-ready"));
    }
}
