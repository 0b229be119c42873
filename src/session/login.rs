//! Sign-in through the device flow as one `Stream` of events, consumed alike by the command
//! line and the TV app: the code to show, then the poller's news, then who signed in.

use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{Stream, StreamExt};

use super::{Account, Profile, SessionError};
use crate::auth::AuthError;
use crate::auth::backoff::{Backoff, Jitter};
use crate::auth::device::{self, PollEvent, PollRules};

/// The code and where to enter it. The device code itself never leaves the core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeInfo {
    /// The short code the person types on the phone.
    pub user_code: String,
    /// The address the person visits to type the code.
    pub verification_uri: String,
    /// The address with the code filled in (for the QR code); the plain address when the
    /// provider gives none.
    pub verification_uri_complete: String,
    /// How long the code stays valid, as the provider said (for "valid for 15 minutes").
    pub expires_in: Duration,
    /// When the code expires, on the monotonic clock.
    pub expires_at: Instant,
    /// The time between polls, as the provider asked at first.
    pub interval: Duration,
}

/// What happens during a sign-in.
#[derive(Debug, Clone)]
pub enum LoginEvent {
    /// No code could be had (network or server trouble); the request is made again then.
    /// The TV waits for it; the command line gives up (exit status 6).
    CodeUnavailable {
        /// When the code is asked for again.
        retry_at: Instant,
        /// Why no code could be had.
        error: SessionError,
    },
    /// Show this code.
    Code(CodeInfo),
    /// Still waiting for the person to answer on the phone.
    Pending {
        /// When the next poll is due.
        next_poll_at: Instant,
    },
    /// The server asked to poll more slowly.
    SlowedDown {
        /// The new interval between polls, kept from now on.
        interval: Duration,
    },
    /// No network or server trouble; polling resumes then.
    Offline {
        /// When polling resumes.
        retry_at: Instant,
        /// What failed.
        error: AuthError,
    },
    /// The person approved: the session is saved and this is who signed in.
    SignedIn(Profile),
    /// The code expired before the person answered: a new one is needed.
    Expired,
    /// The person declined on the phone.
    Denied,
    /// The sign-in failed for good (provider refused, tokens unusable, files unwritable).
    Failed(SessionError),
}

impl LoginEvent {
    /// Whether the sign-in is over after this event (nothing follows it).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            LoginEvent::SignedIn(_)
                | LoginEvent::Expired
                | LoginEvent::Denied
                | LoginEvent::Failed(_)
        )
    }
}

type PollStream = Pin<Box<dyn Stream<Item = PollEvent> + Send>>;

enum Phase {
    /// Requesting a code, after waiting until `retry_at` when the last request failed.
    Start {
        backoff: Backoff,
        retry_at: Option<Instant>,
    },
    Polling(PollStream),
    Done,
}

impl Account {
    /// Requests a code and polls until the sign-in ends. Dropping the stream stops polling.
    pub fn login(self: Arc<Self>) -> impl Stream<Item = LoginEvent> + Send {
        let start = Phase::Start {
            backoff: Backoff::new(Jitter::random()),
            retry_at: None,
        };
        futures_util::stream::unfold((self, start), |(account, phase)| async move {
            match phase {
                Phase::Start {
                    mut backoff,
                    retry_at,
                } => {
                    if let Some(at) = retry_at {
                        tokio::time::sleep_until(at.into()).await;
                    }
                    match account.start_device_flow().await {
                        Ok((code, events)) => {
                            Some((LoginEvent::Code(code), (account, Phase::Polling(events))))
                        }
                        Err(SessionError::Offline(error)) => {
                            let wait = backoff.next(device::DEFAULT_INTERVAL, error.retry_after());
                            let retry_at = Instant::now() + wait;
                            let event = LoginEvent::CodeUnavailable {
                                retry_at,
                                error: SessionError::Offline(error),
                            };
                            let next = Phase::Start {
                                backoff,
                                retry_at: Some(retry_at),
                            };
                            Some((event, (account, next)))
                        }
                        Err(error) => Some((LoginEvent::Failed(error), (account, Phase::Done))),
                    }
                }
                Phase::Polling(mut events) => {
                    let event = events.next().await?;
                    let event = match event {
                        PollEvent::Authorized(tokens) => {
                            match account.complete_sign_in(tokens, None).await {
                                Ok(profile) => LoginEvent::SignedIn(profile),
                                Err(error) => LoginEvent::Failed(error),
                            }
                        }
                        PollEvent::Pending { next_poll_at } => LoginEvent::Pending { next_poll_at },
                        PollEvent::SlowedDown { interval, .. } => {
                            LoginEvent::SlowedDown { interval }
                        }
                        PollEvent::Offline { retry_at, error } => {
                            LoginEvent::Offline { retry_at, error }
                        }
                        PollEvent::Expired => LoginEvent::Expired,
                        PollEvent::Denied => LoginEvent::Denied,
                        PollEvent::Failed(error) => LoginEvent::Failed(error.into()),
                    };
                    let next = if event.is_final() {
                        Phase::Done
                    } else {
                        Phase::Polling(events)
                    };
                    Some((event, (account, next)))
                }
                Phase::Done => None,
            }
        })
    }

    async fn start_device_flow(&self) -> Result<(CodeInfo, PollStream), SessionError> {
        let provider = self.provider().await?.clone();
        let settings = self.shared.config.client_settings();
        let identity = self.identity()?;
        let authorization = device::request_authorization(
            self.http()?,
            &provider,
            &settings,
            &identity.auth(&provider),
        )
        .await?;
        let received_at = Instant::now();
        // The key is made now, so that every poll carries a proof by it.
        let dpop = self.sign_in_dpop(&provider)?;
        let rules = PollRules::new(
            authorization.interval,
            authorization.expires_in,
            received_at,
        );
        let code = CodeInfo {
            user_code: authorization.user_code.clone(),
            verification_uri: authorization.verification_uri.clone(),
            verification_uri_complete: authorization
                .verification_uri_complete
                .clone()
                .unwrap_or_else(|| authorization.verification_uri.clone()),
            expires_in: authorization.expires_in,
            expires_at: rules.deadline(),
            interval: rules.interval(),
        };
        let events = device::poll(
            self.http()?.clone(),
            provider,
            identity,
            authorization,
            received_at,
            dpop,
        );
        Ok((code, Box::pin(events)))
    }
}
