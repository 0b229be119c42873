//! Cells of `tvauth logout` when revocation meets the fault: forgotten here first, quickly,
//! with the revocation kept for later when it did not go out.

use std::time::Duration;

use crate::checks::{clean_exit_and_logs, exit_is};
use crate::matrix::{Phase, Row, Verdict};
use crate::rig::Cell;

/// The whole of `tvauth logout`, whatever the revocation endpoint does.
const BUDGET: Duration = Duration::from_secs(5);

pub async fn logout(row: Row, phase: Phase) -> Verdict {
    let mut verdict = Verdict::default();
    let cell = Cell::start(|_| {}).await;
    cell.sign_in().await;
    cell.proxy.arm(&row.rules(phase).unwrap());
    let run = cell.run(&["logout"], 2 * BUDGET).await;
    clean_exit_and_logs(&mut verdict, &run, &cell.proxy.secrets());
    exit_is(&mut verdict, &run, 0);
    verdict.observe(format!("{:.1} s", run.elapsed.as_secs_f64()));
    verdict.expect(
        run.elapsed < BUDGET,
        format!("took {:.1} s", run.elapsed.as_secs_f64()),
    );
    let file = cell.session_file();
    verdict.expect(file.session.is_none(), "still signed in here");
    let pending = file.pending_revocations.len();
    verdict.observe(format!("{pending} revocation(s) pending"));
    // RFC 7009: a 200 means revoked, whatever its body; any other trouble keeps the token.
    let answered_200 = matches!(
        row,
        Row::TruncatedJson | Row::HugeBody | Row::CaptivePortal | Row::OAuthErrorIn200
    );
    if (row.is_transient() || row == Row::HugeNumbers) && !answered_200 {
        verdict.expect(pending >= 1, "the revocation was dropped, not queued");
    }
    verdict
}
