//! What DPoP costs in requests: the demo server's "token request" debug lines (grant type and
//! answer, never a token), counted in-process during a sign-in and a refresh by the binary.
//! Figures, not a verdict: printed (run with `--nocapture`), with loose bounds.

use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::{Context, SubscriberExt};

use crate::rig::Rig;

/// `(grant_type, answered)` of each token request the demo server answered.
#[derive(Clone, Default)]
struct Answers(Arc<Mutex<Vec<(String, String)>>>);

#[derive(Default)]
struct Fields {
    message: String,
    grant_type: String,
    answered: String,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "grant_type" => self.grant_type = value.into(),
            "answered" => self.answered = value.into(),
            _ => {}
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.message = format!("{value:?}");
        }
    }
}

impl<S: tracing::Subscriber> Layer<S> for Answers {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        if fields.message == "token request" {
            let mut answers = self.0.lock().unwrap();
            answers.push((fields.grant_type, fields.answered));
        }
    }
}

impl Answers {
    /// Takes what was counted so far: (requests, of which `use_dpop_nonce`).
    fn take(&self) -> (usize, usize) {
        let answers = std::mem::take(&mut *self.0.lock().unwrap());
        let nonce = answers
            .iter()
            .filter(|(_, a)| a == "use_dpop_nonce")
            .count();
        (answers.len(), nonce)
    }
}

async fn count(dpop: bool) -> [(usize, usize); 2] {
    let answers = Answers::default();
    // #[tokio::test] runs on one thread: the demo server's tasks see this default.
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(answers.clone()));
    let rig = Rig::start(|options| options.dpop = dpop).await;
    rig.sign_in().await;
    let sign_in = answers.take();
    rig.expire_access_token();
    assert_eq!(rig.run(&["token"]).await.code, 0);
    let refresh = answers.take();
    [sign_in, refresh]
}

#[tokio::test]
async fn dpop_costs_one_nonce_round_trip_per_sign_in_and_per_new_process() {
    let [bearer_sign_in, bearer_refresh] = count(false).await;
    let [dpop_sign_in, dpop_refresh] = count(true).await;
    println!(
        "token requests: sign-in {} without DPoP, {} with ({} use_dpop_nonce); \
         refresh in a new process {} without, {} with ({} use_dpop_nonce)",
        bearer_sign_in.0,
        dpop_sign_in.0,
        dpop_sign_in.1,
        bearer_refresh.0,
        dpop_refresh.0,
        dpop_refresh.1
    );
    assert_eq!(bearer_sign_in.1 + bearer_refresh.1, 0);
    assert_eq!(dpop_sign_in.1, 1, "one nonce round trip per sign-in");
    assert_eq!(
        dpop_refresh,
        (2, 1),
        "a fresh process learns the nonce once"
    );
}
