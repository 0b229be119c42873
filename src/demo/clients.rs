//! The clients the demo server knows, and client authentication at the token and revocation
//! endpoints (`client_secret_basic`, `client_secret_post`, or none for public clients).

use axum::http::HeaderMap;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use url::{Host, Url};

use super::auth_header::credentials;
use super::form::Form;
use super::oauth_error::OAuthError;
use super::random;

/// The public TV client (device flow, refresh, authorization code + PKCE).
pub const TV_CLIENT_ID: &str = "tvauth-tv";
/// The confidential service client (client credentials, authorization code with a secret).
pub const SERVICE_CLIENT_ID: &str = "tvauth-service";
/// The protected API's identifier: the `audience` clients ask tokens for.
pub const API_AUDIENCE: &str = "urn:tvauth:demo-api";
/// The scope the protected API requires.
pub const API_SCOPE: &str = "read:library";

pub const GRANT_DEVICE_CODE: &str = "urn:ietf:params:oauth:grant-type:device_code";
pub const GRANT_REFRESH_TOKEN: &str = "refresh_token";
pub const GRANT_AUTHORIZATION_CODE: &str = "authorization_code";
pub const GRANT_CLIENT_CREDENTIALS: &str = "client_credentials";

/// A registered client.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Client {
    pub id: String,
    /// What the consent and activation pages call the application.
    pub name: String,
    /// Present for confidential clients.
    pub secret: Option<String>,
    pub grant_types: Vec<String>,
    pub redirect_uris: Vec<String>,
}

impl Client {
    pub fn is_confidential(&self) -> bool {
        self.secret.is_some()
    }

    pub fn allows(&self, grant_type: &str) -> bool {
        self.grant_types.iter().any(|g| g == grant_type)
    }

    /// Exact match, except that a registered loopback IP redirect matches on any port
    /// (RFC 8252 §7.3: native apps listen on an ephemeral port).
    pub fn accepts_redirect(&self, candidate: &str) -> bool {
        let Ok(wanted) = Url::parse(candidate) else {
            return false;
        };
        self.redirect_uris.iter().any(|registered| {
            if registered == candidate {
                return true;
            }
            let Ok(registered) = Url::parse(registered) else {
                return false;
            };
            let loopback = match registered.host() {
                Some(Host::Ipv4(ip)) => ip.is_loopback(),
                Some(Host::Ipv6(ip)) => ip.is_loopback(),
                _ => false,
            };
            loopback
                && registered.scheme() == "http"
                && wanted.scheme() == "http"
                && registered.host() == wanted.host()
                && registered.path() == wanted.path()
                && registered.query() == wanted.query()
                && wanted.fragment().is_none()
        })
    }
}

/// The clients a new data dir starts with; the service client's secret is made here, once.
pub fn initial_clients() -> Vec<Client> {
    let loopback_redirects = vec![
        "http://127.0.0.1/callback".to_string(),
        "http://[::1]/callback".to_string(),
    ];
    vec![
        Client {
            id: TV_CLIENT_ID.into(),
            name: "tvauth TV".into(),
            secret: None,
            grant_types: vec![
                GRANT_DEVICE_CODE.into(),
                GRANT_REFRESH_TOKEN.into(),
                GRANT_AUTHORIZATION_CODE.into(),
            ],
            redirect_uris: loopback_redirects.clone(),
        },
        Client {
            id: SERVICE_CLIENT_ID.into(),
            name: "tvauth box service".into(),
            secret: Some(random::token(32)),
            grant_types: vec![
                GRANT_CLIENT_CREDENTIALS.into(),
                GRANT_AUTHORIZATION_CODE.into(),
                GRANT_REFRESH_TOKEN.into(),
            ],
            redirect_uris: loopback_redirects,
        },
    ]
}

/// The credentials a request presented.
struct Presented {
    id: String,
    secret: Option<String>,
}

fn presented(headers: &HeaderMap, form: &Form) -> Result<Presented, OAuthError> {
    if let Some(encoded) = credentials(headers, "Basic") {
        if form.get("client_secret").is_some() {
            return Err(OAuthError::invalid_request(
                "use one client authentication method, not two",
            ));
        }
        let undecodable = || OAuthError::invalid_client("malformed Basic credentials");
        let decoded = STANDARD.decode(encoded).map_err(|_| undecodable())?;
        let decoded = String::from_utf8(decoded).map_err(|_| undecodable())?;
        let (id, secret) = decoded.split_once(':').ok_or_else(undecodable)?;
        // RFC 6749 §2.3.1: both parts are form-urlencoded before joining.
        let unescape = |s: &str| {
            form_urlencoded::parse(format!("x={s}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        };
        let id = unescape(id);
        if form.get("client_id").is_some_and(|body_id| body_id != id) {
            return Err(OAuthError::invalid_request(
                "client_id differs from the Basic credentials",
            ));
        }
        return Ok(Presented {
            id,
            secret: Some(unescape(secret)),
        });
    }
    let id = form
        .get("client_id")
        .ok_or_else(|| OAuthError::invalid_client("no client_id and no client authentication"))?;
    Ok(Presented {
        id: id.to_string(),
        secret: form.get("client_secret").map(str::to_string),
    })
}

/// Authenticates the calling client among `clients`: unknown ids and wrong or missing
/// secrets are `invalid_client` (401).
pub fn authenticate<'a>(
    clients: &'a [Client],
    headers: &HeaderMap,
    form: &Form,
) -> Result<&'a Client, OAuthError> {
    let presented = presented(headers, form)?;
    let fail = OAuthError::invalid_client;
    let client = clients
        .iter()
        .find(|c| c.id == presented.id)
        .ok_or_else(|| fail("unknown client"))?;
    match (&client.secret, &presented.secret) {
        (None, None) => Ok(client),
        (None, Some(_)) => Err(fail("this public client has no secret")),
        (Some(_), None) => Err(fail("this confidential client must authenticate")),
        (Some(expected), Some(given)) if random::secrets_equal(expected, given) => Ok(client),
        (Some(_), Some(_)) => Err(fail("wrong client secret")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_redirects_match_on_any_port_only() {
        let clients = initial_clients();
        let tv = &clients[0];
        assert!(tv.accepts_redirect("http://127.0.0.1/callback"));
        assert!(tv.accepts_redirect("http://127.0.0.1:49152/callback"));
        assert!(tv.accepts_redirect("http://[::1]:8080/callback"));
        assert!(!tv.accepts_redirect("http://127.0.0.1:49152/other"));
        assert!(!tv.accepts_redirect("http://localhost:49152/callback"));
        assert!(!tv.accepts_redirect("https://127.0.0.1:49152/callback"));
        assert!(!tv.accepts_redirect("http://evil.example/callback"));
        assert!(!tv.accepts_redirect("http://127.0.0.1:1/callback#frag"));
    }
}
