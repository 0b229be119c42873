//! Several people on one TV through the command line: each sign-in adds a profile or renews
//! the one of whoever approves, `--profile` picks one, a session the provider ends leaves
//! its profile marked ended, sign-out removes one profile's files only, eight is the limit,
//! and a release-0.1 session file becomes a profile.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::rig::Rig;
use crate::support::cli::mode;

const ALEX: &str = "Alex Martin";
const SAM: &str = "Sam Okafor";

/// Every file of a directory with its bytes.
fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The listed profile called `name`.
fn named<'a>(profiles: &'a [Value], name: &str) -> &'a Value {
    profiles
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {profiles:?}"))
}

async fn status_json(rig: &Rig, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["status", "--json"];
    args.extend_from_slice(extra);
    let run = rig.run(&args).await;
    (run.code, serde_json::from_str(&run.stdout).unwrap())
}

#[tokio::test]
async fn two_people_sign_in_in_turn_and_each_is_chosen_by_name() {
    let rig = Rig::start(|_| {}).await;
    let none = rig.run(&["profiles"]).await;
    assert_eq!(none.code, 0, "{none:?}");
    assert!(none.stdout.contains("No profiles"), "{none:?}");
    assert!(rig.profiles().await.is_empty());

    let alex = rig.sign_in_as(ALEX, &[]).await;
    let sam = rig.sign_in_as(SAM, &[]).await;
    assert_ne!(alex["profile_id"], sam["profile_id"]);
    let profiles = rig.profiles().await;
    assert_eq!(profiles.len(), 2, "{profiles:?}");
    assert_eq!(profiles[0]["name"], ALEX, "the order people were added");
    for p in &profiles {
        assert_eq!(p["state"], "signed_in", "{p}");
        assert!(p["email"].as_str().unwrap().contains('@'));
        assert!(p.get("refresh_token").is_none() && p.get("access_token").is_none());
    }
    assert_eq!(
        named(&profiles, SAM)["default"],
        true,
        "the latest is the default"
    );
    assert_eq!(named(&profiles, ALEX)["default"], false);
    let listing = rig.run(&["profiles"]).await;
    assert!(listing.stdout.contains(&format!("* {SAM}")), "{listing:?}");
    assert!(listing.stdout.contains("signed in"), "{listing:?}");
    let tokens = rig.stored_tokens();
    assert!(!listing.stdout.contains(&tokens.0) && !listing.stdout.contains(&tokens.1));

    // Without --profile: the most recently used; with it, by name, email, sub or id.
    let (code, status) = status_json(&rig, &[]).await;
    assert_eq!((code, &status["name"]), (0, &Value::from(SAM)));
    assert_eq!(status["other_profiles"], 1);
    assert_eq!(status["profile_id"], sam["profile_id"]);
    let alex_row = named(&profiles, ALEX);
    for wanted in [
        "alex martin",
        alex_row["email"].as_str().unwrap(),
        alex_row["sub"].as_str().unwrap(),
        alex_row["id"].as_str().unwrap(),
    ] {
        let (code, status) = status_json(&rig, &["--profile", wanted]).await;
        assert_eq!((code, &status["name"]), (0, &Value::from(ALEX)), "{wanted}");
    }
    let text = rig.run(&["status", "--profile", ALEX]).await;
    assert!(
        text.stdout.contains(alex_row["id"].as_str().unwrap()),
        "{text:?}"
    );
    assert!(text.stdout.contains("One other profile"), "{text:?}");
    let token = rig.run(&["token", "--profile", ALEX]).await;
    assert_eq!(token.code, 0, "{token:?}");
    let me = rig.run(&["api", "me", "--profile", ALEX]).await;
    assert!(me.stdout.contains(ALEX), "{me:?}");

    let unknown = rig.run(&["token", "--profile", "Nobody"]).await;
    assert_eq!(unknown.code, 5, "{unknown:?}");
    assert!(unknown.stderr.contains("tvauth profiles"), "{unknown:?}");
    assert!(unknown.stdout.is_empty());
}

#[tokio::test]
async fn the_same_person_renews_their_profile_in_place_and_sign_out_removes_one_only() {
    let rig = Rig::start(|_| {}).await;
    let alex = rig.sign_in_as(ALEX, &[]).await;
    rig.sign_in_as(SAM, &[]).await;
    let before = rig.profiles().await;
    let old_refresh = {
        let dir = rig
            .path("profiles")
            .join(alex["profile_id"].as_str().unwrap());
        let text = std::fs::read_to_string(dir.join("session.ron")).unwrap();
        let file: tvauth::session::SessionFile = ron::from_str(&text).unwrap();
        file.session
            .unwrap()
            .refresh_token
            .unwrap()
            .expose()
            .to_string()
    };

    let again = rig.sign_in_as(ALEX, &[]).await;
    assert_eq!(again["profile_id"], alex["profile_id"], "renewed in place");
    let after = rig.profiles().await;
    assert_eq!(after.len(), 2, "{after:?}");
    assert_eq!(named(&after, ALEX)["id"], named(&before, ALEX)["id"]);
    assert_eq!(
        named(&after, ALEX)["added_at"],
        named(&before, ALEX)["added_at"]
    );
    assert_eq!(after[0]["name"], ALEX, "same place in the row");
    assert_eq!(named(&after, ALEX)["default"], true, "used last");
    assert_eq!(
        rig.revocations().len(),
        1,
        "the old grant waits to be revoked"
    );
    assert_eq!(rig.run(&["token", "--profile", SAM]).await.code, 0);
    assert!(
        rig.revocations().is_empty(),
        "sent by the next online command"
    );
    assert!(
        rig.refresh_token_rejected(&old_refresh).await,
        "the old grant is revoked"
    );

    // Sign Sam out: Alex's files stay byte for byte.
    let alex_dir = rig
        .path("profiles")
        .join(alex["profile_id"].as_str().unwrap());
    let sam_dir = rig
        .path("profiles")
        .join(named(&after, SAM)["id"].as_str().unwrap());
    let alex_files = files_of(&alex_dir);
    let logout = rig.run(&["logout", "--profile", SAM]).await;
    assert_eq!(logout.code, 0, "{logout:?}");
    assert!(logout.stdout.contains("Signed out"), "{logout:?}");
    assert!(!sam_dir.exists(), "Sam's files are gone");
    assert_eq!(files_of(&alex_dir), alex_files);
    let left = rig.profiles().await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["name"], ALEX);
    assert_eq!(rig.run(&["token"]).await.code, 0);
}

#[tokio::test]
async fn an_ended_session_keeps_its_profile_until_renewed_or_removed() {
    let rig = Rig::start(|_| {}).await;
    rig.sign_in_as(ALEX, &[]).await;
    let sam = rig.sign_in_as(SAM, &[]).await;
    let (refresh, _) = rig.stored_tokens();
    let revoked = rig
        .http
        .post(format!("{}oauth/revoke", rig.base))
        .form(&[("token", refresh.as_str()), ("client_id", "tvauth-tv")])
        .send()
        .await
        .unwrap();
    assert!(revoked.status().is_success());
    rig.expire_access_token();

    let token = rig.run(&["token", "--profile", SAM]).await;
    assert_eq!(token.code, 5, "{token:?}");
    assert!(token.stderr.contains("session has ended"), "{token:?}");
    let profiles = rig.profiles().await;
    assert_eq!(named(&profiles, SAM)["state"], "ended");
    assert_eq!(named(&profiles, ALEX)["state"], "signed_in");
    let status = rig.run(&["status", "--profile", SAM]).await;
    assert_eq!(status.code, 5);
    assert!(status.stdout.contains("has ended"), "{status:?}");
    assert!(status.stdout.contains("--profile"), "{status:?}");
    assert_eq!(rig.run(&["token", "--profile", ALEX]).await.code, 0);

    // Renewing Sam's profile, someone else approves: they get their own, said so; Sam's
    // stays as it was.
    let (events, run) = rig.login_as("Robin Other", &["--profile", SAM]).await;
    assert_eq!(run.code, 0, "{run:?}");
    let last = events.last().unwrap();
    assert_eq!(last["event"], "authorized", "{events:?}");
    assert_ne!(last["profile_id"], sam["profile_id"], "{events:?}");
    let already = rig.run(&["login", "--profile", "Robin Other"]).await;
    assert!(already.stdout.contains("Already signed in"), "{already:?}");
    let profiles = rig.profiles().await;
    assert_eq!(profiles.len(), 3);
    assert_eq!(
        named(&profiles, SAM)["state"],
        "ended",
        "Sam's is unchanged"
    );

    // Sam signs in again through their profile: renewed in place.
    let renewed = rig.sign_in_as(SAM, &["--profile", SAM]).await;
    assert_eq!(renewed["profile_id"], sam["profile_id"]);
    let profiles = rig.profiles().await;
    assert_eq!(profiles.len(), 3);
    assert_eq!(named(&profiles, SAM)["state"], "signed_in");
    assert_eq!(profiles[1]["name"], SAM, "in the same place in the row");

    // An ended profile is removed by `logout`, which says so.
    let sam_dir = rig
        .path("profiles")
        .join(sam["profile_id"].as_str().unwrap());
    let sam_session = sam_dir.join("session.ron");
    std::fs::write(&sam_session, "(session: None)").unwrap();
    let logout = rig.run(&["logout", "--profile", SAM]).await;
    assert_eq!(logout.code, 0, "{logout:?}");
    assert!(
        logout.stdout.contains("Removed the profile of Sam Okafor"),
        "{logout:?}"
    );
    assert!(!sam_dir.exists());
}

#[tokio::test]
async fn eight_profiles_are_the_most_and_the_same_person_still_renews() {
    let rig = Rig::start(|_| {}).await;
    let alex = rig.sign_in_as(ALEX, &[]).await;
    let issuer = rig.base.clone();
    let write_member = |n: u32| {
        let dir = rig.path("profiles").join(format!("00000{n:03x}"));
        std::fs::create_dir_all(&dir).unwrap();
        let member = format!(
            r#"(person: (sub: "demo|extra{n}", name: Some("Extra {n}")), issuer: "{issuer}", client_id: "tvauth-tv", added_at: {n}, last_used_at: {n})"#
        );
        std::fs::write(dir.join("member.ron"), member).unwrap();
    };
    for n in 1..7 {
        write_member(n);
    }
    assert_eq!(rig.profiles().await.len(), 7);

    // The eighth fills up while its code waits for approval: refused when it is saved.
    let mut login = rig.login(&[]);
    let code = login.until("code").await;
    write_member(7);
    let user_code = code["user_code"].as_str().unwrap();
    crate::support::activation::decided(&rig.http, &rig.base, user_code, SAM, "approve").await;
    let (status, last, _) = login.finish().await;
    assert_eq!(status, 1, "{last}");
    assert_eq!(last["code"], "too-many-profiles", "{last}");
    assert_eq!(rig.profiles().await.len(), 8);
    assert_eq!(
        rig.revocations().len(),
        1,
        "Sam's tokens are revoked, not kept"
    );

    // A ninth is refused before any code is asked for.
    let refused = rig.run(&["login"]).await;
    assert_eq!(refused.code, 1, "{refused:?}");
    assert!(
        refused.stderr.contains("already has 8 profiles"),
        "{refused:?}"
    );
    let french = rig.run(&["login", "--lang", "fr"]).await;
    assert!(french.stderr.contains("déjà 8 profils"), "{french:?}");

    // Alex, whose session ended, renews all the same.
    let alex_dir = rig
        .path("profiles")
        .join(alex["profile_id"].as_str().unwrap());
    std::fs::write(alex_dir.join("session.ron"), "(session: None)").unwrap();
    let renewed = rig.sign_in_as(ALEX, &["--profile", ALEX]).await;
    assert_eq!(renewed["already"], Value::Null, "a new sign-in: {renewed}");
    assert_eq!(renewed["profile_id"], alex["profile_id"]);
    assert_eq!(rig.profiles().await.len(), 8);
}

#[tokio::test]
async fn a_session_file_of_release_0_1_becomes_a_profile() {
    let rig = Rig::start(|_| {}).await;
    let release_0_1 = format!(
        r#"(session:Some((issuer:"{}",client_id:"tvauth-tv",profile:(sub:"user-1",name:Some("Alex"),email:None,picture:None),scope:"openid offline_access",refresh_token:Some("refresh-1"),access_token:Some("access-1"),access_token_expires_at:Some(4000000000),signed_in_at:1700000000,refreshed_at:None)),pending_revocations:[])"#,
        rig.base
    );
    std::fs::write(rig.path("session.ron"), &release_0_1).unwrap();
    std::fs::write(rig.path("home-cache.ron"), "[]").unwrap();

    let (code, status) = status_json(&rig, &[]).await;
    assert_eq!(code, 0, "{status}");
    assert_eq!(status["signed_in"], true, "{status}");
    assert_eq!(status["name"], "Alex");
    assert_eq!(status["other_profiles"], 0);
    let profiles = rig.profiles().await;
    assert_eq!(profiles.len(), 1, "{profiles:?}");
    assert_eq!(profiles[0]["name"], "Alex");
    assert_eq!(profiles[0]["state"], "signed_in");
    assert_eq!(profiles[0]["default"], true);
    assert_eq!(profiles[0]["id"], status["profile_id"]);

    assert!(!rig.path("session.ron").exists(), "moved, not copied");
    assert!(!rig.path("home-cache.ron").exists());
    let dir = rig
        .path("profiles")
        .join(profiles[0]["id"].as_str().unwrap());
    assert_eq!(mode(&rig.path("profiles")), 0o700);
    assert_eq!(mode(&dir), 0o700);
    for name in ["session.ron", "member.ron", "home-cache.ron"] {
        assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
    }
    assert_eq!(rig.refresh_token(), "refresh-1");
    let member = std::fs::read_to_string(dir.join("member.ron")).unwrap();
    assert!(!member.contains("refresh-1") && !member.contains("access-1"));
}
