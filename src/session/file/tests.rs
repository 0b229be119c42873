//! `session.ron` as tvauth 0.1 and the release before the session's lifetime wrote it still
//! loads; the provider's clock and the session's end round-trip.

use std::time::Instant;

use super::*;
use crate::auth::clock_offset::ClockOffset;

/// A session file exactly as release 0.1 saved it: no provider clock.
const RELEASE_0_1: &str = r#"(session:Some((issuer:"https://idp.example.com/",client_id:"tv",profile:(sub:"user-1",name:Some("Alex"),email:None,picture:None),scope:"openid offline_access",refresh_token:Some("refresh-1"),access_token:Some("access-1"),access_token_expires_at:Some(2000000000),signed_in_at:1700000000,refreshed_at:None)),pending_revocations:[])"#;

/// A session file as written just before the session's lifetime was kept: a provider clock
/// (3 days behind, measured in another boot), no `session_ends_at`.
const BEFORE_LIFETIME: &str = r#"(session:Some((issuer:"https://idp.example.com/",client_id:"tv",profile:(sub:"user-1",name:Some("Alex"),email:None,picture:None),scope:"openid offline_access",refresh_token:Some("refresh-1"),access_token:Some("access-1"),access_token_expires_at:Some(1800003600),signed_in_at:1800000000,refreshed_at:Some(1800000000),provider_clock:Some((measured:-259200,boot:Some((boot_id:"another-boot",provider_minus_boot:1799990000)))))),pending_revocations:[])"#;

fn config(extra: &str) -> crate::config::Config {
    let text = format!("(issuer: \"https://idp.example.com/\", client_id: \"tv\"{extra})");
    crate::config::Config::parse(&text, std::path::Path::new("config.ron")).unwrap()
}

fn answer(refresh_token_expires_in: Option<u64>) -> TokenSet {
    let received = Receipt {
        at: Instant::now(),
        local: 1_900_000_000,
        offset: Some(ClockOffset::from_seconds(0)),
    };
    TokenSet {
        access_token: Secret::new("access-2"),
        token_type: "Bearer".into(),
        dpop: None,
        expires_in: Some(3600),
        refresh_token: None,
        id_token: None,
        scope: None,
        refresh_token_expires_in,
        received,
    }
}

#[test]
fn older_files_have_no_stated_end_and_take_the_configured_one() {
    for text in [RELEASE_0_1, BEFORE_LIFETIME] {
        let session = ron::from_str::<SessionFile>(text).unwrap().session.unwrap();
        assert_eq!(session.session_ends_at, None);
        assert_eq!(session.ends_at(&config("")), None);
        assert_eq!(
            session.ends_at(&config(", session_lifetime_days: 30")),
            Some(session.signed_in_at + 30 * 86_400)
        );
    }
}

#[test]
fn a_refresh_replaces_a_stated_end_and_keeps_it_when_silent() {
    let mut session = ron::from_str::<SessionFile>(BEFORE_LIFETIME)
        .unwrap()
        .session
        .unwrap();
    apply_refresh(&mut session, answer(Some(86_400)), None);
    assert_eq!(session.session_ends_at, Some(1_900_086_400));
    // The provider's word wins over the configured lifetime.
    let configured = config(", session_lifetime_days: 30");
    assert_eq!(session.ends_at(&configured), Some(1_900_086_400));
    apply_refresh(&mut session, answer(None), None);
    assert_eq!(session.session_ends_at, Some(1_900_086_400));

    let text = ron::to_string(&SessionFile {
        session: Some(session),
        pending_revocations: Vec::new(),
    })
    .unwrap();
    let saved = ron::from_str::<SessionFile>(&text)
        .unwrap()
        .session
        .unwrap();
    assert_eq!(saved.session_ends_at, Some(1_900_086_400));
}

#[test]
fn a_file_written_by_release_0_1_loads_on_this_boxs_clock() {
    let file: SessionFile = ron::from_str(RELEASE_0_1).unwrap();
    let session = file.session.unwrap();
    assert!(session.provider_clock.is_none());
    assert_eq!(session.signed_in_at, 1_700_000_000);
    assert!(session.usable_access_token(1_999_000_000).is_some());
    assert!(session.usable_access_token(2_000_000_000).is_none());
}

#[test]
fn a_refresh_keeps_times_on_the_providers_clock_and_the_clock_with_them() {
    let mut session = ron::from_str::<SessionFile>(RELEASE_0_1)
        .unwrap()
        .session
        .unwrap();
    // A box 3 days behind receives a token living an hour.
    let local = 1_800_000_000 - 3 * 86_400;
    let received = Receipt {
        at: Instant::now(),
        local,
        offset: Some(ClockOffset::from_seconds(-3 * 86_400)),
    };
    let tokens = TokenSet {
        access_token: Secret::new("access-2"),
        token_type: "Bearer".into(),
        dpop: None,
        expires_in: Some(3600),
        refresh_token: Some(Secret::new("refresh-2")),
        id_token: None,
        scope: None,
        refresh_token_expires_in: None,
        received,
    };
    let clock = ProviderClock::from_receipt(&received);
    apply_refresh(&mut session, tokens, clock);
    assert_eq!(session.refreshed_at, Some(1_800_000_000));
    assert_eq!(session.access_token_expires_at, Some(1_800_003_600));
    assert_eq!(
        session.refresh_token.as_ref().unwrap().expose(),
        "refresh-2"
    );

    let text = ron::to_string(&SessionFile {
        session: Some(session),
        pending_revocations: Vec::new(),
    })
    .unwrap();
    let saved = ron::from_str::<SessionFile>(&text)
        .unwrap()
        .session
        .unwrap();
    let clock = saved.provider_clock.unwrap();
    assert_eq!(clock.measured().seconds(), -3 * 86_400);
    // Read back in this boot, the provider's time is still known (where /proc tells).
    if crate::clock::boot_now().is_some() {
        assert!(clock.provider_now().is_some());
    }
}

/// A session file as written just before DPoP: a stated end, a revocation waiting, no
/// `dpop_jkt`, no key with the revocation.
const BEFORE_DPOP: &str = r#"(session:Some((issuer:"https://idp.example.com/",client_id:"tv",profile:(sub:"user-1",name:Some("Alex"),email:None,picture:None),scope:"openid offline_access",refresh_token:Some("refresh-1"),access_token:Some("access-1"),access_token_expires_at:Some(1800003600),signed_in_at:1800000000,refreshed_at:None,provider_clock:None,session_ends_at:Some(1802592000))),pending_revocations:[(issuer:"https://idp.example.com/",client_id:"tv",token:"old-refresh",hint:"refresh_token")])"#;

#[test]
fn a_file_written_before_dpop_loads_as_an_unbound_session() {
    let file: SessionFile = ron::from_str(BEFORE_DPOP).unwrap();
    let session = file.session.unwrap();
    assert!(session.dpop_jkt.is_none());
    assert_eq!(session.session_ends_at, Some(1_802_592_000));
    assert!(file.pending_revocations[0].dpop_key.is_none());
}
