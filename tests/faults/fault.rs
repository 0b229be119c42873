//! The faults the proxy injects: answers of its own (statuses, garbage, huge bodies), broken
//! connections, and real answers rewritten (a field changed, the ID token forged).

use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::pkcs8::{EncodePrivateKey, LineEnding};
use serde_json::{Map, Value, json};

use crate::proxy::Raw;

/// What the proxy does instead of (or on top of) forwarding.
#[derive(Debug, Clone)]
pub enum Fault {
    /// An answer of its own; the demo server never sees the request.
    Answer(Raw),
    /// Accept, read the request, then close with a TCP reset and no answer.
    Reset,
    /// Read the request and never answer (the connection stays open).
    Silence,
    /// Forward, then change the answer.
    Rewrite(Transform),
}

/// A change to a real answer.
#[derive(Debug, Clone)]
pub enum Transform {
    /// Sets fields of a successful JSON answer.
    Set(Vec<(&'static str, Value)>),
    /// Replaces the `id_token` of a successful answer.
    IdToken(IdTokenFault),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdTokenFault {
    /// One byte of the signature changed.
    BadSignature,
    /// Signed by the provider's key, with `iss` of another issuer.
    WrongIssuer,
    /// Signed by the provider's key, for another client.
    WrongAudience,
    /// Signed by the provider's key, expired an hour ago.
    Expired,
    /// Signed again by the provider's key, unchanged: must be accepted (proves the forging).
    Resigned,
}

/// What the proxy does with a request a fault catches.
pub enum Action {
    Reset,
    Silence,
    Reply(Raw),
    Forward(Transform),
}

impl Fault {
    pub fn action(&self) -> Action {
        match self {
            Fault::Answer(raw) => Action::Reply(raw.clone()),
            Fault::Reset => Action::Reset,
            Fault::Silence => Action::Silence,
            Fault::Rewrite(transform) => Action::Forward(transform.clone()),
        }
    }

    /// An answer with this status, content type and body.
    pub fn status(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Fault {
        Fault::Answer(Raw {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
            close_delimited: false,
        })
    }

    /// A JSON answer with this status.
    pub fn json(status: u16, body: Value) -> Fault {
        Fault::status(status, "application/json", body.to_string())
    }

    /// The same answer with one more header.
    pub fn header(mut self, name: &str, value: &str) -> Fault {
        if let Fault::Answer(raw) = &mut self {
            raw.headers.push((name.into(), value.into()));
        }
        self
    }

    /// HTTP 200 `application/json` whose body stops half-way through a token.
    pub fn truncated_json() -> Fault {
        Fault::status(
            200,
            "application/json",
            r#"{"access_token":"eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIi"#,
        )
    }

    /// HTTP 200 `application/json`, 10 MiB of it, its end marked only by the close.
    pub fn huge_body() -> Fault {
        let mut body = br#"{"padding":""#.to_vec();
        body.resize(10 * 1024 * 1024, b'x');
        body.extend_from_slice(br#""}"#);
        Fault::Answer(Raw {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body,
            close_delimited: true,
        })
    }

    /// What a hotel Wi-Fi answers to everything before its login page was used.
    pub fn captive_portal() -> Fault {
        Fault::status(
            200,
            "text/html; charset=utf-8",
            "<!DOCTYPE html><html><head><title>Welcome to Hotel Wi-Fi</title></head>\
             <body><form action=\"/login\"><p>Accept the terms to get online.</p>\
             <button>Connect</button></form></body></html>",
        )
    }

    /// The real answer with these fields set.
    pub fn set(fields: &[(&'static str, Value)]) -> Fault {
        Fault::Rewrite(Transform::Set(fields.to_vec()))
    }

    pub fn id_token(kind: IdTokenFault) -> Fault {
        Fault::Rewrite(Transform::IdToken(kind))
    }
}

impl Transform {
    pub fn apply(&self, raw: &mut Raw) {
        if !(200..300).contains(&raw.status) {
            return;
        }
        let Ok(Value::Object(mut body)) = serde_json::from_slice::<Value>(&raw.body) else {
            return;
        };
        match self {
            Transform::Set(fields) => {
                for (field, value) in fields {
                    body.insert((*field).to_string(), value.clone());
                }
            }
            Transform::IdToken(kind) => {
                let Some(token) = body.get("id_token").and_then(Value::as_str) else {
                    return;
                };
                let forged = forge(token, *kind);
                body.insert("id_token".into(), Value::String(forged));
            }
        }
        raw.body = Value::Object(body).to_string().into_bytes();
    }
}

/// The demo servers' signing key (PKCS#8 PEM), made once per test run and copied into each
/// server's data dir, so that the proxy can sign as the provider.
pub fn provider_key_pem() -> &'static str {
    static PEM: OnceLock<String> = OnceLock::new();
    PEM.get_or_init(|| {
        let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap();
        key.to_pkcs8_pem(LineEnding::LF).unwrap().to_string()
    })
}

fn provider_key() -> &'static EncodingKey {
    static KEY: OnceLock<EncodingKey> = OnceLock::new();
    KEY.get_or_init(|| EncodingKey::from_rsa_pem(provider_key_pem().as_bytes()).unwrap())
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The name forged ID tokens carry: it shows whether a forged token was believed.
pub const FORGED_NAME: &str = "Mallory Forged";

/// The ID token changed as `kind` says; every forged token also names [`FORGED_NAME`].
fn forge(token: &str, kind: IdTokenFault) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return token.to_string();
    }
    let original = jsonwebtoken::decode_header(token).unwrap();
    let mut claims: Map<String, Value> =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims.insert("name".into(), json!(FORGED_NAME));
    let now = unix_now();
    match kind {
        IdTokenFault::WrongIssuer => {
            claims.insert("iss".into(), json!("https://attacker.example/"));
        }
        IdTokenFault::WrongAudience => {
            claims.insert("aud".into(), json!("another-client"));
        }
        IdTokenFault::Expired => {
            claims.insert("iat".into(), json!(now - 7200));
            claims.insert("exp".into(), json!(now - 3600));
        }
        IdTokenFault::Resigned | IdTokenFault::BadSignature => {}
    }
    let mut header = Header::new(Algorithm::RS256);
    header.kid = original.kid;
    header.typ = original.typ;
    let forged = jsonwebtoken::encode(&header, &claims, provider_key()).unwrap();
    if kind != IdTokenFault::BadSignature {
        return forged;
    }
    let (signed, signature) = forged.rsplit_once('.').unwrap();
    let mut signature = URL_SAFE_NO_PAD.decode(signature).unwrap();
    signature[10] ^= 0x01;
    format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature))
}
