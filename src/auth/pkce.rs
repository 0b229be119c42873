//! Authorization Code + PKCE (RFC 7636, S256) as a native app does it (RFC 8252): the
//! authorization request with `state` and `nonce`, and the code exchange.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use url::Url;

use super::secret::Secret;
use super::token::{self, ClientAuth, TokenSet};
use super::{AuthError, ClientSettings, Provider};

/// `count` random bytes, base64url without padding.
pub fn random_token(count: usize) -> Result<String, AuthError> {
    let mut bytes = vec![0u8; count];
    getrandom::fill(&mut bytes).map_err(|e| AuthError::Random(e.to_string().into()))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// The S256 challenge of a verifier.
pub fn challenge_of(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// One authorization request: the URL to open and what the answer is checked against.
#[derive(Debug)]
pub struct AuthorizationRequest {
    /// The authorization endpoint with every parameter: open it in the person's browser.
    pub url: Url,
    /// Where the provider sends the browser back; the code exchange must repeat it.
    pub redirect_uri: String,
    /// The random `state` the redirect must carry back (CSRF protection).
    pub state: String,
    /// The random nonce the ID token must carry back (replay protection).
    pub nonce: String,
    /// 32 random bytes, base64url: 43 characters (RFC 7636 §4.1).
    pub verifier: Secret,
}

impl AuthorizationRequest {
    /// A request for the authorization code flow with PKCE (S256), back to `redirect_uri`, with
    /// fresh `state`, nonce and verifier.
    pub fn new(
        provider: &Provider,
        settings: &ClientSettings,
        redirect_uri: &str,
    ) -> Result<AuthorizationRequest, AuthError> {
        let mut url = provider.authorization_endpoint.clone().ok_or_else(|| {
            AuthError::Discovery("the provider has no authorization endpoint".into())
        })?;
        let verifier = random_token(32)?;
        let state = random_token(16)?;
        let nonce = random_token(16)?;
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("response_type", "code")
                .append_pair("client_id", &settings.client_id)
                .append_pair("redirect_uri", redirect_uri)
                .append_pair("scope", &settings.scope)
                .append_pair("state", &state)
                .append_pair("nonce", &nonce)
                .append_pair("code_challenge", &challenge_of(&verifier))
                .append_pair("code_challenge_method", "S256");
            if let Some(audience) = &settings.audience {
                query.append_pair("audience", audience);
            }
            // OIDC Core §11: a refresh token for offline use needs the person's consent;
            // strict providers (oidc-provider) drop offline_access without this.
            if settings.scope.split(' ').any(|s| s == "offline_access") {
                query.append_pair("prompt", "consent");
            }
        }
        Ok(AuthorizationRequest {
            url,
            redirect_uri: redirect_uri.to_string(),
            state,
            nonce,
            verifier: Secret::new(verifier),
        })
    }

    /// Exchanges the code from the redirect for tokens, with a proof by `dpop` when given.
    pub async fn exchange(
        &self,
        http: &reqwest::Client,
        provider: &Provider,
        code: &Secret,
        auth: &ClientAuth<'_>,
        dpop: Option<&super::dpop::Dpop>,
    ) -> Result<TokenSet, AuthError> {
        let params = [
            ("grant_type", "authorization_code"),
            ("code", code.expose()),
            ("redirect_uri", self.redirect_uri.as_str()),
            ("code_verifier", self.verifier.expose()),
        ];
        token::into_tokens(token::request(http, provider, &params, auth, dpop).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_rfc_7636_appendix_b() {
        assert_eq!(
            challenge_of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn the_request_carries_state_nonce_and_an_s256_challenge() {
        let provider =
            super::super::discovery::auth0_defaults(&Url::parse("https://idp.example/").unwrap())
                .unwrap();
        let settings = ClientSettings {
            client_id: "tv".into(),
            scope: "openid offline_access".into(),
            audience: Some("urn:api".into()),
        };
        let request =
            AuthorizationRequest::new(&provider, &settings, "http://127.0.0.1:5000/callback")
                .unwrap();
        assert_eq!(request.verifier.expose().len(), 43);
        let query: std::collections::HashMap<_, _> =
            request.url.query_pairs().into_owned().collect();
        assert_eq!(query["state"], request.state);
        assert_eq!(query["nonce"], request.nonce);
        assert_eq!(query["code_challenge_method"], "S256");
        assert_eq!(
            query["code_challenge"],
            challenge_of(request.verifier.expose())
        );
        assert_eq!(query["audience"], "urn:api");
        assert_eq!(
            query["prompt"], "consent",
            "offline_access asks for consent"
        );
        assert!(!request.url.as_str().contains(request.verifier.expose()));
        let other =
            AuthorizationRequest::new(&provider, &settings, "http://127.0.0.1:5000/callback")
                .unwrap();
        assert_ne!(other.state, request.state);
        assert_ne!(other.verifier.expose(), request.verifier.expose());
    }
}
