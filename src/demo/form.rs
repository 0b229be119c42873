//! Strict parsing of `application/x-www-form-urlencoded` bodies and query strings:
//! the right content type, a size limit, and no parameter twice (RFC 6749 §3.1).

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
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
    /// Parses a POST body, checking its content type.
    pub fn from_body(
        headers: &HeaderMap,
        body: Result<Bytes, BytesRejection>,
    ) -> Result<Form, FormError> {
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let mime = content_type.split(';').next().unwrap_or_default().trim();
        if !mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
            return Err(FormError::WrongContentType);
        }
        let body = body.map_err(|_| FormError::Unreadable)?;
        Form::from_encoded(&body)
    }

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

#[cfg(test)]
mod tests {
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

    #[test]
    fn content_type_is_checked() {
        let mut headers = HeaderMap::new();
        let body = || Ok(Bytes::from_static(b"a=1"));
        assert_eq!(
            Form::from_body(&headers, body()).err(),
            Some(FormError::WrongContentType)
        );
        headers.insert(
            header::CONTENT_TYPE,
            "application/x-www-form-urlencoded; charset=UTF-8"
                .parse()
                .unwrap_or(header::HeaderValue::from_static("")),
        );
        assert!(Form::from_body(&headers, body()).is_ok());
    }
}
