use super::*;

#[test]
fn english_sentence_spells_the_code_twice_in_its_groups() {
    assert_eq!(
        sentence_for(Lang::En, "https://login.example.com/activate", "WDJBMJHT"),
        "To sign in, go to login dot example dot com, and enter the code: \
         W, D, J, B — M, J, H, T. Again: W, D, J, B — M, J, H, T."
    );
}

#[test]
fn french_sentence_names_the_letters_as_french_does() {
    assert_eq!(
        sentence_for(Lang::Fr, "https://login.example.com/activate", "WDJB-MJHT"),
        "Pour vous connecter, allez sur login point example point com, et saisissez le code : \
         double vé, dé, ji, bé — èm, ji, ache, té. Je répète : \
         double vé, dé, ji, bé — èm, ji, ache, té."
    );
    // Codes of five characters or fewer stay one group, as on screen.
    assert_eq!(spell_code(Lang::Fr, "WXYZ"), "double vé, ixe, i grec, zède");
    assert_eq!(spell_code(Lang::Fr, "GJQU"), "gé, ji, ku, u");
}

#[test]
fn digits_are_words_and_groups_follow_the_screen() {
    assert_eq!(
        spell_code(Lang::En, "123456"),
        "one, two, three — four, five, six"
    );
    assert_eq!(
        spell_code(Lang::Fr, "098 765"),
        "zéro, neuf, huit — sept, six, cinq"
    );
    // Nine characters: the longer half first, as on screen.
    assert_eq!(
        spell_code(Lang::En, "WDJBMJHTX"),
        "W, D, J, B, M — J, H, T, X"
    );
    // Lower case is spelled like upper case; short codes stay one group.
    assert_eq!(spell_code(Lang::En, "ab0"), "A, B, zero");
    assert_eq!(spell_code(Lang::Fr, "w-y"), "double vé — i grec");
}

#[test]
fn every_letter_and_digit_has_a_name_in_both_languages() {
    for lang in Lang::ALL {
        for c in ('A'..='Z').chain('a'..='z').chain('0'..='9') {
            let name = name(lang, c).unwrap_or_default();
            assert!(!name.is_empty(), "{lang:?} {c}");
        }
        assert_eq!(name(lang, '-'), None);
        assert_eq!(name(lang, 'É'), None);
    }
    assert_eq!(name(Lang::Fr, 'w'), Some("double vé"));
    assert_eq!(name(Lang::Fr, 'Y'), Some("i grec"));
    assert_eq!(name(Lang::En, 'W'), Some("W"));
    assert_eq!(name(Lang::En, '7'), Some("seven"));
}

#[test]
fn hosts_are_said_with_their_dots_and_port() {
    assert_eq!(
        spoken_host(Lang::En, "login.example.com"),
        "login dot example dot com"
    );
    assert_eq!(
        spoken_host(Lang::Fr, "127.0.0.1:4000"),
        "127 point 0 point 0 point 1 deux-points 4000"
    );
    assert_eq!(spoken_host(Lang::En, "localhost"), "localhost");
}

#[test]
fn only_the_real_host_is_said() {
    let said = sentence_for(
        Lang::En,
        "https://accounts.example.com@evil.example/activate",
        "ABCD",
    );
    assert!(said.contains("go to evil dot example,"), "{said}");
    assert!(!said.contains("accounts"), "{said}");
    // Controls a server slipped into the code or the address never reach the synthesizer.
    let said = sentence_for(Lang::En, "https://x.example/\u{1b}[2J", "AB\u{1b}CD");
    assert!(!said.contains('\u{1b}'), "{said}");
    assert!(said.contains("A, B, C, D"), "{said}");
}
