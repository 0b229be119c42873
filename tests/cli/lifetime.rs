//! The session's lifetime end to end: stated by the provider (the demo server's
//! `session_lifetime`, sent as `refresh_token_expires_in` and enforced) or configured
//! (`session_lifetime_days`), shown by `status` with renewal due in the last three days,
//! renewed in place by `tvauth login` (same person: same library; someone else: none).

use std::time::Duration;

use serde_json::Value;
use tvauth::session::Entry;
use tvauth::store::Store;

use crate::rig::Rig;
use crate::support::activation;

const DAY: u64 = 86_400;

/// Access tokens within a minute of expiry, so every `token` refreshes.
fn short_lived(options: &mut tvauth::demo::DemoOptions) {
    options.access_ttl = 30;
}

/// The rig's config.ron with `extra` fields added.
fn config_with(rig: &Rig, extra: &str) -> String {
    let config = rig.server.as_ref().unwrap().client_config_ron();
    let end = config.rfind(')').unwrap();
    format!("{}    {extra}\n)\n", &config[..end])
}

async fn status_json(rig: &Rig) -> Value {
    let run = rig.run(&["status", "--json"]).await;
    assert_eq!(run.code, 0, "{run:?}");
    serde_json::from_str(&run.stdout).unwrap()
}

/// `tvauth status` in `lang`, in UTC, so the date can be checked.
async fn status_text(rig: &Rig, lang: &str) -> String {
    let output = rig
        .command(&["status", "--lang", lang])
        .env("TZ", "UTC")
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// "27 December 2026": the UTC day of `unix_seconds`, worked out here, not by tvauth.
fn english_date(unix_seconds: u64) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let day = jiff::Timestamp::from_second(unix_seconds as i64)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::UTC);
    format!(
        "{} {} {}",
        day.day(),
        MONTHS[day.month() as usize - 1],
        day.year()
    )
}

fn seconds(status: &Value, field: &str) -> u64 {
    status[field]
        .as_u64()
        .unwrap_or_else(|| panic!("{field} in {status}"))
}

/// `tvauth login --json`, approved on the activation page by `person`: the events.
async fn sign_in_as(rig: &Rig, person: &str) -> Vec<Value> {
    let mut login = rig.login(&[]);
    let code = login.until("code").await;
    let user_code = code["user_code"].as_str().unwrap();
    activation::decided(&rig.http, &rig.base, user_code, person, "approve").await;
    let (events, run) = login.wait().await;
    assert_eq!(run.code, 0, "{run:?} {events:?}");
    events
}

fn save_library(rig: &Rig) {
    let entries = vec![Entry {
        title: "Night Train".into(),
        subtitle: String::new(),
        image_url: None,
    }];
    Store::new(rig.profile_dirs()[0].clone())
        .save("home-cache.ron", &entries)
        .unwrap();
}

#[tokio::test]
async fn the_providers_lifetime_is_shown_and_renewal_is_due_in_its_last_three_days() {
    let rig = Rig::start(|options| {
        short_lived(options);
        options.session_lifetime = Some(Duration::from_secs(2 * DAY));
    })
    .await;
    rig.sign_in().await;
    let status = status_json(&rig).await;
    let (signed_in, end) = (
        seconds(&status, "signed_in_at"),
        seconds(&status, "session_ends_at"),
    );
    assert!(
        (2 * DAY - 5..=2 * DAY).contains(&(end - signed_in)),
        "{status}"
    );
    assert_eq!(status["renewal_due"], true, "{status}");

    let text = status_text(&rig, "en").await;
    assert!(
        text.contains(&format!("Signed in until {}", english_date(end))),
        "{text}"
    );
    assert!(text.contains("Renewal due: run `tvauth login`"), "{text}");
    let french = status_text(&rig, "fr").await;
    assert!(french.contains("Connecté jusqu'au "), "{french}");
    assert!(french.contains("lancez `tvauth login`"), "{french}");

    // A refresh a moment later: the provider states the time left, the end stays put.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let token = rig.run(&["token"]).await;
    assert_eq!(token.code, 0, "{token:?}");
    let refreshed = status_json(&rig).await;
    assert!(refreshed["refreshed_at"].is_u64(), "{refreshed}");
    let moved = seconds(&refreshed, "session_ends_at").abs_diff(end);
    assert!(moved <= 2, "the end moved by {moved} s: {refreshed}");
}

#[tokio::test]
async fn a_long_lifetime_is_shown_without_renewal() {
    let rig = Rig::start(|options| {
        options.session_lifetime = Some(Duration::from_secs(10 * DAY));
    })
    .await;
    rig.sign_in().await;
    let status = status_json(&rig).await;
    assert_eq!(status["renewal_due"], false, "{status}");
    let end = seconds(&status, "session_ends_at");
    let text = status_text(&rig, "en").await;
    assert!(
        text.contains(&format!("Signed in until {}", english_date(end))),
        "{text}"
    );
    assert!(!text.contains("Renewal due"), "{text}");
    // Not due: `login --profile` says who is signed in and leaves the session alone.
    let before = rig.refresh_token();
    let again = rig.run(&["login", "--profile", "Alex Martin"]).await;
    assert!(again.stdout.contains("Already signed in"), "{again:?}");
    assert_eq!(rig.refresh_token(), before);
}

#[tokio::test]
async fn the_provider_ends_the_session_at_its_lifetime_however_often_refreshed() {
    let rig = Rig::start(|options| {
        short_lived(options);
        options.session_lifetime = Some(Duration::from_secs(4));
    })
    .await;
    rig.sign_in().await;
    let token = rig.run(&["token"]).await;
    assert_eq!(token.code, 0, "refreshed within the lifetime: {token:?}");
    tokio::time::sleep(Duration::from_secs(5)).await;
    let refresh = rig.refresh_token();
    let ended = rig.run(&["token"]).await;
    assert_eq!(ended.code, 5, "{ended:?}");
    assert!(ended.stderr.contains("session has ended"), "{ended:?}");
    assert!(rig.session_file().session.is_none());
    assert!(rig.refresh_token_rejected(&refresh).await);
}

#[tokio::test]
async fn a_configured_lifetime_counts_from_the_sign_in_not_each_refresh() {
    let rig = Rig::start(short_lived).await;
    rig.write_config(&config_with(&rig, "session_lifetime_days: 2,"));
    rig.sign_in().await;
    let status = status_json(&rig).await;
    let signed_in = seconds(&status, "signed_in_at");
    assert_eq!(seconds(&status, "session_ends_at"), signed_in + 2 * DAY);
    assert_eq!(status["renewal_due"], true, "{status}");

    // Session times come from the provider's Date header (whole seconds) carried on the
    // monotonic clock: two seconds apart, they cannot round to the same second.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(rig.run(&["token"]).await.code, 0);
    let refreshed = status_json(&rig).await;
    assert!(
        seconds(&refreshed, "refreshed_at") > signed_in,
        "{refreshed}"
    );
    assert_eq!(seconds(&refreshed, "session_ends_at"), signed_in + 2 * DAY);

    rig.write_config(&config_with(&rig, "session_lifetime_days: 30,"));
    let status = status_json(&rig).await;
    assert_eq!(seconds(&status, "session_ends_at"), signed_in + 30 * DAY);
    assert_eq!(status["renewal_due"], false, "{status}");
}

#[tokio::test]
async fn a_bad_session_lifetime_names_the_field_and_loses_nothing() {
    let rig = Rig::start(|_| {}).await;
    rig.sign_in().await;
    let status = status_json(&rig).await;
    assert_eq!(
        status["session_ends_at"],
        Value::Null,
        "no lifetime: {status}"
    );
    assert_eq!(status["renewal_due"], false, "{status}");
    let before = rig.session_bytes().unwrap();
    for bad in ["0", "-1", "3651"] {
        rig.write_config(&config_with(
            &rig,
            &format!("session_lifetime_days: {bad},"),
        ));
        for command in [&["status"][..], &["token"], &["login"]] {
            let run = rig.run(command).await;
            assert_eq!(run.code, 1, "{bad} {command:?}: {run:?}");
            assert!(
                run.stderr.contains("field `session_lifetime_days`")
                    && run.stderr.contains("from 1 to 3650"),
                "{bad}: {run:?}"
            );
        }
        assert_eq!(rig.session_bytes().unwrap(), before, "{bad}");
    }
    rig.write_config(&config_with(&rig, "session_lifetime_days: 30,"));
    assert_eq!(rig.run(&["token"]).await.code, 0);
}

#[tokio::test]
async fn renewing_keeps_the_library_and_another_person_starts_without_it() {
    let rig = Rig::start(|_| {}).await;
    rig.write_config(&config_with(&rig, "session_lifetime_days: 2,"));
    sign_in_as(&rig, "Alex Martin").await;
    let library = rig.profile_path("home-cache.ron");
    let first = rig.stored_session_file().session.unwrap();
    save_library(&rig);

    // Renewal is due: `login` signs in again instead of saying who is signed in.
    let renewal = sign_in_as(&rig, "Alex Martin").await;
    assert!(renewal.iter().all(|e| e["already"] != true), "{renewal:?}");
    let renewed = rig.stored_session_file();
    let session = renewed.session.as_ref().unwrap();
    assert_eq!(session.profile.sub, first.profile.sub);
    assert_ne!(
        session.refresh_token.as_ref().unwrap().expose(),
        first.refresh_token.as_ref().unwrap().expose()
    );
    assert_eq!(
        renewed.pending_revocations.len(),
        1,
        "the old sign-in's refresh token is revoked, not forgotten"
    );
    assert!(library.exists(), "the same person keeps the library");

    // Someone else gets a profile of their own, without Alex's library (which stays Alex's).
    let other = sign_in_as(&rig, "Robin Other").await;
    let session = rig.stored_session_file().session.unwrap();
    assert_ne!(session.profile.sub, first.profile.sub, "{other:?}");
    assert!(
        !rig.profile_path("home-cache.ron").exists(),
        "someone else must not see the library"
    );
    assert!(library.exists(), "Alex's library is Alex's");
}

#[tokio::test]
async fn a_session_saved_by_release_0_1_loads_and_takes_the_configured_lifetime() {
    let rig = Rig::start(|_| {}).await;
    let release_0_1 = format!(
        r#"(session:Some((issuer:"{}",client_id:"tvauth-tv",profile:(sub:"user-1",name:Some("Alex"),email:None,picture:None),scope:"openid offline_access",refresh_token:Some("refresh-1"),access_token:Some("access-1"),access_token_expires_at:Some(1700003600),signed_in_at:1700000000,refreshed_at:None)),pending_revocations:[])"#,
        rig.base
    );
    std::fs::write(rig.path("session.ron"), release_0_1).unwrap();
    let status = status_json(&rig).await;
    assert_eq!(status["signed_in"], true, "{status}");
    assert_eq!(status["session_ends_at"], Value::Null, "{status}");
    assert_eq!(status["renewal_due"], false, "{status}");
    assert!(!status_text(&rig, "en").await.contains("Signed in until"));

    rig.write_config(&config_with(&rig, "session_lifetime_days: 30,"));
    let status = status_json(&rig).await;
    assert_eq!(
        seconds(&status, "session_ends_at"),
        1_700_000_000 + 30 * DAY
    );
    assert_eq!(status["renewal_due"], true, "long past: {status}");
    let text = status_text(&rig, "en").await;
    assert!(
        text.contains(&format!(
            "ended on {}",
            english_date(1_700_000_000 + 30 * DAY)
        )),
        "{text}"
    );
}
