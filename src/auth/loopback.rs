//! The loopback redirect receiver of a native app (RFC 8252 §7.3): an ephemeral port on
//! 127.0.0.1 that waits for the browser to come back with the authorization code, checks
//! `state` (and `iss`, RFC 9207), and answers with a small "you can close this tab" page.

use std::collections::HashMap;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

use super::error_code::ErrorCode;
use super::secret::Secret;
use crate::html::escape;

/// The path the provider redirects to.
pub const CALLBACK_PATH: &str = "/callback";
/// A browser's request line and headers fit in this; anything longer is not ours.
const MAX_REQUEST: usize = 16 * 1024;
/// A connection that sends nothing (a browser's speculative pre-connection) is dropped after.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The pages the browser shows when it comes back, in the person's language.
#[derive(Debug, Clone)]
pub struct Pages {
    /// The page's `lang` attribute (a BCP 47 tag, e.g. `fr`).
    pub lang: String,
    /// The title of the page shown when the sign-in succeeded.
    pub done_title: String,
    /// Its text: the person may close the tab and go back to the TV.
    pub done_text: String,
    /// The title of the page shown when the sign-in failed.
    pub failed_title: String,
    /// Its text.
    pub failed_text: String,
    /// For a request to the callback that is not this sign-in's (no or another `state`): it
    /// is ignored and the sign-in goes on.
    pub stray_title: String,
    /// Its text.
    pub stray_text: String,
}

/// What the provider sent back.
#[derive(Debug)]
pub enum Redirect {
    /// The authorization code, to exchange at the token endpoint.
    Code(Secret),
    /// An OAuth error (RFC 6749 §4.1.2.1), e.g. `access_denied`.
    Error {
        /// The `error` value.
        code: ErrorCode,
        /// The provider's `error_description`, if it sent one.
        description: Option<String>,
    },
}

/// Why the redirect cannot be trusted or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RedirectError {
    /// The `state` is not the one this sign-in sent (RFC 6749 §10.12).
    #[error("the answer's state does not match this sign-in (possible forgery): it was refused")]
    StateMismatch,
    /// The `iss` parameter names another issuer (RFC 9207): the answer is not from our provider.
    #[error("the answer comes from another issuer ({0}): it was refused")]
    IssuerMismatch(String),
    /// The request is not a redirect we can read (no code, bad query).
    #[error("the answer could not be read: {0}")]
    Malformed(String),
    /// Listening, reading or answering on the local socket failed.
    #[error("the local listener failed: {0}")]
    Io(String),
}

/// A one-shot HTTP listener on 127.0.0.1 that receives the provider's redirect (RFC 8252 §7.3).
#[derive(Debug)]
pub struct RedirectListener {
    listener: TcpListener,
    redirect_uri: String,
}

impl RedirectListener {
    /// Listens on 127.0.0.1 on a port the system picks.
    pub async fn bind() -> std::io::Result<RedirectListener> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let port = listener.local_addr()?.port();
        Ok(RedirectListener {
            listener,
            redirect_uri: format!("http://127.0.0.1:{port}{CALLBACK_PATH}"),
        })
    }

    /// The `redirect_uri` to send the provider: `http://127.0.0.1:{port}/callback`.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Waits for the redirect to `/callback`; other requests (a favicon) get a 404 and the
    /// wait goes on. A callback without this sign-in's `state` (a stale tab, another page
    /// guessing the port) gets a 400 and the wait goes on too: only the provider knows the
    /// state, so nobody else can end the sign-in. The first callback with the state decides,
    /// whatever it says.
    pub async fn receive(
        self,
        state: &str,
        issuer: &str,
        pages: &Pages,
    ) -> Result<Redirect, RedirectError> {
        let (sender, mut callbacks) = mpsc::channel::<(String, TcpStream)>(4);
        loop {
            tokio::select! {
                accepted = self.listener.accept() => {
                    let (stream, _) = accepted.map_err(|e| RedirectError::Io(e.to_string()))?;
                    tokio::spawn(read_request(stream, sender.clone()));
                }
                Some((target, mut stream)) = callbacks.recv() => {
                    let outcome = judge(&target, state, issuer);
                    if matches!(outcome, Err(RedirectError::StateMismatch)) {
                        tracing::warn!("a request to the sign-in callback without its state was refused");
                        let page = page(&pages.lang, &pages.stray_title, &pages.stray_text);
                        respond(&mut stream, "400 Bad Request", &page).await;
                        continue;
                    }
                    let (status, page) = match &outcome {
                        Ok(Redirect::Code(_)) => {
                            ("200 OK", page(&pages.lang, &pages.done_title, &pages.done_text))
                        }
                        _ => (
                            "400 Bad Request",
                            page(&pages.lang, &pages.failed_title, &pages.failed_text),
                        ),
                    };
                    respond(&mut stream, status, &page).await;
                    return outcome;
                }
            }
        }
    }
}

/// Reads one request; passes `/callback` requests on, answers anything else with 404.
async fn read_request(mut stream: TcpStream, callbacks: mpsc::Sender<(String, TcpStream)>) {
    let mut buffer = Vec::with_capacity(1024);
    let read = tokio::time::timeout(READ_TIMEOUT, async {
        let mut chunk = [0u8; 1024];
        while !buffer.windows(4).any(|w| w == b"\r\n\r\n") && buffer.len() < MAX_REQUEST {
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                break;
            }
            buffer.extend_from_slice(&chunk[..n]);
        }
        Ok::<_, std::io::Error>(())
    })
    .await;
    if !matches!(read, Ok(Ok(()))) {
        return;
    }
    let head = String::from_utf8_lossy(&buffer);
    let mut words = head.lines().next().unwrap_or_default().split(' ');
    let (method, target) = (words.next(), words.next().unwrap_or_default());
    let path = target.split('?').next().unwrap_or_default();
    if method == Some("GET") && path == CALLBACK_PATH {
        let _ = callbacks.send((target.to_string(), stream)).await;
    } else {
        respond(&mut stream, "404 Not Found", "").await;
    }
}

/// Checks the callback's parameters against this sign-in.
fn judge(target: &str, state: &str, issuer: &str) -> Result<Redirect, RedirectError> {
    let query = target.split_once('?').map(|(_, q)| q).unwrap_or_default();
    let pairs: Vec<_> = form_urlencoded::parse(query.as_bytes()).collect();
    // Not this sign-in's unless it carries its state, once.
    let mut states = pairs.iter().filter(|(name, _)| name == "state");
    match (states.next(), states.next()) {
        (Some((_, value)), None) if value == state => {}
        _ => return Err(RedirectError::StateMismatch),
    }
    let mut params = HashMap::new();
    for (name, value) in pairs {
        if params
            .insert(name.to_string(), value.into_owned())
            .is_some()
        {
            return Err(RedirectError::Malformed(format!("'{name}' is repeated")));
        }
    }
    if let Some(iss) = params.get("iss")
        && iss.trim_end_matches('/') != issuer.trim_end_matches('/')
    {
        return Err(RedirectError::IssuerMismatch(iss.clone()));
    }
    if let Some(code) = params.get("error") {
        return Ok(Redirect::Error {
            code: ErrorCode::parse(code),
            description: params.get("error_description").cloned(),
        });
    }
    match params.remove("code").filter(|c| !c.is_empty()) {
        Some(code) => Ok(Redirect::Code(Secret::new(code))),
        None => Err(RedirectError::Malformed("no code and no error".into())),
    }
}

fn page(lang: &str, title: &str, text: &str) -> String {
    let (lang, title, text) = (escape(lang), escape(title), escape(text));
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>body{{font-family:system-ui,sans-serif;background:#0f1420;\
         color:#eef1f6;display:grid;place-items:center;min-height:90vh;margin:0;text-align:center}}\
         main{{max-width:32rem;padding:2rem}}h1{{font-size:1.6rem}}p{{color:#b8c0cc;line-height:1.5}}\
         </style></head><body><main><h1>{title}</h1><p>{text}</p></main></body></html>"
    )
}

async fn respond(stream: &mut TcpStream, status: &str, body: &str) {
    // No caching, no referrer: the URL that brought the browser here held the code.
    let head = format!(
        "HTTP/1.1 {status}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\n\
         cache-control: no-store\r\nreferrer-policy: no-referrer\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body.as_bytes()).await;
    let _ = stream.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_callback_is_judged_on_state_then_issuer() {
        let issuer = "https://idp.example/";
        let code = |t: &str| judge(t, "s1", issuer);
        assert!(matches!(
            code("/callback?code=abc&state=s1"),
            Ok(Redirect::Code(c)) if c.expose() == "abc"
        ));
        assert!(matches!(
            code("/callback?code=abc&state=s1&iss=https%3A%2F%2Fidp.example%2F"),
            Ok(Redirect::Code(_))
        ));
        assert_eq!(
            code("/callback?code=abc&state=s2").unwrap_err(),
            RedirectError::StateMismatch
        );
        assert_eq!(
            code("/callback?code=abc").unwrap_err(),
            RedirectError::StateMismatch
        );
        assert_eq!(
            code("/callback?code=abc&state=s1&state=s2").unwrap_err(),
            RedirectError::StateMismatch
        );
        assert!(matches!(
            code("/callback?code=abc&state=s1&iss=https%3A%2F%2Fevil.example%2F"),
            Err(RedirectError::IssuerMismatch(_))
        ));
        assert!(matches!(
            code("/callback?error=access_denied&state=s1"),
            Ok(Redirect::Error {
                code: ErrorCode::AccessDenied,
                ..
            })
        ));
        assert!(matches!(
            code("/callback?code=a&code=b&state=s1"),
            Err(RedirectError::Malformed(_))
        ));
        assert!(matches!(
            code("/callback?state=s1"),
            Err(RedirectError::Malformed(_))
        ));
    }

    fn pages() -> Pages {
        let text = |s: &str| s.to_string();
        Pages {
            lang: text("en"),
            done_title: text("Done"),
            done_text: text("done"),
            failed_title: text("Failed"),
            failed_text: text("failed"),
            stray_title: text("Stray"),
            stray_text: text("ignored"),
        }
    }

    #[tokio::test]
    async fn stray_requests_do_not_end_the_sign_in() {
        let listener = RedirectListener::bind().await.unwrap();
        let callback = listener.redirect_uri().to_string();
        let waiting = tokio::spawn(async move {
            listener
                .receive("s1", "https://idp.example/", &pages())
                .await
        });
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let get = |url: String| {
            let http = http.clone();
            async move {
                let response = http.get(url).send().await.unwrap();
                (response.status().as_u16(), response.text().await.unwrap())
            }
        };
        let root = callback.trim_end_matches(CALLBACK_PATH);
        assert_eq!(get(format!("{root}/favicon.ico")).await.0, 404);
        for stray in [
            format!("{callback}?code=forged&state=guess"),
            format!("{callback}?error=access_denied"),
            format!("{callback}?code=forged&state=s1&state=guess"),
            callback.clone(),
        ] {
            let (status, body) = get(stray.clone()).await;
            assert_eq!(status, 400, "{stray}");
            assert!(body.contains("Stray"), "{body}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiting.is_finished(), "a stray request ended the sign-in");
        let (status, body) = get(format!("{callback}?code=abc&state=s1")).await;
        assert_eq!((status, body.contains("Done")), (200, true));
        let outcome = tokio::time::timeout(Duration::from_secs(5), waiting)
            .await
            .unwrap()
            .unwrap();
        assert!(matches!(outcome, Ok(Redirect::Code(c)) if c.expose() == "abc"));
    }

    #[test]
    fn pages_escape_their_text() {
        let html = page("fr", "<b>", "a & b");
        assert!(html.contains("&lt;b&gt;") && html.contains("a &amp; b"));
        assert!(html.contains("lang=\"fr\""));
    }
}
