//! The provider's time carried forward on the boot and monotonic clocks, with readings given.

use std::time::Duration;

use super::*;
use crate::clock::unix_now;

const PROVIDER: u64 = 1_800_000_000;
const THREE_DAYS: u64 = 3 * 86_400;

fn boot(id: &str, seconds: u64) -> BootTime {
    BootTime {
        boot_id: id.into(),
        seconds,
    }
}

/// An answer received at `at` by a box 3 days behind the provider.
fn receipt(at: Instant) -> Receipt {
    Receipt {
        at,
        local: PROVIDER - THREE_DAYS,
        offset: Some(ClockOffset::from_seconds(-(THREE_DAYS as i64))),
    }
}

#[test]
fn the_providers_time_runs_on_the_boot_clock_whatever_the_wall_clock_does() {
    let t0 = Instant::now();
    let clock = ProviderClock::from_receipt_at(&receipt(t0), Some(&boot("b1", 100)), t0).unwrap();
    assert_eq!(clock.measured().seconds(), -(THREE_DAYS as i64));
    let later = t0 + Duration::from_secs(10);
    assert_eq!(
        clock.provider_now_at(Some(&boot("b1", 110)), later),
        Some(PROVIDER + 10)
    );
    // Saved and read by another process of the same boot (a suspend counted).
    let saved: ProviderClock = ron::from_str(&ron::to_string(&clock).unwrap()).unwrap();
    assert_eq!(
        saved.provider_now_at(Some(&boot("b1", 4000)), later),
        Some(PROVIDER + 3900)
    );
    // In another boot the saved clock says nothing; this process still knows.
    assert_eq!(saved.provider_now_at(Some(&boot("b2", 110)), later), None);
    assert_eq!(
        clock.provider_now_at(Some(&boot("b2", 110)), later),
        Some(PROVIDER + 10)
    );
    assert_eq!(saved.provider_now_at(None, later), None);
}

#[test]
fn an_answer_without_a_date_measures_no_clock() {
    let t0 = Instant::now();
    let mut r = receipt(t0);
    r.offset = None;
    assert!(ProviderClock::from_receipt_at(&r, Some(&boot("b1", 1)), t0).is_none());
}

#[test]
fn a_damaged_anchor_is_no_time_and_no_panic() {
    let text =
        r#"(measured: -5, boot: Some((boot_id: "b1", provider_minus_boot: 9223372036854775807)))"#;
    let clock: ProviderClock = ron::from_str(text).unwrap();
    assert!(
        clock
            .provider_now_at(Some(&boot("b1", u64::MAX)), Instant::now())
            .is_some()
    );
    let text =
        r#"(measured: -5, boot: Some((boot_id: "b1", provider_minus_boot: -9223372036854775808)))"#;
    let clock: ProviderClock = ron::from_str(text).unwrap();
    assert_eq!(
        clock.provider_now_at(Some(&boot("b1", 5)), Instant::now()),
        None
    );
}

#[test]
fn claims_are_judged_by_the_provider_only_past_the_leeway() {
    let measured = |offset: i64| {
        let r = Receipt {
            at: Instant::now(),
            local: unix_now(),
            offset: Some(ClockOffset::from_seconds(offset)),
        };
        ProviderClock::from_receipt(&r).unwrap()
    };
    let behind = measured(-(THREE_DAYS as i64));
    let judged = claims_now(Some(&behind));
    assert!(judged.abs_diff(unix_now() + THREE_DAYS) <= 2, "{judged}");
    assert!(session_now(Some(&behind)).abs_diff(unix_now() + THREE_DAYS) <= 2);
    // Within the leeway the box's own clock is used.
    let close = measured(30);
    assert!(claims_now(Some(&close)).abs_diff(unix_now()) <= 1);
    assert!(session_now(Some(&close)).abs_diff(unix_now() - 30) <= 2);
    assert!(claims_now(None).abs_diff(unix_now()) <= 1);
    assert_eq!(behind.offset().map(|o| o.is_reportable()), Some(true));
}
