//! The tokens the server mints: JWT access tokens (RFC 9068 `at+jwt`), OIDC ID tokens, opaque
//! refresh tokens, and the token endpoint's success answer.

use serde::{Deserialize, Serialize};

use super::clients::{API_AUDIENCE, API_SCOPE};
use super::keys::SigningKey;
use super::oauth_error::OAuthError;
use super::random;
use super::state::{Grant, User};

/// ID tokens live as long as Auth0's default.
const ID_TOKEN_TTL: u64 = 36_000;
/// Refresh tokens expire after this long unused (each rotation restarts the clock).
pub const REFRESH_TOKEN_IDLE_TTL: u64 = 90 * 24 * 3600;

pub const ACCESS_TOKEN_TYPE: &str = "at+jwt";
pub const ID_TOKEN_TYPE: &str = "JWT";

/// `aud` as JWTs carry it: one string or a list.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub sub: String,
    pub aud: Audience,
    pub exp: u64,
    pub iat: u64,
    pub jti: String,
    pub client_id: String,
    pub scope: String,
    /// The grant (sign-in) this token belongs to; absent for client credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// The DPoP key the token is bound to (RFC 9449 §6.1), if it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cnf: Option<Confirmation>,
}

/// RFC 7800 `cnf`, with the RFC 9449 thumbprint.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Confirmation {
    pub jkt: String,
}

impl AccessClaims {
    pub fn has_scope(&self, wanted: &str) -> bool {
        self.scope.split_whitespace().any(|s| s == wanted)
    }
}

#[derive(Debug, Serialize)]
struct IdClaims<'a> {
    iss: &'a str,
    sub: &'a str,
    aud: &'a str,
    exp: u64,
    iat: u64,
    auth_time: u64,
    sid: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    nonce: Option<&'a str>,
    #[serde(flatten)]
    profile: ProfileClaims,
}

/// The profile claims a scope lets a client see (OIDC Core §5.4).
#[derive(Debug, Default, Serialize)]
pub struct ProfileClaims {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
}

impl ProfileClaims {
    pub fn for_scope(user: &User, scope: &[String], issuer: &str) -> ProfileClaims {
        let has = |s: &str| scope.iter().any(|x| x == s);
        let mut claims = ProfileClaims::default();
        if has("profile") {
            claims.name = Some(user.name.clone());
            claims.picture = Some(avatar_url(issuer, &user.sub));
        }
        if has("email") {
            claims.email = Some(user.email.clone());
            claims.email_verified = Some(false);
        }
        claims
    }
}

/// The picture URL of a user: a generated avatar served by this server.
pub fn avatar_url(issuer: &str, sub: &str) -> String {
    let id = sub.rsplit('|').next().unwrap_or(sub);
    format!("{issuer}images/avatars/{id}.png")
}

/// What the token endpoint answers on success (RFC 6749 §5.1).
#[derive(Serialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: u64,
    pub scope: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Seconds the session has left, with a refresh token, when sessions have an absolute
    /// lifetime (as Microsoft's identity platform names it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token_expires_in: Option<u64>,
}

/// The scopes of a request the server can grant: the OIDC ones, and the API's own when the
/// API is the audience. Unknown scopes are dropped, as Auth0 does.
pub fn grantable_scopes(requested: &str, audience: Option<&str>) -> Vec<String> {
    let mut granted: Vec<String> = Vec::new();
    for scope in requested.split_whitespace() {
        let known = matches!(scope, "openid" | "profile" | "email" | "offline_access")
            || (scope == API_SCOPE && audience == Some(API_AUDIENCE));
        if known && !granted.iter().any(|g| g == scope) {
            granted.push(scope.to_string());
        }
    }
    granted
}

/// Checks a requested `audience`: only the demo API exists.
pub fn check_audience(audience: Option<&str>) -> Result<(), OAuthError> {
    match audience {
        None | Some(API_AUDIENCE) => Ok(()),
        Some(other) => Err(OAuthError::invalid_request(format!(
            "unknown audience '{other}': this server's API is '{API_AUDIENCE}'"
        ))),
    }
}

/// Everything needed to mint tokens.
pub struct Minter<'a> {
    pub key: &'a SigningKey,
    pub issuer: &'a str,
    pub access_ttl: u64,
    /// Seconds a sign-in lasts however often it is refreshed, if limited.
    pub session_lifetime: Option<u64>,
    pub now: u64,
    /// The thumbprint of the DPoP key this request proved, if it carried a proof.
    pub dpop_jkt: Option<String>,
}

impl Minter<'_> {
    fn userinfo_audience(&self) -> String {
        format!("{}userinfo", self.issuer)
    }

    fn access_token(
        &self,
        sub: &str,
        client_id: &str,
        audience: Option<&str>,
        scope: &[String],
        sid: Option<&str>,
        jkt: Option<&str>,
    ) -> Result<String, OAuthError> {
        let openid = scope.iter().any(|s| s == "openid");
        let aud = match audience {
            Some(api) if openid => Audience::Many(vec![api.to_string(), self.userinfo_audience()]),
            Some(api) => Audience::One(api.to_string()),
            None => Audience::One(self.userinfo_audience()),
        };
        let claims = AccessClaims {
            iss: self.issuer.to_string(),
            sub: sub.to_string(),
            aud,
            exp: self.now + self.access_ttl,
            iat: self.now,
            jti: random::token(16),
            client_id: client_id.to_string(),
            scope: scope.join(" "),
            sid: sid.map(str::to_string),
            cnf: jkt.map(|jkt| Confirmation { jkt: jkt.into() }),
        };
        self.key
            .sign(ACCESS_TOKEN_TYPE, &claims)
            .map_err(OAuthError::server_error)
    }

    /// Access token, and ID token when `openid` was granted, for a user's grant.
    /// `scope` may narrow the grant's scope (a refresh request can ask for less).
    pub fn for_grant(
        &self,
        grant_id: &str,
        grant: &Grant,
        user: &User,
        scope: &[String],
    ) -> Result<TokenResponse, OAuthError> {
        let access_token = self.access_token(
            &grant.sub,
            &grant.client_id,
            grant.audience.as_deref(),
            scope,
            Some(grant_id),
            grant.jkt.as_deref(),
        )?;
        let id_token = if scope.iter().any(|s| s == "openid") {
            let claims = IdClaims {
                iss: self.issuer,
                sub: &grant.sub,
                aud: &grant.client_id,
                exp: self.now + ID_TOKEN_TTL,
                iat: self.now,
                auth_time: grant.auth_time,
                sid: grant_id,
                nonce: grant.nonce.as_deref(),
                profile: ProfileClaims::for_scope(user, scope, self.issuer),
            };
            Some(
                self.key
                    .sign(ID_TOKEN_TYPE, &claims)
                    .map_err(OAuthError::server_error)?,
            )
        } else {
            None
        };
        Ok(TokenResponse {
            access_token,
            token_type: if grant.jkt.is_some() {
                "DPoP"
            } else {
                "Bearer"
            },
            expires_in: self.access_ttl,
            scope: scope.join(" "),
            id_token,
            refresh_token: None,
            refresh_token_expires_in: None,
        })
    }

    /// When a sign-in made at `auth_time` ends, if sessions have an absolute lifetime.
    pub fn session_end(&self, auth_time: u64) -> Option<u64> {
        self.session_lifetime
            .map(|lifetime| auth_time.saturating_add(lifetime))
    }

    /// The latest expiry among tokens minted now for a grant.
    pub fn tokens_valid_until(&self) -> u64 {
        self.now + self.access_ttl.max(ID_TOKEN_TTL)
    }

    /// An access token for a confidential client acting as itself (client credentials):
    /// `sub` is `CLIENT_ID@clients`, as Auth0 does.
    pub fn for_client(
        &self,
        client_id: &str,
        audience: &str,
        scope: &[String],
    ) -> Result<TokenResponse, OAuthError> {
        let sub = format!("{client_id}@clients");
        Ok(TokenResponse {
            access_token: self.access_token(&sub, client_id, Some(audience), scope, None, None)?,
            token_type: "Bearer",
            expires_in: self.access_ttl,
            scope: scope.join(" "),
            id_token: None,
            refresh_token: None,
            refresh_token_expires_in: None,
        })
    }
}
