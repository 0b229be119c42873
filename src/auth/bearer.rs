//! RFC 6750 §3: what a protected resource's refusal says, from its `WWW-Authenticate`
//! challenge (`Bearer realm="api", error="invalid_token", …`) or, failing that, a JSON body.

use reqwest::header::WWW_AUTHENTICATE;
use serde_json::Value;

use super::error_code::ErrorCode;
use super::http::Answer;

/// The challenge's `error` code (or the JSON body's), if the refusal names one.
pub fn error_code(answer: &Answer) -> Option<ErrorCode> {
    let challenge = answer
        .headers
        .get(WWW_AUTHENTICATE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let code = match challenge_param(challenge, "error") {
        Some(code) => code,
        None => serde_json::from_slice::<Value>(&answer.body)
            .ok()?
            .get("error")?
            .as_str()?
            .to_string(),
    };
    Some(ErrorCode::parse(&code))
}

/// Whether the access token itself was refused (expired, revoked): worth one refresh.
pub fn says_invalid_token(answer: &Answer) -> bool {
    error_code(answer) == Some(ErrorCode::InvalidToken)
}

/// One auth-param of a challenge, quoted or not; commas inside quotes do not split.
fn challenge_param(challenge: &str, name: &str) -> Option<String> {
    // Skip the scheme ("Bearer"), then read `key=value` pairs.
    let params = challenge
        .trim_start()
        .split_once(char::is_whitespace)
        .map_or("", |(_, rest)| rest);
    let mut rest = params;
    while !rest.trim().is_empty() {
        let (key, after) = rest.split_once('=')?;
        let key = key.trim().trim_start_matches(',').trim();
        let after = after.trim_start();
        let (value, tail) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted.find('"')?;
            (&quoted[..end], &quoted[end + 1..])
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].trim(), &after[end..])
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(value.to_string());
        }
        rest = tail.trim_start().trim_start_matches(',');
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_error_whatever_the_order_and_quoting() {
        for (challenge, expected) in [
            (
                r#"Bearer realm="api", error="invalid_token""#,
                Some("invalid_token"),
            ),
            (
                r#"Bearer error_description="not error=x, really", error="insufficient_scope""#,
                Some("insufficient_scope"),
            ),
            (
                "Bearer error=invalid_token, realm=api",
                Some("invalid_token"),
            ),
            (r#"Bearer realm="api""#, None),
            ("Bearer", None),
            ("", None),
        ] {
            assert_eq!(
                challenge_param(challenge, "error").as_deref(),
                expected,
                "{challenge}"
            );
        }
    }
}
