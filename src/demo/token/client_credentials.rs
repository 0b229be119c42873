//! The client credentials grant (RFC 6749 §4.4): a confidential client acting as itself, for
//! the API audience. Nothing is stored: the answer is an access token only.

use super::Outcome;
use crate::demo::clients::{API_SCOPE, Client};
use crate::demo::form::Form;
use crate::demo::oauth_error::OAuthError;
use crate::demo::tokens::{self, Minter, TokenResponse};

pub(super) fn grant(minter: &Minter, client: &Client, form: &Form) -> Outcome {
    Outcome::Unchanged(access_token(minter, client, form))
}

fn access_token(
    minter: &Minter,
    client: &Client,
    form: &Form,
) -> Result<TokenResponse, OAuthError> {
    let audience = form.require("audience")?;
    tokens::check_audience(Some(audience))?;
    let allowed = [API_SCOPE.to_string()];
    let scope: Vec<String> = match form.get("scope") {
        None => allowed.to_vec(),
        Some(asked) => asked
            .split_whitespace()
            .filter(|s| allowed.iter().any(|a| a == s))
            .map(str::to_string)
            .collect(),
    };
    minter.for_client(&client.id, audience, &scope)
}
