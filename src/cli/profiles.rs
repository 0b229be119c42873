//! Profiles on the command line: `tvauth profiles [--json]` lists them (never a token), the
//! global `--profile NAME|SUB|ID` picks the one a command acts for (else the most recently
//! used), and `login` signs into a fresh slot (adding someone or renewing whoever approves)
//! or, with `--profile`, renews that profile.

use i18n_embed::fluent::FluentLanguageLoader;
use serde_json::json;

use super::{exit, outln};
use crate::format;
use crate::i18n::fl;
use crate::session::{Account, Member, MemberState, SessionError, unix_now};

/// What `--profile` names among the profiles.
#[derive(Debug, PartialEq, Eq)]
pub enum Found<'a> {
    /// Exactly this one.
    One(&'a Member),
    /// None.
    Unknown,
    /// Several (by name or email): the id tells them apart.
    Ambiguous(usize),
}

/// The profile `wanted` names: its id, else its `sub`, email or name (exact, ignoring case and
/// the spaces around).
pub fn find<'a>(members: &'a [Member], wanted: &str) -> Found<'a> {
    let wanted = wanted.trim();
    if let Some(member) = members.iter().find(|m| m.id.as_str() == wanted) {
        return Found::One(member);
    }
    let same = |text: &str| !text.is_empty() && text.to_lowercase() == wanted.to_lowercase();
    let matching: Vec<&Member> = members
        .iter()
        .filter(|m| {
            let person = &m.person;
            same(&person.sub)
                || person.email.as_deref().is_some_and(same)
                || person.name.as_deref().is_some_and(same)
        })
        .collect();
    match matching.as_slice() {
        [one] => Found::One(one),
        [] => Found::Unknown,
        several => Found::Ambiguous(several.len()),
    }
}

/// The account of the profile `wanted` names, or the exit status after saying why there is
/// none (5 for an unknown profile, 2 for an ambiguous name).
pub fn select(
    account: &Account,
    t: &FluentLanguageLoader,
    wanted: &str,
) -> anyhow::Result<Result<Account, u8>> {
    let members = account.members()?;
    let shown = format::name(wanted);
    Ok(match find(&members, wanted) {
        Found::One(member) => Ok(account.for_profile(&member.id)),
        Found::Unknown => {
            eprintln!("tvauth: {}", fl!(t, "cli-profile-unknown", wanted = shown));
            Err(exit::SIGNED_OUT)
        }
        Found::Ambiguous(count) => {
            let message = fl!(t, "cli-profile-ambiguous", wanted = shown, count = count);
            eprintln!("tvauth: {message}");
            Err(exit::USAGE)
        }
    })
}

/// The account `login` signs in with: the chosen profile (`--profile`), else a fresh slot,
/// when another profile can still be added.
pub fn for_login(account: &Account, chosen: bool) -> Result<Account, SessionError> {
    if chosen {
        return Ok(account.for_profile(&account.profile_id()));
    }
    if !account.can_add_profile()? {
        return Err(SessionError::TooManyProfiles);
    }
    Ok(account.for_new_profile())
}

/// After `login --profile X`: when someone else approved, says that they have a profile of
/// their own and X's is unchanged.
pub fn say_who_approved(
    account: &Account,
    t: &FluentLanguageLoader,
    chosen: Option<&Member>,
    json: bool,
) {
    let Some(chosen) = chosen.filter(|c| c.id != account.profile_id()) else {
        return;
    };
    if json {
        return;
    }
    let name = format::name(&display_name(t, chosen));
    outln!("{}", fl!(t, "cli-login-other-person", chosen = name));
}

/// `tvauth profiles`: one line per profile, or a JSON array; exit 0 even when there is none.
pub fn list(account: &Account, t: &FluentLanguageLoader, json: bool) -> anyhow::Result<u8> {
    let members = account.members()?;
    let default = account.profile_id();
    if json {
        let rows: Vec<_> = members
            .iter()
            .map(|m| {
                json!({
                    "id": m.id,
                    "name": m.person.name,
                    "email": m.person.email,
                    "sub": m.person.sub,
                    "picture": m.person.picture,
                    "added_at": m.added_at,
                    "last_used_at": m.last_used_at,
                    "state": m.state,
                    "default": m.id == default,
                })
            })
            .collect();
        outln!("{}", serde_json::Value::Array(rows));
        return Ok(exit::OK);
    }
    if members.is_empty() {
        outln!("{}", fl!(t, "cli-profiles-none"));
        return Ok(exit::OK);
    }
    let now = unix_now();
    let rows: Vec<[String; 5]> = members
        .iter()
        .map(|m| {
            let ago = format::human_duration(t, now.saturating_sub(m.last_used_at));
            let state = match m.state {
                MemberState::SignedIn => fl!(t, "cli-profiles-signed-in"),
                MemberState::Ended => fl!(t, "cli-profiles-ended"),
            };
            [
                format::name(&display_name(t, m)),
                m.person
                    .email
                    .as_deref()
                    .map(format::name)
                    .unwrap_or_default(),
                fl!(t, "cli-profiles-last-used", ago = ago),
                state,
                m.id.to_string(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..5)
        .map(|column| {
            let width = |row: &[String; 5]| row[column].chars().count();
            rows.iter().map(width).max().unwrap_or(0)
        })
        .collect();
    for (member, row) in members.iter().zip(&rows) {
        let mark = if member.id == default { '*' } else { ' ' };
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| pad(cell, *width))
            .collect();
        outln!("{mark} {}", cells.join("  ").trim_end());
    }
    outln!("{}", fl!(t, "cli-profiles-default"));
    Ok(exit::OK)
}

/// What to call a profile: its person's name, email or subject, else "(no name)".
pub fn display_name(t: &FluentLanguageLoader, member: &Member) -> String {
    member
        .person
        .display_name()
        .map(str::to_string)
        .unwrap_or_else(|| fl!(t, "cli-profiles-unnamed"))
}

/// `text` followed by spaces up to `width` characters.
fn pad(text: &str, width: usize) -> String {
    let missing = width.saturating_sub(text.chars().count());
    format!("{text}{}", " ".repeat(missing))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Profile, ProfileId};

    fn member(id: &str, sub: &str, name: &str, email: Option<&str>) -> Member {
        Member {
            id: ProfileId::parse(id).unwrap(),
            person: Profile {
                sub: sub.into(),
                name: Some(name.into()),
                email: email.map(str::to_string),
                picture: None,
            },
            added_at: 1,
            last_used_at: 1,
            state: MemberState::SignedIn,
        }
    }

    #[test]
    fn a_profile_is_named_by_id_sub_email_or_name() {
        let members = [
            member(
                "0000000a",
                "demo|alex",
                "Alex Martin",
                Some("alex@example.com"),
            ),
            member("0000000b", "demo|sam", "Sam", None),
            member("0000000c", "demo|sam2", "Sam", Some("sam@example.com")),
        ];
        let id = |found: Found| match found {
            Found::One(m) => m.id.to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(id(find(&members, "0000000b")), "0000000b");
        assert_eq!(id(find(&members, "DEMO|ALEX")), "0000000a");
        assert_eq!(id(find(&members, " alex martin ")), "0000000a");
        assert_eq!(id(find(&members, "Sam@Example.com")), "0000000c");
        assert_eq!(find(&members, "sam"), Found::Ambiguous(2));
        assert_eq!(
            find(&members, "Alex"),
            Found::Unknown,
            "exact, not a prefix"
        );
        assert_eq!(find(&members, ""), Found::Unknown);
    }
}
