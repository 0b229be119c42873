//! The authorization code grant (RFC 6749 §4.1.3) with PKCE (RFC 7636 §4.6). A code is good
//! once: a second exchange revokes the tokens of the first (RFC 6749 §4.1.2).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use super::{GrantRequest, Outcome, open_grant};
use crate::demo::clients::Client;
use crate::demo::form::Form;
use crate::demo::oauth_error::OAuthError;
use crate::demo::random;
use crate::demo::state::{AuthCode, State};
use crate::demo::tokens::Minter;

pub(super) fn grant(state: &mut State, minter: &Minter, client: &Client, form: &Form) -> Outcome {
    let (code, entry) = match presented(state, client, form) {
        Ok(found) => found,
        Err(refusal) => return refusal.into(),
    };
    if let Some(grant_id) = &entry.redeemed_grant {
        state.revoke_grant(grant_id);
        return Outcome::Changed(Err(OAuthError::invalid_grant(
            "this code was already used: the tokens issued for it are revoked",
        )));
    }
    // A wrong verifier does not spend the code: whoever holds only the code cannot burn it.
    if let Err(refusal) = redeemable(&entry, minter.now, form) {
        return refusal.into();
    }
    let request = GrantRequest {
        client_id: entry.client_id.clone(),
        sub: entry.sub.clone(),
        scope: entry.scope.clone(),
        audience: entry.audience.clone(),
        nonce: entry.nonce.clone(),
    };
    match open_grant(state, minter, request) {
        Ok((grant_id, response)) => {
            if let Some(stored) = state.auth_codes.get_mut(&code) {
                stored.redeemed_grant = Some(grant_id);
            }
            Outcome::Changed(Ok(response))
        }
        Err(refusal) => refusal.into(),
    }
}

/// The presented code's hash and a copy of its entry, if it was issued to this client.
fn presented(
    state: &State,
    client: &Client,
    form: &Form,
) -> Result<(String, AuthCode), OAuthError> {
    let code = random::hash(form.require("code")?);
    // Required before the code is looked up; compared with the request's in `redeemable`.
    form.require("redirect_uri")?;
    let entry = state
        .auth_codes
        .get(&code)
        .ok_or_else(|| OAuthError::invalid_grant("unknown authorization code"))?;
    if entry.client_id != client.id {
        return Err(OAuthError::invalid_grant(
            "this code was issued to another client",
        ));
    }
    Ok((code, entry.clone()))
}

/// The checks after which the code is exchanged: not expired, the same `redirect_uri` as the
/// authorization request's, the verifier of its challenge.
fn redeemable(entry: &AuthCode, now: u64, form: &Form) -> Result<(), OAuthError> {
    if entry.expires_at <= now {
        return Err(OAuthError::invalid_grant("this code has expired"));
    }
    if Some(entry.redirect_uri.as_str()) != form.get("redirect_uri") {
        return Err(OAuthError::invalid_grant(
            "redirect_uri differs from the authorization request's",
        ));
    }
    check_pkce(entry.code_challenge.as_deref(), form.get("code_verifier"))
}

/// `BASE64URL(SHA256(verifier)) == challenge`, and a verifier of the RFC 7636 §4.1 form.
fn check_pkce(challenge: Option<&str>, verifier: Option<&str>) -> Result<(), OAuthError> {
    match (challenge, verifier) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err(OAuthError::invalid_grant(
            "a code_verifier was sent but the authorization request had no code_challenge",
        )),
        (Some(_), None) => Err(OAuthError::invalid_grant("missing code_verifier")),
        (Some(challenge), Some(verifier)) => {
            let well_formed = (43..=128).contains(&verifier.len())
                && verifier
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
            if !well_formed {
                return Err(OAuthError::invalid_grant(
                    "code_verifier must be 43 to 128 characters of [A-Za-z0-9-._~]",
                ));
            }
            let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
            if random::secrets_equal(&computed, challenge) {
                Ok(())
            } else {
                Err(OAuthError::invalid_grant(
                    "code_verifier does not match the code_challenge",
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_s256_matches_the_rfc_example() {
        // RFC 7636 Appendix B.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert_eq!(check_pkce(Some(challenge), Some(verifier)), Ok(()));
        assert!(check_pkce(Some(challenge), Some(&verifier.replace('d', "e"))).is_err());
        assert!(check_pkce(Some(challenge), Some("short")).is_err());
        assert!(check_pkce(Some(challenge), None).is_err());
        assert!(check_pkce(None, Some(verifier)).is_err());
        assert_eq!(check_pkce(None, None), Ok(()));
    }
}
