//! Small formatting shared by the terminal and the TV screen, and the one place where text a
//! server sent is made safe to show: control characters (terminal escapes) and bidi controls
//! removed, lengths capped, user codes grouped, the verification address split so its real
//! host can be emphasised; dates written out. `--json` output bypasses all of this and stays
//! exact.

mod date;

use std::time::Duration;

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::FluentLanguageLoader;

use crate::i18n::fl;
use crate::session::{ClockOffset, Pages};

pub use date::{date, date_in};

/// Longest user code shown (RFC 8628 codes are 8 or 9 characters).
pub const USER_CODE_MAX: usize = 32;
/// Longest name or email shown.
pub const NAME_MAX: usize = 80;
/// Longest error description (or whole error message carrying one) shown.
pub const ERROR_MAX: usize = 200;
/// Longest address shown.
pub const URI_MAX: usize = 200;
/// Longest short error code (`invalid_grant`, `http-503`) shown.
pub const CODE_MAX: usize = 64;

/// `14:59`, rounding up so a countdown never shows 00:00 while time is left.
pub fn mmss(left: Duration) -> String {
    let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

/// Unicode's Bidi_Control characters: embeddings and overrides (U+202A–U+202E), isolates
/// (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C). They reorder what follows them, so
/// `moc.elpmaxe` can be made to read as `example.com`.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` as it may be shown: C0 and C1 controls and DEL (terminal escapes) and bidi controls
/// removed, line breaks and tabs turned into one space each, and at most `max` characters, the
/// last one `…` when it was cut.
pub fn clean(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max.saturating_mul(4)));
    let mut count = 0;
    let mut chars = text
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                Some(' ')
            }
            c if c.is_control() || is_bidi_control(c) => None,
            c => Some(c),
        })
        .peekable();
    while let Some(c) = chars.next() {
        if count + 1 == max && chars.peek().is_some() {
            out.push('…');
            break;
        }
        if count == max {
            break;
        }
        out.push(c);
        count += 1;
    }
    out
}

/// A name or an email address, safe to show.
pub fn name(text: &str) -> String {
    clean(text, NAME_MAX)
}

/// An error message (which may carry a server's `error_description`), safe to show.
pub fn error(text: &str) -> String {
    clean(text, ERROR_MAX)
}

/// A short error code (possibly the server's `error` field), safe to show.
pub fn error_code(text: &str) -> String {
    clean(text, CODE_MAX)
}

/// The user code as people read it. A code the server grouped (`WDJB-MJHT`, `123 456`) keeps
/// its grouping; an ungrouped one of 6 to 9 characters is split in two halves, the first one
/// the longer (`WDJB-MJHT`, `WDJBM-JHTX`, `123-456`), and a longer one in groups of four
/// (`ABCD-EFGH-IJKL`). Shorter codes stay whole. Safe because RFC 8628 servers ignore case
/// and punctuation in what is typed; the QR code and `--json` keep the code as sent.
pub fn user_code(raw: &str) -> String {
    let code = clean(raw, USER_CODE_MAX);
    if !code.chars().all(char::is_alphanumeric) {
        return code;
    }
    let chars: Vec<char> = code.chars().collect();
    let groups: Vec<String> = match chars.len() {
        0..=5 => return code,
        n @ 6..=9 => {
            let first = n.div_ceil(2);
            vec![
                chars[..first].iter().collect(),
                chars[first..].iter().collect(),
            ]
        }
        _ => chars.chunks(4).map(|g| g.iter().collect()).collect(),
    };
    groups.join("-")
}

/// The verification address, cut where a person must look: the host is the part to
/// emphasise; anything a server put before an `@` (`https://accounts.example.com@evil.example/`
/// goes to `evil.example`) is `userinfo`, shown as not being the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// `https://`.
    pub scheme: String,
    /// `accounts.example.com@` when the address has one; never the site.
    pub userinfo: String,
    /// The site the address goes to, with its port: `evil.example`, `127.0.0.1:4000`.
    pub host: String,
    /// `/activate?x`.
    pub rest: String,
}

impl Address {
    /// Parses the address as a browser does (WHATWG URL): `\` ends the host like `/`,
    /// internationalised hosts show as punycode (`xn--…`, which homographs cannot imitate),
    /// and everything shown is ASCII. Something that is not an absolute address with a host
    /// is shown as plain text, nothing emphasised.
    pub fn parse(uri: &str) -> Address {
        use url::Position;
        let plain = || Address {
            scheme: String::new(),
            userinfo: String::new(),
            host: String::new(),
            rest: clean(uri, URI_MAX),
        };
        let Ok(url) = url::Url::parse(uri.trim()) else {
            return plain();
        };
        if url.host_str().is_none_or(str::is_empty) {
            return plain();
        }
        let scheme = clean(&url[..Position::BeforeUsername], 16);
        let userinfo = clean(&url[Position::BeforeUsername..Position::BeforeHost], 48);
        let host = clean(&url[Position::BeforeHost..Position::AfterPort], 120);
        let used = [&scheme, &userinfo, &host]
            .iter()
            .map(|s| s.chars().count())
            .sum::<usize>();
        let rest = clean(
            &url[Position::AfterPort..],
            URI_MAX.saturating_sub(used).max(16),
        );
        Address {
            scheme,
            userinfo,
            host,
            rest,
        }
    }

    /// The whole address as shown.
    pub fn text(&self) -> String {
        format!("{}{}{}{}", self.scheme, self.userinfo, self.host, self.rest)
    }

    /// Whether something stands before the host that a person could take for it.
    pub fn has_userinfo(&self) -> bool {
        !self.userinfo.is_empty()
    }
}

/// "This TV's clock is 3 days off (behind)": the offset rounded to the minute, then said in
/// the largest whole unit.
pub fn clock_off(t: &FluentLanguageLoader, offset: ClockOffset) -> String {
    let minutes = (offset.magnitude() + 30) / 60;
    let way = if offset.is_ahead() { "ahead" } else { "behind" };
    let off = human_duration(t, minutes * 60);
    fl!(t, "cli-status-clock-off", off = off, way = way)
}

/// A duration in its largest whole unit, e.g. "3 minutes".
pub fn human_duration(t: &FluentLanguageLoader, seconds: u64) -> String {
    let (unit, n): (u64, u64) = match seconds {
        0..60 => (1, seconds),
        60..3600 => (60, seconds / 60),
        3600..86_400 => (3600, seconds / 3600),
        _ => (86_400, seconds / 86_400),
    };
    match unit {
        1 => fl!(t, "duration-seconds", n = n),
        60 => fl!(t, "duration-minutes", n = n),
        3600 => fl!(t, "duration-hours", n = n),
        _ => fl!(t, "duration-days", n = n),
    }
}

/// The pages the browser shows when it comes back from a sign-in on this device.
pub fn browser_pages(t: &FluentLanguageLoader) -> Pages {
    Pages {
        lang: t.current_language().language.to_string(),
        done_title: fl!(t, "browser-page-done-title"),
        done_text: fl!(t, "browser-page-done-text"),
        failed_title: fl!(t, "browser-page-failed-title"),
        failed_text: fl!(t, "browser-page-failed-text"),
        stray_title: fl!(t, "browser-page-stray-title"),
        stray_text: fl!(t, "browser-page-stray-text"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_cap_is_no_overflow() {
        assert_eq!(clean("a\u{1b}[2Jb", usize::MAX), "a[2Jb");
    }

    #[test]
    fn durations_read_right_in_both_languages() {
        use crate::i18n::{Lang, loader};
        let (en, fr) = (loader(Lang::En), loader(Lang::Fr));
        assert_eq!(human_duration(&en, 0), "0 seconds");
        assert_eq!(human_duration(&en, 1), "1 second");
        // French says 0 and 1 in the singular, with the number: not "1 seconde" for 0.
        assert_eq!(human_duration(&fr, 0), "0 seconde");
        assert_eq!(human_duration(&fr, 60), "1 minute");
        assert_eq!(human_duration(&fr, 3 * 86_400), "3 jours");
    }

    #[test]
    fn times_round_up() {
        assert_eq!(mmss(Duration::from_millis(899_100)), "15:00");
        assert_eq!(mmss(Duration::from_secs(61)), "01:01");
        assert_eq!(mmss(Duration::ZERO), "00:00");
    }

    #[test]
    fn controls_and_bidi_overrides_are_removed() {
        assert_eq!(
            clean("Alex\x1b[2J\x1b]0;owned\x07 Martin", 80),
            "Alex[2J]0;owned Martin"
        );
        assert_eq!(clean("a\u{7f}b\u{9b}c\u{85}d", 80), "abc d");
        assert_eq!(clean("line1\nline2\ttab\r", 80), "line1 line2 tab ");
        assert_eq!(clean("\u{202E}moc.elpmaxe\u{202C}", 80), "moc.elpmaxe");
        assert_eq!(
            clean("\u{2066}x\u{2067}y\u{2068}z\u{2069}\u{200F}", 80),
            "xyz"
        );
        // Letters of every script, and emoji with joiners, stay.
        assert_eq!(clean("Zoë 李 👩‍💻", 80), "Zoë 李 👩‍💻");
    }

    #[test]
    fn lengths_are_capped_with_an_ellipsis() {
        assert_eq!(clean("abcdef", 6), "abcdef");
        assert_eq!(clean("abcdefg", 6), "abcde…");
        assert_eq!(clean("", 6), "");
        assert_eq!(name(&"é".repeat(500)).chars().count(), NAME_MAX);
        assert!(name(&"é".repeat(500)).ends_with('…'));
        assert_eq!(error(&"x".repeat(10_000)).chars().count(), ERROR_MAX);
        // Removed characters do not count.
        assert_eq!(clean("\x1b\x1b\x1babc", 3), "abc");
    }

    #[test]
    fn user_codes_are_grouped_for_reading() {
        assert_eq!(user_code("WDJBMJHT"), "WDJB-MJHT");
        assert_eq!(user_code("WDJB-MJHT"), "WDJB-MJHT");
        assert_eq!(user_code("wdjbmjht"), "wdjb-mjht");
        assert_eq!(user_code("123456"), "123-456");
        assert_eq!(user_code("WDJBMJHTX"), "WDJBM-JHTX");
        assert_eq!(user_code("ABCDEFGHIJKL"), "ABCD-EFGH-IJKL");
        assert_eq!(user_code("ABCDEFGHIJ"), "ABCD-EFGH-IJ");
        assert_eq!(user_code("ABCDE"), "ABCDE");
        assert_eq!(user_code("123 456"), "123 456");
        assert_eq!(user_code("WDJB\x1b[31mMJHT"), "WDJB[31mMJHT");
        // A code cut to length is shown as cut, not regrouped.
        assert_eq!(user_code(&"A".repeat(100)).chars().count(), USER_CODE_MAX);
        assert!(user_code(&"A".repeat(100)).ends_with('…'));
    }

    #[test]
    fn the_host_is_the_real_one() {
        let a = Address::parse("https://example.com/activate");
        assert_eq!(
            (
                a.scheme.as_str(),
                a.userinfo.as_str(),
                a.host.as_str(),
                a.rest.as_str()
            ),
            ("https://", "", "example.com", "/activate")
        );
        let a = Address::parse("http://127.0.0.1:4000/activate?x");
        assert_eq!(
            (a.host.as_str(), a.rest.as_str()),
            ("127.0.0.1:4000", "/activate?x")
        );
        assert_eq!(a.text(), "http://127.0.0.1:4000/activate?x");

        let a = Address::parse("https://accounts.example.com@evil.example/");
        assert_eq!(a.host, "evil.example");
        assert_eq!(a.userinfo, "accounts.example.com@");
        assert!(a.has_userinfo());
        let a = Address::parse("https://accounts.example.com:pw@evil.example/activate");
        assert_eq!(
            (a.userinfo.as_str(), a.host.as_str()),
            ("accounts.example.com:pw@", "evil.example")
        );
        // A browser ends the host at a backslash: the `@` after it is in the path.
        let a = Address::parse("https://evil.example\\@accounts.example.com/");
        assert_eq!(a.host, "evil.example");
        assert!(!a.has_userinfo());
        // Look-alike letters show as punycode.
        let homograph = Address::parse("https://ex\u{430}mple.com/").host;
        assert!(homograph.starts_with("xn--"), "{homograph}");
        // Escapes and bidi controls in the path cannot reach the screen.
        let text = Address::parse("https://example.com/\u{202E}a\x1b[2J").text();
        assert!(text.is_ascii() && !text.contains('\x1b'), "{text}");
    }

    #[test]
    fn odd_addresses_are_plain_and_capped() {
        let a = Address::parse("example.com/activate");
        assert_eq!(
            (a.host.as_str(), a.rest.as_str()),
            ("", "example.com/activate")
        );
        let long = format!("https://example.com/{}", "a".repeat(1000));
        let a = Address::parse(&long);
        assert_eq!(a.host, "example.com");
        assert_eq!(a.text().chars().count(), URI_MAX);
        assert!(a.text().ends_with('…'));
    }
}
