//! The HTML pages people see (activation, consent): one layout readable on a phone, escaped
//! text, translated through Fluent in the browser's language.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use i18n_embed::fluent::FluentLanguageLoader;

use crate::i18n::{self, Lang, fl};

/// The browser's language, from `Accept-Language`.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::En, Lang::from_accept_language)
}

pub use crate::html::escape;

/// A page being written in one language. As an extractor, a page in the browser's language.
pub struct Page {
    pub lang: Lang,
    pub t: FluentLanguageLoader,
    body: String,
}

impl Page {
    pub fn new(lang: Lang) -> Page {
        Page {
            lang,
            t: i18n::loader(lang),
            body: String::new(),
        }
    }

    /// Appends trusted markup (callers escape what they interpolate).
    pub fn push(&mut self, markup: &str) {
        self.body.push_str(markup);
    }

    /// Appends the page's heading.
    pub fn heading(&mut self, text: &str) {
        self.body.push_str(&format!("<h1>{}</h1>", escape(text)));
    }

    /// Appends a paragraph of text with a CSS class.
    pub fn text(&mut self, class: &str, text: &str) {
        self.body
            .push_str(&format!("<p class=\"{class}\">{}</p>", escape(text)));
    }

    /// An error message, announced to screen readers.
    pub fn error(&mut self, text: &str) {
        self.body.push_str(&format!(
            "<p class=\"error\" role=\"alert\">{}</p>",
            escape(text)
        ));
    }

    /// A bulleted list of what the scopes allow, when any of them needs saying.
    pub fn scope_list(&mut self, scope: &[String]) {
        let items: String = scope
            .iter()
            .filter_map(|s| scope_phrase(&self.t, s))
            .map(|phrase| format!("<li>{}</li>", escape(&phrase)))
            .collect();
        if !items.is_empty() {
            let intro = escape(&fl!(self.t, "activate-access-intro"));
            self.body
                .push_str(&format!("<p>{intro}</p><ul>{items}</ul>"));
        }
    }

    /// The form both consent pages end with: hidden fields, a display name, Approve and Deny
    /// (form contract: `name`, `decision` = `approve` | `deny`).
    pub fn decision_form(
        &mut self,
        action: &str,
        hidden: &[(&str, &str)],
        name: &str,
        approve: &str,
        deny: &str,
    ) {
        let hidden: String = hidden
            .iter()
            .map(|(field, value)| {
                format!(
                    "<input type=\"hidden\" name=\"{field}\" value=\"{}\">",
                    escape(value)
                )
            })
            .collect();
        let form = format!(
            "<form method=\"post\" action=\"{action}\">{hidden}\
             <label for=\"name\">{label}</label>\
             <input type=\"text\" id=\"name\" name=\"name\" value=\"{name}\" placeholder=\"{placeholder}\" \
              maxlength=\"64\" autocomplete=\"name\" autofocus>\
             <div class=\"buttons\">\
             <button class=\"primary\" type=\"submit\" name=\"decision\" value=\"approve\">{approve}</button>\
             <button class=\"secondary\" type=\"submit\" name=\"decision\" value=\"deny\">{deny}</button>\
             </div></form>",
            label = escape(&fl!(self.t, "activate-name-label")),
            name = escape(name),
            placeholder = escape(&fl!(self.t, "activate-name-placeholder")),
            approve = escape(approve),
            deny = escape(deny),
        );
        self.body.push_str(&form);
    }

    /// The finished page, with headers that keep it out of caches and frames.
    pub fn respond(self, status: StatusCode, title: &str) -> Response {
        let badge = fl!(self.t, "demo-badge");
        let html = format!(
            "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title}</title><style>{STYLE}</style></head>\
             <body><main>{body}<p class=\"badge\">{badge}</p></main></body></html>\n",
            lang = self.lang.tag(),
            title = escape(title),
            body = self.body,
            badge = escape(&badge),
        );
        let mut response = (status, axum::response::Html(html)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        // The approve button must not be clickable through someone else's frame.
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'",
            ),
        );
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        if let Ok(lang) = HeaderValue::from_str(self.lang.tag()) {
            headers.insert(header::CONTENT_LANGUAGE, lang);
        }
        response
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Page {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Page::new(lang_of(&parts.headers)))
    }
}

/// The phrase describing what a scope lets the application do, if it needs saying.
fn scope_phrase(t: &FluentLanguageLoader, scope: &str) -> Option<String> {
    match scope {
        "profile" => Some(fl!(t, "scope-profile")),
        "email" => Some(fl!(t, "scope-email")),
        "offline_access" => Some(fl!(t, "scope-offline-access")),
        super::API_SCOPE => Some(fl!(t, "scope-read-library")),
        _ => None,
    }
}

const STYLE: &str = "\
:root{color-scheme:dark;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}\
body{margin:0;background:#0f1419;color:#e8eaed;font-size:18px;line-height:1.45}\
main{max-width:28rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}\
h1{font-size:1.6rem;margin:.5rem 0 1rem}\
label{display:block;margin:1rem 0 .35rem;font-weight:600}\
input[type=text]{box-sizing:border-box;width:100%;padding:.8rem;font-size:1.25rem;border-radius:.5rem;\
border:2px solid #5f6b7a;background:#1b222b;color:#fff}\
input.code{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:1.8rem;letter-spacing:.2em;\
text-transform:uppercase;text-align:center}\
input:focus,button:focus{outline:3px solid #8ab4f8;outline-offset:2px}\
.buttons{display:flex;gap:.75rem;margin-top:1.5rem}\
button{flex:1;padding:.9rem;font-size:1.1rem;font-weight:600;border-radius:.5rem;border:0;cursor:pointer}\
.primary{background:#8ab4f8;color:#0f1419}.secondary{background:#3c4552;color:#fff}\
.warning{background:#3d2f12;border-left:4px solid #f2b84b;padding:.75rem;border-radius:.25rem}\
.error{background:#4a1c1c;border-left:4px solid #f28b82;padding:.75rem;border-radius:.25rem}\
.app{font-size:1.15rem}.code-check{font-family:ui-monospace,monospace;font-size:1.3rem}\
.badge{margin-top:2rem;color:#9aa0a6;font-size:.85rem}";
