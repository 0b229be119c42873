//! RFC 7009 token revocation: one exchange, and what its answer means. The status decides: a
//! 2xx is done, a 4xx other than 401 and 429 is a refusal for good (nothing to retry),
//! anything else (5xx, 429, 401, no answer) is worth another try later.

use url::Url;

use super::Secret;
use super::token::{self, ClientAuth};

/// A token to revoke, which knows its `token_type_hint`.
#[derive(Debug, Clone, Copy)]
pub enum RevocableToken<'a> {
    /// A refresh token: revoking it ends the whole grant at most providers.
    Refresh(&'a Secret),
    /// An access token.
    Access(&'a Secret),
}

impl<'a> RevocableToken<'a> {
    /// The token, from its hint as stored (an unknown hint is sent as no hint's worth:
    /// treated as a refresh token, the one that matters).
    pub fn from_hint(token: &'a Secret, hint: &str) -> RevocableToken<'a> {
        match hint {
            "access_token" => RevocableToken::Access(token),
            _ => RevocableToken::Refresh(token),
        }
    }

    /// RFC 7009 §2.1 `token_type_hint`.
    pub fn type_hint(&self) -> &'static str {
        match self {
            RevocableToken::Refresh(_) => "refresh_token",
            RevocableToken::Access(_) => "access_token",
        }
    }

    fn secret(&self) -> &'a Secret {
        match self {
            RevocableToken::Refresh(secret) | RevocableToken::Access(secret) => secret,
        }
    }
}

/// How a revocation went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revocation {
    /// The server accepted (RFC 7009 §2.2: also when it did not know the token).
    Revoked,
    /// Refused for good (HTTP status): retrying would not help.
    Refused(u16),
    /// Not done now (no answer, 5xx, 429): keep the token for a later try.
    Postponed,
}

/// Sends one revocation request, with a proof by `dpop` when the token is bound to it.
pub async fn revoke(
    http: &reqwest::Client,
    endpoint: &Url,
    token: RevocableToken<'_>,
    auth: &ClientAuth<'_>,
    dpop: Option<&super::dpop::Dpop>,
) -> Revocation {
    let params = [
        ("token", token.secret().expose()),
        ("token_type_hint", token.type_hint()),
    ];
    match token::post_form(http, endpoint, &params, auth, dpop).await {
        Ok(answer) if answer.status.is_success() => Revocation::Revoked,
        // 401 is the client's own authentication failing (a secret being replaced): the
        // token itself was not judged, so it is kept for a later try, like 429.
        Ok(answer)
            if answer.status.is_client_error() && !matches!(answer.status.as_u16(), 401 | 429) =>
        {
            Revocation::Refused(answer.status.as_u16())
        }
        Ok(answer) => {
            tracing::info!(status = answer.status.as_u16(), "revocation postponed");
            Revocation::Postponed
        }
        Err(error) => {
            tracing::info!(%error, "revocation postponed");
            Revocation::Postponed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_know_their_hint() {
        let secret = Secret::new("t");
        assert_eq!(
            RevocableToken::from_hint(&secret, "access_token").type_hint(),
            "access_token"
        );
        assert_eq!(
            RevocableToken::from_hint(&secret, "refresh_token").type_hint(),
            "refresh_token"
        );
        assert_eq!(
            RevocableToken::from_hint(&secret, "").type_hint(),
            "refresh_token"
        );
    }
}
