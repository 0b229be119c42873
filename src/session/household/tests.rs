//! Profiles on real files, without a network: the migration from a single session file (from
//! the exact text release 0.1 wrote), its repetition after a crash, listing and choosing.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::*;
use crate::config::Config;
use crate::session::REVOCATIONS_FILE;

/// session.ron exactly as release 0.1 saved it (the text of `file/tests.rs`'s `RELEASE_0_1`).
const RELEASE_0_1: &str = r#"(session:Some((issuer:"https://idp.example.com/",client_id:"tv",profile:(sub:"user-1",name:Some("Alex"),email:None,picture:None),scope:"openid offline_access",refresh_token:Some("refresh-1"),access_token:Some("access-1"),access_token_expires_at:Some(2000000000),signed_in_at:1700000000,refreshed_at:None)),pending_revocations:[])"#;

/// Nobody signed in, and a sign-out's revocation still waiting.
const ONLY_REVOCATIONS: &str = r#"(session:None,pending_revocations:[(issuer:"https://idp.example.com/",client_id:"tv",token:"refresh-0",hint:"refresh_token")])"#;

fn config(issuer: &str) -> Config {
    let text = format!("(issuer: \"{issuer}\", client_id: \"tv\")");
    Config::parse(&text, Path::new("config.ron")).unwrap()
}

fn account(dir: &Path) -> Account {
    Account::new(config("https://idp.example.com/"), Store::new(dir)).unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A profile written directly, as a sign-in would leave it (`session`: whether signed in).
fn write_profile(dir: &Path, id: &str, sub: &str, added_at: u64, last_used_at: u64) {
    let store = Store::new(dir.join(PROFILES_DIR).join(id));
    let member = MemberFile {
        person: Profile {
            sub: sub.into(),
            name: Some(sub.to_uppercase()),
            email: None,
            picture: None,
        },
        issuer: "https://idp.example.com/".into(),
        client_id: "tv".into(),
        added_at,
        last_used_at,
    };
    store.save(MEMBER_FILE, &member).unwrap();
}

#[test]
fn a_release_0_1_session_becomes_a_profile_with_its_files() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join(SESSION_FILE), RELEASE_0_1).unwrap();
    std::fs::write(dir.path().join("home-cache.ron"), "[]").unwrap();
    std::fs::write(dir.path().join("dpop-key.ron"), "(key: None)").unwrap();

    let account = account(dir.path());
    let members = account.members().unwrap();
    assert_eq!(members.len(), 1, "{members:?}");
    let alex = &members[0];
    assert_eq!(alex.person.name.as_deref(), Some("Alex"));
    assert_eq!(alex.person.sub, "user-1");
    assert_eq!(alex.state, MemberState::SignedIn);
    assert_eq!(alex.added_at, 1_700_000_000, "added when they signed in");
    assert_eq!(account.profile_id(), alex.id, "the account acts for them");

    let status = account.status().unwrap();
    assert_eq!(
        status.summary.unwrap().profile.name.as_deref(),
        Some("Alex")
    );
    assert!(status.quarantined.is_none());

    assert!(
        !dir.path().join(SESSION_FILE).exists(),
        "the old file is gone"
    );
    assert!(!dir.path().join("home-cache.ron").exists());
    assert!(!dir.path().join("dpop-key.ron").exists());
    let profile = account.store();
    assert_eq!(
        profile.dir(),
        dir.path().join(PROFILES_DIR).join(alex.id.as_str())
    );
    assert_eq!(mode(profile.dir()), 0o700);
    for name in [MEMBER_FILE, SESSION_FILE, "home-cache.ron", "dpop-key.ron"] {
        assert!(profile.path(name).exists(), "{name}");
    }
    for name in [MEMBER_FILE, SESSION_FILE] {
        assert_eq!(mode(&profile.path(name)), 0o600, "{name}");
    }
    let session = profile.load::<SessionFile>(SESSION_FILE).unwrap().value;
    let session = session.session.unwrap();
    assert_eq!(session.refresh_token.unwrap().expose(), "refresh-1");
    assert_eq!(session.signed_in_at, 1_700_000_000);
    let member = std::fs::read_to_string(profile.path(MEMBER_FILE)).unwrap();
    assert!(!member.contains("refresh-1") && !member.contains("access-1"));
}

#[test]
fn a_migration_run_again_after_a_crash_updates_the_same_profile() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join(SESSION_FILE), RELEASE_0_1).unwrap();
    let first = account(dir.path()).members().unwrap();
    // As if the process had died before deleting the old file.
    std::fs::write(dir.path().join(SESSION_FILE), RELEASE_0_1).unwrap();
    let again = account(dir.path()).members().unwrap();
    assert_eq!(again.len(), 1, "{again:?}");
    assert_eq!(again[0].id, first[0].id);
    assert_eq!(again[0].added_at, first[0].added_at);
    assert!(!dir.path().join(SESSION_FILE).exists());

    // A person the provider did not identify is recognised by their sign-in time.
    let unnamed = RELEASE_0_1.replace("sub:\"user-1\"", "sub:\"\"");
    std::fs::write(dir.path().join(SESSION_FILE), &unnamed).unwrap();
    let with_unnamed = account(dir.path()).members().unwrap();
    assert_eq!(with_unnamed.len(), 2);
    std::fs::write(dir.path().join(SESSION_FILE), &unnamed).unwrap();
    assert_eq!(account(dir.path()).members().unwrap(), with_unnamed);
}

/// The profile's session after a run that moved it in and a refresh that rotated its token;
/// then the old file is found again (the delete had failed): the newer token stays.
#[test]
fn a_migration_run_again_keeps_the_profiles_newer_tokens() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join(SESSION_FILE), RELEASE_0_1).unwrap();
    let alex = account(dir.path()).members().unwrap().remove(0);
    let profile = Store::new(dir.path().join(PROFILES_DIR).join(alex.id.as_str()));
    let rotated = std::fs::read_to_string(profile.path(SESSION_FILE))
        .unwrap()
        .replace("refresh-1", "refresh-2");
    std::fs::write(profile.path(SESSION_FILE), &rotated).unwrap();
    std::fs::write(dir.path().join(SESSION_FILE), RELEASE_0_1).unwrap();
    std::fs::write(dir.path().join("dpop-key.ron"), "(key: None)").unwrap();

    let again = account(dir.path()).members().unwrap();
    assert_eq!(again.len(), 1, "{again:?}");
    let kept = std::fs::read_to_string(profile.path(SESSION_FILE)).unwrap();
    assert!(
        kept.contains("refresh-2") && !kept.contains("refresh-1"),
        "{kept}"
    );
    assert!(!dir.path().join(SESSION_FILE).exists());
    assert!(
        !dir.path().join("dpop-key.ron").exists(),
        "the stale copy's key went with it"
    );
}

#[test]
fn revocations_move_to_the_box_queue_once() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join(SESSION_FILE), ONLY_REVOCATIONS).unwrap();
    let account = account(dir.path());
    assert!(
        account.members().unwrap().is_empty(),
        "nobody was signed in"
    );
    assert!(!dir.path().join(PROFILES_DIR).exists());
    assert_eq!(account.status().unwrap().pending_revocations, 1);
    assert_eq!(mode(&dir.path().join(REVOCATIONS_FILE)), 0o600);
    // Run again (the old file written back): still one.
    std::fs::write(dir.path().join(SESSION_FILE), ONLY_REVOCATIONS).unwrap();
    assert_eq!(account.status().unwrap().pending_revocations, 1);
    assert_eq!(
        account.load_revocations().unwrap()[0].token.expose(),
        "refresh-0"
    );
}

#[test]
fn a_corrupt_old_file_is_moved_aside_and_the_profiles_stay() {
    let dir = tempfile::TempDir::new().unwrap();
    write_profile(dir.path(), "0000000a", "sam", 10, 10);
    std::fs::write(
        dir.path().join(SESSION_FILE),
        "(session: Some((issuer: \"trunc",
    )
    .unwrap();
    let account = account(dir.path());
    let status = account.status().unwrap();
    let aside = status.quarantined.expect("reported");
    assert!(aside.starts_with(dir.path()));
    assert!(aside.exists() && !dir.path().join(SESSION_FILE).exists());
    assert_eq!(account.members().unwrap().len(), 1);
    assert!(
        account.status().unwrap().quarantined.is_none(),
        "reported once"
    );
}

#[test]
fn rows_keep_the_order_people_were_added_and_the_latest_is_acted_for() {
    let dir = tempfile::TempDir::new().unwrap();
    write_profile(dir.path(), "000000bb", "sam", 20, 50);
    write_profile(dir.path(), "000000aa", "alex", 10, 40);
    // Another provider's profile, and things that are not profiles.
    let elsewhere = Store::new(dir.path().join(PROFILES_DIR).join("000000cc"));
    elsewhere
        .save(
            MEMBER_FILE,
            &MemberFile {
                issuer: "https://other.example.com/".into(),
                client_id: "tv".into(),
                last_used_at: 99,
                ..MemberFile::default()
            },
        )
        .unwrap();
    std::fs::create_dir_all(dir.path().join(PROFILES_DIR).join("../escape")).unwrap();
    std::fs::create_dir_all(dir.path().join(PROFILES_DIR).join("not-an-id")).unwrap();
    std::fs::create_dir_all(dir.path().join(PROFILES_DIR).join("000000dd")).unwrap();

    let account = account(dir.path());
    let members = account.members().unwrap();
    let subs: Vec<_> = members.iter().map(|m| m.person.sub.as_str()).collect();
    assert_eq!(subs, ["alex", "sam"]);
    assert!(members.iter().all(|m| m.state == MemberState::Ended));
    assert_eq!(
        account.profile_id().as_str(),
        "000000bb",
        "Sam was used last"
    );
    assert!(account.can_add_profile().unwrap());

    let alex = account.for_profile(&members[0].id);
    alex.touch().unwrap();
    assert_eq!(
        super::super::Account::new(config("https://idp.example.com/"), Store::new(dir.path()))
            .unwrap()
            .profile_id()
            .as_str(),
        "000000aa"
    );
    // Touching changes nothing else.
    let touched = account.members().unwrap();
    assert_eq!(touched[0].added_at, 10);
    assert!(touched[0].last_used_at > 40);

    for n in 0..6 {
        write_profile(
            dir.path(),
            &format!("1000000{n}"),
            &format!("p{n}"),
            30 + n,
            0,
        );
    }
    assert_eq!(account.members().unwrap().len(), MAX_PROFILES);
    assert!(!account.can_add_profile().unwrap());
}

#[test]
fn a_fresh_slot_is_nobody_until_signed_in() {
    let dir = tempfile::TempDir::new().unwrap();
    let account = account(dir.path());
    assert!(account.members().unwrap().is_empty());
    assert!(account.status().unwrap().summary.is_none());
    let new = account.for_new_profile();
    assert_ne!(new.profile_id(), account.profile_id());
    assert!(!new.store().dir().exists());
    new.touch().unwrap();
    assert!(!new.store().dir().exists(), "touching nobody makes nothing");
    // Account::new's fresh slot takes on the first profile made.
    write_profile(dir.path(), "0000000e", "eve", 1, 1);
    assert_eq!(account.profile_id().as_str(), "0000000e");
    assert_eq!(
        new.profile_id(),
        new.profile_id(),
        "an added slot stays itself"
    );
    assert_ne!(new.profile_id().as_str(), "0000000e");
}

#[test]
fn ids_are_eight_lowercase_hex_digits() {
    assert!(ProfileId::parse("0123abcd").is_some());
    for bad in [
        "0123ABCD",
        "0123abc",
        "0123abcde",
        "../../x",
        "",
        "0123abcg",
    ] {
        assert!(ProfileId::parse(bad).is_none(), "{bad}");
    }
    let id = ProfileId::random();
    assert_eq!(ProfileId::parse(id.as_str()), Some(id.clone()));
    assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{id}\""));
}
