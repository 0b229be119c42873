//! The sentence that reads a code aloud: the address's host said so a synthesizer reads it
//! well ("login dot example dot com"), then the code letter by letter in its groups, slowly
//! (a comma after each letter, a longer pause between groups), twice. The wording lives in
//! the .ftl files; the names of letters and digits, chosen so synthesizers say them right,
//! live here.

use crate::format::{self, Address};
use crate::i18n::{self, Lang, fl};

/// Between two letters of a group: a comma, which synthesizers say as a short pause.
const LETTER_GAP: &str = ", ";
/// Between two groups: a dash, a longer pause (silent unless a speech-dispatcher user asked
/// for most punctuation to be read).
const GROUP_GAP: &str = " — ";

/// The sentence for a code as the provider sent it: the host of `verification_uri` as the
/// screen emphasises it (the real one, never a `userinfo@` before it), the code grouped as
/// the screen shows it.
pub fn sentence_for(lang: Lang, verification_uri: &str, user_code: &str) -> String {
    let address = Address::parse(verification_uri);
    let host = if address.host.is_empty() {
        address.rest
    } else {
        address.host
    };
    sentence(lang, &host, user_code)
}

/// "To sign in, go to login dot example dot com, and enter the code: W, D, J, B — M, J, H, T.
/// Again: W, D, J, B — M, J, H, T." in `lang`.
pub fn sentence(lang: Lang, host: &str, user_code: &str) -> String {
    let t = i18n::loader(lang);
    let code = spell_code(lang, user_code);
    fl!(
        t,
        "speech-code",
        host = spoken_host(lang, host),
        code = code
    )
}

/// A host as said aloud: `login.example.com` → "login dot example dot com", a port after
/// "colon". Synthesizers read words and numbers well, dots and colons badly or not at all.
pub fn spoken_host(lang: Lang, host: &str) -> String {
    let t = i18n::loader(lang);
    let dot = format!(" {} ", fl!(t, "speech-dot"));
    let colon = format!(" {} ", fl!(t, "speech-colon"));
    format::clean(host, format::URI_MAX)
        .split(':')
        .map(|part| part.split('.').collect::<Vec<_>>().join(&dot))
        .collect::<Vec<_>>()
        .join(&colon)
}

/// The code letter by letter, grouped as [`format::user_code`] shows it:
/// "W, D, J, B — M, J, H, T"; in French "double vé, dé, ji, bé — èm, ji, ache, té".
pub fn spell_code(lang: Lang, user_code: &str) -> String {
    format::user_code(user_code)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|group| !group.is_empty())
        .map(|group| {
            group
                .chars()
                .map(|c| spoken_char(lang, c))
                .collect::<Vec<_>>()
                .join(LETTER_GAP)
        })
        .collect::<Vec<_>>()
        .join(GROUP_GAP)
}

/// A letter or digit as said; one with no name in the table (a letter of another script) as
/// itself.
fn spoken_char(lang: Lang, c: char) -> String {
    name(lang, c).map_or_else(|| c.to_uppercase().collect(), str::to_string)
}

/// How a letter (either case) or a digit is written so that a synthesizer says its name:
/// English keeps the capital letter (synthesizers spell a lone capital), French spells the
/// names out as espeak-ng reads them best ("double vé", "i grec", "èm", not "emme" which it
/// says like "emmener"); digits are words in both. `None` for anything else.
pub fn name(lang: Lang, c: char) -> Option<&'static str> {
    let c = c.to_ascii_uppercase();
    let (letters, digits) = match lang {
        Lang::En => (&EN_LETTERS, &EN_DIGITS),
        Lang::Fr => (&FR_LETTERS, &FR_DIGITS),
    };
    match c {
        'A'..='Z' => letters.get(usize::from(c as u8 - b'A')).copied(),
        '0'..='9' => digits.get(usize::from(c as u8 - b'0')).copied(),
        _ => None,
    }
}

const EN_LETTERS: [&str; 26] = [
    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S",
    "T", "U", "V", "W", "X", "Y", "Z",
];
const EN_DIGITS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const FR_LETTERS: [&str; 26] = [
    "a",
    "bé",
    "cé",
    "dé",
    "e",
    "èf",
    "gé",
    "ache",
    "i",
    "ji",
    "ka",
    "èl",
    "èm",
    "èn",
    "o",
    "pé",
    "ku",
    "èr",
    "ès",
    "té",
    "u",
    "vé",
    "double vé",
    "ixe",
    "i grec",
    "zède",
];
const FR_DIGITS: [&str; 10] = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
];

#[cfg(test)]
mod tests;
