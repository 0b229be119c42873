//! The token endpoint: requests for each grant, and reading its answers leniently, as real
//! providers send them: errors with HTTP 400/401/403/429 or inside an HTTP 200 body, numbers
//! as strings.

use serde_json::Value;

use super::http::Answer;
use super::secret::Secret;
use super::{AuthError, Provider};

/// Tokens from a successful answer.
#[derive(Debug)]
pub struct TokenSet {
    pub access_token: Secret,
    pub token_type: String,
    pub expires_in: Option<u64>,
    pub refresh_token: Option<Secret>,
    pub id_token: Option<Secret>,
    pub scope: Option<String>,
}

/// What the token endpoint said.
#[derive(Debug)]
pub enum TokenAnswer {
    Tokens(TokenSet),
    /// An OAuth error code (RFC 6749 §5.2), whatever HTTP status carried it.
    Error {
        code: String,
        description: Option<String>,
    },
}

/// A number as a JSON number or a string of digits (both are seen in the wild).
pub fn lenient_u64(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn string_field(body: &Value, name: &str) -> Option<String> {
    body.get(name)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Reads a token endpoint answer. Transport-level trouble (5xx, 429 without an OAuth error,
/// a body that is not JSON) is an `Err`; an OAuth error in any status is `TokenAnswer::Error`.
pub fn parse_answer(answer: &Answer) -> Result<TokenAnswer, AuthError> {
    let body: Option<Value> = serde_json::from_slice(&answer.body).ok();
    if let Some(code) = body.as_ref().and_then(|b| string_field(b, "error")) {
        let description = body
            .as_ref()
            .and_then(|b| string_field(b, "error_description"));
        return Ok(TokenAnswer::Error { code, description });
    }
    let status = answer.status;
    if status.is_server_error() || status.as_u16() == 429 {
        return Err(AuthError::Http {
            status: status.as_u16(),
            retry_after: answer.retry_after(),
        });
    }
    let Some(body) = body.filter(|_| status.is_success()) else {
        return Err(AuthError::Malformed {
            what: "token endpoint",
            detail: format!("HTTP {} without a JSON answer", status.as_u16()),
        });
    };
    let access_token = string_field(&body, "access_token").ok_or(AuthError::Malformed {
        what: "token endpoint",
        detail: "no access_token".into(),
    })?;
    Ok(TokenAnswer::Tokens(TokenSet {
        access_token: Secret::new(access_token),
        token_type: string_field(&body, "token_type").unwrap_or_else(|| "Bearer".into()),
        expires_in: body.get("expires_in").and_then(lenient_u64),
        refresh_token: string_field(&body, "refresh_token").map(Secret::new),
        id_token: string_field(&body, "id_token").map(Secret::new),
        scope: string_field(&body, "scope"),
    }))
}

/// How the client proves who it is at the token endpoint.
#[derive(Debug)]
pub enum ClientAuth<'a> {
    /// A public client: `client_id` in the body.
    None { client_id: &'a str },
    /// `client_secret_post`.
    Post {
        client_id: &'a str,
        secret: &'a Secret,
    },
    /// `client_secret_basic`.
    Basic {
        client_id: &'a str,
        secret: &'a Secret,
    },
}

/// POSTs a form to an endpoint with client authentication; returns the raw answer.
pub async fn post_form(
    http: &reqwest::Client,
    url: &url::Url,
    params: &[(&str, &str)],
    auth: &ClientAuth<'_>,
) -> Result<Answer, AuthError> {
    let mut form: Vec<(&str, &str)> = params.to_vec();
    let mut request = http.post(url.clone());
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

/// A token request: sends, then reads the answer.
pub async fn request(
    http: &reqwest::Client,
    provider: &Provider,
    params: &[(&str, &str)],
    auth: &ClientAuth<'_>,
) -> Result<TokenAnswer, AuthError> {
    let answer = post_form(http, &provider.token_endpoint, params, auth).await?;
    parse_answer(&answer)
}

/// A `{"error": …}` answer turned into an error, for grants that have no pending states.
pub fn into_tokens(answer: TokenAnswer) -> Result<TokenSet, AuthError> {
    match answer {
        TokenAnswer::Tokens(tokens) => Ok(tokens),
        TokenAnswer::Error { code, description } => Err(AuthError::OAuth { code, description }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::StatusCode;
    use reqwest::header::HeaderMap;

    fn answer(status: u16, body: &str) -> Answer {
        Answer {
            status: StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body: body.as_bytes().to_vec(),
        }
    }

    fn error_code(a: &Answer) -> String {
        match parse_answer(a) {
            Ok(TokenAnswer::Error { code, .. }) => code,
            other => panic!("expected an OAuth error, got {other:?}"),
        }
    }

    #[test]
    fn errors_are_read_whatever_the_status() {
        for status in [400, 401, 403, 429, 200] {
            assert_eq!(
                error_code(&answer(status, r#"{"error":"authorization_pending"}"#)),
                "authorization_pending",
                "HTTP {status}"
            );
        }
    }

    #[test]
    fn numbers_may_be_strings() {
        let parsed = parse_answer(&answer(
            200,
            r#"{"access_token":"a","expires_in":"3600","token_type":"bearer"}"#,
        ));
        match parsed {
            Ok(TokenAnswer::Tokens(t)) => assert_eq!(t.expires_in, Some(3600)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn server_trouble_is_transient_and_garbage_is_malformed() {
        assert!(matches!(
            parse_answer(&answer(503, "<html>down</html>")),
            Err(AuthError::Http { status: 503, .. })
        ));
        assert!(matches!(
            parse_answer(&answer(429, "")),
            Err(AuthError::Http { status: 429, .. })
        ));
        assert!(matches!(
            parse_answer(&answer(200, "<html>captive portal</html>")),
            Err(AuthError::Malformed { .. })
        ));
        assert!(matches!(
            parse_answer(&answer(200, r#"{"token_type":"Bearer"}"#)),
            Err(AuthError::Malformed { .. })
        ));
    }
}
