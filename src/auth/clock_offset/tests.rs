//! Reading the provider's `Date` header against this box's clock.

use std::time::{Duration, UNIX_EPOCH};

use reqwest::header::HeaderValue;

use super::*;

fn date(value: &str) -> HeaderMap {
    HeaderMap::from_iter([(DATE, HeaderValue::from_str(value).unwrap())])
}

/// Wed, 21 Oct 2015 07:28:00 GMT
const PROVIDER: u64 = 1_445_412_480;

fn local(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

#[test]
fn a_box_behind_or_ahead_is_measured_from_the_date_header() {
    let headers = date("Wed, 21 Oct 2015 07:28:00 GMT");
    let three_days = 3 * 86_400;
    let behind = ClockOffset::measure(&headers, local(PROVIDER - three_days)).unwrap();
    assert_eq!(behind.seconds(), -(three_days as i64));
    assert!(!behind.is_ahead() && behind.is_large() && behind.is_reportable());
    assert_eq!(behind.provider_time(PROVIDER - three_days), PROVIDER);

    let ahead = ClockOffset::measure(&headers, local(PROVIDER + 7200)).unwrap();
    assert_eq!(ahead.seconds(), 7200);
    assert!(ahead.is_ahead());
    assert_eq!(ahead.provider_time(PROVIDER + 7200), PROVIDER);
}

#[test]
fn small_offsets_are_noise_and_thresholds_hold() {
    let headers = date("Wed, 21 Oct 2015 07:28:00 GMT");
    // The header has whole seconds: a box half a second late is on time.
    let on_time = ClockOffset::measure(&headers, local(PROVIDER) + Duration::from_millis(400));
    assert_eq!(on_time, Some(ClockOffset::from_seconds(0)));
    let within_leeway = ClockOffset::from_seconds(-60);
    assert!(!within_leeway.is_large() && !within_leeway.is_reportable());
    let past_leeway = ClockOffset::from_seconds(61);
    assert!(past_leeway.is_large() && !past_leeway.is_reportable());
    assert!(ClockOffset::from_seconds(-120).is_reportable());
    assert!(!ClockOffset::from_seconds(119).is_reportable());
}

#[test]
fn no_or_unreadable_date_measures_nothing() {
    assert_eq!(
        ClockOffset::measure(&HeaderMap::new(), local(PROVIDER)),
        None
    );
    assert_eq!(
        ClockOffset::measure(&date("yesterday"), local(PROVIDER)),
        None
    );
    // The obsolete RFC 850 form is still a date.
    assert!(
        ClockOffset::measure(&date("Wednesday, 21-Oct-15 07:28:00 GMT"), local(PROVIDER)).is_some()
    );
}

#[test]
fn provider_time_stays_in_range() {
    assert_eq!(ClockOffset::from_seconds(100).provider_time(50), 0);
    assert_eq!(
        ClockOffset::from_seconds(-100).provider_time(u64::MAX),
        u64::MAX
    );
    assert_eq!(ClockOffset::from_seconds(i64::MIN).magnitude(), 1 << 63);
}
