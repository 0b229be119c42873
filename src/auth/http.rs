//! The one HTTP client: rustls, no redirects (a token request must never be replayed to
//! another host), timeouts on every request, and bodies capped before parsing.

use std::time::Duration;

use reqwest::header::{ACCEPT_LANGUAGE, HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{Response, StatusCode};

use super::AuthError;
use crate::i18n::Lang;

/// No answer tvauth expects is near this size; a larger one is refused unread.
pub const BODY_LIMIT: usize = 1 << 20;

/// The client, asking servers to answer in `lang` (error descriptions, API data such as a
/// library's genres), English next.
pub fn client(lang: Lang) -> Result<reqwest::Client, AuthError> {
    let accept_language = match lang {
        Lang::En => "en",
        Lang::Fr => "fr, en;q=0.5",
    };
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
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
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

    /// `Retry-After` in seconds, when present and numeric.
    pub fn retry_after(&self) -> Option<Duration> {
        retry_after(&self.headers)
    }
}

pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}
