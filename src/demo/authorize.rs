//! `GET/POST /authorize`: the authorization code flow (RFC 6749 §4.1) with PKCE (RFC 7636),
//! behind a simple sign-in and consent page.
//!
//! Errors about the client or its redirect URI are shown on the page (redirecting would hand
//! them to an unverified address); every other error goes back to the client by redirect.
//! Form contract: hidden `csrf` and `request`, `name`, `decision` = `approve` | `deny`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use url::Url;

use super::clients::{Client, GRANT_AUTHORIZATION_CODE};
use super::form::{Form, OAuthForm, OAuthQuery};
use super::oauth_error::OAuthError;
use super::pages::Page;
use super::state::{AuthCode, unix_now, valid_display_name};
use super::{Shared, lock, random, tokens};
use crate::i18n::fl;

/// Authorization codes are short-lived (RFC 6749 §4.1.2 recommends at most 10 minutes).
const CODE_TTL: u64 = 300;

/// A validated authorization request waiting for the person's decision.
#[derive(Debug, Clone)]
pub struct Request {
    client_id: String,
    client_name: String,
    redirect_uri: String,
    state: Option<String>,
    code_challenge: Option<String>,
    scope: Vec<String>,
    audience: Option<String>,
    nonce: Option<String>,
}

/// A 303 back to the client with the given parameters, plus `state` and `iss` (RFC 9207).
fn redirect_back(
    shared: &Shared,
    redirect_uri: &str,
    state: Option<&str>,
    params: &[(&str, &str)],
) -> Response {
    let Ok(mut url) = Url::parse(redirect_uri) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    {
        let mut query = url.query_pairs_mut();
        for (name, value) in params {
            query.append_pair(name, value);
        }
        if let Some(state) = state {
            query.append_pair("state", state);
        }
        query.append_pair("iss", &shared.issuer);
    }
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(url.as_str()) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn error_page(mut page: Page, reason: String) -> Response {
    let title = fl!(page.t, "authorize-error-title");
    page.heading(&title);
    page.error(&reason);
    page.respond(StatusCode::BAD_REQUEST, &title)
}

/// Checks the request parameters once the client and redirect URI are trusted.
fn validate(client: &Client, query: &Form) -> Result<Request, (&'static str, String)> {
    if query.get("response_type") != Some("code") {
        return Err((
            "unsupported_response_type",
            "response_type must be 'code'".into(),
        ));
    }
    if !client.allows(GRANT_AUTHORIZATION_CODE) {
        return Err((
            "unauthorized_client",
            "this client may not use the authorization code flow".into(),
        ));
    }
    let code_challenge = query.get("code_challenge");
    match (code_challenge, query.get("code_challenge_method")) {
        (Some(_), Some("S256")) | (None, None) => {}
        (Some(_), _) => {
            return Err((
                "invalid_request",
                "code_challenge_method must be S256".into(),
            ));
        }
        (None, Some(_)) => {
            return Err((
                "invalid_request",
                "code_challenge_method without code_challenge".into(),
            ));
        }
    }
    if code_challenge.is_none() && !client.is_confidential() {
        return Err((
            "invalid_request",
            "public clients must use PKCE (code_challenge with S256)".into(),
        ));
    }
    if let Some(challenge) = code_challenge {
        let s256_shaped = challenge.len() == 43
            && challenge
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !s256_shaped {
            return Err((
                "invalid_request",
                "code_challenge is not a base64url SHA-256".into(),
            ));
        }
    }
    let audience = query.get("audience");
    tokens::check_audience(audience).map_err(|e| ("invalid_request", e.description))?;
    Ok(Request {
        client_id: client.id.clone(),
        client_name: client.name.clone(),
        redirect_uri: query.get("redirect_uri").unwrap_or_default().to_string(),
        state: query.get("state").map(str::to_string),
        code_challenge: code_challenge.map(str::to_string),
        scope: tokens::grantable_scopes(query.get("scope").unwrap_or_default(), audience),
        audience: audience.map(str::to_string),
        nonce: query.get("nonce").map(str::to_string),
    })
}

fn consent_page(
    shared: &Shared,
    mut page: Page,
    request: Request,
    name: &str,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let title = fl!(page.t, "page-authorize-title");
    let app = request.client_name.clone();
    page.heading(&fl!(page.t, "authorize-heading", app = app.clone()));
    page.text("app", &fl!(page.t, "authorize-intro", app = app));
    page.scope_list(&request.scope);
    if let Some(error) = error {
        page.error(&error);
    }
    let (allow, deny) = (
        fl!(page.t, "authorize-allow"),
        fl!(page.t, "authorize-deny"),
    );
    let csrf = shared.new_csrf();
    let request_key = lock(&shared.authorize_requests).insert(request);
    page.decision_form(
        "authorize",
        &[("csrf", &csrf), ("request", &request_key)],
        name,
        &allow,
        &deny,
    );
    page.respond(status, &title)
}

/// The consent page for a valid request; errors about the client or its redirect URI on a
/// page, others back to the client.
pub async fn show(
    State(shared): State<Arc<Shared>>,
    page: Page,
    query: Result<OAuthQuery, OAuthError>,
) -> Response {
    let query = match query {
        Ok(OAuthQuery(query)) => query,
        Err(e) => {
            let reason = fl!(page.t, "authorize-error-request", reason = e.description);
            return error_page(page, reason);
        }
    };
    let client = shared
        .state()
        .client(query.get("client_id").unwrap_or_default())
        .cloned();
    let Some(client) = client else {
        let reason = fl!(page.t, "authorize-error-client");
        return error_page(page, reason);
    };
    let Some(redirect_uri) = query
        .get("redirect_uri")
        .filter(|uri| client.accepts_redirect(uri))
    else {
        let reason = fl!(page.t, "authorize-error-redirect");
        return error_page(page, reason);
    };
    match validate(&client, &query) {
        Ok(request) => consent_page(&shared, page, request, "", None, StatusCode::OK),
        Err((code, description)) => redirect_back(
            &shared,
            redirect_uri,
            query.get("state"),
            &[("error", code), ("error_description", &description)],
        ),
    }
}

/// The person's decision: a code (or `access_denied`) back to the client.
pub async fn decide(
    State(shared): State<Arc<Shared>>,
    page: Page,
    form: Result<OAuthForm, OAuthError>,
) -> Response {
    let Ok(OAuthForm(form)) = form else {
        let reason = fl!(page.t, "error-bad-form");
        return error_page(page, reason);
    };
    let csrf_valid = shared.spend_csrf(form.get("csrf"));
    let request = form
        .get("request")
        .and_then(|key| lock(&shared.authorize_requests).take(key));
    let (true, Some(request)) = (csrf_valid, request) else {
        let reason = fl!(page.t, "error-form-expired");
        return error_page(page, reason);
    };
    let typed_name = form.get("name").unwrap_or_default();
    let refusal = match form.get("decision") {
        Some("deny") => {
            return redirect_back(
                &shared,
                &request.redirect_uri,
                request.state.as_deref(),
                &[
                    ("error", "access_denied"),
                    ("error_description", "the user cancelled the sign-in"),
                ],
            );
        }
        Some("approve") => match valid_display_name(typed_name) {
            Some(name) => return approve(&shared, page, &request, &name).await,
            None => fl!(page.t, "error-name"),
        },
        _ => fl!(page.t, "error-bad-form"),
    };
    let status = StatusCode::BAD_REQUEST;
    consent_page(&shared, page, request, typed_name, Some(refusal), status)
}

/// Signs the person in under `name`, records a code for the request, and sends it back.
async fn approve(shared: &Shared, page: Page, request: &Request, name: &str) -> Response {
    let code = random::token(32);
    {
        let mut state = shared.state();
        let sub = state.sign_in(name);
        state.auth_codes.insert(
            random::hash(&code),
            AuthCode {
                client_id: request.client_id.clone(),
                redirect_uri: request.redirect_uri.clone(),
                code_challenge: request.code_challenge.clone(),
                scope: request.scope.clone(),
                audience: request.audience.clone(),
                nonce: request.nonce.clone(),
                sub,
                expires_at: unix_now() + CODE_TTL,
                redeemed_grant: None,
            },
        );
    }
    if shared.save().await.is_err() {
        let reason = fl!(page.t, "error-server");
        return error_page(page, reason);
    }
    redirect_back(
        shared,
        &request.redirect_uri,
        request.state.as_deref(),
        &[("code", &code)],
    )
}
