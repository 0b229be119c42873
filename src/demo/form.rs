//! Strict parsing of `application/x-www-form-urlencoded` bodies and query strings (the right
//! content type, a size limit, no parameter twice: RFC 6749 §3.1), as axum extractors whose
//! rejection is the OAuth error answer.
//!
//! The JSON endpoints take [`OAuthForm`] and [`OAuthQuery`] as they are: a bad form is answered
//! `invalid_request`. The HTML pages take `Result<OAuthForm, OAuthError>` and show the refusal
//! on the page instead.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use super::oauth_error::OAuthError;

/// Request bodies larger than this are refused before parsing.
pub const BODY_LIMIT: usize = 16 * 1024;

/// Why a form could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// The body is not `application/x-www-form-urlencoded`.
    WrongContentType,
    /// The body is over [`BODY_LIMIT`] or could not be read.
    Unreadable,
    /// A parameter appears more than once.
    Repeated(String),
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormError::WrongContentType => {
                f.write_str("the body must be application/x-www-form-urlencoded")
            }
            FormError::Unreadable => write!(
                f,
                "the request body is unreadable or larger than {BODY_LIMIT} bytes"
            ),
            FormError::Repeated(name) => write!(f, "parameter '{name}' is repeated"),
        }
    }
}

impl From<FormError> for OAuthError {
    fn from(error: FormError) -> Self {
        OAuthError::invalid_request(error.to_string())
    }
}

/// The parameters of a form or query string. Empty values count as absent (RFC 6749 §3.1).
#[derive(Debug, Default, Clone)]
pub struct Form(HashMap<String, String>);

impl Form {
    /// Parses a query string (absent means empty).
    pub fn from_query(query: Option<&str>) -> Result<Form, FormError> {
        Form::from_encoded(query.unwrap_or_default().as_bytes())
    }

    fn from_encoded(encoded: &[u8]) -> Result<Form, FormError> {
        let mut params = HashMap::new();
        for (name, value) in form_urlencoded::parse(encoded) {
            if params.contains_key(name.as_ref()) {
                return Err(FormError::Repeated(name.into_owned()));
            }
            params.insert(name.into_owned(), value.into_owned());
        }
        params.retain(|_, v| !v.is_empty());
        Ok(Form(params))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// A parameter the request cannot do without.
    pub fn require(&self, name: &str) -> Result<&str, OAuthError> {
        self.get(name)
            .ok_or_else(|| OAuthError::invalid_request(format!("missing parameter '{name}'")))
    }
}

/// Checks the body's media type, parameters such as `charset` aside.
fn check_content_type(headers: &HeaderMap) -> Result<(), FormError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let mime = content_type.split(';').next().unwrap_or_default().trim();
    if mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        Ok(())
    } else {
        Err(FormError::WrongContentType)
    }
}

/// A POST body's parameters. The content type is checked before the body is read, so a wrong
/// one is refused without reading it; the body is read within the router's
/// `DefaultBodyLimit` ([`BODY_LIMIT`]).
#[derive(Debug)]
pub struct OAuthForm(pub Form);

impl<S: Send + Sync> FromRequest<S> for OAuthForm {
    type Rejection = OAuthError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        check_content_type(request.headers())?;
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|_| FormError::Unreadable)?;
        Ok(OAuthForm(Form::from_encoded(&body)?))
    }
}

/// A query string's parameters (none when there is no query).
#[derive(Debug)]
pub struct OAuthQuery(pub Form);

impl<S: Send + Sync> FromRequestParts<S> for OAuthQuery {
    type Rejection = OAuthError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(OAuthQuery(Form::from_query(parts.uri.query())?))
    }
}

#[cfg(test)]
mod tests {
    use axum::body::Body;

    use super::*;

    #[test]
    fn repeated_and_empty_parameters() {
        assert_eq!(
            Form::from_query(Some("a=1&a=2")).err(),
            Some(FormError::Repeated("a".into()))
        );
        let form = Form::from_query(Some("a=&b=x%20y")).unwrap_or_default();
        assert_eq!(form.get("a"), None);
        assert_eq!(form.get("b"), Some("x y"));
    }

    async fn extract(content_type: Option<&str>, body: &'static str) -> Result<Form, OAuthError> {
        let mut request = Request::new(Body::from(body));
        if let Some(value) = content_type.and_then(|v| v.parse().ok()) {
            request.headers_mut().insert(header::CONTENT_TYPE, value);
        }
        OAuthForm::from_request(request, &()).await.map(|f| f.0)
    }

    #[tokio::test]
    async fn content_type_is_checked() {
        let refused = extract(None, "a=1").await.err();
        assert_eq!(refused, Some(FormError::WrongContentType.into()));
        let form = extract(
            Some("application/x-www-form-urlencoded; charset=UTF-8"),
            "a=1",
        )
        .await;
        assert_eq!(
            form.ok().and_then(|f| f.get("a").map(str::to_string)),
            Some("1".into())
        );
    }

    #[tokio::test]
    async fn a_repeated_parameter_is_an_invalid_request() {
        let refused = extract(Some("application/x-www-form-urlencoded"), "a=1&a=2").await;
        let refused = refused.err().map(|e| (e.code, e.description));
        assert_eq!(
            refused,
            Some(("invalid_request", "parameter 'a' is repeated".into()))
        );
    }
}
