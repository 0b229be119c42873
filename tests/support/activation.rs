//! What a person does on the demo server's pages, through their form contracts: the
//! activation page (hidden `csrf` from the GET, `user_code`, `name`, `decision`) and the
//! consent page of `/authorize` (hidden `csrf` and `request`, `name`, `decision`).

use url::Url;

/// Who approves, unless a test needs someone else.
pub const PERSON: &str = "Alex Martin";

/// The value of a hidden input in a page.
pub fn hidden_field(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name} in page"))
        + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_string()
}

/// Opens `activate?user_code=…` under `base` and submits `decision` as `name`.
pub async fn decide(
    http: &reqwest::Client,
    base: &str,
    user_code: &str,
    name: &str,
    decision: &str,
) -> (reqwest::StatusCode, String) {
    let page = http
        .get(format!("{base}activate?user_code={user_code}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden_field(&page, "csrf");
    let response = http
        .post(format!("{base}activate"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("user_code", user_code),
            ("name", name),
            ("decision", decision),
        ])
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

/// [`decide`], and the page took the decision (2xx); the page.
pub async fn decided(
    http: &reqwest::Client,
    base: &str,
    user_code: &str,
    name: &str,
    decision: &str,
) -> String {
    let (status, page) = decide(http, base, user_code, name, decision).await;
    assert!(
        status.is_success(),
        "{decision} of {user_code}: HTTP {status}: {page}"
    );
    page
}

/// Opens the consent page at `authorize_url` (it must answer 200 and name the application)
/// and submits `decision` as `name`. The answer is returned as is: with an `http` that does
/// not follow redirects, the redirect back to the client.
pub async fn consent(
    http: &reqwest::Client,
    authorize_url: &str,
    name: &str,
    decision: &str,
) -> reqwest::Response {
    let page = http.get(authorize_url).send().await.unwrap();
    assert_eq!(page.status(), reqwest::StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("tvauth"), "the page names the application");
    let form = [
        ("csrf", hidden_field(&html, "csrf")),
        ("request", hidden_field(&html, "request")),
        ("name", name.to_string()),
        ("decision", decision.to_string()),
    ];
    let action = Url::parse(authorize_url)
        .unwrap()
        .join("/authorize")
        .unwrap();
    http.post(action).form(&form).send().await.unwrap()
}
