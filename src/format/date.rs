//! Dates as people read them, on the day of this box's time zone: "27 December 2026",
//! "27 décembre 2026". Used for when a session ends; the instant shown is the provider's
//! (session times are kept on its clock), so a wrong clock here does not move the date.

use i18n_embed::fluent::FluentLanguageLoader;
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::i18n::fl;

/// The day `unix_seconds` falls on in this box's time zone (`TZ`, else `/etc/localtime`,
/// else UTC), written out in the loader's language.
pub fn date(t: &FluentLanguageLoader, unix_seconds: u64) -> String {
    date_in(t, unix_seconds, TimeZone::system())
}

/// [`date`] in the time zone `zone`.
pub fn date_in(t: &FluentLanguageLoader, unix_seconds: u64, zone: TimeZone) -> String {
    // Past the year 9999 (a clamped lifetime cannot get there): the last day jiff knows.
    let instant = i64::try_from(unix_seconds)
        .ok()
        .and_then(|s| Timestamp::from_second(s).ok())
        .unwrap_or(Timestamp::MAX);
    let day = instant.to_zoned(zone);
    fl!(
        t,
        "date-long",
        day = i64::from(day.day()),
        month = i64::from(day.month()),
        year = i64::from(day.year())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, loader};

    #[test]
    fn dates_are_written_out_in_the_language_and_zone() {
        let (en, fr) = (loader(Lang::En), loader(Lang::Fr));
        // 2026-12-27 23:30 UTC.
        let late = 1_798_413_000;
        assert_eq!(date_in(&en, late, TimeZone::UTC), "27 December 2026");
        assert_eq!(date_in(&fr, late, TimeZone::UTC), "27 décembre 2026");
        let paris = TimeZone::get("Europe/Paris");
        if let Ok(paris) = paris {
            assert_eq!(date_in(&en, late, paris), "28 December 2026");
        }
        // 2027-01-01 12:00 UTC: French says "1er".
        assert_eq!(
            date_in(&fr, 1_798_804_800, TimeZone::UTC),
            "1er janvier 2027"
        );
        assert_eq!(date_in(&en, 1_798_804_800, TimeZone::UTC), "1 January 2027");
        assert!(date_in(&en, u64::MAX, TimeZone::UTC).ends_with("9999"));
    }
}
