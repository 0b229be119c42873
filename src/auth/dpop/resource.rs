//! Requests to a protected resource (the API, userinfo) with an access token: as a Bearer
//! token, or, when the token is bound, as `Authorization: DPoP` with a proof carrying its
//! `ath`; once more with the resource server's nonce when it asks for one (RFC 9449 §9).

use reqwest::header::AUTHORIZATION;
use url::Url;

use super::{Dpop, HEADER, is_nonce_request};
use crate::auth::http::Answer;
use crate::auth::{AuthError, Secret, bearer};

/// GETs `url` with `access`, bound to `dpop` when given.
pub async fn get(
    http: &reqwest::Client,
    url: &Url,
    access: &Secret,
    dpop: Option<&Dpop>,
) -> Result<Answer, AuthError> {
    let answer = send(http, url, access, dpop).await?;
    let Some(dpop) = dpop else {
        return Ok(answer);
    };
    let new_nonce = dpop.observe(url, &answer.headers);
    let asks_nonce = answer.status.as_u16() == 401
        && bearer::error_code(&answer).is_some_and(|code| is_nonce_request(&code));
    if !(new_nonce && asks_nonce) {
        return Ok(answer);
    }
    tracing::debug!("the resource server asked for a DPoP nonce: once more with it");
    let answer = send(http, url, access, Some(dpop)).await?;
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
