//! The checks of the provider's metadata: the issuer serves its discovery document, the
//! document is for that issuer, a device authorization endpoint exists, and the signing keys
//! fit an algorithm tvauth accepts.

use jsonwebtoken::Algorithm;
use jsonwebtoken::jwk::JwkSet;
use serde_json::Value;

use super::{Because, Check, CheckId, Fix, Passed, Problem};
use crate::auth::clock_offset::ClockOffset;
use crate::auth::discovery::{self, Provider};
use crate::auth::{AuthError, id_token};
use crate::config::Config;

/// What discovery gave: its two checks, and what later checks build on.
#[derive(Debug)]
pub struct Found {
    /// The `discovery` and `issuer` checks.
    pub checks: Vec<Check>,
    /// The provider, when both passed.
    pub provider: Option<Provider>,
    /// The document, when one was read.
    pub document: Option<Value>,
    /// This box's clock minus the provider's: `None` when the provider did not answer,
    /// `Some(None)` when its answer had no readable `Date`.
    pub offset: Option<Option<ClockOffset>>,
}

/// What a failure to reach or read the provider means, and its fix.
fn trouble(error: &AuthError) -> (Problem, Fix) {
    match error {
        AuthError::Network(detail) => (
            Problem::Unreachable {
                detail: detail.to_string(),
            },
            Fix::CheckNetwork,
        ),
        AuthError::Http { status, .. } => {
            (Problem::ServerTrouble { status: *status }, Fix::TryLater)
        }
        other => (
            Problem::DiscoveryUnusable {
                detail: other.to_string(),
            },
            Fix::IssuerDomain,
        ),
    }
}

/// Fetches and checks the discovery document of config.ron's issuer.
pub async fn discover(http: &reqwest::Client, config: &Config) -> Found {
    let fail = |why: Problem, fix: Fix, offset| Found {
        checks: vec![
            Check::fail(CheckId::Discovery, why, fix),
            Check::skip(CheckId::Issuer, Because::ProviderUnusable),
        ],
        provider: None,
        document: None,
        offset,
    };
    let url = discovery::document_url(&config.issuer)
        .map(|u| u.to_string())
        .unwrap_or_default();
    let fetched = match discovery::fetch_document(http, &config.issuer).await {
        Ok(fetched) => fetched,
        Err(error) => {
            let (why, fix) = trouble(&error);
            return fail(why, fix, None);
        }
    };
    let offset = Some(ClockOffset::measure(
        &fetched.headers,
        std::time::SystemTime::now(),
    ));
    let Some(document) = fetched.json else {
        return fail(
            Problem::NoDiscoveryDocument { url },
            Fix::IssuerDomain,
            offset,
        );
    };
    let Some(stated) = document.get("issuer").and_then(Value::as_str) else {
        let why = Problem::DiscoveryUnusable {
            detail: "the document has no issuer".into(),
        };
        return fail(why, Fix::IssuerDomain, offset);
    };
    let discovered = Check::pass(CheckId::Discovery, Passed::Discovery { url });
    if !discovery::issuer_matches(stated, &config.issuer) {
        let why = Problem::IssuerMismatch {
            stated: stated.to_string(),
            configured: config.issuer.to_string(),
        };
        let fix = Fix::IssuerAs {
            stated: stated.to_string(),
        };
        return Found {
            checks: vec![discovered, Check::fail(CheckId::Issuer, why, fix)],
            provider: None,
            document: Some(document),
            offset,
        };
    }
    let issuer = Check::pass(
        CheckId::Issuer,
        Passed::Issuer {
            issuer: stated.to_string(),
        },
    );
    match discovery::parse_metadata(&config.issuer, &document, &config.endpoints) {
        Ok(provider) => Found {
            checks: vec![discovered, issuer],
            provider: Some(provider),
            document: Some(document),
            offset,
        },
        Err(error) => {
            let why = Problem::DiscoveryUnusable {
                detail: error.to_string(),
            };
            Found {
                checks: vec![
                    Check::fail(CheckId::Discovery, why, Fix::EditConfig),
                    issuer,
                ],
                provider: None,
                document: Some(document),
                offset,
            }
        }
    }
}

/// A device authorization endpoint, advertised or named in config.ron.
pub fn device_endpoint(config: &Config, provider: &Provider) -> Check {
    match &provider.device_authorization_endpoint {
        Some(url) => Check::pass(
            CheckId::DeviceEndpoint,
            Passed::DeviceEndpoint {
                url: url.to_string(),
                configured: config.endpoints.device_authorization_endpoint.is_some(),
            },
        ),
        None => Check::fail(
            CheckId::DeviceEndpoint,
            Problem::NoDeviceEndpoint,
            Fix::SetDeviceEndpoint,
        ),
    }
}

/// The algorithms ID tokens may be signed with (OIDC Discovery §3: RS256 when unsaid), and
/// those of them tvauth accepts.
fn algorithms(document: Option<&Value>) -> (Vec<String>, Vec<(String, Algorithm)>) {
    let advertised: Vec<String> = document
        .and_then(|d| d.get("id_token_signing_alg_values_supported"))
        .and_then(Value::as_array)
        .map(|algs| {
            algs.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .filter(|algs: &Vec<String>| !algs.is_empty())
        .unwrap_or_else(|| vec!["RS256".into()]);
    let accepted = advertised
        .iter()
        .filter_map(|name| match name.as_str() {
            "RS256" => Some((name.clone(), Algorithm::RS256)),
            "ES256" => Some((name.clone(), Algorithm::ES256)),
            _ => None,
        })
        .collect();
    (advertised, accepted)
}

/// The JWKS can be fetched and has a key for an advertised algorithm tvauth accepts (only
/// needed when ID tokens are: `openid` in the scope).
pub async fn jwks(
    http: &reqwest::Client,
    config: &Config,
    provider: &Provider,
    document: Option<&Value>,
) -> Check {
    if !config.scope.split(' ').any(|s| s == "openid") {
        return Check::skip(CheckId::Jwks, Because::NoOpenId);
    }
    let Some(uri) = &provider.jwks_uri else {
        return Check::fail(CheckId::Jwks, Problem::NoJwksUri, Fix::SetJwksUri);
    };
    let (advertised, accepted) = algorithms(document);
    if accepted.is_empty() {
        let why = Problem::NoUsableAlgorithm { advertised };
        return Check::fail(CheckId::Jwks, why, Fix::SigningAlgorithm);
    }
    let set: JwkSet = match crate::auth::http::get_json(http.get(uri.clone()), "JWKS").await {
        Ok(set) => set,
        Err(error) => {
            let fix = match error {
                AuthError::Network(_) | AuthError::Http { .. } => Fix::CheckNetwork,
                _ => Fix::ProviderSettings,
            };
            let why = Problem::JwksUnreadable {
                detail: error.to_string(),
            };
            return Check::fail(CheckId::Jwks, why, fix);
        }
    };
    match accepted
        .iter()
        .find(|(_, alg)| id_token::has_key_for(&set, *alg))
    {
        Some((name, _)) => Check::pass(
            CheckId::Jwks,
            Passed::Jwks {
                algorithm: name.clone(),
                keys: set.keys.len(),
            },
        ),
        None => Check::fail(
            CheckId::Jwks,
            Problem::NoKeyFor {
                algorithms: accepted.into_iter().map(|(name, _)| name).collect(),
            },
            Fix::ProviderSettings,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn algorithms_default_to_rs256_and_keep_only_accepted_ones() {
        let (advertised, accepted) = algorithms(None);
        assert_eq!(advertised, ["RS256"]);
        assert_eq!(accepted.len(), 1);
        let auth0 = json!({"id_token_signing_alg_values_supported": ["HS256", "RS256", "PS256"]});
        let (_, accepted) = algorithms(Some(&auth0));
        assert_eq!(accepted[0].0, "RS256");
        let hs_only = json!({"id_token_signing_alg_values_supported": ["HS256"]});
        assert!(algorithms(Some(&hs_only)).1.is_empty());
    }
}
