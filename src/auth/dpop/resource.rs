//! Requests to a protected resource (the API, userinfo) with an access token: as a Bearer
//! token, or, when the token is bound, as `Authorization: DPoP` with a proof carrying its
//! `ath`; once more with the resource server's nonce when it asks for one (RFC 9449 §9), or
//! with a corrected `iat` when it refuses the proof and its `Date` shows this box is off.

use reqwest::header::AUTHORIZATION;
use url::Url;

use super::{Dpop, HEADER};
use crate::auth::http::Answer;
use crate::auth::{AuthError, Secret, bearer};

/// GETs `url` with `access`, bound to `dpop` when given.
pub async fn get(
    http: &reqwest::Client,
    url: &Url,
    access: &Secret,
    dpop: Option<&Dpop>,
) -> Result<Answer, AuthError> {
    let mut answer = send(http, url, access, dpop).await?;
    let Some(dpop) = dpop else {
        return Ok(answer);
    };
    // At most twice: a server may refuse the proof's time, then ask for its nonce.
    for _ in 0..2 {
        let learned = dpop.observe(url, &answer.headers);
        let refusal = bearer::error_code(&answer).filter(|_| answer.status.as_u16() == 401);
        if !refusal.is_some_and(|code| Dpop::worth_retrying(&code, learned)) {
            return Ok(answer);
        }
        tracing::debug!("DPoP proof refused for its nonce or time: once more");
        answer = send(http, url, access, Some(dpop)).await?;
    }
    dpop.observe(url, &answer.headers);
    Ok(answer)
}

async fn send(
    http: &reqwest::Client,
    url: &Url,
    access: &Secret,
    dpop: Option<&Dpop>,
) -> Result<Answer, AuthError> {
    let request = match dpop {
        None => http.get(url.clone()).bearer_auth(access.expose()),
        Some(dpop) => {
            let proof = dpop.proof("GET", url, Some(access))?;
            http.get(url.clone())
                .header(AUTHORIZATION, format!("DPoP {}", access.expose()))
                .header(HEADER, proof.expose())
        }
    };
    let response = request.send().await.map_err(|e| AuthError::network(&e))?;
    Answer::read(response).await
}
