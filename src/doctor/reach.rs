//! The checks of what lies around the provider: this box's clock against the provider's
//! `Date`, and the protected API answering (a 401 without a token is the right answer).

use super::{Because, Check, CheckId, Fix, Passed, Problem};
use crate::auth::clock_offset::ClockOffset;
use crate::auth::http::Answer;
use crate::config::Config;

/// This box's clock against the provider's: off by two minutes or more fails. tvauth copes
/// (it judges tokens by the provider's time), but TLS certificates and logs do not.
/// `offset`: `None` when the provider did not answer, `Some(None)` without a `Date`.
pub fn clock(offset: Option<Option<ClockOffset>>) -> Check {
    match offset {
        None => Check::skip(CheckId::Clock, Because::ProviderUnusable),
        Some(None) => Check::skip(CheckId::Clock, Because::NoDate),
        Some(Some(offset)) if offset.is_reportable() => Check::fail(
            CheckId::Clock,
            Problem::ClockOff { offset },
            Fix::NetworkTime,
        ),
        Some(Some(offset)) => Check::pass(CheckId::Clock, Passed::Clock { offset }),
    }
}

/// The API under `api_base_url` (at `home_path` when set: what the TV reads) answers without
/// a token: 2xx, 401 or 403 pass; 404 and 5xx fail; so does a redirect (tvauth follows none).
pub async fn api(http: &reqwest::Client, config: &Config) -> Check {
    let Some(base) = &config.api_base_url else {
        return Check::skip(CheckId::Api, Because::NoApi);
    };
    let url = match &config.home_path {
        Some(path) => base.join(path).unwrap_or_else(|_| base.clone()),
        None => base.clone(),
    };
    let shown = url.to_string();
    let answer = match http.get(url).send().await {
        Ok(response) => Answer::read(response).await,
        Err(error) => Err(crate::auth::AuthError::network(&error)),
    };
    match answer {
        Ok(answer) if api_answers(answer.status.as_u16()) => Check::pass(
            CheckId::Api,
            Passed::Api {
                url: shown,
                status: answer.status.as_u16(),
            },
        ),
        Ok(answer) => Check::fail(
            CheckId::Api,
            Problem::ApiStatus {
                url: shown,
                status: answer.status.as_u16(),
            },
            Fix::ApiAddress,
        ),
        // A large body is still an answer: the API is there.
        Err(crate::auth::AuthError::TooLarge) => Check::pass(
            CheckId::Api,
            Passed::Api {
                url: shown,
                status: 200,
            },
        ),
        Err(error) => Check::fail(
            CheckId::Api,
            Problem::ApiUnreachable {
                url: shown,
                detail: error.to_string(),
            },
            Fix::ApiAddress,
        ),
    }
}

/// Whether an API's status without a token shows it is there and protected (or public).
fn api_answers(status: u16) -> bool {
    (200..300).contains(&status) || status == 401 || status == 403
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_two_minutes_off_fails_and_a_few_seconds_pass() {
        assert!(!clock(Some(Some(ClockOffset::from_seconds(3)))).failed());
        assert!(clock(Some(Some(ClockOffset::from_seconds(-3 * 86_400)))).failed());
        assert!(!clock(Some(None)).failed());
    }

    #[test]
    fn a_token_refusal_is_an_answer() {
        assert!(api_answers(401) && api_answers(403) && api_answers(200));
        assert!(!api_answers(404) && !api_answers(500) && !api_answers(302));
    }
}
