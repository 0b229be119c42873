//! What DPoP costs in requests, counted by the proxy in front of the demo server: token
//! requests during a sign-in (in-process, as the TV app signs in) and during a refresh by a
//! new `tvauth token` process. Figures, printed (`--nocapture`), with bounds that say what
//! the nonce dance must cost at most.

use std::time::Duration;

use crate::rig::Cell;

/// `(token requests, of which answered use_dpop_nonce)` since `from` in the proxy's log.
fn token_requests(cell: &Cell, from: usize) -> (usize, usize) {
    let log = cell.proxy.log();
    let token: Vec<_> = log[from..]
        .iter()
        .filter(|e| e.path == "/oauth/token")
        .collect();
    let nonce = token
        .iter()
        .filter(|e| e.error.as_deref() == Some("use_dpop_nonce"))
        .count();
    (token.len(), nonce)
}

async fn count(dpop: bool) -> [(usize, usize); 2] {
    let cell = Cell::start(|options| options.dpop = dpop).await;
    cell.sign_in().await;
    let sign_in = token_requests(&cell, 0);
    let before = cell.proxy.log().len();
    // Access tokens live 30 s here, under the 60 s margin: `token` always refreshes.
    let run = cell.run(&["token"], Duration::from_secs(20)).await;
    assert_eq!(run.exit(), "exit 0", "{run:?}");
    [sign_in, token_requests(&cell, before)]
}

#[tokio::test]
async fn dpop_costs_one_nonce_round_trip_per_sign_in_and_per_new_process() {
    let [bearer_sign_in, bearer_refresh] = count(false).await;
    let [dpop_sign_in, dpop_refresh] = count(true).await;
    println!(
        "token requests: sign-in {} without DPoP, {} with ({} use_dpop_nonce); \
         refresh by a new process {} without, {} with ({} use_dpop_nonce)",
        bearer_sign_in.0,
        dpop_sign_in.0,
        dpop_sign_in.1,
        bearer_refresh.0,
        dpop_refresh.0,
        dpop_refresh.1
    );
    assert_eq!(bearer_sign_in.1 + bearer_refresh.1, 0);
    assert_eq!(dpop_sign_in.1, 1, "one nonce round trip per sign-in");
    assert_eq!(dpop_refresh, (2, 1), "a new process learns the nonce once");
}
