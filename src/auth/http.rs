//! The one HTTP client: rustls, no redirects (a token request must never be replayed to
//! another host), timeouts on every request, and bodies capped before parsing.

use std::time::Duration;

use reqwest::header::{ACCEPT_LANGUAGE, DATE, HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{Response, StatusCode};

use super::{AuthError, bounds};

/// No answer tvauth expects is near this size; a larger one is refused unread.
pub const BODY_LIMIT: usize = 1 << 20;

/// The client, asking servers to answer in `accept_language` (error descriptions, API data
/// such as a library's genres).
pub fn client(accept_language: &'static str) -> Result<reqwest::Client, AuthError> {
    reqwest::Client::builder()
        .default_headers(HeaderMap::from_iter([(
            ACCEPT_LANGUAGE,
            HeaderValue::from_static(accept_language),
        )]))
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(20))
        // Servers close idle connections after as little as 5 s (Node's default), exactly
        // the poll interval: reusing one as it closes fails the request. Drop them sooner.
        .pool_idle_timeout(Duration::from_secs(4))
        .user_agent(concat!("tvauth/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| AuthError::network(&e))
}

/// An answer read whole, within [`BODY_LIMIT`] (or the limit given).
#[derive(Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: StatusCode,
    /// The headers, for `Retry-After` and `WWW-Authenticate`.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Vec<u8>,
}

impl Answer {
    /// Reads `response` whole, or fails with [`AuthError::TooLarge`] past [`BODY_LIMIT`].
    pub async fn read(response: Response) -> Result<Answer, AuthError> {
        Answer::read_limited(response, BODY_LIMIT).await
    }

    /// An answer read whole, within `limit` bytes: for bodies that are not protocol answers
    /// (posters and avatars have their own, larger cap).
    pub async fn read_limited(mut response: Response, limit: usize) -> Result<Answer, AuthError> {
        let status = response.status();
        let headers = response.headers().clone();
        if response
            .content_length()
            .is_some_and(|len| len > limit as u64)
        {
            return Err(AuthError::TooLarge);
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| AuthError::network(&e))? {
            if body.len() + chunk.len() > limit {
                return Err(AuthError::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Answer {
            status,
            headers,
            body,
        })
    }

    /// `Retry-After`, when present and readable; at most 10 min.
    pub fn retry_after(&self) -> Option<Duration> {
        retry_after(&self.headers)
    }
}

/// Sends a GET and reads a JSON document from its 2xx answer; any other status is an
/// [`AuthError::Http`] (transient or not, as its status says).
pub async fn get_json<T: serde::de::DeserializeOwned>(
    request: reqwest::RequestBuilder,
    what: &'static str,
) -> Result<T, AuthError> {
    let response = request.send().await.map_err(|e| AuthError::network(&e))?;
    let answer = Answer::read(response).await?;
    if !answer.status.is_success() {
        return Err(AuthError::Http {
            status: answer.status.as_u16(),
            retry_after: answer.retry_after(),
        });
    }
    serde_json::from_slice(&answer.body).map_err(|e| AuthError::Malformed {
        what,
        detail: e.to_string(),
    })
}

/// `Retry-After` as seconds or as an HTTP date (RFC 9110 §10.2.3), bounded. A date is read
/// against the answer's own `Date` header when there is one, so a box whose clock is off
/// still waits as long as the server meant.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let wait = match value.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => {
            let until = httpdate::parse_http_date(value).ok()?;
            let now = headers
                .get(DATE)
                .and_then(|d| d.to_str().ok())
                .and_then(|d| httpdate::parse_http_date(d).ok())
                .unwrap_or_else(std::time::SystemTime::now);
            until.duration_since(now).unwrap_or_default()
        }
    };
    Some(bounds::retry_after(wait))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    reqwest::header::HeaderName::from_static(k),
                    HeaderValue::from_str(v).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date_and_bounded() {
        assert_eq!(
            retry_after(&headers(&[("retry-after", "42")])),
            Some(Duration::from_secs(42))
        );
        assert_eq!(
            retry_after(&headers(&[("retry-after", "18446744073709551615")])),
            Some(bounds::MAX_RETRY_AFTER)
        );
        assert_eq!(
            retry_after(&headers(&[
                ("retry-after", "Wed, 21 Oct 2015 07:28:30 GMT"),
                ("date", "Wed, 21 Oct 2015 07:28:00 GMT"),
            ])),
            Some(Duration::from_secs(30))
        );
        // A date in the past means now.
        assert_eq!(
            retry_after(&headers(&[(
                "retry-after",
                "Wed, 21 Oct 2015 07:28:00 GMT"
            )])),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers(&[("retry-after", "-5")])), None);
        assert_eq!(retry_after(&headers(&[("retry-after", "soon")])), None);
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }
}
