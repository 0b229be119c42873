//! `GET/POST /activate`: the page a person opens on a phone to approve a TV.
//!
//! Form contract (tests and scripts rely on it): hidden `csrf` (from the GET), `user_code`,
//! `name`, `decision` = `approve` | `deny`. Without `decision`, the code is checked and the
//! confirmation step is shown, naming the application that asked.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::form::Form;
use super::pages::{Page, decision_form, escape, scope_list};
use super::state::{DeviceStatus, unix_now, valid_display_name};
use super::{Shared, lock, user_code};
use crate::i18n::fl;

/// Wrong codes allowed per address within [`GUESS_WINDOW`].
const GUESSES_ALLOWED: usize = 10;
const GUESS_WINDOW: Duration = Duration::from_secs(10 * 60);

/// Counts wrong user codes per client address (RFC 8628 §5.1: rate-limit guessing).
#[derive(Debug, Default)]
pub struct GuessLimiter {
    failures: HashMap<IpAddr, Vec<Instant>>,
}

impl GuessLimiter {
    fn recent(&mut self, ip: IpAddr) -> &mut Vec<Instant> {
        let now = Instant::now();
        self.failures.retain(|_, times| {
            times
                .last()
                .is_some_and(|t| now.duration_since(*t) < GUESS_WINDOW)
        });
        let times = self.failures.entry(ip).or_default();
        times.retain(|t| now.duration_since(*t) < GUESS_WINDOW);
        times
    }

    fn blocked(&mut self, ip: IpAddr) -> bool {
        self.recent(ip).len() >= GUESSES_ALLOWED
    }

    fn record_failure(&mut self, ip: IpAddr) {
        self.recent(ip).push(Instant::now());
    }
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
    Unknown,
    Expired,
    Used,
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

fn problem_text(page: &Page, problem: CodeProblem) -> String {
    match problem {
        CodeProblem::Unknown => fl!(page.t, "activate-error-unknown-code"),
        CodeProblem::Expired => fl!(page.t, "activate-error-expired-code"),
        CodeProblem::Used => fl!(page.t, "activate-error-used-code"),
    }
}

fn new_csrf(shared: &Shared) -> String {
    lock(&shared.csrf).insert(())
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
    page.push(&format!(
        "<h1>{}</h1>",
        escape(&fl!(page.t, "activate-heading"))
    ));
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
        csrf = escape(&new_csrf(shared)),
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
    page.push(&format!(
        "<h1>{}</h1>",
        escape(&fl!(page.t, "activate-heading"))
    ));
    page.text(
        "app",
        &fl!(page.t, "activate-requested-by", app = found.app.clone()),
    );
    page.text(
        "code-check",
        &fl!(page.t, "activate-check-code", code = shown.clone()),
    );
    let scopes = scope_list(&page.t, &found.scope);
    page.push(&scopes);
    page.text("warning", &fl!(page.t, "activate-warning"));
    if let Some(error) = error {
        page.error(&error);
    }
    let csrf = new_csrf(shared);
    let form = decision_form(
        &page.t,
        "activate",
        &[("csrf", &csrf), ("user_code", &shown)],
        name,
        &fl!(page.t, "activate-approve"),
        &fl!(page.t, "activate-deny"),
    );
    page.push(&form);
    page.respond(status, &title)
}

/// A code prefilled in the address (the QR code's) is a guess like a typed one: it counts
/// against the same limit, so guessing through `GET /activate?user_code=` is throttled too.
pub async fn show(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let page = Page::new(super::pages::lang_of(&headers));
    let query = Form::from_query(query.as_deref()).unwrap_or_default();
    let Some(typed) = query.get("user_code").filter(|c| !c.trim().is_empty()) else {
        return entry_page(&shared, page, "", None, StatusCode::OK);
    };
    if lock(&shared.code_guesses).blocked(peer.ip()) {
        let text = fl!(page.t, "activate-error-throttled");
        return entry_page(
            &shared,
            page,
            typed,
            Some(text),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    match find(&shared, typed) {
        Ok(found) => confirm_page(&shared, page, &found, "", None, StatusCode::OK),
        Err(problem) => {
            if problem == CodeProblem::Unknown {
                lock(&shared.code_guesses).record_failure(peer.ip());
            }
            let text = problem_text(&page, problem);
            entry_page(&shared, page, typed, Some(text), StatusCode::OK)
        }
    }
}

pub async fn decide(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let page = Page::new(super::pages::lang_of(&headers));
    let Ok(form) = Form::from_body(&headers, body) else {
        let text = fl!(page.t, "error-bad-form");
        return entry_page(&shared, page, "", Some(text), StatusCode::BAD_REQUEST);
    };
    let typed = form.get("user_code").unwrap_or_default();
    let csrf_valid = form
        .get("csrf")
        .is_some_and(|token| lock(&shared.csrf).take(token).is_some());
    if !csrf_valid {
        let text = fl!(page.t, "error-form-expired");
        return entry_page(&shared, page, typed, Some(text), StatusCode::BAD_REQUEST);
    }
    if lock(&shared.code_guesses).blocked(peer.ip()) {
        let text = fl!(page.t, "activate-error-throttled");
        return entry_page(
            &shared,
            page,
            typed,
            Some(text),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let found = match find(&shared, typed) {
        Ok(found) => found,
        Err(problem) => {
            if problem == CodeProblem::Unknown {
                lock(&shared.code_guesses).record_failure(peer.ip());
            }
            let text = problem_text(&page, problem);
            return entry_page(&shared, page, typed, Some(text), StatusCode::BAD_REQUEST);
        }
    };
    let typed_name = form.get("name").unwrap_or_default();
    let status = match form.get("decision") {
        None => return confirm_page(&shared, page, &found, typed_name, None, StatusCode::OK),
        Some("deny") => DeviceStatus::Denied,
        Some("approve") => {
            let Some(name) = valid_display_name(typed_name) else {
                let text = fl!(page.t, "error-name");
                return confirm_page(
                    &shared,
                    page,
                    &found,
                    typed_name,
                    Some(text),
                    StatusCode::BAD_REQUEST,
                );
            };
            let sub = shared.state().sign_in(&name);
            DeviceStatus::Approved { sub }
        }
        Some(_) => {
            let text = fl!(page.t, "error-bad-form");
            return confirm_page(
                &shared,
                page,
                &found,
                typed_name,
                Some(text),
                StatusCode::BAD_REQUEST,
            );
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
                let text = problem_text(&page, CodeProblem::Used);
                return entry_page(&shared, page, "", Some(text), StatusCode::CONFLICT);
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
    page.push(&format!("<h1>{}</h1>", escape(&title)));
    page.text("", &body);
    page.respond(StatusCode::OK, &title)
}
