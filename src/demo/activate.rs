//! `GET/POST /activate`: the page a person opens on a phone to approve a TV.
//!
//! Form contract (tests and scripts rely on it): hidden `csrf` (from the GET), `user_code`,
//! `name`, `decision` = `approve` | `deny`. Without `decision`, the code is checked and the
//! confirmation step is shown, naming the application that asked.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::form::{OAuthForm, OAuthQuery};
use super::oauth_error::OAuthError;
use super::pages::{Page, escape};
use super::rate_limit::RateLimit;
use super::state::{DeviceStatus, unix_now, valid_display_name};
use super::{Shared, lock, user_code};
use crate::i18n::fl;

/// Wrong codes allowed per address within [`GUESS_WINDOW`].
const GUESSES_ALLOWED: usize = 10;
const GUESS_WINDOW: Duration = Duration::from_secs(10 * 60);

/// The count of wrong user codes per client address (RFC 8628 §5.1: rate-limit guessing).
pub fn guess_limit() -> RateLimit<IpAddr> {
    RateLimit::new(GUESSES_ALLOWED, GUESS_WINDOW)
}

/// A request the typed code points to, as the confirmation step shows it.
struct Found {
    key: String,
    code: String,
    app: String,
    scope: Vec<String>,
}

/// Why a typed code cannot be approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CodeProblem {
    /// Too many wrong codes from this address lately: the code was not even looked at.
    Throttled,
    Unknown,
    Expired,
    Used,
}

/// Every code typed, or prefilled in the address (the QR code's), is a guess: an address over
/// its limit of wrong codes is refused before the code is looked at, and an unknown code
/// counts against it. So guessing through `GET /activate?user_code=` is throttled too.
fn guess(shared: &Shared, ip: IpAddr, typed: &str) -> Result<Found, CodeProblem> {
    if lock(&shared.code_guesses).exhausted(ip, Instant::now()) {
        return Err(CodeProblem::Throttled);
    }
    let found = find(shared, typed);
    if let Err(CodeProblem::Unknown) = found {
        lock(&shared.code_guesses).record(ip, Instant::now());
    }
    found
}

fn find(shared: &Shared, typed: &str) -> Result<Found, CodeProblem> {
    let code = user_code::normalize(typed).ok_or(CodeProblem::Unknown)?;
    let mut state = shared.state();
    let (key, entry) = state
        .device_code_by_user_code(&code)
        .map(|(k, e)| (k.clone(), e.clone()))
        .ok_or(CodeProblem::Unknown)?;
    match entry.status {
        DeviceStatus::Pending if unix_now() < entry.expires_at => {}
        DeviceStatus::Pending | DeviceStatus::ExpiryReported => return Err(CodeProblem::Expired),
        _ => return Err(CodeProblem::Used),
    }
    let app = state
        .client(&entry.client_id)
        .map_or(entry.client_id.clone(), |c| c.name.clone());
    Ok(Found {
        key,
        code,
        app,
        scope: entry.scope,
    })
}

/// Step one again, saying what is wrong with the code; `status` unless throttled (429).
fn problem_page(
    shared: &Shared,
    page: Page,
    typed: &str,
    problem: CodeProblem,
    status: StatusCode,
) -> Response {
    let (text, status) = match problem {
        CodeProblem::Throttled => (
            fl!(page.t, "activate-error-throttled"),
            StatusCode::TOO_MANY_REQUESTS,
        ),
        CodeProblem::Unknown => (fl!(page.t, "activate-error-unknown-code"), status),
        CodeProblem::Expired => (fl!(page.t, "activate-error-expired-code"), status),
        CodeProblem::Used => (fl!(page.t, "activate-error-used-code"), status),
    };
    entry_page(shared, page, typed, Some(text), status)
}

/// Step one: type the code.
fn entry_page(
    shared: &Shared,
    mut page: Page,
    typed: &str,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let title = fl!(page.t, "page-activate-title");
    page.heading(&fl!(page.t, "activate-heading"));
    page.text("", &fl!(page.t, "activate-intro"));
    if let Some(error) = error {
        page.error(&error);
    }
    page.push(&format!(
        "<form method=\"post\" action=\"activate\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
         <label for=\"user_code\">{label}</label>\
         <input class=\"code\" type=\"text\" id=\"user_code\" name=\"user_code\" value=\"{typed}\" \
          autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" autofocus required>\
         <div class=\"buttons\"><button class=\"primary\" type=\"submit\">{next}</button></div></form>",
        csrf = escape(&shared.new_csrf()),
        label = escape(&fl!(page.t, "activate-code-label")),
        typed = escape(typed),
        next = escape(&fl!(page.t, "activate-continue")),
    ));
    page.respond(status, &title)
}

/// Step two: who asks, for what, the warning, a name, Approve or Deny.
fn confirm_page(
    shared: &Shared,
    mut page: Page,
    found: &Found,
    name: &str,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let title = fl!(page.t, "page-activate-title");
    let shown = user_code::display(&found.code);
    page.heading(&fl!(page.t, "activate-heading"));
    page.text(
        "app",
        &fl!(page.t, "activate-requested-by", app = found.app.clone()),
    );
    page.text(
        "code-check",
        &fl!(page.t, "activate-check-code", code = shown.clone()),
    );
    page.scope_list(&found.scope);
    page.text("warning", &fl!(page.t, "activate-warning"));
    if let Some(error) = error {
        page.error(&error);
    }
    let (approve, deny) = (
        fl!(page.t, "activate-approve"),
        fl!(page.t, "activate-deny"),
    );
    let csrf = shared.new_csrf();
    page.decision_form(
        "activate",
        &[("csrf", &csrf), ("user_code", &shown)],
        name,
        &approve,
        &deny,
    );
    page.respond(status, &title)
}

/// Step one, or step two straight away when the address carries a code (the QR code's).
pub async fn show(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    page: Page,
    query: Result<OAuthQuery, OAuthError>,
) -> Response {
    // A malformed query is as good as none: the person can still type the code.
    let query = query.map(|OAuthQuery(query)| query).unwrap_or_default();
    let Some(typed) = query.get("user_code").filter(|c| !c.trim().is_empty()) else {
        return entry_page(&shared, page, "", None, StatusCode::OK);
    };
    match guess(&shared, peer.ip(), typed) {
        Ok(found) => confirm_page(&shared, page, &found, "", None, StatusCode::OK),
        Err(problem) => problem_page(&shared, page, typed, problem, StatusCode::OK),
    }
}

/// A posted step: the code checked (step two shown), or the decision recorded.
pub async fn decide(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    page: Page,
    form: Result<OAuthForm, OAuthError>,
) -> Response {
    let Ok(OAuthForm(form)) = form else {
        let text = fl!(page.t, "error-bad-form");
        return entry_page(&shared, page, "", Some(text), StatusCode::BAD_REQUEST);
    };
    let typed = form.get("user_code").unwrap_or_default();
    if !shared.spend_csrf(form.get("csrf")) {
        let text = fl!(page.t, "error-form-expired");
        return entry_page(&shared, page, typed, Some(text), StatusCode::BAD_REQUEST);
    }
    let found = match guess(&shared, peer.ip(), typed) {
        Ok(found) => found,
        Err(problem) => {
            return problem_page(&shared, page, typed, problem, StatusCode::BAD_REQUEST);
        }
    };
    let typed_name = form.get("name").unwrap_or_default();
    let decided = match form.get("decision") {
        None => return confirm_page(&shared, page, &found, typed_name, None, StatusCode::OK),
        Some("deny") => Ok(DeviceStatus::Denied),
        Some("approve") => match valid_display_name(typed_name) {
            Some(name) => Ok(DeviceStatus::Approved {
                sub: shared.state().sign_in(&name),
            }),
            None => Err(fl!(page.t, "error-name")),
        },
        Some(_) => Err(fl!(page.t, "error-bad-form")),
    };
    let status = match decided {
        Ok(status) => status,
        Err(text) => {
            let status = StatusCode::BAD_REQUEST;
            return confirm_page(&shared, page, &found, typed_name, Some(text), status);
        }
    };
    let approved = matches!(status, DeviceStatus::Approved { .. });
    {
        let mut state = shared.state();
        // Re-checked under the lock: the code may have been decided by another request meanwhile.
        match state.device_codes.get_mut(&found.key) {
            Some(entry) if entry.status == DeviceStatus::Pending => entry.status = status,
            _ => {
                drop(state);
                return problem_page(&shared, page, "", CodeProblem::Used, StatusCode::CONFLICT);
            }
        }
    }
    if shared.save().await.is_err() {
        let text = fl!(page.t, "error-server");
        return entry_page(
            &shared,
            page,
            typed,
            Some(text),
            StatusCode::INTERNAL_SERVER_ERROR,
        );
    }
    done_page(page, approved, &found.app, typed_name.trim())
}

fn done_page(mut page: Page, approved: bool, app: &str, name: &str) -> Response {
    let (title, body) = if approved {
        (
            fl!(page.t, "activate-approved-title"),
            fl!(
                page.t,
                "activate-approved-body",
                app = app.to_string(),
                name = name.to_string()
            ),
        )
    } else {
        (
            fl!(page.t, "activate-denied-title"),
            fl!(page.t, "activate-denied-body", app = app.to_string()),
        )
    };
    page.heading(&title);
    page.text("", &body);
    page.respond(StatusCode::OK, &title)
}
