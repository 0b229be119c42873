//! "Sign in on this device" (seed 001, and seed 003 for confidential clients): the
//! authorization code flow with PKCE through the system browser and a loopback redirect.
//! Timeouts and cancelling are the caller's: dropping the future stops the listener.

use std::time::Duration;

use url::Url;

use super::{Account, Profile, SessionError};
use crate::auth::ErrorCode;
use crate::auth::loopback::{Pages, Redirect, RedirectError, RedirectListener};
use crate::auth::pkce::AuthorizationRequest;
use crate::auth::{AuthError, Secret};

/// How long the TV app and `tvauth login --browser` wait for the browser by default.
pub const BROWSER_SIGN_IN_TIMEOUT: Duration = Duration::from_secs(300);

/// A sign-in waiting for the browser to come back.
#[derive(Debug)]
pub struct BrowserSignIn {
    request: AuthorizationRequest,
    listener: RedirectListener,
}

impl BrowserSignIn {
    /// The address to open in the browser (it carries no secret: only the S256 challenge).
    pub fn url(&self) -> &Url {
        &self.request.url
    }

    /// The request as sent (state, nonce, verifier), for tests that tamper with the answer.
    pub fn request(&self) -> &AuthorizationRequest {
        &self.request
    }
}

/// How a sign-in in this device's browser ended, for the TV and the command line alike.
#[derive(Debug, Clone)]
pub enum BrowserOutcome {
    /// Signed in: who.
    SignedIn(Profile),
    /// The browser did not come back in time.
    TimedOut,
    /// The browser could not be shown the address, or the sign-in failed.
    Failed(SessionError),
}

impl Account {
    /// Signs in in this device's browser: listens on a loopback port, hands the address to
    /// `show` (which opens a browser, prints it, or both; its error ends the sign-in), then
    /// waits up to `timeout` for the browser to come back. Dropping the future cancels it.
    pub async fn sign_in_with_browser(
        &self,
        pages: &Pages,
        timeout: Duration,
        show: impl FnOnce(&Url) -> Result<(), SessionError>,
    ) -> BrowserOutcome {
        let sign_in = match self.start_browser_sign_in().await {
            Ok(sign_in) => sign_in,
            Err(error) => return BrowserOutcome::Failed(error),
        };
        if let Err(error) = show(sign_in.url()) {
            return BrowserOutcome::Failed(error);
        }
        // Only the wait for the browser is timed: a code that came back in time is redeemed,
        // never thrown away halfway through its exchange.
        let (request, code) =
            match tokio::time::timeout(timeout, self.receive_code(sign_in, pages)).await {
                Ok(Ok(received)) => received,
                Ok(Err(error)) => return BrowserOutcome::Failed(error),
                Err(_) => return BrowserOutcome::TimedOut,
            };
        match self.redeem_code(&request, &code).await {
            Ok(profile) => BrowserOutcome::SignedIn(profile),
            Err(error) => BrowserOutcome::Failed(error),
        }
    }

    /// Listens on a loopback port and builds the authorization request for it.
    pub async fn start_browser_sign_in(&self) -> Result<BrowserSignIn, SessionError> {
        let provider = self.provider().await?;
        let listener = RedirectListener::bind()
            .await
            .map_err(|e| SessionError::Redirect(RedirectError::Io(e.to_string())))?;
        let request = AuthorizationRequest::new(
            provider,
            &self.shared.config.client_settings(),
            listener.redirect_uri(),
        )?;
        Ok(BrowserSignIn { request, listener })
    }

    /// Waits for the browser, exchanges the code (with the client's secret for a
    /// confidential client) and stores the new session.
    pub async fn finish_browser_sign_in(
        &self,
        sign_in: BrowserSignIn,
        pages: &Pages,
    ) -> Result<Profile, SessionError> {
        let (request, code) = self.receive_code(sign_in, pages).await?;
        self.redeem_code(&request, &code).await
    }

    /// Waits for the browser to come back with a code (or the person's refusal).
    async fn receive_code(
        &self,
        sign_in: BrowserSignIn,
        pages: &Pages,
    ) -> Result<(AuthorizationRequest, Secret), SessionError> {
        let provider = self.provider().await?;
        let BrowserSignIn { request, listener } = sign_in;
        match listener
            .receive(&request.state, &provider.issuer, pages)
            .await?
        {
            Redirect::Code(code) => Ok((request, code)),
            Redirect::Error {
                code: ErrorCode::AccessDenied,
                ..
            } => Err(SessionError::Declined),
            Redirect::Error { code, description } => {
                Err(SessionError::Auth(AuthError::OAuth { code, description }))
            }
        }
    }

    /// The code exchange and the stored session; public so tests can present a wrong
    /// verifier through `request`.
    pub async fn redeem_code(
        &self,
        request: &AuthorizationRequest,
        code: &Secret,
    ) -> Result<Profile, SessionError> {
        let provider = self.provider().await?;
        let identity = self.identity()?;
        let dpop = self.sign_in_dpop(provider)?;
        let tokens = request
            .exchange(
                self.http()?,
                provider,
                code,
                &identity.auth(provider),
                dpop.as_ref(),
            )
            .await
            .map_err(|error| match error {
                AuthError::OAuth {
                    code: ErrorCode::InvalidGrant,
                    description,
                } => SessionError::CodeRejected(description),
                other => other.into(),
            })?;
        self.complete_sign_in(tokens, Some(&request.nonce)).await
    }
}
