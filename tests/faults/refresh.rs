//! Cells of a refresh: `tvauth token`, `tvauth api`, and the TV app's Home
//! (`tvauth::screen::home::load`, awaited in this process as the app's Task would).

use std::time::Duration;

use tvauth::session::SessionError;

use crate::checks::{clean_exit_and_logs, exit_is, no_token_in, session_intact, stored_name};
use crate::fault::FORGED_NAME;
use crate::matrix::{Phase, Row, Verdict};
use crate::rig::Cell;

const PERSON: &str = "Alex Martin";

/// `tvauth token` or `tvauth api` with the access token due for a refresh.
pub async fn command(row: Row, phase: Phase) -> Verdict {
    let mut verdict = Verdict::default();
    let cell = Cell::start(|_| {}).await;
    let before = cell.sign_in().await;
    cell.proxy.arm(&row.rules(phase).unwrap());
    let args: &[&str] = match phase {
        Phase::Token => &["token"],
        _ => &["api"],
    };
    let limit = match row {
        Row::Silence => Duration::from_secs(40),
        _ => Duration::from_secs(25),
    };
    let run = cell.run(args, limit).await;
    clean_exit_and_logs(&mut verdict, &run, &cell.proxy.secrets());
    match row {
        _ if row.is_transient() => {
            exit_is(&mut verdict, &run, 6);
            session_intact(&mut verdict, &cell, &before);
        }
        Row::OAuthErrorIn200 => {
            exit_is(&mut verdict, &run, 7);
            session_intact(&mut verdict, &cell, &before);
        }
        Row::InvalidGrant => {
            exit_is(&mut verdict, &run, 5);
            let gone = cell.session_file().session.is_none();
            verdict.observe(if gone { "session gone" } else { "session kept" });
            verdict.expect(gone, "the ended session was kept");
        }
        Row::IdResignedControl => {
            exit_is(&mut verdict, &run, 0);
            let name = stored_name(&cell);
            verdict.observe(format!("name {name:?}"));
            verdict.expect(
                name.as_deref() == Some(FORGED_NAME),
                format!("a well-signed ID token was not used ({name:?})"),
            );
        }
        _ if row.id_token_fault().is_some() => {
            // The access token came from the token endpoint itself; only the profile the
            // bad ID token claims must not be believed, and the rotated session must stay.
            exit_is(&mut verdict, &run, 0);
            let name = stored_name(&cell);
            verdict.observe(format!("name {name:?}"));
            verdict.expect(
                name.as_deref() == Some(PERSON),
                format!("the profile became {name:?}"),
            );
            still_usable(&mut verdict, &cell).await;
        }
        Row::HugeNumbers => {
            exit_is(&mut verdict, &run, 0);
            let kept = cell.session_file().session.is_some();
            verdict.expect(kept, "the session was lost");
            // No network here: nothing is logged, so only the outcome is checked.
            let status = cell.run(&["status", "--json"], limit).await;
            verdict.expect(
                status.code == Some(0) && status.stdout.contains("\"signed_in\":true"),
                format!("status afterwards: {}", status.exit()),
            );
            still_usable(&mut verdict, &cell).await;
        }
        _ => unreachable!("{row:?} has no refresh cell"),
    }
    if run.code == Some(0) {
        verdict.expect(!run.stdout.trim().is_empty(), "nothing on stdout");
    }
    verdict
}

/// With the faults gone, the session works: an API call (which refreshes when the access
/// token is due, and always goes to the network, so trace logging has something to show).
async fn still_usable(verdict: &mut Verdict, cell: &Cell) {
    cell.proxy.arm(&[]);
    let again = cell.run(&["api"], Duration::from_secs(25)).await;
    clean_exit_and_logs(verdict, &again, &cell.proxy.secrets());
    verdict.expect(
        again.code == Some(0),
        format!("a later refresh failed: {}", again.exit()),
    );
}

/// The TV app's Home: `load_home` refreshes (the token is due) and fetches the library.
pub async fn home(row: Row, phase: Phase) -> Verdict {
    let mut verdict = Verdict::default();
    let cell = Cell::start(|_| {}).await;
    let before = cell.sign_in().await;
    // The last library on screen, as the TV saved it: an ended session keeps it for its
    // person's return (the profile stays, marked ended).
    let library = cell.profile_path("home-cache.ron");
    std::fs::write(
        &library,
        r#"[(title: "Mine", subtitle: "", image_url: None)]"#,
    )
    .unwrap();
    cell.proxy.arm(&row.rules(phase).unwrap());
    let account = cell.account();
    let work = tokio::spawn(tvauth::screen::home::load(account));
    let result = match tokio::time::timeout(Duration::from_secs(25), work).await {
        Err(_) => {
            verdict.expect(false, "load_home still running after 25 s");
            return verdict;
        }
        Ok(Err(panic)) => {
            verdict.expect(false, format!("load_home panicked: {panic}"));
            return verdict;
        }
        Ok(Ok(result)) => result,
    };
    let shown = match &result {
        Ok(home) => format!("Ok({} items)", home.items.len()),
        Err(error) => format!("Err({error:?})"),
    };
    verdict.observe(shown.chars().take(120).collect::<String>());
    no_token_in(
        &mut verdict,
        &crate::logs::captured(),
        &cell.proxy.secrets(),
    );
    match row {
        _ if row.is_transient() => {
            verdict.expect(
                matches!(result, Err(SessionError::Offline(_))),
                "expected Err(Offline)",
            );
            session_intact(&mut verdict, &cell, &before);
        }
        Row::OAuthErrorIn200 => {
            let refused = matches!(&result, Err(SessionError::Auth(e)) if e.oauth_code() == Some(&tvauth::auth::ErrorCode::UnauthorizedClient));
            verdict.expect(refused, "expected Err(Auth(unauthorized_client))");
            session_intact(&mut verdict, &cell, &before);
        }
        Row::InvalidGrant => {
            verdict.expect(
                matches!(result, Err(SessionError::Ended)),
                "expected Err(Ended)",
            );
            verdict.expect(
                cell.session_file().session.is_none(),
                "the ended session was kept",
            );
            verdict.expect(library.exists(), "the ended profile's library was dropped");
        }
        Row::IdResignedControl => {
            verdict.expect(result.is_ok(), "expected Ok");
            verdict.expect(
                stored_name(&cell).as_deref() == Some(FORGED_NAME),
                "a well-signed ID token was not used",
            );
        }
        _ if row.id_token_fault().is_some() => {
            verdict.expect(result.is_ok(), "expected Ok");
            let name = stored_name(&cell);
            verdict.expect(
                name.as_deref() == Some(PERSON),
                format!("the profile became {name:?}"),
            );
        }
        Row::HugeNumbers => {
            verdict.expect(result.is_ok(), "expected Ok");
            verdict.expect(
                cell.session_file().session.is_some(),
                "the session was lost",
            );
        }
        _ => unreachable!("{row:?} has no Home cell"),
    }
    verdict
}
