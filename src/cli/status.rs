//! `tvauth status`: who is signed in on the profile commands act for (its name and id, and
//! how many others there are), since when, until when the access token and the session hold
//! (and whether to renew it), whether this box's clock is off, what waits to be revoked, and
//! which configuration file was read; never a token. `--json` for scripts.

use i18n_embed::fluent::FluentLanguageLoader;

use super::{exit, outln};
use crate::config::{ConfigOrigin, ConfigSource};
use crate::format;
use crate::i18n::fl;
use crate::session::{Account, ClockOffset, Summary};

/// Prints the account's state; exit status 5 when nobody is signed in.
pub fn run(account: &Account, t: &FluentLanguageLoader, json: bool) -> anyhow::Result<u8> {
    let status = account.status()?;
    let members = account.members()?;
    let acting = account.profile_id();
    let profile = members.iter().find(|m| m.id == acting);
    let others = members.len() - usize::from(profile.is_some());
    if let Some(path) = &status.quarantined {
        eprintln!(
            "tvauth: {}",
            fl!(
                t,
                "cli-status-quarantined",
                path = path.display().to_string()
            )
        );
    }
    let origin = account.config().origin.as_ref();
    if json {
        let mut value = match &status.summary {
            None => serde_json::json!({
                "signed_in": false,
                "profile_id": profile.map(|p| &p.id),
                "other_profiles": others,
                "pending_revocations": status.pending_revocations,
            }),
            Some(s) => serde_json::json!({
                // This box's clock minus the provider's, in seconds, when measured.
                "clock_offset_seconds": s.clock_offset.map(ClockOffset::seconds),
                "clock_off": s.clock_offset.is_some_and(ClockOffset::is_reportable),
                "signed_in": true,
                "profile_id": profile.map(|p| &p.id),
                "other_profiles": others,
                "sub": s.profile.sub,
                "name": s.profile.name,
                "email": s.profile.email,
                "picture": s.profile.picture,
                "issuer": s.issuer,
                "scope": s.scope,
                "signed_in_at": s.signed_in_at,
                "refreshed_at": s.refreshed_at,
                "access_token_expires_at": s.access_token_expires_at,
                "access_token_valid": s.access_token_expires_at.is_some_and(|e| e > s.as_of),
                "can_refresh": s.can_refresh,
                "dpop_bound": status.dpop_bound,
                "session_ends_at": s.session_ends_at,
                "renewal_due": s.renewal_due(),
                "pending_revocations": status.pending_revocations,
            }),
        };
        value["config_file"] = origin
            .and_then(ConfigOrigin::file)
            .map(|f| f.display().to_string())
            .into();
        value["config_source"] = origin.map(|o| o.source.as_str()).into();
        outln!("{value}");
    } else {
        match &status.summary {
            None => match profile {
                // Its session ended: the profile stays, to be signed in again.
                Some(member) => {
                    let name = format::name(&super::profiles::display_name(t, member));
                    let id = member.id.to_string();
                    outln!(
                        "{}",
                        fl!(t, "cli-status-profile-ended", name = name, id = id)
                    );
                }
                None => outln!("{}", fl!(t, "cli-status-signed-out")),
            },
            Some(s) => {
                let now = s.as_of;
                let who = match s.profile.display_name() {
                    Some(name) => fl!(t, "cli-status-signed-in", name = crate::format::name(name)),
                    None => fl!(t, "cli-status-signed-in-unnamed"),
                };
                outln!("{who}");
                if let Some(member) = profile {
                    let name = format::name(&super::profiles::display_name(t, member));
                    let id = member.id.to_string();
                    outln!("{}", fl!(t, "cli-status-profile", name = name, id = id));
                }
                if let Some(email) = &s.profile.email {
                    outln!(
                        "{}",
                        fl!(t, "cli-status-email", email = format::name(email))
                    );
                }
                outln!(
                    "{}",
                    fl!(t, "cli-status-provider", issuer = s.issuer.as_str())
                );
                let ago = format::human_duration(t, now.saturating_sub(s.signed_in_at));
                outln!("{}", fl!(t, "cli-status-since", ago = ago));
                if let Some(refreshed) = s.refreshed_at {
                    let ago = format::human_duration(t, now.saturating_sub(refreshed));
                    outln!("{}", fl!(t, "cli-status-refreshed", ago = ago));
                }
                match s.access_token_expires_at.filter(|e| *e > now) {
                    Some(expires) => {
                        let left = format::human_duration(t, expires - now);
                        outln!("{}", fl!(t, "cli-status-access-valid", left = left));
                    }
                    None => outln!("{}", fl!(t, "cli-status-access-expired")),
                }
                if s.can_refresh {
                    outln!("{}", fl!(t, "cli-status-refresh-yes"));
                } else {
                    outln!("{}", fl!(t, "cli-status-refresh-no"));
                }
                if status.dpop_bound {
                    outln!("{}", fl!(t, "cli-status-dpop-bound"));
                }
                for line in session_end(t, s) {
                    outln!("{line}");
                }
                if let Some(offset) = s.clock_offset.filter(|o| o.is_reportable()) {
                    outln!("{}", format::clock_off(t, offset));
                }
            }
        }
        if others > 0 {
            outln!("{}", fl!(t, "cli-status-others", count = others));
        }
        if status.pending_revocations > 0 {
            outln!(
                "{}",
                fl!(t, "cli-status-pending", count = status.pending_revocations)
            );
        }
        if let Some(origin) = origin {
            outln!("{}", config_line(t, origin));
        }
    }
    Ok(if status.summary.is_some() {
        exit::OK
    } else {
        exit::SIGNED_OUT
    })
}

/// When the session ends, when known: "Signed in until 27 December 2026", and from three
/// days before, that renewal is due and how (`tvauth login`); once past, that it ended.
fn session_end(t: &FluentLanguageLoader, s: &Summary) -> Vec<String> {
    let Some(end) = s.session_ends_at else {
        return Vec::new();
    };
    let date = format::date(t, end);
    if end <= s.as_of {
        return vec![fl!(t, "cli-status-ended", date = date)];
    }
    let mut lines = vec![fl!(t, "cli-status-until", date = date)];
    if s.renewal_due() {
        lines.push(fl!(t, "cli-status-renew"));
    }
    lines
}

/// Which configuration file was read, and why that one.
fn config_line(t: &FluentLanguageLoader, origin: &ConfigOrigin) -> String {
    let path = origin.path.display().to_string();
    match origin.source {
        ConfigSource::CommandLine => fl!(t, "cli-status-config-flag", path = path),
        ConfigSource::ConfigDirEnv => fl!(t, "cli-status-config-dir-env", path = path),
        ConfigSource::UserConfigDir => fl!(t, "cli-status-config-user", path = path),
        ConfigSource::System => fl!(t, "cli-status-config-system", path = path),
        ConfigSource::EmbeddedDemo => fl!(t, "cli-status-config-demo"),
    }
}
