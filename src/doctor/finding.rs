//! What a check can find, as data: what passed, what is wrong, how to fix it, why a check was
//! skipped. Each has a stable `code` for scripts; the faces word them. Text that came from a
//! server (`said`, `detail`) is raw here and must be cleaned before it is shown.

use std::path::PathBuf;

use crate::auth::clock_offset::ClockOffset;

/// What a passed check saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Passed {
    /// config.ron was read and every field is valid.
    Config {
        /// The file.
        path: PathBuf,
    },
    /// Every address is https:// or on this machine.
    Https,
    /// The discovery document was found.
    Discovery {
        /// Where.
        url: String,
    },
    /// The document names the configured issuer.
    Issuer {
        /// The issuer, as the provider writes it.
        issuer: String,
    },
    /// The device authorization endpoint.
    DeviceEndpoint {
        /// Its address.
        url: String,
        /// Whether config.ron names it (else the provider advertises it).
        configured: bool,
    },
    /// The provider accepted this client.
    ClientId {
        /// The client id.
        client_id: String,
    },
    /// A device code was issued (and left unused).
    DeviceGrant,
    /// The audience was accepted.
    Audience {
        /// The audience.
        audience: String,
    },
    /// `offline_access` is asked for.
    OfflineAccess,
    /// The JWKS has a key for an accepted algorithm.
    Jwks {
        /// The algorithm (RS256 or ES256).
        algorithm: String,
        /// How many keys the set holds.
        keys: usize,
    },
    /// The clocks agree closely enough.
    Clock {
        /// This box minus the provider.
        offset: ClockOffset,
    },
    /// The API answered.
    Api {
        /// The address asked.
        url: String,
        /// Its HTTP status (401 without a token is fine).
        status: u16,
    },
    /// The session file is readable and private.
    SessionFile {
        /// The file.
        path: PathBuf,
    },
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// There is no configuration file.
    ConfigMissing {
        /// Where it was looked for.
        path: PathBuf,
    },
    /// The configuration cannot be used (the loader's message, naming file and field).
    ConfigInvalid {
        /// What the loader said.
        message: String,
    },
    /// An address uses plain http:// off this machine.
    Insecure {
        /// The config.ron field or the provider's metadata field.
        place: String,
        /// The address.
        url: String,
    },
    /// The network failed (DNS, refused, timeout, TLS).
    Unreachable {
        /// What failed.
        detail: String,
    },
    /// The server is in trouble (5xx) or rate limiting (429).
    ServerTrouble {
        /// The HTTP status.
        status: u16,
    },
    /// The issuer serves no discovery document (HTTP 404).
    NoDiscoveryDocument {
        /// Where it was looked for.
        url: String,
    },
    /// The discovery document cannot be used.
    DiscoveryUnusable {
        /// Why.
        detail: String,
    },
    /// The document is for another issuer.
    IssuerMismatch {
        /// The issuer the document states.
        stated: String,
        /// The issuer in config.ron.
        configured: String,
    },
    /// No device authorization endpoint is advertised or configured.
    NoDeviceEndpoint,
    /// The client secret cannot be read (never its value).
    SecretUnreadable {
        /// Why.
        detail: String,
    },
    /// The provider does not know this client, or refused its credentials.
    ClientUnknown {
        /// The provider's words, if any.
        said: Option<String>,
    },
    /// The provider refuses this client the device grant.
    GrantRefused {
        /// The provider's words, if any.
        said: Option<String>,
    },
    /// The provider refuses the audience.
    AudienceRefused {
        /// The audience in config.ron.
        audience: String,
        /// The provider's words, if any.
        said: Option<String>,
    },
    /// The provider refused the request for another reason.
    Refused {
        /// The OAuth error code.
        code: String,
        /// The provider's words, if any.
        said: Option<String>,
    },
    /// The provider's answer could not be understood.
    Unexpected {
        /// What was wrong with it.
        detail: String,
    },
    /// `offline_access` is not in the scope.
    NoOfflineAccess,
    /// No JWKS address is advertised or configured, yet ID tokens are asked for.
    NoJwksUri,
    /// The JWKS cannot be fetched or read.
    JwksUnreadable {
        /// Why.
        detail: String,
    },
    /// The provider signs ID tokens with no algorithm tvauth accepts.
    NoUsableAlgorithm {
        /// What it advertises.
        advertised: Vec<String>,
    },
    /// The JWKS has no key for the advertised algorithms.
    NoKeyFor {
        /// The algorithms looked for.
        algorithms: Vec<String>,
    },
    /// This box's clock is far from the provider's.
    ClockOff {
        /// This box minus the provider.
        offset: ClockOffset,
    },
    /// The API answered with an error status.
    ApiStatus {
        /// The address asked.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The API cannot be reached.
    ApiUnreachable {
        /// The address asked.
        url: String,
        /// What failed.
        detail: String,
    },
    /// The session file cannot be read.
    SessionUnreadable {
        /// The file.
        path: PathBuf,
        /// Why (never its content).
        detail: String,
    },
    /// A file or directory others may read.
    TooOpen {
        /// The file or directory.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
        /// What they should be.
        want: u32,
    },
}

impl Problem {
    /// A stable name for scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::ConfigMissing { .. } => "config_missing",
            Problem::ConfigInvalid { .. } => "config_invalid",
            Problem::Insecure { .. } => "insecure",
            Problem::Unreachable { .. } => "unreachable",
            Problem::ServerTrouble { .. } => "server_trouble",
            Problem::NoDiscoveryDocument { .. } => "no_discovery_document",
            Problem::DiscoveryUnusable { .. } => "discovery_unusable",
            Problem::IssuerMismatch { .. } => "issuer_mismatch",
            Problem::NoDeviceEndpoint => "no_device_endpoint",
            Problem::SecretUnreadable { .. } => "secret_unreadable",
            Problem::ClientUnknown { .. } => "client_unknown",
            Problem::GrantRefused { .. } => "grant_refused",
            Problem::AudienceRefused { .. } => "audience_refused",
            Problem::Refused { .. } => "refused",
            Problem::Unexpected { .. } => "unexpected",
            Problem::NoOfflineAccess => "no_offline_access",
            Problem::NoJwksUri => "no_jwks_uri",
            Problem::JwksUnreadable { .. } => "jwks_unreadable",
            Problem::NoUsableAlgorithm { .. } => "no_usable_algorithm",
            Problem::NoKeyFor { .. } => "no_key",
            Problem::ClockOff { .. } => "clock_off",
            Problem::ApiStatus { .. } => "api_status",
            Problem::ApiUnreachable { .. } => "api_unreachable",
            Problem::SessionUnreadable { .. } => "session_unreadable",
            Problem::TooOpen { .. } => "too_open",
        }
    }
}

/// What to change, and where (config.ron, the Auth0 Dashboard, this box).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// Write config.ron (the README's "Set up Auth0 for tvauth").
    CreateConfig {
        /// Where it goes for this user.
        path: PathBuf,
        /// Where it goes for every user of the box.
        system: PathBuf,
    },
    /// Correct config.ron where the loader said.
    EditConfig,
    /// Use https:// for this config.ron field.
    UseHttps {
        /// The field.
        field: String,
    },
    /// The provider itself must publish https:// addresses.
    ProviderHttps,
    /// Check this box's network (DNS, proxy, firewall) and the issuer's host.
    CheckNetwork,
    /// The provider is in trouble: try again later.
    TryLater,
    /// Set `issuer` to the tenant's Domain (Auth0: the application's Basic Information).
    IssuerDomain,
    /// Set `issuer` to exactly what the provider states.
    IssuerAs {
        /// The issuer the provider states.
        stated: String,
    },
    /// Name `device_authorization_endpoint` in config.ron.
    SetDeviceEndpoint,
    /// Copy the Client ID from the Dashboard.
    ClientIdFromDashboard,
    /// Make the secret file readable, or set the environment variable.
    SecretFile,
    /// Tick the Device Code grant; `confidential` when a secret is configured (Auth0 allows
    /// the device grant to public Native applications only).
    EnableDeviceGrant {
        /// Whether config.ron gives a client secret.
        confidential: bool,
    },
    /// Set `audience` to the API's Identifier, or leave it out.
    AudienceFromApi,
    /// Look at what the provider said and the application's settings.
    ProviderSettings,
    /// Add `offline_access` to `scope` and allow offline access on the API.
    AddOfflineAccess,
    /// Name `jwks_uri` in config.ron, or drop `openid` from the scope.
    SetJwksUri,
    /// Sign ID tokens with RS256 (Auth0: the application's Advanced Settings → OAuth).
    SigningAlgorithm,
    /// Turn on network time on this box.
    NetworkTime,
    /// Check `api_base_url` and `home_path`.
    ApiAddress,
    /// Change a file's or directory's mode.
    Chmod {
        /// The file or directory.
        path: PathBuf,
        /// The mode to set.
        mode: u32,
    },
    /// Sign in again (the unreadable file is moved aside then).
    SignInAgain,
    /// Run as the user tvauth runs as (the kiosk's `tvauth`), who owns the files.
    RunAsOwner,
}

impl Fix {
    /// A stable name for scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Fix::CreateConfig { .. } => "create_config",
            Fix::EditConfig => "edit_config",
            Fix::UseHttps { .. } => "use_https",
            Fix::ProviderHttps => "provider_https",
            Fix::CheckNetwork => "check_network",
            Fix::TryLater => "try_later",
            Fix::IssuerDomain => "issuer_domain",
            Fix::IssuerAs { .. } => "issuer_as_stated",
            Fix::SetDeviceEndpoint => "set_device_endpoint",
            Fix::ClientIdFromDashboard => "client_id_from_dashboard",
            Fix::SecretFile => "secret_file",
            Fix::EnableDeviceGrant { .. } => "enable_device_grant",
            Fix::AudienceFromApi => "audience_from_api",
            Fix::ProviderSettings => "provider_settings",
            Fix::AddOfflineAccess => "add_offline_access",
            Fix::SetJwksUri => "set_jwks_uri",
            Fix::SigningAlgorithm => "signing_algorithm",
            Fix::NetworkTime => "network_time",
            Fix::ApiAddress => "api_address",
            Fix::Chmod { .. } => "chmod",
            Fix::SignInAgain => "sign_in_again",
            Fix::RunAsOwner => "run_as_owner",
        }
    }
}

/// Why a check was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Because {
    /// config.ron cannot be used.
    ConfigUnusable,
    /// The provider's metadata could not be had.
    ProviderUnusable,
    /// There is no device endpoint to ask.
    NoDeviceEndpoint,
    /// The device request failed before this could be told.
    ClientNotAccepted,
    /// No audience is configured: tokens are for no particular API.
    NoAudience,
    /// No `openid` in the scope: no ID tokens to check.
    NoOpenId,
    /// The provider's answer had no readable `Date` header.
    NoDate,
    /// No `api_base_url` in config.ron.
    NoApi,
    /// Nobody has signed in on this box yet.
    NoSession,
}

impl Because {
    /// A stable name for scripts.
    pub fn code(self) -> &'static str {
        match self {
            Because::ConfigUnusable => "config_unusable",
            Because::ProviderUnusable => "provider_unusable",
            Because::NoDeviceEndpoint => "no_device_endpoint",
            Because::ClientNotAccepted => "client_not_accepted",
            Because::NoAudience => "no_audience",
            Because::NoOpenId => "no_openid",
            Because::NoDate => "no_date",
            Because::NoApi => "no_api",
            Because::NoSession => "no_session",
        }
    }
}
