//! A demo server in a temporary data dir, and the HTTP moves a client and a person make.

use std::collections::HashMap;
use std::path::Path;

use reqwest::StatusCode;
use serde_json::Value;
use tempfile::TempDir;
use tokio::sync::OnceCell;
use tvauth::demo::{API_AUDIENCE, DemoOptions, DemoServer, TV_CLIENT_ID};

use crate::support::{activation, oauth};

pub const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
pub const FULL_SCOPE: &str = "openid profile email offline_access read:library";

/// One signing key for the whole run: making a 2048-bit RSA key per test would dominate.
static KEY_PEM: OnceCell<Vec<u8>> = OnceCell::const_new();

async fn shared_key() -> &'static [u8] {
    KEY_PEM
        .get_or_init(|| async {
            let dir = TempDir::new().unwrap();
            let server = DemoServer::start(DemoOptions::new(dir.path()))
                .await
                .unwrap();
            server.shutdown().await;
            std::fs::read(dir.path().join("signing-key.pem")).unwrap()
        })
        .await
}

pub struct Peer {
    pub server: Option<DemoServer>,
    pub base: String,
    pub http: reqwest::Client,
    pub dir: TempDir,
}

impl Peer {
    pub async fn start() -> Peer {
        Peer::start_with(|_| {}).await
    }

    pub async fn start_with(configure: impl FnOnce(&mut DemoOptions)) -> Peer {
        let dir = TempDir::new().unwrap();
        std::fs::write(dir.path().join("signing-key.pem"), shared_key().await).unwrap();
        let mut options = DemoOptions::new(dir.path());
        configure(&mut options);
        let server = DemoServer::start(options).await.unwrap();
        Peer {
            base: server.issuer().to_string(),
            server: Some(server),
            http: http_client(),
            dir,
        }
    }

    /// Stops the server and starts a new one on the same data dir.
    pub async fn restart(&mut self) {
        if let Some(server) = self.server.take() {
            server.shutdown().await;
        }
        let server = DemoServer::start(DemoOptions::new(self.dir.path()))
            .await
            .unwrap();
        self.base = server.issuer().to_string();
        self.server = Some(server);
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// POSTs a form; returns status, headers and the JSON body (Null when not JSON).
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Answer {
        let response = self
            .http
            .post(self.url(path))
            .form(form)
            .send()
            .await
            .unwrap();
        Answer::read(response).await
    }

    pub async fn get_bearer(&self, path: &str, token: &str) -> Answer {
        let response = self
            .http
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        Answer::read(response).await
    }

    pub async fn device_code(&self, scope: &str) -> Value {
        let answer = self
            .post_form(
                "oauth/device/code",
                &[
                    ("client_id", TV_CLIENT_ID),
                    ("scope", scope),
                    ("audience", API_AUDIENCE),
                ],
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        answer.body
    }

    pub async fn poll(&self, device_code: &str) -> Answer {
        self.post_form(
            "oauth/token",
            &[
                ("grant_type", DEVICE_GRANT),
                ("device_code", device_code),
                ("client_id", TV_CLIENT_ID),
            ],
        )
        .await
    }

    /// A person opens the verification URI with the code and decides (the form contract).
    pub async fn decide(
        &self,
        user_code: &str,
        name: &str,
        decision: &str,
    ) -> (StatusCode, String) {
        activation::decide(&self.http, &self.base, user_code, name, decision).await
    }

    pub async fn get_page(&self, path: &str) -> String {
        let response = self.http.get(self.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        response.text().await.unwrap()
    }

    /// A whole device flow, approved as `name`: the token answer.
    pub async fn sign_in(&self, scope: &str, name: &str) -> Value {
        let code = self.device_code(scope).await;
        let (status, _) = self
            .decide(code["user_code"].as_str().unwrap(), name, "approve")
            .await;
        assert_eq!(status, StatusCode::OK);
        let answer = self.poll(code["device_code"].as_str().unwrap()).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        answer.body
    }

    pub async fn refresh(&self, refresh_token: &str) -> Answer {
        self.post_form(
            "oauth/token",
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
                ("client_id", TV_CLIENT_ID),
            ],
        )
        .await
    }

    /// GETs a JSON document under the issuer.
    pub async fn get_json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let response = self.http.get(self.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        response.json().await.unwrap()
    }

    /// Verifies a JWT against the server's published JWKS; returns its claims.
    pub async fn verify_jwt(&self, token: &str, audience: &str) -> HashMap<String, Value> {
        oauth::verify_jwt(&self.http, &self.base, token, audience).await
    }
}

pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// An HTTP answer as the tests look at it.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Answer {
    pub async fn read(response: reqwest::Response) -> Answer {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
        }
    }

    /// The OAuth `error` code of the answer.
    pub fn error(&self) -> &str {
        self.body["error"].as_str().unwrap_or("<none>")
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}
