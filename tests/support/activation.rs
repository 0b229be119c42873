//! What a person does on the demo server's activation page, through its form contract:
//! hidden `csrf` from the GET, `user_code`, `name`, `decision`.

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
