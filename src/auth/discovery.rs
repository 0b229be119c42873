//! Provider metadata: OpenID Connect discovery at the issuer, or Auth0's default paths when
//! the issuer publishes none; endpoints named in config.ron fill or override either (several
//! open-source servers leave the device or revocation endpoint out of their document).

use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::http::Answer;
use super::{AuthError, lenient};

/// The endpoints tvauth uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    /// As the provider writes it: ID tokens' `iss` must equal it exactly.
    pub issuer: String,
    /// Where codes, refresh tokens and credentials are exchanged for tokens.
    pub token_endpoint: Url,
    /// Where the device flow starts; `None` if the provider has no device flow.
    pub device_authorization_endpoint: Option<Url>,
    /// Where the browser is sent for the authorization code flow, if the provider has one.
    pub authorization_endpoint: Option<Url>,
    /// Where the signed-in person's profile is read, if the provider serves one.
    pub userinfo_endpoint: Option<Url>,
    /// Where tokens are revoked at logout (RFC 7009), if the provider allows it.
    pub revocation_endpoint: Option<Url>,
    /// `None` for a plain OAuth server: fine until it sends an ID token.
    pub jwks_uri: Option<Url>,
    /// The client authentication methods the token endpoint accepts; empty when not advertised.
    pub token_endpoint_auth_methods: Vec<String>,
    /// The grant types the provider supports; empty when not advertised.
    pub grant_types: Vec<String>,
    /// The algorithms the provider accepts DPoP proofs in
    /// (`dpop_signing_alg_values_supported`); empty when it does not advertise DPoP.
    pub dpop_algs: Vec<String>,
}

impl Provider {
    /// Whether the provider says it accepts DPoP proofs signed with ES256 (RFC 9449 §5.1).
    pub fn supports_dpop(&self) -> bool {
        self.dpop_algs.iter().any(|a| a == super::dpop::ALGORITHM)
    }
}

/// Endpoints set in config.ron: each fills a gap in the provider's metadata or overrides it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Endpoints {
    /// Replaces the device authorization endpoint.
    pub device_authorization_endpoint: Option<Url>,
    /// Replaces the token endpoint.
    pub token_endpoint: Option<Url>,
    /// Replaces the revocation endpoint.
    pub revocation_endpoint: Option<Url>,
    /// Replaces the userinfo endpoint.
    pub userinfo_endpoint: Option<Url>,
    /// Replaces the address of the signing keys.
    pub jwks_uri: Option<Url>,
}

/// An endpoint the provider does not advertise, with the config.ron field that supplies it.
pub fn missing_endpoint(what: &str, field: &str) -> AuthError {
    AuthError::Discovery(format!(
        "the provider advertises no {what}: set `{field}` in config.ron"
    ))
}

impl Provider {
    /// The metadata with config.ron's endpoints laid over it.
    pub fn with_endpoints(mut self, endpoints: &Endpoints) -> Provider {
        let pick =
            |configured: &Option<Url>, advertised: Option<Url>| configured.clone().or(advertised);
        self.device_authorization_endpoint = pick(
            &endpoints.device_authorization_endpoint,
            self.device_authorization_endpoint,
        );
        if let Some(token) = &endpoints.token_endpoint {
            self.token_endpoint = token.clone();
        }
        self.revocation_endpoint = pick(&endpoints.revocation_endpoint, self.revocation_endpoint);
        self.userinfo_endpoint = pick(&endpoints.userinfo_endpoint, self.userinfo_endpoint);
        self.jwks_uri = pick(&endpoints.jwks_uri, self.jwks_uri);
        self
    }
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
        jwks_uri: Some(at(".well-known/jwks.json")?),
        token_endpoint_auth_methods: vec![
            "client_secret_post".into(),
            "client_secret_basic".into(),
        ],
        grant_types: Vec::new(),
        dpop_algs: Vec::new(),
    })
}

/// Reads `/.well-known/openid-configuration` under the issuer; falls back to Auth0's paths
/// only when the document does not exist (404), never on a network error. `endpoints` (from
/// config.ron) fill or override what the provider states.
pub async fn discover(
    http: &reqwest::Client,
    issuer: &Url,
    endpoints: &Endpoints,
) -> Result<Provider, AuthError> {
    match fetch_document(http, issuer).await?.json {
        None => {
            tracing::info!("no discovery document: using Auth0's default paths");
            Ok(auth0_defaults(issuer)?.with_endpoints(endpoints))
        }
        Some(doc) => parse_metadata(issuer, &doc, endpoints),
    }
}

/// Where the discovery document of `issuer` lives.
pub fn document_url(issuer: &Url) -> Result<Url, AuthError> {
    Url::parse(&format!(
        "{}.well-known/openid-configuration",
        with_slash(issuer)
    ))
    .map_err(|e| AuthError::Discovery(e.to_string()))
}

/// A discovery document as fetched, before its content is checked.
#[derive(Debug)]
pub struct Document {
    /// The document; `None` when the issuer has none (HTTP 404).
    pub json: Option<Value>,
    /// The answer's headers: its `Date` is the provider's time.
    pub headers: reqwest::header::HeaderMap,
}

/// Fetches the discovery document under `issuer`: 404 is "none" (Auth0's paths may apply);
/// 5xx and 429 are server trouble; another status or a body that is not JSON is an error.
pub async fn fetch_document(http: &reqwest::Client, issuer: &Url) -> Result<Document, AuthError> {
    let response = http
        .get(document_url(issuer)?)
        .send()
        .await
        .map_err(|e| AuthError::network(&e))?;
    let answer = Answer::read(response).await?;
    let status = answer.status.as_u16();
    if status == 404 {
        return Ok(Document {
            json: None,
            headers: answer.headers,
        });
    }
    if answer.status.is_server_error() || status == 429 {
        return Err(AuthError::Http {
            status,
            retry_after: answer.retry_after(),
        });
    }
    if !answer.status.is_success() {
        return Err(AuthError::Discovery(format!(
            "HTTP {status} for the discovery document"
        )));
    }
    let doc: Value = serde_json::from_slice(&answer.body).map_err(|e| AuthError::Malformed {
        what: "discovery document",
        detail: e.to_string(),
    })?;
    Ok(Document {
        json: Some(doc),
        headers: answer.headers,
    })
}

/// Whether the issuer a document states is the one configured (a trailing slash aside).
pub fn issuer_matches(stated: &str, configured: &Url) -> bool {
    stated.trim_end_matches('/') == configured.as_str().trim_end_matches('/')
}

/// The fields of a discovery document tvauth reads (OIDC Discovery §3, RFC 8414 §2), each
/// read leniently: a field of the wrong type counts as absent.
#[derive(Debug, Deserialize)]
struct Metadata {
    #[serde(default, deserialize_with = "lenient::text")]
    issuer: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    token_endpoint: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    device_authorization_endpoint: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    authorization_endpoint: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    userinfo_endpoint: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    revocation_endpoint: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    jwks_uri: Option<String>,
    #[serde(default, deserialize_with = "lenient::strings")]
    token_endpoint_auth_methods_supported: Vec<String>,
    #[serde(default, deserialize_with = "lenient::strings")]
    grant_types_supported: Vec<String>,
    #[serde(default, deserialize_with = "lenient::strings")]
    dpop_signing_alg_values_supported: Vec<String>,
}

/// Checks and reads a discovery document (OIDC Discovery §4.3: the issuer must match), with
/// config.ron's `endpoints` laid over it.
pub fn parse_metadata(
    issuer: &Url,
    doc: &Value,
    endpoints: &Endpoints,
) -> Result<Provider, AuthError> {
    let metadata = Metadata::deserialize(doc).map_err(|e| AuthError::Malformed {
        what: "discovery document",
        detail: e.to_string(),
    })?;
    let stated = metadata
        .issuer
        .ok_or_else(|| AuthError::Discovery("the document has no issuer".into()))?;
    if !issuer_matches(&stated, issuer) {
        return Err(AuthError::Discovery(format!(
            "the document is for issuer '{stated}', not '{issuer}'"
        )));
    }
    let endpoint = |name: &str, text: Option<String>| -> Result<Option<Url>, AuthError> {
        let Some(text) = text else {
            return Ok(None);
        };
        let url = Url::parse(&text)
            .map_err(|e| AuthError::Discovery(format!("{name} is not a URL: {e}")))?;
        if !is_secure_or_loopback(&url) {
            return Err(AuthError::Discovery(format!(
                "{name} must use https: '{url}'"
            )));
        }
        Ok(Some(url))
    };
    // What config.ron names is taken as is: an advertised address it replaces is not even
    // read (it may be the broken one the override exists for).
    let pick = |name: &str, configured: &Option<Url>, advertised: Option<String>| match configured {
        Some(url) => Ok(Some(url.clone())),
        None => endpoint(name, advertised),
    };
    let token_endpoint = pick(
        "token_endpoint",
        &endpoints.token_endpoint,
        metadata.token_endpoint,
    )?
    .ok_or_else(|| missing_endpoint("token endpoint", "token_endpoint"))?;
    Ok(Provider {
        issuer: stated,
        token_endpoint,
        device_authorization_endpoint: pick(
            "device_authorization_endpoint",
            &endpoints.device_authorization_endpoint,
            metadata.device_authorization_endpoint,
        )?,
        authorization_endpoint: endpoint(
            "authorization_endpoint",
            metadata.authorization_endpoint,
        )?,
        userinfo_endpoint: pick(
            "userinfo_endpoint",
            &endpoints.userinfo_endpoint,
            metadata.userinfo_endpoint,
        )?,
        revocation_endpoint: pick(
            "revocation_endpoint",
            &endpoints.revocation_endpoint,
            metadata.revocation_endpoint,
        )?,
        jwks_uri: pick("jwks_uri", &endpoints.jwks_uri, metadata.jwks_uri)?,
        token_endpoint_auth_methods: metadata.token_endpoint_auth_methods_supported,
        grant_types: metadata.grant_types_supported,
        dpop_algs: metadata.dpop_signing_alg_values_supported,
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
        let provider = parse_metadata(&issuer(), &doc, &Endpoints::default()).unwrap();
        assert_eq!(provider.token_endpoint.path(), "/oauth/token");
        assert!(provider.revocation_endpoint.is_none());

        let other = json!({"issuer": "https://evil.example.com/", "token_endpoint": "https://x/", "jwks_uri": "https://x/"});
        assert!(matches!(
            parse_metadata(&issuer(), &other, &Endpoints::default()),
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
        assert!(parse_metadata(&issuer(), &doc, &Endpoints::default()).is_err());
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

    #[test]
    fn config_endpoints_fill_and_override_the_document() {
        // A device-grant server that advertises neither the device nor the revocation
        // endpoint, nor a JWKS.
        let doc = json!({
            "issuer": "https://tenant.example.com/",
            "token_endpoint": "https://tenant.example.com/token",
        });
        let bare = parse_metadata(&issuer(), &doc, &Endpoints::default()).unwrap();
        assert!(bare.device_authorization_endpoint.is_none() && bare.jwks_uri.is_none());
        let url = |s: &str| Some(Url::parse(s).unwrap());
        let endpoints = Endpoints {
            device_authorization_endpoint: url("https://tenant.example.com/device"),
            token_endpoint: url("https://tenant.example.com/other-token"),
            revocation_endpoint: url("https://tenant.example.com/revoke"),
            ..Endpoints::default()
        };
        let filled = parse_metadata(&issuer(), &doc, &endpoints).unwrap();
        assert_eq!(
            filled.device_authorization_endpoint.unwrap().path(),
            "/device"
        );
        assert_eq!(filled.token_endpoint.path(), "/other-token");
        assert_eq!(filled.revocation_endpoint.unwrap().path(), "/revoke");
        // With no token endpoint anywhere, the error names the field to set.
        let none = json!({"issuer": "https://tenant.example.com/"});
        let error = parse_metadata(&issuer(), &none, &Endpoints::default())
            .unwrap_err()
            .to_string();
        assert!(error.contains("`token_endpoint`"), "{error}");
        assert!(parse_metadata(&issuer(), &none, &endpoints).is_ok());
        // A broken advertised endpoint is no obstacle when config.ron replaces it.
        let broken = json!({
            "issuer": "https://tenant.example.com/",
            "token_endpoint": "https://tenant.example.com/token",
            "device_authorization_endpoint": "http://10.0.0.9/device",
        });
        assert!(parse_metadata(&issuer(), &broken, &Endpoints::default()).is_err());
        let fixed = parse_metadata(&issuer(), &broken, &endpoints).unwrap();
        assert_eq!(
            fixed.device_authorization_endpoint.unwrap().path(),
            "/device"
        );
    }
}
