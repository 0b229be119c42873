//! config.ron's checks: defaults, secrets, endpoints, the session's lifetime, and messages
//! that name the field.

use super::*;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(text, Path::new("config.ron"))
}

#[test]
fn the_demo_servers_config_parses() {
    let config = parse(
        "#![enable(implicit_some)]\n(issuer: \"http://127.0.0.1:4000/\", client_id: \"tvauth-tv\", \
         audience: \"urn:tvauth:demo-api\", scope: \"openid  offline_access\", \
         api_base_url: \"http://127.0.0.1:4000/api\", home_path: \"/library\")",
    )
    .unwrap();
    assert_eq!(config.scope, "openid offline_access");
    assert_eq!(
        config.api_base_url.unwrap().as_str(),
        "http://127.0.0.1:4000/api/"
    );
    assert_eq!(config.home_path.as_deref(), Some("library"));
    assert_eq!(config.audience.as_deref(), Some("urn:tvauth:demo-api"));
}

#[test]
fn minimal_config_gets_defaults_and_options_need_no_some() {
    let config = parse(
        "(issuer: \"https://t.eu.auth0.com/\", client_id: \"abc\", audience: \"https://api\")",
    )
    .unwrap();
    assert_eq!(config.scope, DEFAULT_SCOPE);
    assert_eq!(config.audience.as_deref(), Some("https://api"));
    assert!(config.api_base_url.is_none());
}

#[test]
fn secrets_are_files_beside_the_config() {
    let config = Config::parse(
        "(issuer: \"https://idp/\", client_id: \"web\", client_secret_file: \"web-secret\", \
         token_endpoint_auth_method: \"client_secret_basic\", \
         service: (client_id: \"svc\", client_secret_file: \"/etc/tvauth/svc\", audience: \"urn:api\"))",
        Path::new("/etc/tvauth/config.ron"),
    )
    .unwrap();
    assert_eq!(
        config.client_secret.file.as_deref(),
        Some(Path::new("/etc/tvauth/web-secret"))
    );
    assert_eq!(config.token_endpoint_auth_method, Some(AuthMethod::Basic));
    let service = config.service.unwrap();
    assert_eq!(service.client_id, "svc");
    assert_eq!(
        service.client_secret.file.as_deref(),
        Some(Path::new("/etc/tvauth/svc"))
    );
    assert_eq!(service.audience.as_deref(), Some("urn:api"));
}

#[test]
fn errors_name_the_field() {
    let err = |text: &str| parse(text).unwrap_err().to_string();
    assert!(
        err("(issuer: \"http://idp.example.com/\", client_id: \"a\")").contains("field `issuer`")
    );
    assert!(err("(issuer: \"not a url\", client_id: \"a\")").contains("field `issuer`"));
    assert!(err("(issuer: \"https://idp/\", client_id: \" \")").contains("field `client_id`"));
    assert!(
        err("(issuer: \"https://idp/\", client_id: \"a\", api_base_url: \"http://10.0.0.1/\")")
            .contains("field `api_base_url`")
    );
    assert!(err("(issuer: \"https://idp/\")").contains("client_id"));
    assert!(
        err("(issuer: \"https://idp/\", client_id: \"a\", clientsecret: \"x\")")
            .contains("clientsecret")
    );
    let secret = err("(issuer: \"https://idp/\", client_id: \"a\", client_secret: \"x\")");
    assert!(
        secret.contains("field `client_secret`") && !secret.contains("\"x\""),
        "{secret}"
    );
    assert!(
        err("(issuer: \"https://idp/\", client_id: \"a\", service: (client_id: \"s\", client_secret: \"x\"))")
            .contains("service.client_secret")
    );
    assert!(
        err("(issuer: \"https://idp/\", client_id: \"a\", token_endpoint_auth_method: \"private_key_jwt\")")
            .contains("field `token_endpoint_auth_method`")
    );
    let syntax = parse("(issuer: ").unwrap_err();
    assert!(
        matches!(syntax, ConfigError::Syntax { line: 1, .. }),
        "{syntax}"
    );
}

#[test]
fn endpoints_can_be_named_and_are_checked() {
    let config = parse(
        "(issuer: \"https://idp.example/\", client_id: \"a\", \
         device_authorization_endpoint: \"https://idp.example/device/authorize\", \
         revocation_endpoint: \"https://idp.example/revoke\", jwks_uri: \"https://idp.example/keys\")",
    )
    .unwrap();
    assert_eq!(
        config
            .endpoints
            .device_authorization_endpoint
            .unwrap()
            .path(),
        "/device/authorize"
    );
    assert_eq!(
        config.endpoints.revocation_endpoint.unwrap().path(),
        "/revoke"
    );
    assert!(config.endpoints.token_endpoint.is_none());
    let err = parse(
        "(issuer: \"https://idp.example/\", client_id: \"a\", token_endpoint: \"http://10.0.0.2/token\")",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("field `token_endpoint`"), "{err}");
}

#[test]
fn the_session_lifetime_is_a_number_of_days_within_ten_years() {
    let with = |days: &str| {
        parse(&format!(
            "(issuer: \"https://idp/\", client_id: \"a\", session_lifetime_days: {days})"
        ))
    };
    assert_eq!(with("30").unwrap().session_lifetime_days, Some(30));
    assert_eq!(with("1").unwrap().session_lifetime_days, Some(1));
    assert_eq!(with("3650").unwrap().session_lifetime_days, Some(3650));
    assert_eq!(
        parse("(issuer: \"https://idp/\", client_id: \"a\")")
            .unwrap()
            .session_lifetime_days,
        None
    );
    for bad in ["0", "-3", "3651", "99999999999"] {
        let error = with(bad).unwrap_err().to_string();
        assert!(
            error.contains("field `session_lifetime_days`") && error.contains("from 1 to 3650"),
            "{bad}: {error}"
        );
    }
    let error = with("\"30\"").unwrap_err();
    assert!(matches!(error, ConfigError::Syntax { .. }), "{error}");
}

#[test]
fn browser_sign_in_follows_the_mode_unless_set() {
    let base = "(issuer: \"https://idp/\", client_id: \"tv\"";
    let unset = parse(&format!("{base})")).unwrap();
    assert_eq!(unset.browser_sign_in, None);
    assert!(unset.offers_browser_sign_in(false), "a desktop offers it");
    assert!(!unset.offers_browser_sign_in(true), "the kiosk does not");
    let on = parse(&format!("{base}, browser_sign_in: true)")).unwrap();
    assert!(on.offers_browser_sign_in(true));
    let off = parse(&format!("{base}, browser_sign_in: false)")).unwrap();
    assert!(!off.offers_browser_sign_in(false));
    let error = parse(&format!("{base}, browser_sign_in: \"yes\")")).unwrap_err();
    assert!(matches!(error, ConfigError::Syntax { .. }), "{error}");
}

#[test]
fn a_file_of_comments_only_sets_nothing() {
    // As the package's /etc/tvauth/config.ron ships.
    let shipped = include_str!("../../packaging/config.ron");
    let error = parse(shipped).unwrap_err();
    assert_eq!(
        error,
        ConfigError::NothingSet {
            path: "config.ron".into()
        }
    );
    assert!(error.to_string().contains("uncomment"), "{error}");
    assert!(matches!(parse(""), Err(ConfigError::NothingSet { .. })));
    // Uncommented as its header says (`//` off each line from `//(` to `//)`), it is valid.
    let start = shipped.find("\n//(\n").expect("a `//(` line") + 1;
    let end = shipped.rfind("\n//)").expect("a `//)` line") + "\n//)".len();
    let uncommented: String = shipped[start..end]
        .lines()
        .map(|line| line.strip_prefix("//").unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n");
    let config = parse(&uncommented).unwrap();
    assert_eq!(config.issuer.as_str(), "https://login.example.com/");
    assert_eq!(config.client_id, "YOUR_CLIENT_ID");
    assert_eq!(config.browser_sign_in, None);
    // ...and so is it with every optional field uncommented too.
    let everything: String = uncommented
        .lines()
        .map(uncomment_field)
        .collect::<Vec<_>>()
        .join("\n");
    let config = parse(&everything).unwrap_or_else(|e| panic!("{e}\n{everything}"));
    assert_eq!(config.browser_sign_in, Some(true));
    assert!(config.service.is_some() && config.endpoints.jwks_uri.is_some());
}

/// `    // field: value` as `    field: value` (and a nested section's lines); prose stays.
fn uncomment_field(line: &str) -> String {
    let Some(rest) = line.strip_prefix("    // ") else {
        return line.to_string();
    };
    let text = rest.trim_start();
    let is_field = text.split_once(": ").is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
    });
    if is_field || text == ")," {
        format!("    {rest}")
    } else {
        line.to_string()
    }
}
