//! The doctor's findings in the reader's language: each check's title, what passed, what is
//! wrong, the fix and where, why a check was skipped. What a server wrote is cleaned and
//! capped before it is shown.

use i18n_embed::fluent::FluentLanguageLoader;

use crate::doctor::{Because, CheckId, Fix, Passed, Problem};
use crate::format;
use crate::i18n::fl;

/// The check's short title.
pub fn title(t: &FluentLanguageLoader, id: CheckId) -> String {
    match id {
        CheckId::Config => fl!(t, "cli-doctor-title-config"),
        CheckId::Https => fl!(t, "cli-doctor-title-https"),
        CheckId::Discovery => fl!(t, "cli-doctor-title-discovery"),
        CheckId::Issuer => fl!(t, "cli-doctor-title-issuer"),
        CheckId::DeviceEndpoint => fl!(t, "cli-doctor-title-device-endpoint"),
        CheckId::ClientId => fl!(t, "cli-doctor-title-client-id"),
        CheckId::DeviceGrant => fl!(t, "cli-doctor-title-device-grant"),
        CheckId::Audience => fl!(t, "cli-doctor-title-audience"),
        CheckId::OfflineAccess => fl!(t, "cli-doctor-title-offline-access"),
        CheckId::Jwks => fl!(t, "cli-doctor-title-jwks"),
        CheckId::Clock => fl!(t, "cli-doctor-title-clock"),
        CheckId::Api => fl!(t, "cli-doctor-title-api"),
        CheckId::SessionFile => fl!(t, "cli-doctor-title-session-file"),
    }
}

fn path(p: &std::path::Path) -> String {
    format::error(&p.display().to_string())
}

/// What a passed check saw.
pub fn passed(t: &FluentLanguageLoader, passed: &Passed) -> String {
    match passed {
        Passed::Config { path: p } => fl!(t, "cli-doctor-pass-config", path = path(p)),
        Passed::Https => fl!(t, "cli-doctor-pass-https"),
        Passed::Discovery { url } => fl!(t, "cli-doctor-pass-discovery", url = url.as_str()),
        Passed::Issuer { issuer } => {
            fl!(t, "cli-doctor-pass-issuer", issuer = format::error(issuer))
        }
        Passed::DeviceEndpoint { url, configured } => {
            let url = format::error(url);
            if *configured {
                fl!(t, "cli-doctor-pass-device-endpoint-configured", url = url)
            } else {
                fl!(t, "cli-doctor-pass-device-endpoint", url = url)
            }
        }
        Passed::ClientId { client_id } => {
            fl!(
                t,
                "cli-doctor-pass-client-id",
                client_id = client_id.as_str()
            )
        }
        Passed::DeviceGrant => fl!(t, "cli-doctor-pass-device-grant"),
        Passed::Audience { audience } => {
            fl!(t, "cli-doctor-pass-audience", audience = audience.as_str())
        }
        Passed::OfflineAccess => fl!(t, "cli-doctor-pass-offline-access"),
        Passed::Jwks { algorithm, keys } => fl!(
            t,
            "cli-doctor-pass-jwks",
            keys = keys,
            alg = format::error(algorithm)
        ),
        Passed::Clock { offset } => fl!(t, "cli-doctor-pass-clock", seconds = offset.seconds()),
        Passed::Api { url, status } => fl!(
            t,
            "cli-doctor-pass-api",
            url = url.as_str(),
            status = status
        ),
        Passed::SessionFile { path: p } => {
            fl!(t, "cli-doctor-pass-session-file", path = path(p))
        }
    }
}

/// What is wrong, with the provider's own words after it when it gave some.
pub fn problem(t: &FluentLanguageLoader, problem: &Problem) -> String {
    let said = |words: &Option<String>| {
        words
            .as_deref()
            .filter(|w| !w.trim().is_empty())
            .map(|w| format!(" {}", fl!(t, "cli-doctor-said", said = format::error(w))))
            .unwrap_or_default()
    };
    let clean = |text: &str| format::error(text);
    match problem {
        Problem::ConfigMissing { path: p } => {
            fl!(t, "cli-doctor-why-config-missing", path = path(p))
        }
        Problem::ConfigInvalid { message } => {
            fl!(t, "cli-doctor-why-config-invalid", message = clean(message))
        }
        Problem::Insecure { place, url } => fl!(
            t,
            "cli-doctor-why-insecure",
            place = clean(place),
            url = clean(url)
        ),
        Problem::Unreachable { detail } => {
            fl!(t, "cli-doctor-why-unreachable", detail = clean(detail))
        }
        Problem::ServerTrouble { status } => {
            fl!(t, "cli-doctor-why-server-trouble", status = status)
        }
        Problem::NoDiscoveryDocument { url } => {
            fl!(t, "cli-doctor-why-no-discovery", url = url.as_str())
        }
        Problem::DiscoveryUnusable { detail } => {
            fl!(
                t,
                "cli-doctor-why-discovery-unusable",
                detail = clean(detail)
            )
        }
        Problem::IssuerMismatch { stated, configured } => fl!(
            t,
            "cli-doctor-why-issuer-mismatch",
            stated = clean(stated),
            configured = configured.as_str()
        ),
        Problem::NoDeviceEndpoint => fl!(t, "cli-doctor-why-no-device-endpoint"),
        Problem::SecretUnreadable { detail } => {
            fl!(
                t,
                "cli-doctor-why-secret-unreadable",
                detail = clean(detail)
            )
        }
        Problem::ClientUnknown { said: words } => {
            fl!(t, "cli-doctor-why-client-unknown") + &said(words)
        }
        Problem::GrantRefused { said: words } => {
            fl!(t, "cli-doctor-why-grant-refused") + &said(words)
        }
        Problem::AudienceRefused {
            audience,
            said: words,
        } => {
            fl!(
                t,
                "cli-doctor-why-audience-refused",
                audience = audience.as_str()
            ) + &said(words)
        }
        Problem::Refused { code, said: words } => {
            fl!(t, "cli-doctor-why-refused", code = format::error_code(code)) + &said(words)
        }
        Problem::Unexpected { detail } => {
            fl!(t, "cli-doctor-why-unexpected", detail = clean(detail))
        }
        Problem::NoOfflineAccess => fl!(t, "cli-doctor-why-no-offline-access"),
        Problem::NoJwksUri => fl!(t, "cli-doctor-why-no-jwks-uri"),
        Problem::JwksUnreadable { detail } => {
            fl!(t, "cli-doctor-why-jwks-unreadable", detail = clean(detail))
        }
        Problem::NoUsableAlgorithm { advertised } => fl!(
            t,
            "cli-doctor-why-no-usable-algorithm",
            advertised = clean(&advertised.join(", "))
        ),
        Problem::NoKeyFor { algorithms } => fl!(
            t,
            "cli-doctor-why-no-key",
            algorithms = clean(&algorithms.join(", "))
        ),
        Problem::ClockOff { offset } => format::clock_off(t, *offset),
        Problem::ApiStatus { url, status } => fl!(
            t,
            "cli-doctor-why-api-status",
            url = url.as_str(),
            status = status
        ),
        Problem::ApiUnreachable { url, detail } => fl!(
            t,
            "cli-doctor-why-api-unreachable",
            url = url.as_str(),
            detail = clean(detail)
        ),
        Problem::SessionUnreadable { path: p, detail } => fl!(
            t,
            "cli-doctor-why-session-unreadable",
            path = path(p),
            detail = clean(detail)
        ),
        Problem::TooOpen { path: p, mode, .. } => fl!(
            t,
            "cli-doctor-why-too-open",
            path = path(p),
            mode = format!("{mode:o}")
        ),
    }
}

/// What to change, and where.
pub fn fix(t: &FluentLanguageLoader, fix: &Fix) -> String {
    match fix {
        Fix::CreateConfig { path: p, system } => fl!(
            t,
            "cli-doctor-fix-create-config",
            path = path(p),
            system = path(system)
        ),
        Fix::EditConfig => fl!(t, "cli-doctor-fix-edit-config"),
        Fix::UseHttps { field } => fl!(t, "cli-doctor-fix-use-https", field = field.as_str()),
        Fix::ProviderHttps => fl!(t, "cli-doctor-fix-provider-https"),
        Fix::CheckNetwork => fl!(t, "cli-doctor-fix-check-network"),
        Fix::TryLater => fl!(t, "cli-doctor-fix-try-later"),
        Fix::IssuerDomain => fl!(t, "cli-doctor-fix-issuer-domain"),
        Fix::IssuerAs { stated } => {
            fl!(
                t,
                "cli-doctor-fix-issuer-as",
                stated = format::error(stated)
            )
        }
        Fix::SetDeviceEndpoint => fl!(t, "cli-doctor-fix-set-device-endpoint"),
        Fix::ClientIdFromDashboard => fl!(t, "cli-doctor-fix-client-id"),
        Fix::SecretFile => fl!(t, "cli-doctor-fix-secret-file"),
        Fix::EnableDeviceGrant {
            confidential: false,
        } => fl!(t, "cli-doctor-fix-enable-device-grant"),
        Fix::EnableDeviceGrant { confidential: true } => {
            fl!(t, "cli-doctor-fix-enable-device-grant-confidential")
        }
        Fix::AudienceFromApi => fl!(t, "cli-doctor-fix-audience"),
        Fix::ProviderSettings => fl!(t, "cli-doctor-fix-provider-settings"),
        Fix::AddOfflineAccess => fl!(t, "cli-doctor-fix-offline-access"),
        Fix::SetJwksUri => fl!(t, "cli-doctor-fix-jwks-uri"),
        Fix::SigningAlgorithm => fl!(t, "cli-doctor-fix-signing-algorithm"),
        Fix::NetworkTime => fl!(t, "cli-doctor-fix-network-time"),
        Fix::ApiAddress => fl!(t, "cli-doctor-fix-api-address"),
        Fix::Chmod { path: p, mode } => fl!(
            t,
            "cli-doctor-fix-chmod",
            mode = format!("{mode:o}"),
            path = path(p)
        ),
        Fix::SignInAgain => fl!(t, "cli-doctor-fix-sign-in-again"),
        Fix::RunAsOwner => fl!(t, "cli-doctor-fix-run-as-owner"),
    }
}

/// Why a check was not made.
pub fn because(t: &FluentLanguageLoader, because: Because) -> String {
    match because {
        Because::ConfigUnusable => fl!(t, "cli-doctor-because-config-unusable"),
        Because::ProviderUnusable => fl!(t, "cli-doctor-because-provider-unusable"),
        Because::NoDeviceEndpoint => fl!(t, "cli-doctor-because-no-device-endpoint"),
        Because::ClientNotAccepted => fl!(t, "cli-doctor-because-client-not-accepted"),
        Because::NoAudience => fl!(t, "cli-doctor-because-no-audience"),
        Because::NoOpenId => fl!(t, "cli-doctor-because-no-openid"),
        Because::NoDate => fl!(t, "cli-doctor-because-no-date"),
        Because::NoApi => fl!(t, "cli-doctor-because-no-api"),
        Because::NoSession => fl!(t, "cli-doctor-because-no-session"),
    }
}
