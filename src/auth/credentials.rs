//! Who the client is at the token endpoint: a public client (its id alone), or a confidential
//! one (id + secret, sent as `client_secret_post` or `client_secret_basic`). Secrets come from
//! a systemd credential, the environment or a 0600 file, never from config.ron or the command
//! line.

mod systemd;

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

pub use systemd::CREDENTIALS_DIRECTORY_ENV;

use super::Provider;
use super::secret::Secret;
use super::token::ClientAuth;

/// How a confidential client sends its secret (RFC 6749 §2.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMethod {
    /// In the form body, as the source documents show and Auth0 applications default to.
    Post,
    /// In an `Authorization: Basic` header.
    Basic,
}

impl AuthMethod {
    /// The method called `name` in config.ron and discovery (`client_secret_post` or
    /// `client_secret_basic`); `None` for any other.
    pub fn parse(name: &str) -> Option<AuthMethod> {
        match name {
            "client_secret_post" => Some(AuthMethod::Post),
            "client_secret_basic" => Some(AuthMethod::Basic),
            _ => None,
        }
    }

    /// The method's name as config.ron and discovery spell it.
    pub fn name(self) -> &'static str {
        match self {
            AuthMethod::Post => "client_secret_post",
            AuthMethod::Basic => "client_secret_basic",
        }
    }

    /// The configured method, else `client_secret_post` when discovery advertises it (or
    /// advertises nothing), else `client_secret_basic`.
    pub fn choose(configured: Option<AuthMethod>, provider: &Provider) -> AuthMethod {
        if let Some(method) = configured {
            return method;
        }
        let advertised = &provider.token_endpoint_auth_methods;
        let offers = |m: AuthMethod| advertised.iter().any(|a| a == m.name());
        if advertised.is_empty() || offers(AuthMethod::Post) || !offers(AuthMethod::Basic) {
            AuthMethod::Post
        } else {
            AuthMethod::Basic
        }
    }
}

/// A client as it authenticates.
#[derive(Debug)]
pub struct ClientIdentity {
    /// The OAuth client id the provider knows this box by.
    pub client_id: String,
    secret: Option<Secret>,
    method: Option<AuthMethod>,
}

impl ClientIdentity {
    /// A public client: the id alone, no secret (the device flow's usual case).
    pub fn public(client_id: impl Into<String>) -> ClientIdentity {
        ClientIdentity {
            client_id: client_id.into(),
            secret: None,
            method: None,
        }
    }

    /// A confidential client with its secret; `method` `None` lets discovery choose.
    pub fn confidential(
        client_id: impl Into<String>,
        secret: Secret,
        method: Option<AuthMethod>,
    ) -> ClientIdentity {
        ClientIdentity {
            client_id: client_id.into(),
            secret: Some(secret),
            method,
        }
    }

    /// A confidential client whose secret comes from `source`.
    pub fn from_source(
        client_id: impl Into<String>,
        source: &SecretSource,
        method: Option<AuthMethod>,
    ) -> Result<ClientIdentity, SecretError> {
        Ok(ClientIdentity::confidential(
            client_id,
            source.read()?,
            method,
        ))
    }

    /// How to present this client to `provider`.
    pub fn auth<'a>(&'a self, provider: &Provider) -> ClientAuth<'a> {
        let client_id = self.client_id.as_str();
        match &self.secret {
            None => ClientAuth::None { client_id },
            Some(secret) => match AuthMethod::choose(self.method, provider) {
                AuthMethod::Post => ClientAuth::Post { client_id, secret },
                AuthMethod::Basic => ClientAuth::Basic { client_id, secret },
            },
        }
    }
}

/// Where a client secret is read from, first found first: the systemd credential (the unit's
/// `LoadCredential=`), the environment variable, the file config.ron names. What the running
/// service was given wins over what config.ron says for every user and unit of the box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretSource {
    /// The systemd credential's name in `$CREDENTIALS_DIRECTORY`; it wins when present.
    pub credential: &'static str,
    /// The environment variable that holds the secret; it wins over the file when set.
    pub env: &'static str,
    /// The secret file (mode 0600), if one is configured.
    pub file: Option<PathBuf>,
}

/// Why a client secret cannot be used. Never contains the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No credential, environment variable or file gives a secret.
    #[error(
        "no client secret: set client_secret_file in config.ron, or give the unit the systemd credential {credential} (LoadCredential=), or set {env}"
    )]
    Missing {
        /// The systemd credential that was looked for.
        credential: &'static str,
        /// The environment variable that was looked for.
        env: &'static str,
    },
    /// The file could not be opened or read.
    #[error("cannot read the client secret file {}: {message}", path.display())]
    Unreadable {
        /// The secret file.
        path: PathBuf,
        /// The I/O error, in words.
        message: String,
    },
    /// Other users can read the file, so the secret may have leaked: it is not used.
    #[error("the client secret file {} can be read by other users (mode {mode:03o}): run `chmod 600` on it", path.display())]
    TooOpen {
        /// The secret file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The file holds nothing but white space.
    #[error("the client secret file {} is empty", path.display())]
    Empty {
        /// The secret file.
        path: PathBuf,
    },
    /// A file in `$CREDENTIALS_DIRECTORY` that others could read or change: not one systemd
    /// made, so not used.
    #[error(
        "the systemd credential {} is not private to this service ({why}); systemd makes its credentials so: check CREDENTIALS_DIRECTORY", path.display()
    )]
    CredentialNotPrivate {
        /// The credential's file.
        path: PathBuf,
        /// What is wrong: its mode, owner or kind.
        why: String,
    },
}

impl SecretSource {
    /// Whether a secret is configured at all (a client without one is public).
    pub fn is_configured(&self) -> bool {
        systemd::credential_file(self.credential).is_some()
            || env_secret(self.env).is_some()
            || self.file.is_some()
    }

    /// The secret: the systemd credential when there is one, else the environment variable
    /// when set, else the file, which must be private to its owner. A credential or file that
    /// is there but unusable is an error, never a reason to try the next.
    pub fn read(&self) -> Result<Secret, SecretError> {
        if let Some(path) = systemd::credential_file(self.credential) {
            return systemd::read_credential(&path);
        }
        if let Some(secret) = env_secret(self.env) {
            return Ok(Secret::new(secret));
        }
        match &self.file {
            Some(path) => read_secret_file(path),
            None => Err(SecretError::Missing {
                credential: self.credential,
                env: self.env,
            }),
        }
    }
}

fn env_secret(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Reads a secret file that only its owner may read (mode 0600 or stricter).
pub fn read_secret_file(path: &Path) -> Result<Secret, SecretError> {
    read_checked(path, std::fs::File::open(path), |metadata| {
        let mode = metadata.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(SecretError::TooOpen {
                path: path.to_path_buf(),
                mode,
            });
        }
        Ok(())
    })
}

/// Reads the secret in `opened` (the file at `path`) once `check` accepts its metadata: one
/// open, so what is checked is what is read, even if the path is swapped meanwhile. The text
/// is trimmed (a trailing newline is not part of the secret) and must not be empty.
fn read_checked(
    path: &Path,
    opened: std::io::Result<std::fs::File>,
    check: impl FnOnce(&std::fs::Metadata) -> Result<(), SecretError>,
) -> Result<Secret, SecretError> {
    let unreadable = |e: std::io::Error| SecretError::Unreadable {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut file = opened.map_err(unreadable)?;
    check(&file.metadata().map_err(unreadable)?)?;
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(unreadable)?;
    let secret = text.trim();
    if secret.is_empty() {
        return Err(SecretError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(Secret::new(secret.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use url::Url;

    fn provider(methods: &[&str]) -> Provider {
        let mut provider =
            super::super::discovery::auth0_defaults(&Url::parse("https://idp.example/").unwrap())
                .unwrap();
        provider.token_endpoint_auth_methods = methods.iter().map(|m| m.to_string()).collect();
        provider
    }

    #[test]
    fn the_method_follows_config_then_discovery() {
        let both = provider(&["client_secret_basic", "client_secret_post"]);
        assert_eq!(AuthMethod::choose(None, &both), AuthMethod::Post);
        assert_eq!(
            AuthMethod::choose(Some(AuthMethod::Basic), &both),
            AuthMethod::Basic
        );
        let basic_only = provider(&["client_secret_basic", "private_key_jwt"]);
        assert_eq!(AuthMethod::choose(None, &basic_only), AuthMethod::Basic);
        assert_eq!(AuthMethod::choose(None, &provider(&[])), AuthMethod::Post);
    }

    #[test]
    fn secret_files_must_be_private_and_not_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        std::fs::write(&path, "s3cret\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let error = read_secret_file(&path).unwrap_err();
        assert!(matches!(error, SecretError::TooOpen { mode: 0o644, .. }));
        assert!(error.to_string().contains("chmod 600"), "{error}");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(read_secret_file(&path).unwrap().expose(), "s3cret");
        std::fs::write(&path, " \n").unwrap();
        assert!(matches!(
            read_secret_file(&path),
            Err(SecretError::Empty { .. })
        ));
        assert!(matches!(
            read_secret_file(&dir.path().join("missing")),
            Err(SecretError::Unreadable { .. })
        ));
    }
}
