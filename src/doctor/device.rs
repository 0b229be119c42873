//! The checks only the provider can answer, by asking for a device code as the TV does (and
//! never polling it, so it expires unused): the provider knows this client, lets it use the
//! device grant, and accepts the audience. When the first request is refused and an audience
//! is set, a second one without it tells the audience's fault from the client's.

use super::{Because, Check, CheckId, Fix, Passed, Problem};
use crate::auth::credentials::ClientIdentity;
use crate::auth::device::request_authorization;
use crate::auth::{AuthError, ClientSettings, ErrorCode, Provider};
use crate::config::Config;

/// The three checks, and the page the person would have been sent to.
#[derive(Debug)]
pub struct Asked {
    /// `client_id`, `device_grant`, `audience`.
    pub checks: Vec<Check>,
    /// The verification page of the code that was issued, if one was.
    pub verification_uri: Option<String>,
}

/// Asks for a device code with config.ron's client, scope and audience.
pub async fn ask(http: &reqwest::Client, config: &Config, provider: &Provider) -> Asked {
    let skipped = |because| Asked {
        checks: vec![
            Check::skip(CheckId::ClientId, because),
            Check::skip(CheckId::DeviceGrant, because),
            Check::skip(CheckId::Audience, because),
        ],
        verification_uri: None,
    };
    if provider.device_authorization_endpoint.is_none() {
        return skipped(Because::NoDeviceEndpoint);
    }
    let confidential = config.client_secret.is_configured();
    let identity = if confidential {
        match ClientIdentity::from_source(
            &config.client_id,
            &config.client_secret,
            config.token_endpoint_auth_method,
        ) {
            Ok(identity) => identity,
            Err(error) => {
                let mut asked = skipped(Because::ClientNotAccepted);
                let why = Problem::SecretUnreadable {
                    detail: error.to_string(),
                };
                asked.checks[0] = Check::fail(CheckId::ClientId, why, Fix::SecretFile);
                return asked;
            }
        }
    } else {
        ClientIdentity::public(&config.client_id)
    };
    let auth = identity.auth(provider);
    let settings = config.client_settings();
    let first = request_authorization(http, provider, &settings, &auth).await;
    let audience = config.audience.clone();
    let (result, audience_check) = match (first, audience) {
        (Ok(code), audience) => (Ok(code), accepted(audience)),
        (Err(error), Some(audience)) if may_be_the_audience(&error) => {
            let without = ClientSettings {
                audience: None,
                ..settings
            };
            match request_authorization(http, provider, &without, &auth).await {
                Ok(code) => {
                    let why = Problem::AudienceRefused {
                        audience,
                        said: said(&error),
                    };
                    let refused = Check::fail(CheckId::Audience, why, Fix::AudienceFromApi);
                    (Ok(code), refused)
                }
                Err(second) => (
                    Err(second),
                    Check::skip(CheckId::Audience, Because::ClientNotAccepted),
                ),
            }
        }
        (Err(error), audience) => {
            let because = match audience {
                Some(_) => Because::ClientNotAccepted,
                None => Because::NoAudience,
            };
            (Err(error), Check::skip(CheckId::Audience, because))
        }
    };
    let (client, grant, verification_uri) = match result {
        // The code is dropped here unused: it is never polled, printed or logged.
        Ok(code) => (
            Check::pass(
                CheckId::ClientId,
                Passed::ClientId {
                    client_id: config.client_id.clone(),
                },
            ),
            Check::pass(CheckId::DeviceGrant, Passed::DeviceGrant),
            Some(code.verification_uri),
        ),
        Err(error) => {
            let (client, grant) = refusal(&error, &config.client_id, confidential);
            (client, grant, None)
        }
    };
    Asked {
        checks: vec![client, grant, audience_check],
        verification_uri,
    }
}

/// The audience check when the code was issued: passed, or not applicable.
fn accepted(audience: Option<String>) -> Check {
    match audience {
        Some(audience) => Check::pass(CheckId::Audience, Passed::Audience { audience }),
        None => Check::skip(CheckId::Audience, Because::NoAudience),
    }
}

/// The provider's words, if any.
fn said(error: &AuthError) -> Option<String> {
    match error {
        AuthError::OAuth { description, .. } => description.clone(),
        _ => None,
    }
}

/// Whether an unknown audience could explain the refusal: an OAuth answer that does not
/// already blame the client itself. (Auth0 says `access_denied` "Service not found: …";
/// RFC 8707 servers `invalid_target`; our demo server `invalid_request`.)
fn may_be_the_audience(error: &AuthError) -> bool {
    match error.oauth_code() {
        Some(code) => !blames_the_client(code, said(error).as_deref()),
        None => false,
    }
}

/// Whether the provider does not know the client (or refused its credentials). Some
/// providers say `unauthorized_client` "Unknown client" where RFC 6749 says `invalid_client`.
fn unknown_client(code: &ErrorCode, said: Option<&str>) -> bool {
    let unknown = said.is_some_and(|s| s.to_ascii_lowercase().contains("unknown client"));
    *code == ErrorCode::InvalidClient || (*code == ErrorCode::UnauthorizedClient && unknown)
}

/// Whether the refusal is about the client rather than the request.
fn blames_the_client(code: &ErrorCode, said: Option<&str>) -> bool {
    unknown_client(code, said)
        || matches!(
            code,
            ErrorCode::UnauthorizedClient | ErrorCode::UnsupportedGrantType
        )
}

/// The `client_id` and `device_grant` checks for a refused request.
fn refusal(error: &AuthError, client_id: &str, confidential: bool) -> (Check, Check) {
    let known = || {
        Check::pass(
            CheckId::ClientId,
            Passed::ClientId {
                client_id: client_id.to_string(),
            },
        )
    };
    let untold = || Check::skip(CheckId::DeviceGrant, Because::ClientNotAccepted);
    let words = said(error);
    match error {
        AuthError::OAuth { code, .. } if unknown_client(code, words.as_deref()) => {
            let why = Problem::ClientUnknown { said: words };
            let client = Check::fail(CheckId::ClientId, why, Fix::ClientIdFromDashboard);
            (client, untold())
        }
        AuthError::OAuth {
            code: ErrorCode::UnauthorizedClient | ErrorCode::UnsupportedGrantType,
            ..
        } => {
            let why = Problem::GrantRefused { said: words };
            let fix = Fix::EnableDeviceGrant { confidential };
            (known(), Check::fail(CheckId::DeviceGrant, why, fix))
        }
        AuthError::OAuth { code, .. } => {
            let why = Problem::Refused {
                code: code.to_string(),
                said: words,
            };
            let grant = Check::fail(CheckId::DeviceGrant, why, Fix::ProviderSettings);
            (known(), grant)
        }
        AuthError::Network(detail) => {
            let why = Problem::Unreachable {
                detail: detail.to_string(),
            };
            let client = Check::fail(CheckId::ClientId, why, Fix::CheckNetwork);
            (client, untold())
        }
        AuthError::Http { status, .. } => {
            let why = Problem::ServerTrouble { status: *status };
            (Check::fail(CheckId::ClientId, why, Fix::TryLater), untold())
        }
        other => {
            let why = Problem::Unexpected {
                detail: other.to_string(),
            };
            let grant = Check::fail(CheckId::DeviceGrant, why, Fix::ProviderSettings);
            (known(), grant)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oauth(code: &str, description: &str) -> AuthError {
        AuthError::OAuth {
            code: ErrorCode::parse(code),
            description: Some(description.into()),
        }
    }

    #[test]
    fn refusals_land_on_the_right_check() {
        let (client, grant) = refusal(&oauth("invalid_client", "unknown client"), "tv", false);
        assert!(client.failed() && !grant.failed());
        let auth0_grant = oauth(
            "unauthorized_client",
            "Grant type 'urn:ietf:params:oauth:grant-type:device_code' not allowed for the client.",
        );
        let (client, grant) = refusal(&auth0_grant, "tv", true);
        assert!(!client.failed());
        assert!(matches!(
            grant.outcome,
            super::super::Outcome::Fail {
                fix: Fix::EnableDeviceGrant { confidential: true },
                ..
            }
        ));
        let (client, _) = refusal(&oauth("unauthorized_client", "Unknown client"), "tv", false);
        assert!(client.failed());
    }

    #[test]
    fn only_a_refusal_of_the_request_may_be_the_audience() {
        assert!(may_be_the_audience(&oauth(
            "access_denied",
            "Service not found: https://api"
        )));
        assert!(may_be_the_audience(&oauth("invalid_target", "")));
        assert!(!may_be_the_audience(&oauth("invalid_client", "")));
        assert!(!may_be_the_audience(&oauth("unauthorized_client", "")));
        assert!(!may_be_the_audience(&AuthError::Http {
            status: 503,
            retry_after: None
        }));
    }
}
