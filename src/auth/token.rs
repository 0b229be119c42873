//! The token endpoint: requests for each grant, and reading its answers leniently, as real
//! providers send them: errors with HTTP 400/401/403/429 or inside an HTTP 200 body, numbers
//! as strings.

use std::sync::Arc;

use serde::Deserialize;

use super::clock_offset::Receipt;
use super::dpop::{self, Dpop, DpopKey};
use super::error_code::ErrorCode;
use super::http::Answer;
use super::secret::Secret;
use super::{AuthError, Provider, bounds, lenient};

/// Tokens from a successful answer.
#[derive(Debug)]
pub struct TokenSet {
    /// The token to call the API with.
    pub access_token: Secret,
    /// How to present the access token: `Bearer`, or `DPoP` for a sender-constrained one.
    pub token_type: String,
    /// The key the tokens are bound to, when the provider bound them (`token_type` `DPoP`):
    /// they are only ever sent with a proof by it.
    pub dpop: Option<Arc<DpopKey>>,
    /// The access token's lifetime in seconds, if the server said (bounded when read).
    pub expires_in: Option<u64>,
    /// The token that gets new access tokens without the person; `None` without `offline_access`.
    pub refresh_token: Option<Secret>,
    /// The OpenID Connect ID token (a JWT), still to be validated.
    pub id_token: Option<Secret>,
    /// The scopes granted, if the server said (it may leave them out when they are those asked).
    pub scope: Option<String>,
    /// How long the session lasts from this answer, in seconds, when the provider says
    /// (`refresh_token_expires_in`, as Microsoft's identity platform sends it; bounded when
    /// read): the refresh token stops working then, however often it is used.
    pub refresh_token_expires_in: Option<u64>,
    /// When the answer arrived and how far off this box's clock was: the lifetimes above
    /// count from here, and the ID token's time claims are judged by the provider's clock.
    pub received: Receipt,
}

/// What the token endpoint said.
#[derive(Debug)]
pub enum TokenAnswer {
    /// The server issued tokens.
    Tokens(TokenSet),
    /// An OAuth error code (RFC 6749 §5.2) in an answer that is not server trouble.
    Error {
        /// The `error` value.
        code: ErrorCode,
        /// The server's `error_description`, if it sent one.
        description: Option<String>,
        /// Whether it came as a 4xx, the only status that can end a flow or a session
        /// (some providers put `{"error": …}` in a 200).
        client_error: bool,
    },
}

impl TokenAnswer {
    /// Whether this is the OAuth error `expected` in a 4xx answer: the provider's final word.
    pub fn is_final_error(&self, expected: &ErrorCode) -> bool {
        matches!(self, TokenAnswer::Error { code, client_error: true, .. } if code == expected)
    }
}

/// An OAuth error body (RFC 6749 §5.2).
#[derive(Debug, Deserialize)]
struct ErrorBody {
    #[serde(default, deserialize_with = "lenient::text")]
    error: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    error_description: Option<String>,
}

/// A successful token answer (RFC 6749 §5.1), as leniently as providers write it.
#[derive(Debug, Deserialize)]
struct TokenBody {
    #[serde(default, deserialize_with = "lenient::text")]
    access_token: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    token_type: Option<String>,
    #[serde(default, deserialize_with = "lenient::seconds")]
    expires_in: Option<u64>,
    #[serde(default, deserialize_with = "lenient::text")]
    refresh_token: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    id_token: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    scope: Option<String>,
    #[serde(default, deserialize_with = "lenient::seconds")]
    refresh_token_expires_in: Option<u64>,
}

/// The `error` code and description of an OAuth error body, if the body is one.
pub fn oauth_error(body: &[u8]) -> Option<(ErrorCode, Option<String>)> {
    let body: ErrorBody = serde_json::from_slice(body).ok()?;
    Some((ErrorCode::parse(&body.error?), body.error_description))
}

/// The status speaks before the body: a 5xx is server trouble whatever it carries (Auth0 has
/// been seen answering 500 `access_denied` under a rate limit), and a 429 is rate limiting
/// unless it says `slow_down` or `authorization_pending` (Auth0 sends those as 429 or 403,
/// and they keep their meaning). `None`: read the body.
pub fn transient_status(answer: &Answer) -> Option<AuthError> {
    let status = answer.status.as_u16();
    let polling_answer = || {
        matches!(
            oauth_error(&answer.body),
            Some((ErrorCode::SlowDown | ErrorCode::AuthorizationPending, _))
        )
    };
    let transient = answer.status.is_server_error() || (status == 429 && !polling_answer());
    transient.then(|| AuthError::Http {
        status,
        retry_after: answer.retry_after(),
    })
}

/// Reads a token endpoint answer. Transport-level trouble (5xx, 429 without a polling code,
/// a body that is not JSON) is an `Err`; an OAuth error otherwise is `TokenAnswer::Error`.
pub fn parse_answer(answer: &Answer) -> Result<TokenAnswer, AuthError> {
    if let Some(trouble) = transient_status(answer) {
        return Err(trouble);
    }
    let status = answer.status;
    if let Some((code, description)) = oauth_error(&answer.body) {
        return Ok(TokenAnswer::Error {
            code,
            description,
            client_error: status.is_client_error(),
        });
    }
    let malformed = |detail: String| AuthError::Malformed {
        what: "token endpoint",
        detail,
    };
    let body: TokenBody = serde_json::from_slice(&answer.body)
        .ok()
        .filter(|_| status.is_success())
        .ok_or_else(|| malformed(format!("HTTP {} without a JSON answer", status.as_u16())))?;
    let access_token = body
        .access_token
        .ok_or_else(|| malformed("no access_token".into()))?;
    Ok(TokenAnswer::Tokens(TokenSet {
        access_token: Secret::new(access_token),
        token_type: body.token_type.unwrap_or_else(|| "Bearer".into()),
        dpop: None,
        expires_in: bounds::token_lifetime(body.expires_in),
        refresh_token: body.refresh_token.map(Secret::new),
        id_token: body.id_token.map(Secret::new),
        scope: body.scope,
        refresh_token_expires_in: bounds::session_lifetime(body.refresh_token_expires_in),
        received: Receipt::now(&answer.headers),
    }))
}

/// How the client proves who it is at the token endpoint.
#[derive(Debug)]
pub enum ClientAuth<'a> {
    /// A public client: `client_id` in the body.
    None {
        /// The OAuth client id.
        client_id: &'a str,
    },
    /// `client_secret_post`.
    Post {
        /// The OAuth client id.
        client_id: &'a str,
        /// The client secret.
        secret: &'a Secret,
    },
    /// `client_secret_basic`.
    Basic {
        /// The OAuth client id.
        client_id: &'a str,
        /// The client secret.
        secret: &'a Secret,
    },
}

/// POSTs a form to an endpoint with client authentication, and a DPoP proof when `dpop` is
/// given; returns the raw answer. A server that asks for a DPoP nonce (`use_dpop_nonce` with
/// a new `DPoP-Nonce`, RFC 9449 §8), or refuses a proof while its `Date` shows this box's
/// clock is off, is asked once more with the nonce or the corrected time.
pub async fn post_form(
    http: &reqwest::Client,
    url: &url::Url,
    params: &[(&str, &str)],
    auth: &ClientAuth<'_>,
    dpop: Option<&Dpop>,
) -> Result<Answer, AuthError> {
    let mut answer = send_form(http, url, params, auth, dpop).await?;
    let Some(dpop) = dpop else {
        return Ok(answer);
    };
    // At most twice: a server may refuse the proof's time, then ask for its nonce.
    for _ in 0..2 {
        let learned = dpop.observe(url, &answer.headers);
        let refusal = oauth_error(&answer.body)
            .filter(|_| answer.status.is_client_error())
            .map(|(code, _)| code);
        if !refusal.is_some_and(|code| Dpop::worth_retrying(&code, learned)) {
            return Ok(answer);
        }
        tracing::debug!("DPoP proof refused for its nonce or time: once more");
        answer = send_form(http, url, params, auth, Some(dpop)).await?;
    }
    dpop.observe(url, &answer.headers);
    Ok(answer)
}

async fn send_form(
    http: &reqwest::Client,
    url: &url::Url,
    params: &[(&str, &str)],
    auth: &ClientAuth<'_>,
    dpop: Option<&Dpop>,
) -> Result<Answer, AuthError> {
    let mut form: Vec<(&str, &str)> = params.to_vec();
    let mut request = http.post(url.clone());
    if let Some(dpop) = dpop {
        let proof = dpop.proof("POST", url, None)?;
        request = request.header(dpop::HEADER, proof.expose());
    }
    match auth {
        ClientAuth::None { client_id } => form.push(("client_id", client_id)),
        ClientAuth::Post { client_id, secret } => {
            form.push(("client_id", client_id));
            form.push(("client_secret", secret.expose()));
        }
        ClientAuth::Basic { client_id, secret } => {
            // RFC 6749 §2.3.1: each part form-urlencoded before Basic encoding.
            let encode =
                |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
            request = request.basic_auth(encode(client_id), Some(encode(secret.expose())));
        }
    }
    let response = request
        .form(&form)
        .send()
        .await
        .map_err(|e| AuthError::network(&e))?;
    Answer::read(response).await
}

/// A token request, with a DPoP proof when `dpop` is given: sends, then reads the answer.
/// Tokens the provider bound (`token_type` `DPoP`) carry their key.
pub async fn request(
    http: &reqwest::Client,
    provider: &Provider,
    params: &[(&str, &str)],
    auth: &ClientAuth<'_>,
    dpop: Option<&Dpop>,
) -> Result<TokenAnswer, AuthError> {
    let answer = post_form(http, &provider.token_endpoint, params, auth, dpop).await?;
    let mut answer = parse_answer(&answer)?;
    if let TokenAnswer::Tokens(tokens) = &mut answer {
        tokens.dpop = bound_key(&tokens.token_type, dpop)?;
    }
    Ok(answer)
}

/// The key tokens of `token_type` are bound to. A `DPoP` token answering a request that had
/// no proof cannot be used at all; a `Bearer` answer to one that had is simply unbound (the
/// provider does not bind tokens for this client).
fn bound_key(token_type: &str, dpop: Option<&Dpop>) -> Result<Option<Arc<DpopKey>>, AuthError> {
    if !token_type.eq_ignore_ascii_case("DPoP") {
        return Ok(None);
    }
    match dpop {
        Some(dpop) => Ok(Some(dpop.key().clone())),
        None => Err(AuthError::Malformed {
            what: "token endpoint",
            detail: "a DPoP-bound token for a request without a proof".into(),
        }),
    }
}

/// A `{"error": …}` answer turned into an error, for grants that have no pending states.
pub fn into_tokens(answer: TokenAnswer) -> Result<TokenSet, AuthError> {
    match answer {
        TokenAnswer::Tokens(tokens) => Ok(tokens),
        TokenAnswer::Error {
            code, description, ..
        } => Err(AuthError::OAuth { code, description }),
    }
}

#[cfg(test)]
mod tests;
