//! The fault-injecting HTTP/1.1 proxy: a raw TCP front on 127.0.0.1:0 that forwards each
//! request to the demo server, or answers it with a [`Fault`] chosen by path and request
//! number. It records every exchange (times, grant, error code sent) and every secret it saw.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

use crate::fault::{Action, Fault, Transform};

/// Which requests to one path a rule catches, counted from 1 since the rules were armed.
#[derive(Debug, Clone)]
pub enum Which {
    All,
    Nth(Vec<u32>),
}

#[derive(Debug, Clone)]
struct Rule {
    path: &'static str,
    which: Which,
    fault: Fault,
}

/// One request the proxy saw and what it did with it.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub path: String,
    /// `grant_type` of a form body.
    pub grant_type: Option<String>,
    /// When the request head arrived.
    pub received: Instant,
    /// When the answer was written out (None: no answer, e.g. reset or silence).
    pub answered: Option<Instant>,
    pub status: Option<u16>,
    /// The OAuth `error` of the answer's JSON body.
    pub error: Option<String>,
    pub retry_after: Option<u64>,
}

#[derive(Debug, Default)]
struct State {
    upstream: Option<SocketAddr>,
    rules: Vec<Rule>,
    counts: HashMap<String, u32>,
    log: Vec<Exchange>,
    secrets: Vec<String>,
}

#[derive(Debug)]
struct Inner {
    state: Mutex<State>,
    http: reqwest::Client,
}

impl Inner {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running proxy; dropping it closes every connection, silent ones included.
#[derive(Debug)]
pub struct Proxy {
    addr: SocketAddr,
    inner: Arc<Inner>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Proxy {
    /// Listens now; forwards once [`Proxy::forward_to`] names the upstream.
    pub async fn bind() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let inner = Arc::new(Inner {
            state: Mutex::new(State::default()),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .no_proxy()
                .build()
                .unwrap(),
        });
        let task = tokio::spawn(accept_loop(listener, inner.clone()));
        Proxy { addr, inner, task }
    }

    /// The base URL clients use, with its trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    pub fn forward_to(&self, upstream: SocketAddr) {
        self.inner.state().upstream = Some(upstream);
    }

    /// Replaces the rules and starts counting requests afresh.
    pub fn arm(&self, rules: &[(&'static str, Which, Fault)]) {
        let mut state = self.inner.state();
        state.counts.clear();
        state.rules = rules
            .iter()
            .map(|(path, which, fault)| Rule {
                path,
                which: which.clone(),
                fault: fault.clone(),
            })
            .collect();
    }

    pub fn log(&self) -> Vec<Exchange> {
        self.inner.state().log.clone()
    }

    /// Every token, code and secret that went through, either way.
    pub fn secrets(&self) -> Vec<String> {
        self.inner.state().secrets.clone()
    }
}

async fn accept_loop(listener: TcpListener, inner: Arc<Inner>) {
    // Owned here: aborting this task drops the set and with it every connection.
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    connections.spawn(serve(stream, inner.clone()));
                }
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// A request as read off the socket.
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    fn form(&self, name: &str) -> Option<String> {
        form_urlencoded::parse(&self.body)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }
}

async fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        if buffer.len() > 64 * 1024 {
            return None;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, target) = (first.next()?.to_string(), first.next()?.to_string());
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(length);
    Some(Request {
        method,
        target,
        headers,
        body,
    })
}

/// The fault for the `n`th request to `path`, if a rule catches it.
fn pick(rules: &[Rule], path: &str, n: u32) -> Option<Fault> {
    rules
        .iter()
        .find(|r| {
            r.path == path
                && match &r.which {
                    Which::All => true,
                    Which::Nth(numbers) => numbers.contains(&n),
                }
        })
        .map(|r| r.fault.clone())
}

const SECRET_FIELDS: [&str; 5] = [
    "access_token",
    "refresh_token",
    "id_token",
    "device_code",
    "token",
];

async fn serve(mut stream: TcpStream, inner: Arc<Inner>) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let received = Instant::now();
    let path = request.path().to_string();
    let (fault, upstream) = {
        let mut state = inner.state();
        for field in SECRET_FIELDS {
            if let Some(value) = request.form(field) {
                state.secrets.push(value);
            }
        }
        let n = {
            let count = state.counts.entry(path.clone()).or_insert(0);
            *count += 1;
            *count
        };
        (pick(&state.rules, &path, n), state.upstream)
    };
    let mut exchange = Exchange {
        path: path.clone(),
        grant_type: request.form("grant_type"),
        received,
        answered: None,
        status: None,
        error: None,
        retry_after: None,
    };
    let reply = match fault.as_ref().map(Fault::action) {
        Some(Action::Reset) => {
            // A zero linger makes the close a TCP reset, at once (no blocking on drop).
            #[allow(deprecated)]
            let _ = stream.set_linger(Some(Duration::ZERO));
            drop(stream);
            exchange.answered = Some(Instant::now());
            inner.state().log.push(exchange);
            return;
        }
        Some(Action::Silence) => {
            inner.state().log.push(exchange);
            // Held open until the proxy goes away.
            let _keep = stream;
            std::future::pending::<()>().await;
            return;
        }
        Some(Action::Reply(raw)) => Some(raw),
        Some(Action::Forward(transform)) => {
            forward(&inner, upstream, &request, Some(&transform)).await
        }
        None => forward(&inner, upstream, &request, None).await,
    };
    if let Some(raw) = reply {
        exchange.status = Some(raw.status);
        exchange.retry_after = raw
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("retry-after"))
            .and_then(|(_, v)| v.parse().ok());
        let json: Option<Value> = serde_json::from_slice(&raw.body).ok();
        exchange.error = json
            .as_ref()
            .and_then(|b| b.get("error"))
            .and_then(Value::as_str)
            .map(str::to_string);
        if let Some(body) = &json {
            let mut state = inner.state();
            for field in SECRET_FIELDS {
                if let Some(value) = body.get(field).and_then(Value::as_str) {
                    state.secrets.push(value.to_string());
                }
            }
        }
        let _ = stream.write_all(&raw.head()).await;
        let _ = stream.write_all(&raw.body).await;
        let _ = stream.flush().await;
        exchange.answered = Some(Instant::now());
    }
    // Logged before the close, so that a client that exits on this answer finds it logged.
    inner.state().log.push(exchange);
    let _ = stream.shutdown().await;
}

/// An answer to write back whole, `Connection: close` (one request per connection).
#[derive(Debug, Clone)]
pub struct Raw {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Leave out `Content-Length`: the body ends when the connection closes.
    pub close_delimited: bool,
}

impl Raw {
    fn head(&self) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} Fault\r\n", self.status);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !self.close_delimited {
            head.push_str(&format!("content-length: {}\r\n", self.body.len()));
        }
        head.push_str("connection: close\r\n\r\n");
        head.into_bytes()
    }
}

const HOP_BY_HOP: [&str; 6] = [
    "host",
    "connection",
    "content-length",
    "transfer-encoding",
    "keep-alive",
    "accept-encoding",
];

/// Sends the request to the demo server and brings its answer back, transformed if asked.
async fn forward(
    inner: &Inner,
    upstream: Option<SocketAddr>,
    request: &Request,
    transform: Option<&Transform>,
) -> Option<Raw> {
    let upstream = upstream?;
    let method = reqwest::Method::from_bytes(request.method.as_bytes()).ok()?;
    let mut outgoing = inner
        .http
        .request(method, format!("http://{upstream}{}", request.target))
        .body(request.body.clone());
    for (name, value) in &request.headers {
        if !HOP_BY_HOP.contains(&name.as_str()) {
            outgoing = outgoing.header(name, value);
        }
    }
    let response = outgoing.send().await.ok()?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .filter(|(name, _)| !HOP_BY_HOP.contains(&name.as_str()))
        .filter_map(|(name, value)| Some((name.to_string(), value.to_str().ok()?.to_string())))
        .collect();
    let body = response.bytes().await.ok()?.to_vec();
    let mut raw = Raw {
        status,
        headers,
        body,
        close_delimited: false,
    };
    if let Some(transform) = transform {
        transform.apply(&mut raw);
    }
    Some(raw)
}
