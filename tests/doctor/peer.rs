//! Against oidc-provider (a certified OpenID provider nobody here wrote, configured like
//! Auth0): a correct configuration passes every check that applies. It has no protected API
//! (the API check is skipped) and maps Auth0's `audience` onto RFC 8707 resource indicators,
//! refusing an unknown one with `invalid_target`, which doctor reports as the audience's fault.

use crate::support::cli::ConfigDir;
use crate::support::oidc_provider::OidcProvider;
use crate::{assert_fails, check, doctor, with_status};

const SCOPE: &str = "openid profile email offline_access read:library";

fn config(issuer: &str, audience: &str) -> String {
    format!(
        "(issuer: \"{issuer}\", client_id: \"tvauth-tv\", audience: \"{audience}\", scope: \"{SCOPE}\")"
    )
}

#[tokio::test]
async fn oidc_provider_passes_what_applies_and_refuses_an_unknown_audience() {
    let Some(provider) = OidcProvider::start().await else {
        return;
    };
    let dir = ConfigDir::with_config(&config(&provider.issuer, "urn:tvauth:demo-api"));
    let (run, report) = doctor(&dir, &[]).await;
    assert_eq!(run.code, 0, "{run:?}\n{report:#}");
    assert_eq!(with_status(&report, "skipped"), ["api", "session_file"]);
    assert_eq!(check(&report, "audience")["status"], "pass");
    assert_eq!(check(&report, "jwks")["status"], "pass");

    dir.write_config(&config(&provider.issuer, "https://api.example.com/"));
    let (run, report) = doctor(&dir, &[]).await;
    assert_fails(&run, &report, &["audience"]);
}
