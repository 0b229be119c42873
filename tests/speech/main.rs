//! The code read aloud, for real: the sentences synthesised by espeak-ng (Debian package
//! `espeak-ng`; `tests/run.sh` installs it) into WAV files of a plausible length, espeak-ng's
//! own phonemes for every letter and digit name, and a speaker whose second sentence replaces
//! the first. Fails, never skips, when espeak-ng is missing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use tvauth::i18n::Lang;
use tvauth::speech::{self, Engine, Finished, Speaker};

const CODE: &str = "WDJBMJHT";
const ADDRESS: &str = "https://login.example.com/activate";

/// espeak-ng must be here: the tests say what to install rather than pass without it.
fn require_espeak() {
    let found = Command::new("espeak-ng")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "the `espeak-ng` program is needed for the speech tests: apt-get install espeak-ng \
         (tests/run.sh installs it)"
    );
}

/// Seconds of sound in a PCM WAV file, from its header: the `fmt ` chunk's byte rate and
/// the `data` chunk's size.
fn wav_seconds(path: &Path) -> f64 {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[0..4], b"RIFF", "not a WAV file");
    assert_eq!(&bytes[8..12], b"WAVE", "not a WAV file");
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    let u16_at = |at: usize| u16::from_le_bytes(bytes[at..at + 2].try_into().unwrap());
    let (mut byte_rate, mut data) = (None, None);
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let size = u32_at(at + 4) as usize;
        match &bytes[at..at + 4] {
            b"fmt " => {
                assert_eq!(u16_at(at + 8), 1, "not PCM");
                let (channels, rate) = (u16_at(at + 10), u32_at(at + 12));
                let bits = u16_at(at + 22);
                assert!(
                    channels >= 1 && (8_000..=96_000).contains(&rate),
                    "{rate} Hz"
                );
                byte_rate = Some(u32_at(at + 16));
                assert_eq!(
                    byte_rate,
                    Some(rate * u32::from(channels) * u32::from(bits / 8))
                );
            }
            // espeak-ng fills in the size when it closes the file; the bytes present count.
            b"data" => data = Some(size.min(bytes.len() - at - 8)),
            _ => {}
        }
        at += 8 + size + size % 2;
    }
    data.expect("no data chunk") as f64 / f64::from(byte_rate.expect("no fmt chunk"))
}

fn synthesise(lang: Lang, dir: &Path) -> (String, f64) {
    let text = speech::sentence_for(lang, ADDRESS, CODE);
    let wav = dir.join(format!("code-{}.wav", lang.tag()));
    speech::synthesize_to_file(lang, &text, &wav).unwrap();
    let seconds = wav_seconds(&wav);
    eprintln!("{}: {seconds:.2} s: {text}", lang.tag());
    (text, seconds)
}

/// The sentence for an 8-letter code, said twice at 140 words per minute, lasted 15.4 s in
/// English and 15.8 s in French with espeak-ng 1.51 (11.9 s and 12.3 s at its usual 175).
/// Under 10 s it would be too fast to write down or be missing a part; over 30 s it would
/// be reading something it should not (punctuation, a letter by letter host).
#[test]
fn the_code_is_said_slowly_twice_in_english_and_french() {
    require_espeak();
    let dir = tempfile::tempdir().unwrap();
    for lang in Lang::ALL {
        let (text, seconds) = synthesise(lang, dir.path());
        assert!(
            (10.0..30.0).contains(&seconds),
            "{lang:?}: {seconds:.2} s for {text}"
        );
    }
}

/// What espeak-ng says for `text`, in IPA, with stress and length marks, spaces and line
/// breaks left out (they vary with context, the sounds do not).
fn phonemes(lang: Lang, text: &str) -> String {
    let output = Command::new("espeak-ng")
        .args(["-v", lang.tag(), "-q", "--ipa", "--", text])
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout)
        .chars()
        .filter(|c| !matches!(c, 'ˈ' | 'ˌ' | 'ː' | ' ' | '\n' | '-'))
        .collect()
}

/// Each letter and digit name, as espeak-ng 1.51 pronounces it (IPA): the French names are
/// the alphabet's ("double vé" for W, "i grec" for Y), the English ones the letters'.
#[test]
fn espeak_says_every_letter_and_digit_by_its_name() {
    require_espeak();
    let fr = [
        "a", "be", "se", "de", "ə", "ɛf", "ʒe", "aʃ", "i", "ʒi", "ka", "ɛl", "ɛm", "ɛn", "o", "pe",
        "ky", "ɛʁ", "ɛs", "te", "y", "ve", "dublve", "iks", "iɡʁɛk", "zɛd",
    ];
    let fr_digits = [
        "zeʁo", "œ̃", "dø", "tʁwa", "katʁ", "sɛ̃k", "sis", "sɛt", "yit", "nœf",
    ];
    let en = [
        "eɪ",
        "bi",
        "si",
        "di",
        "i",
        "ɛf",
        "dʒi",
        "eɪtʃ",
        "aɪ",
        "dʒeɪ",
        "keɪ",
        "ɛl",
        "ɛm",
        "ɛn",
        "əʊ",
        "pi",
        "kju",
        "ɑ",
        "ɛs",
        "ti",
        "ju",
        "vi",
        "dʌbəlju",
        "ɛks",
        "waɪ",
        "zɛd",
    ];
    let en_digits = [
        "ziəɹəʊ",
        "wɒn",
        "tu",
        "θɹi",
        "fɔ",
        "faɪv",
        "sɪks",
        "sɛvən",
        "eɪt",
        "naɪn",
    ];
    let mut wrong = Vec::new();
    for (lang, letters, digits) in [(Lang::Fr, fr, fr_digits), (Lang::En, en, en_digits)] {
        let expected = letters.iter().chain(digits.iter());
        for (c, sounds) in ('A'..='Z').chain('0'..='9').zip(expected) {
            let name = speech::name(lang, c).unwrap();
            let said = phonemes(lang, name);
            if said != *sounds {
                wrong.push(format!(
                    "{lang:?} {c} {name:?}: said [{said}], not [{sounds}]"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// A speaker says one thing at a time: the second sentence ends the first, which learns it
/// was stopped; the second is followed to its end.
#[tokio::test]
async fn a_second_sentence_replaces_the_first() {
    require_espeak();
    let speaker = Speaker::with_engine(Engine::EspeakNg);
    let mut first = speaker.say(Lang::En, "one").unwrap();
    let mut second = speaker.say(Lang::En, "two").unwrap();
    assert!(!first.is_speaking());
    assert_eq!(first.finished().await.unwrap(), Finished::Stopped);
    let ended = tokio::time::timeout(Duration::from_secs(20), second.finished())
        .await
        .expect("espeak-ng never ended");
    // Without a sound card espeak-ng may end either way; it was not stopped.
    assert!(!matches!(ended, Ok(Finished::Stopped)), "{ended:?}");
    assert!(!second.is_speaking());
    // Asked again, the handle answers the same.
    assert_eq!(
        second.finished().await.map_err(|e| e.to_string()),
        ended.map_err(|e| e.to_string())
    );
}
