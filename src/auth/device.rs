//! RFC 8628: the device authorization request, and the poller — pure decisions with an
//! injected clock ([`PollRules`]) driven by an iced-free `Stream` ([`poll`]).

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::Stream;
use serde::Deserialize;

use super::backoff::{Backoff, Jitter};
use super::credentials::ClientIdentity;
use super::dpop::Dpop;
use super::error_code::ErrorCode;
use super::http::Answer;
use super::secret::Secret;
use super::token::{self, ClientAuth, TokenAnswer, TokenSet};
use super::{AuthError, ClientSettings, Provider, bounds, lenient};

/// The grant type of a device code poll.
pub const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// RFC 8628 §3.2: the interval when the server gives none (oidc-provider gives none).
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
/// RFC 8628 §3.5: what `slow_down` adds, for this and all later polls.
pub const SLOW_DOWN_STEP: Duration = Duration::from_secs(5);
pub use super::backoff::MAX_BACKOFF;

/// A device authorization answer (RFC 8628 §3.2). The device code is never shown.
#[derive(Debug)]
pub struct DeviceAuthorization {
    /// The code the TV polls with; a secret, since whoever holds it gets the tokens.
    pub device_code: Secret,
    /// The short code the person types on the phone.
    pub user_code: String,
    /// The address the person visits to type the code.
    pub verification_uri: String,
    /// The same address with the code filled in, for the QR code, if the server sent one.
    pub verification_uri_complete: Option<String>,
    /// How long the codes stay valid.
    pub expires_in: Duration,
    /// `None` when the server sent none.
    pub interval: Option<Duration>,
}

/// A device authorization answer as written on the wire (RFC 8628 §3.2), with Google's
/// `verification_url` spelling beside the standard one.
#[derive(Debug, Deserialize)]
struct AuthorizationBody {
    #[serde(default, deserialize_with = "lenient::text")]
    device_code: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    user_code: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    verification_uri: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    verification_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    verification_uri_complete: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    verification_url_complete: Option<String>,
    #[serde(default, deserialize_with = "lenient::seconds")]
    expires_in: Option<u64>,
    #[serde(default, deserialize_with = "lenient::seconds")]
    interval: Option<u64>,
}

/// Reads a device authorization answer, accepting `verification_url` (Google's spelling) and
/// numbers sent as strings. The status speaks first: 5xx and 429 are server trouble whatever
/// the body says; the stated lifetime and interval are bounded.
pub fn parse_authorization(answer: &Answer) -> Result<DeviceAuthorization, AuthError> {
    let status = answer.status;
    if status.is_server_error() || status.as_u16() == 429 {
        return Err(AuthError::Http {
            status: status.as_u16(),
            retry_after: answer.retry_after(),
        });
    }
    if let Some((code, description)) = token::oauth_error(&answer.body) {
        return Err(AuthError::OAuth { code, description });
    }
    let malformed = |detail: String| AuthError::Malformed {
        what: "device authorization endpoint",
        detail,
    };
    let body: AuthorizationBody = serde_json::from_slice(&answer.body)
        .ok()
        .filter(|_| status.is_success())
        .ok_or_else(|| malformed(format!("HTTP {} without a JSON answer", status.as_u16())))?;
    let missing = |field: &str| malformed(format!("no {field}"));
    Ok(DeviceAuthorization {
        device_code: Secret::new(body.device_code.ok_or_else(|| missing("device_code"))?),
        user_code: body.user_code.ok_or_else(|| missing("user_code"))?,
        verification_uri: body
            .verification_uri
            .or(body.verification_url)
            .ok_or_else(|| missing("verification_uri"))?,
        verification_uri_complete: body
            .verification_uri_complete
            .or(body.verification_url_complete),
        expires_in: bounds::code_lifetime(body.expires_in),
        interval: bounds::interval(body.interval),
    })
}

/// RFC 8628 §3.1: asks for a device code and a user code.
pub async fn request_authorization(
    http: &reqwest::Client,
    provider: &Provider,
    settings: &ClientSettings,
    auth: &ClientAuth<'_>,
) -> Result<DeviceAuthorization, AuthError> {
    let endpoint = provider
        .device_authorization_endpoint
        .as_ref()
        .ok_or_else(|| {
            super::discovery::missing_endpoint(
                "device authorization endpoint",
                "device_authorization_endpoint",
            )
        })?;
    let mut params = vec![("scope", settings.scope.as_str())];
    if let Some(audience) = &settings.audience {
        params.push(("audience", audience.as_str()));
    }
    let answer = token::post_form(http, endpoint, &params, auth, None).await?;
    parse_authorization(&answer)
}

/// What one poll answered, classified.
#[derive(Debug)]
pub enum PollResponse {
    /// `authorization_pending`: the person has not answered yet.
    Pending,
    /// `slow_down`: poll less often from now on.
    SlowDown,
    /// The person approved: the tokens.
    Tokens(TokenSet),
    /// `expired_token`: the device code ran out before the person answered.
    Expired,
    /// `access_denied`: the person declined.
    Denied,
    /// The server refused for good (e.g. `invalid_grant`, `invalid_client`).
    Refused(AuthError),
    /// Network down, 5xx, 429 without an OAuth error: try again later.
    Unavailable(AuthError),
}

impl PollResponse {
    /// Sorts a token endpoint answer to a device code poll into what the poller does next.
    pub fn classify(result: Result<TokenAnswer, AuthError>) -> PollResponse {
        match result {
            Ok(TokenAnswer::Tokens(tokens)) => PollResponse::Tokens(tokens),
            Ok(TokenAnswer::Error {
                code,
                description,
                client_error,
            }) => match code {
                ErrorCode::AuthorizationPending => PollResponse::Pending,
                ErrorCode::SlowDown => PollResponse::SlowDown,
                ErrorCode::ExpiredToken => PollResponse::Expired,
                // Only a 4xx OAuth answer is the person's refusal.
                ErrorCode::AccessDenied if client_error => PollResponse::Denied,
                code => PollResponse::Refused(AuthError::OAuth { code, description }),
            },
            Err(error) if error.is_transient() => PollResponse::Unavailable(error),
            Err(error) => PollResponse::Refused(error),
        }
    }
}

/// What the poller reports, one event per response (and one at the deadline).
#[derive(Debug)]
pub enum PollEvent {
    /// Still waiting for the person; the next poll is due then.
    Pending {
        /// When the next poll is due.
        next_poll_at: Instant,
    },
    /// The server asked to poll more slowly: the new interval, kept from now on.
    SlowedDown {
        /// The new interval between polls.
        interval: Duration,
        /// When the next poll is due.
        next_poll_at: Instant,
    },
    /// The network or server is unavailable; polling resumes then.
    Offline {
        /// When polling resumes.
        retry_at: Instant,
        /// The transient failure that stopped this poll.
        error: AuthError,
    },
    /// The person approved: the tokens, not yet stored.
    Authorized(TokenSet),
    /// The code expired (the server said so, or the local deadline passed).
    Expired,
    /// The person declined.
    Denied,
    /// The server refused for good, or the answer could not be used; polling stops.
    Failed(AuthError),
}

impl PollEvent {
    /// Whether polling is over after this event.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            PollEvent::Authorized(_)
                | PollEvent::Expired
                | PollEvent::Denied
                | PollEvent::Failed(_)
        )
    }
}

/// The polling decisions (RFC 8628 §3.4–3.5 plus what real networks need), as pure functions
/// of the responses and the time they arrived.
#[derive(Debug, Clone)]
pub struct PollRules {
    interval: Duration,
    deadline: Instant,
    backoff: Backoff,
}

impl PollRules {
    /// Starts at `now`, the time the device authorization answer arrived. The interval and
    /// lifetime are bounded here too, whoever parsed them. Backoffs get random jitter.
    pub fn new(interval: Option<Duration>, expires_in: Duration, now: Instant) -> PollRules {
        PollRules::with_jitter(interval, expires_in, now, Jitter::random())
    }

    /// As [`PollRules::new`], with the given jitter (tests choose none, or a seed).
    pub fn with_jitter(
        interval: Option<Duration>,
        expires_in: Duration,
        now: Instant,
        jitter: Jitter,
    ) -> PollRules {
        let interval = interval
            .filter(|i| !i.is_zero())
            .unwrap_or(DEFAULT_INTERVAL)
            .min(bounds::MAX_INTERVAL);
        PollRules {
            interval,
            deadline: now + expires_in.min(bounds::MAX_CODE_LIFETIME),
            backoff: Backoff::new(jitter),
        }
    }

    /// The time between polls, as bounded and slowed down so far.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// When the code expires locally: the device authorization's `expires_in` after it arrived,
    /// bounded.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// When the first poll is due: one interval after the code arrived.
    pub fn first_poll_at(&self, now: Instant) -> Instant {
        now + self.interval
    }

    /// Whether the code has expired locally by `now`.
    pub fn expired(&self, now: Instant) -> bool {
        now >= self.deadline
    }

    /// The event for a response received at `now`. Each interval counts from the receipt of
    /// the previous response.
    pub fn after(&mut self, response: PollResponse, now: Instant) -> PollEvent {
        if !matches!(response, PollResponse::Unavailable(_)) {
            self.backoff.reset();
        }
        match response {
            PollResponse::Tokens(tokens) => PollEvent::Authorized(tokens),
            PollResponse::Expired => PollEvent::Expired,
            PollResponse::Denied => PollEvent::Denied,
            PollResponse::Refused(error) => PollEvent::Failed(error),
            _ if self.expired(now) => PollEvent::Expired,
            PollResponse::Pending => PollEvent::Pending {
                next_poll_at: now + self.interval,
            },
            PollResponse::SlowDown => {
                self.interval = (self.interval + SLOW_DOWN_STEP).min(bounds::MAX_INTERVAL);
                PollEvent::SlowedDown {
                    interval: self.interval,
                    next_poll_at: now + self.interval,
                }
            }
            PollResponse::Unavailable(error) => PollEvent::Offline {
                retry_at: now + self.backoff.next(self.interval, error.retry_after()),
                error,
            },
        }
    }
}

/// When the poller wakes next: the poll time, but never past the deadline.
fn wake_at(rules: &PollRules, event: &PollEvent) -> Option<Instant> {
    let next = match event {
        PollEvent::Pending { next_poll_at } | PollEvent::SlowedDown { next_poll_at, .. } => {
            *next_poll_at
        }
        PollEvent::Offline { retry_at, .. } => *retry_at,
        _ => return None,
    };
    Some(next.min(rules.deadline()))
}

/// Polls the token endpoint for `authorization` until it ends, one event per response, each
/// poll with a proof by `dpop` when given. `received_at` is when the device authorization
/// answer arrived. Dropping the stream stops polling at once.
pub fn poll(
    http: reqwest::Client,
    provider: Provider,
    client: Arc<ClientIdentity>,
    authorization: DeviceAuthorization,
    received_at: Instant,
    dpop: Option<Dpop>,
) -> impl Stream<Item = PollEvent> + Send {
    let rules = PollRules::new(
        authorization.interval,
        authorization.expires_in,
        received_at,
    );
    let first = rules.first_poll_at(received_at).min(rules.deadline());
    let device_code = authorization.device_code;
    futures_util::stream::unfold(Some((rules, first)), move |state| {
        let (http, provider, client) = (http.clone(), provider.clone(), client.clone());
        let dpop = dpop.clone();
        let device_code = device_code.duplicate();
        async move {
            let (mut rules, wake) = state?;
            tokio::time::sleep_until(wake.into()).await;
            if rules.expired(std::time::Instant::now()) {
                return Some((PollEvent::Expired, None));
            }
            let params = [
                ("grant_type", GRANT_TYPE),
                ("device_code", device_code.expose()),
            ];
            let auth = client.auth(&provider);
            let result = token::request(&http, &provider, &params, &auth, dpop.as_ref()).await;
            let event = rules.after(PollResponse::classify(result), std::time::Instant::now());
            let next = wake_at(&rules, &event).map(|at| (rules, at));
            Some((event, next))
        }
    })
}

#[cfg(test)]
mod tests;
