//! Provider metadata: OpenID Connect discovery at the issuer, or Auth0's default paths when
//! the issuer publishes none.

use serde_json::Value;
use url::Url;

use super::AuthError;
use super::http::Answer;

/// The endpoints tvauth uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    /// As the provider writes it: ID tokens' `iss` must equal it exactly.
    pub issuer: String,
    pub token_endpoint: Url,
    pub device_authorization_endpoint: Option<Url>,
    pub authorization_endpoint: Option<Url>,
    pub userinfo_endpoint: Option<Url>,
    pub revocation_endpoint: Option<Url>,
    pub jwks_uri: Url,
    pub token_endpoint_auth_methods: Vec<String>,
    pub grant_types: Vec<String>,
}

/// Whether a URL may carry tokens: https, or http to this machine only.
pub fn is_secure_or_loopback(url: &Url) -> bool {
    match url.scheme() {
        "https" => true,
        "http" => match url.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            None => false,
        },
        _ => false,
    }
}

fn with_slash(issuer: &Url) -> String {
    let mut base = issuer.to_string();
    if !base.ends_with('/') {
        base.push('/');
    }
    base
}

/// Auth0's paths under the issuer, for providers without discovery.
pub fn auth0_defaults(issuer: &Url) -> Result<Provider, AuthError> {
    let base = with_slash(issuer);
    let at = |path: &str| {
        Url::parse(&format!("{base}{path}")).map_err(|e| AuthError::Discovery(e.to_string()))
    };
    Ok(Provider {
        issuer: base.clone(),
        token_endpoint: at("oauth/token")?,
        device_authorization_endpoint: Some(at("oauth/device/code")?),
        authorization_endpoint: Some(at("authorize")?),
        userinfo_endpoint: Some(at("userinfo")?),
        revocation_endpoint: Some(at("oauth/revoke")?),
        jwks_uri: at(".well-known/jwks.json")?,
        token_endpoint_auth_methods: vec![
            "client_secret_post".into(),
            "client_secret_basic".into(),
        ],
        grant_types: Vec::new(),
    })
}

/// Reads `/.well-known/openid-configuration` under the issuer; falls back to Auth0's paths
/// only when the document does not exist (404), never on a network error.
pub async fn discover(http: &reqwest::Client, issuer: &Url) -> Result<Provider, AuthError> {
    let url = Url::parse(&format!(
        "{}.well-known/openid-configuration",
        with_slash(issuer)
    ))
    .map_err(|e| AuthError::Discovery(e.to_string()))?;
    let response = http
        .get(url)
        .send()
        .await
        .map_err(|e| AuthError::network(&e))?;
    let answer = Answer::read(response).await?;
    if answer.status.as_u16() == 404 {
        tracing::info!("no discovery document: using Auth0's default paths");
        return auth0_defaults(issuer);
    }
    if answer.status.is_server_error() || answer.status.as_u16() == 429 {
        return Err(AuthError::Http {
            status: answer.status.as_u16(),
            retry_after: answer.retry_after(),
        });
    }
    if !answer.status.is_success() {
        return Err(AuthError::Discovery(format!(
            "HTTP {} for the discovery document",
            answer.status.as_u16()
        )));
    }
    let doc: Value = serde_json::from_slice(&answer.body).map_err(|e| AuthError::Malformed {
        what: "discovery document",
        detail: e.to_string(),
    })?;
    parse_metadata(issuer, &doc)
}

/// Checks and reads a discovery document (OIDC Discovery §4.3: the issuer must match).
pub fn parse_metadata(issuer: &Url, doc: &Value) -> Result<Provider, AuthError> {
    let stated = doc
        .get("issuer")
        .and_then(Value::as_str)
        .ok_or_else(|| AuthError::Discovery("the document has no issuer".into()))?;
    if stated.trim_end_matches('/') != issuer.as_str().trim_end_matches('/') {
        return Err(AuthError::Discovery(format!(
            "the document is for issuer '{stated}', not '{issuer}'"
        )));
    }
    let endpoint = |name: &str| -> Result<Option<Url>, AuthError> {
        let Some(text) = doc.get(name).and_then(Value::as_str) else {
            return Ok(None);
        };
        let url = Url::parse(text)
            .map_err(|e| AuthError::Discovery(format!("{name} is not a URL: {e}")))?;
        if !is_secure_or_loopback(&url) {
            return Err(AuthError::Discovery(format!(
                "{name} must use https: '{url}'"
            )));
        }
        Ok(Some(url))
    };
    let required = |name: &str| {
        endpoint(name)?.ok_or_else(|| AuthError::Discovery(format!("the document has no {name}")))
    };
    let strings = |name: &str| -> Vec<String> {
        doc.get(name)
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    Ok(Provider {
        issuer: stated.to_string(),
        token_endpoint: required("token_endpoint")?,
        device_authorization_endpoint: endpoint("device_authorization_endpoint")?,
        authorization_endpoint: endpoint("authorization_endpoint")?,
        userinfo_endpoint: endpoint("userinfo_endpoint")?,
        revocation_endpoint: endpoint("revocation_endpoint")?,
        jwks_uri: required("jwks_uri")?,
        token_endpoint_auth_methods: strings("token_endpoint_auth_methods_supported"),
        grant_types: strings("grant_types_supported"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn issuer() -> Url {
        Url::parse("https://tenant.example.com/").unwrap()
    }

    #[test]
    fn reads_a_document_and_checks_its_issuer() {
        let doc = json!({
            "issuer": "https://tenant.example.com/",
            "token_endpoint": "https://tenant.example.com/oauth/token",
            "jwks_uri": "https://tenant.example.com/.well-known/jwks.json",
            "device_authorization_endpoint": "https://tenant.example.com/oauth/device/code",
        });
        let provider = parse_metadata(&issuer(), &doc).unwrap();
        assert_eq!(provider.token_endpoint.path(), "/oauth/token");
        assert!(provider.revocation_endpoint.is_none());

        let other = json!({"issuer": "https://evil.example.com/", "token_endpoint": "https://x/", "jwks_uri": "https://x/"});
        assert!(matches!(
            parse_metadata(&issuer(), &other),
            Err(AuthError::Discovery(_))
        ));
    }

    #[test]
    fn refuses_plain_http_endpoints_off_this_machine() {
        let doc = json!({
            "issuer": "https://tenant.example.com/",
            "token_endpoint": "http://tenant.example.com/oauth/token",
            "jwks_uri": "https://tenant.example.com/jwks",
        });
        assert!(parse_metadata(&issuer(), &doc).is_err());
        assert!(is_secure_or_loopback(
            &Url::parse("http://127.0.0.1:8080/").unwrap()
        ));
        assert!(is_secure_or_loopback(&Url::parse("http://[::1]/").unwrap()));
        assert!(!is_secure_or_loopback(
            &Url::parse("http://192.168.1.2/").unwrap()
        ));
    }

    #[test]
    fn auth0_defaults_sit_under_the_issuer() {
        let provider = auth0_defaults(&Url::parse("https://tenant.example.com").unwrap()).unwrap();
        assert_eq!(provider.issuer, "https://tenant.example.com/");
        assert_eq!(
            provider.device_authorization_endpoint.unwrap().as_str(),
            "https://tenant.example.com/oauth/device/code"
        );
    }
}
