//! User codes: 8 letters from a 20-consonant alphabet (no vowels, so no words; no look-alike
//! letters), shown as `XXXX-XXXX`, accepted in any case with or without separators.

use super::random;

const ALPHABET: &[u8; 20] = b"BCDFGHJKLMNPQRSTVWXZ";
const LENGTH: usize = 8;

/// A fresh code in its canonical form (8 letters, no dash).
pub fn generate() -> String {
    (0..LENGTH)
        .map(|_| char::from(ALPHABET[random::index_below(20)]))
        .collect()
}

/// `WDJBMJHT` → `WDJB-MJHT`.
pub fn display(canonical: &str) -> String {
    let (left, right) = canonical.split_at(canonical.len().min(LENGTH / 2));
    format!("{left}-{right}")
}

/// What a person typed, in canonical form; `None` when it cannot be a code.
pub fn normalize(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid = code.len() == LENGTH && code.bytes().all(|b| ALPHABET.contains(&b));
    valid.then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_are_canonical() {
        for _ in 0..200 {
            let code = generate();
            assert_eq!(normalize(&code).as_deref(), Some(code.as_str()));
            assert_eq!(normalize(&display(&code)).as_deref(), Some(code.as_str()));
        }
    }

    #[test]
    fn typing_is_forgiving_but_strict_on_letters() {
        assert_eq!(normalize("wdjb-mjht").as_deref(), Some("WDJBMJHT"));
        assert_eq!(normalize(" WDJB MJHT ").as_deref(), Some("WDJBMJHT"));
        assert_eq!(
            normalize("WDJBMJHA"),
            None,
            "vowels are not in the alphabet"
        );
        assert_eq!(normalize("WDJB-MJH"), None);
        assert_eq!(normalize("WDJB-MJHTT"), None);
        assert_eq!(display("WDJBMJHT"), "WDJB-MJHT");
    }
}
