//! A real third-party peer: panva's `oidc-provider` (tests/peers/oidc-provider, configured like
//! Auth0), started as a child process, and a person's moves on its own pages over plain HTTP.
//!
//! Needs `node` (and `npm` the first time); without it `OidcProvider::start` fails the test,
//! unless `TVAUTH_SKIP_NODE=1` asks to skip this peer.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tempfile::TempDir;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use url::Url;

/// Where the Node project lives.
fn peer_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/peers/oidc-provider")
}

/// A running oidc-provider. Dropping it kills the process (which also exits by itself when its
/// stdin, held here, closes).
#[derive(Debug)]
pub struct OidcProvider {
    /// `http://127.0.0.1:PORT/`, trailing slash included; equals the `iss` of its tokens.
    pub issuer: String,
    /// Holds `service-client-secret`, the secret of `tvauth-service` and `tvauth-service-post`.
    pub data_dir: TempDir,
    child: Child,
}

impl OidcProvider {
    /// Starts a provider on a free port (device codes of `tvauth-tv-short` live 5 s).
    ///
    /// When `node` is not installed it panics with a clear message: a scenario that silently
    /// passes is no test. `TVAUTH_SKIP_NODE=1` opts out: then `None`, said on stderr.
    /// Runs `npm ci --no-audit --no-fund` in tests/peers/oidc-provider once if node_modules is
    /// missing or stale (under a file lock so parallel test binaries do not race).
    pub async fn start() -> Option<OidcProvider> {
        OidcProvider::start_with(false).await
    }

    /// [`OidcProvider::start`], with a DPoP nonce required (`use_dpop_nonce`) at the token
    /// endpoint and userinfo when `dpop_nonce`, as Auth0 requires of public clients.
    pub async fn start_with(dpop_nonce: bool) -> Option<OidcProvider> {
        const SHORT_CODE_SECONDS: u64 = 5;
        let node = std::process::Command::new("node")
            .arg("--version")
            .stdin(Stdio::null())
            .output();
        if !node.is_ok_and(|out| out.status.success()) {
            if std::env::var("TVAUTH_SKIP_NODE").as_deref() == Ok("1") {
                eprintln!("skipped (TVAUTH_SKIP_NODE=1): the oidc-provider peer needs `node`");
                return None;
            }
            panic!(
                "`node` cannot be run: install Node.js 20+ for the oidc-provider peer, \
                 or set TVAUTH_SKIP_NODE=1 to skip it"
            );
        }
        tokio::task::spawn_blocking(ensure_installed)
            .await
            .expect("npm ci task panicked");

        let data_dir = TempDir::new().expect("temp dir for oidc-provider");
        let mut child = Command::new("node")
            .arg("server.mjs")
            .args(["--port", "0", "--data-dir"])
            .arg(data_dir.path())
            .args(["--device-ttl-short", &SHORT_CODE_SECONDS.to_string()])
            .args(dpop_nonce.then_some("--dpop-nonce"))
            .current_dir(peer_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("spawn node server.mjs");

        // Its logs go through eprintln!, so the test harness captures them with the test's own.
        let stderr = child.stderr.take().expect("piped stderr");
        tokio::spawn(async move {
            let mut lines = BufReader::new(stderr).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                eprintln!("[oidc-provider] {line}");
            }
        });
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout")).lines();
        let first = tokio::time::timeout(Duration::from_secs(30), stdout.next_line())
            .await
            .expect("oidc-provider did not say its issuer within 30 s")
            .expect("read oidc-provider stdout")
            .expect("oidc-provider exited before saying its issuer (see its stderr above)");
        // Keep draining, so the pipe never fills (nothing more is expected there).
        tokio::spawn(async move { while let Ok(Some(_)) = stdout.next_line().await {} });
        let line: serde_json::Value = serde_json::from_str(&first)
            .unwrap_or_else(|e| panic!("oidc-provider said {first:?}, not JSON: {e}"));
        let issuer = line["issuer"]
            .as_str()
            .unwrap_or_else(|| panic!("no issuer in {first:?}"))
            .to_string();
        Some(OidcProvider {
            issuer,
            data_dir,
            child,
        })
    }

    /// The file holding the confidential clients' secret (no trailing newline).
    pub fn service_secret_file(&self) -> PathBuf {
        self.data_dir.path().join("service-client-secret")
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

/// Whether node_modules holds the oidc-provider version package.json pins.
fn installed() -> bool {
    let read = |p: PathBuf| -> Option<serde_json::Value> {
        serde_json::from_slice(&std::fs::read(p).ok()?).ok()
    };
    let dir = peer_dir();
    let (Some(wanted), Some(have)) = (
        read(dir.join("package.json")),
        read(dir.join("node_modules/oidc-provider/package.json")),
    ) else {
        return false;
    };
    // npm writes its hidden lockfile last: its presence means the last install finished.
    dir.join("node_modules/.package-lock.json").exists()
        && wanted["dependencies"]["oidc-provider"] == have["version"]
}

fn ensure_installed() {
    if installed() {
        return;
    }
    let dir = peer_dir();
    let lock = File::create(dir.join(".install.lock")).expect("create .install.lock");
    lock.lock().expect("lock .install.lock");
    if !installed() {
        eprintln!("installing oidc-provider: npm ci --no-audit --no-fund in {dir:?}");
        let status = std::process::Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .status()
            .expect("run npm (it comes with node)");
        assert!(status.success(), "npm ci failed in {dir:?}: {status}");
    }
    // The lock is released when `lock` drops.
}

// ---------------------------------------------------------------------------------------------
// A person's moves. Each one is a fresh browser: its own cookie jar, redirects followed by hand.

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("reqwest client")
}

/// The page as a person reads it: no tags, no style, spaces collapsed, at most 300 chars.
fn snippet(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        text.push(' ');
        rest = &rest[lt..];
        let lower = rest.get(..6).unwrap_or("").to_ascii_lowercase();
        let end = if lower.starts_with("<style") || lower.starts_with("<scrip") {
            let close = if lower.starts_with("<style") {
                "</style>"
            } else {
                "</script>"
            };
            rest.find(close).map(|i| i + close.len())
        } else {
            rest.find('>').map(|i| i + 1)
        };
        rest = &rest[end.unwrap_or(rest.len())..];
    }
    text.push_str(rest);
    let text = unescape(&text.split_whitespace().collect::<Vec<_>>().join(" "));
    text.chars().take(300).collect()
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of attribute `attr` in the first tag at or after `from` that has it.
fn attr(html: &str, from: usize, attr: &str) -> Option<String> {
    let marker = format!("{attr}=\"");
    let start = html[from..].find(&marker)? + from + marker.len();
    let end = html[start..].find('"')? + start;
    Some(unescape(&html[start..end]))
}

/// The value of a hidden input `name`.
fn hidden(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let tag_start = html[..at].rfind('<')?;
    attr(html, tag_start, "value")
}

/// The action of the form with `id`, or of the first form.
fn form_action(html: &str, id: Option<&str>) -> Option<String> {
    let at = match id {
        Some(id) => html[..html.find(&format!("id=\"{id}\""))?].rfind("<form")?,
        None => html.find("<form")?,
    };
    attr(html, at, "action")
}

/// One response, read.
struct Step {
    url: Url,
    status: reqwest::StatusCode,
    location: Option<Url>,
    body: String,
}

impl Step {
    fn unexpected(&self, what: &str) -> String {
        format!(
            "{what}: {} {} → {}",
            self.status,
            self.url,
            match &self.location {
                Some(to) => format!("redirect to {to}"),
                None => snippet(&self.body),
            }
        )
    }
}

async fn send(request: reqwest::RequestBuilder) -> Result<Step, String> {
    let response = request.send().await.map_err(|e| format!("HTTP: {e}"))?;
    let url = response.url().clone();
    let status = response.status();
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| url.join(v).ok());
    let body = response
        .text()
        .await
        .map_err(|e| format!("HTTP body: {e}"))?;
    Ok(Step {
        url,
        status,
        location,
        body,
    })
}

fn same_origin(a: &Url, b: &Url) -> bool {
    a.origin() == b.origin()
}

/// Where a walk through the provider's pages ended.
enum End {
    /// A page of the provider that is neither a login nor a consent form.
    Page(Step),
    /// A redirect out of the provider (not requested).
    Away(Url),
}

/// Follows redirects within the provider and answers its login (as `login`, any password) and
/// consent pages, until a page that is neither or a redirect elsewhere.
async fn walk(
    http: &reqwest::Client,
    origin: &Url,
    mut step: Step,
    login: &str,
) -> Result<End, String> {
    for _ in 0..20 {
        if step.status.is_redirection() {
            let Some(to) = step.location.clone() else {
                return Err(step.unexpected("redirect without Location"));
            };
            if !same_origin(&to, origin) {
                return Ok(End::Away(to));
            }
            step = send(http.get(to)).await?;
            continue;
        }
        if !step.status.is_success() {
            return Err(step.unexpected("error page"));
        }
        let prompt = hidden(&step.body, "prompt");
        let Some(prompt) = prompt else {
            return Ok(End::Page(step));
        };
        let action = form_action(&step.body, None)
            .and_then(|a| step.url.join(&a).ok())
            .ok_or_else(|| step.unexpected("prompt without a form action"))?;
        let form: Vec<(&str, &str)> = match prompt.as_str() {
            "login" => vec![
                ("prompt", "login"),
                ("login", login),
                ("password", "any password"),
            ],
            "consent" => vec![("prompt", "consent")],
            other => return Err(step.unexpected(&format!("unknown prompt {other:?}"))),
        };
        step = send(http.post(action).form(&form)).await?;
    }
    Err(step.unexpected("more than 20 steps"))
}

/// GET /activate, then POST its `xsrf` with `user_code`: the confirmation page, checked.
async fn open_confirmation(
    http: &reqwest::Client,
    issuer: &str,
    user_code: &str,
) -> Result<(Url, Step), String> {
    let activate = Url::parse(issuer)
        .and_then(|i| i.join("activate"))
        .map_err(|e| format!("issuer {issuer:?}: {e}"))?;
    let page = send(http.get(activate.clone())).await?;
    if !page.status.is_success() {
        return Err(page.unexpected("GET /activate"));
    }
    let (Some(xsrf), Some(action)) = (
        hidden(&page.body, "xsrf"),
        form_action(&page.body, Some("op.deviceInputForm")),
    ) else {
        return Err(page.unexpected("no code form"));
    };
    let action = page.url.join(&action).map_err(|e| e.to_string())?;
    let confirm = send(
        http.post(action)
            .form(&[("xsrf", xsrf.as_str()), ("user_code", user_code)]),
    )
    .await?;
    if !confirm.status.is_success() || !confirm.body.contains("op.deviceConfirmForm") {
        return Err(confirm.unexpected("code not accepted"));
    }
    Ok((activate, confirm))
}

/// The confirmation form's fields, plus `extra` (what the pressed button adds).
async fn submit_confirmation(
    http: &reqwest::Client,
    confirm: &Step,
    extra: &[(&str, &str)],
) -> Result<Step, String> {
    let action = form_action(&confirm.body, Some("op.deviceConfirmForm"))
        .and_then(|a| confirm.url.join(&a).ok())
        .ok_or_else(|| confirm.unexpected("no confirm form action"))?;
    let mut form = Vec::new();
    for name in ["xsrf", "user_code", "confirm"] {
        let value = hidden(&confirm.body, name)
            .ok_or_else(|| confirm.unexpected(&format!("no {name} in confirm form")))?;
        form.push((name.to_string(), value));
    }
    form.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    send(http.post(action).form(&form)).await
}

/// The person approves a device code on the provider's own pages: GET /activate (hidden
/// `xsrf`), POST `xsrf` + `user_code`, POST the confirm form (`xsrf`, `user_code`,
/// `confirm=yes`), sign in on `/interaction/<uid>` (`prompt=login`, `login`, any password),
/// consent (`prompt=consent`), and land on "Sign-in Success". Returns Err with the page text
/// snippet on anything unexpected.
pub async fn approve_device(issuer: &str, user_code: &str, login: &str) -> Result<(), String> {
    let http = browser();
    let (origin, confirm) = open_confirmation(&http, issuer, user_code).await?;
    let step = submit_confirmation(&http, &confirm, &[]).await?;
    match walk(&http, &origin, step, login).await? {
        End::Page(page) if page.body.contains("Sign-in Success") => Ok(()),
        End::Page(page) => Err(page.unexpected("no success page")),
        End::Away(to) => Err(format!("device approval left the provider for {to}")),
    }
}

/// The person presses "Abort" on the confirmation page (the confirm form plus `abort=yes`); the
/// provider answers with its code page saying the sign-in was interrupted.
pub async fn deny_device(issuer: &str, user_code: &str) -> Result<(), String> {
    let http = browser();
    let (_, confirm) = open_confirmation(&http, issuer, user_code).await?;
    let step = submit_confirmation(&http, &confirm, &[("abort", "yes")]).await?;
    if step.status.is_success() && step.body.contains("interrupted") {
        Ok(())
    } else {
        Err(step.unexpected("abort not acknowledged"))
    }
}

/// Plays the browser for an authorization URL: follows redirects within the provider, logs in
/// as `login`, consents, and returns the final redirect URL pointing outside the provider
/// (e.g. `http://127.0.0.1:PORT/callback?code=..&state=..&iss=..`) WITHOUT requesting it.
/// An error sent back to the client (e.g. `error=access_denied`) is such a URL too.
pub async fn authorize(authorize_url: &str, login: &str) -> Result<Url, String> {
    let url = Url::parse(authorize_url).map_err(|e| format!("{authorize_url:?}: {e}"))?;
    let http = browser();
    let step = send(http.get(url.clone())).await?;
    match walk(&http, &url, step, login).await? {
        End::Away(to) => Ok(to),
        End::Page(page) => Err(page.unexpected("stopped on a page")),
    }
}

/// Plays the browser for an authorization URL and declines: on the provider's first
/// interaction page, follows its "Cancel" link (the interaction's abort URL). Returns the
/// redirect back to the client (with `error=access_denied`), not requested.
pub async fn abort(authorize_url: &str) -> Result<Url, String> {
    let url = Url::parse(authorize_url).map_err(|e| format!("{authorize_url:?}: {e}"))?;
    let http = browser();
    let mut step = send(http.get(url.clone())).await?;
    for _ in 0..20 {
        if step.status.is_redirection() {
            let to = step
                .location
                .clone()
                .ok_or_else(|| step.unexpected("redirect without Location"))?;
            if !same_origin(&to, &url) {
                return Ok(to);
            }
            step = send(http.get(to)).await?;
            continue;
        }
        let Some(end) = step.body.find("/abort\"") else {
            return Err(step.unexpected("no abort link"));
        };
        let start = step.body[..end]
            .rfind("href=\"")
            .ok_or_else(|| step.unexpected("abort link without href"))?
            + "href=\"".len();
        let link = unescape(&step.body[start..end + "/abort".len()]);
        let to = step
            .url
            .join(&link)
            .map_err(|e| format!("abort link {link:?}: {e}"))?;
        step = send(http.get(to)).await?;
    }
    Err(step.unexpected("more than 20 steps"))
}
