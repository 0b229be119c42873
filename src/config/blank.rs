//! A config.ron that sets nothing: white space and comments only, as the package's
//! `/etc/tvauth/config.ron` ships. Such a file means "not configured here", not a syntax error.

/// Whether `text` holds nothing but white space and RON comments (`// …` and `/* … */`, which
/// nest as RON's own parser has them). An unclosed block comment is not blank: the parser says
/// where it starts.
pub fn is_blank(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return true;
        }
        if let Some(line) = rest.strip_prefix("//") {
            rest = line.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(block) = rest.strip_prefix("/*") {
            match after_block_comment(block) {
                Some(after) => rest = after,
                None => return false,
            }
        } else {
            return false;
        }
    }
}

/// What follows the block comment whose opening `/*` precedes `text`; `None` if it never closes.
fn after_block_comment(text: &str) -> Option<&str> {
    let mut depth = 1;
    let mut rest = text;
    while depth > 0 {
        let at = rest.find(['/', '*'])?;
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("/*") {
            depth += 1;
            rest = after;
        } else if let Some(after) = rest.strip_prefix("*/") {
            depth -= 1;
            rest = after;
        } else {
            rest = &rest[1..];
        }
    }
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::is_blank;

    #[test]
    fn comments_and_space_are_blank() {
        assert!(is_blank(""));
        assert!(is_blank(" \n\t\n"));
        assert!(is_blank("// tvauth\n//    issuer: \"https://x/\",\n"));
        assert!(is_blank("// no newline at the end"));
        assert!(is_blank("/* a /* nested */ block */\n// and a line"));
        assert!(is_blank("\u{feff}// after a byte order mark\n"));
    }

    #[test]
    fn anything_else_is_not() {
        assert!(!is_blank("()"));
        assert!(!is_blank("// c\n(issuer: \"https://x/\")"));
        assert!(!is_blank("/* unclosed"));
        assert!(!is_blank("/* a /* nested */ still open"));
        assert!(!is_blank("#![enable(implicit_some)]"));
        assert!(!is_blank("/ not a comment"));
    }
}
