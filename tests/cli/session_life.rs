use crate::rig::Rig;

/// Access tokens that are always within a minute of expiry: every `token` refreshes.
fn short_lived(options: &mut tvauth::demo::DemoOptions) {
    options.access_ttl = 30;
}

#[tokio::test]
async fn refresh_rotates_and_the_rotated_token_is_saved_first() {
    let rig = Rig::start(short_lived).await;
    rig.sign_in().await;
    let (refresh_1, access_1) = rig.stored_tokens();

    let token = rig.run(&["token"]).await;
    assert_eq!(token.code, 0, "{token:?}");
    let (refresh_2, access_2) = rig.stored_tokens();
    assert_ne!(refresh_1, refresh_2, "the rotated refresh token is on disk");
    assert_ne!(access_1, access_2);
    assert_eq!(
        token.stdout.trim(),
        access_2,
        "the token printed is the one saved"
    );

    let again = rig.run(&["token"]).await;
    assert_eq!(again.code, 0);
    let (refresh_3, _) = rig.stored_tokens();
    assert_ne!(refresh_2, refresh_3);
    assert!(
        rig.stored_session_file()
            .session
            .unwrap()
            .refreshed_at
            .is_some()
    );
}

#[tokio::test]
async fn a_session_revoked_at_the_provider_ends_cleanly() {
    let rig = Rig::start(short_lived).await;
    rig.sign_in().await;
    let (refresh, _) = rig.stored_tokens();
    let revoked = rig
        .http
        .post(format!("{}oauth/revoke", rig.base))
        .form(&[("token", refresh.as_str()), ("client_id", "tvauth-tv")])
        .send()
        .await
        .unwrap();
    assert!(revoked.status().is_success());

    let api = rig.run(&["api"]).await;
    assert_eq!(api.code, 5, "{api:?}");
    assert!(api.stderr.contains("session has ended"), "{api:?}");
    assert!(rig.stored_session_file().session.is_none());
    assert_eq!(rig.run(&["status"]).await.code, 5);
    let corrupt = std::fs::read_dir(rig.dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("corrupt")
        })
        .count();
    assert_eq!(corrupt, 0);
}

#[tokio::test]
async fn offline_the_session_is_kept_and_logout_revokes_later() {
    let mut rig = Rig::start(short_lived).await;
    rig.sign_in().await;
    let (refresh, _) = rig.stored_tokens();
    rig.stop_server().await;

    let token = rig.run(&["token"]).await;
    assert_eq!(token.code, 6, "provider unreachable: {token:?}");
    assert_eq!(
        rig.stored_tokens().0,
        refresh,
        "a network error never ends a session"
    );

    let logout = rig.run(&["logout"]).await;
    assert_eq!(logout.code, 0);
    assert!(logout.stdout.contains("will be sent"), "{logout:?}");
    let file = rig.session_file();
    assert!(file.session.is_none(), "deleted here at once");
    assert_eq!(
        file.pending_revocations.len(),
        1,
        "the refresh token waits (revoking it ends its grant's access tokens)"
    );
    let status = rig.run(&["status"]).await;
    assert!(status.stdout.contains("waiting"), "{status:?}");

    rig.restart_server().await;
    let next = rig.run(&["token"]).await;
    assert_eq!(next.code, 5, "signed out");
    assert!(
        rig.session_file().pending_revocations.is_empty(),
        "sent by the next online command"
    );
    assert!(rig.refresh_token_rejected(&refresh).await);
}

#[tokio::test]
async fn two_processes_refreshing_at_once_keep_the_session() {
    // The server rotates refresh tokens and revokes the whole session when an old one comes
    // back: without the cross-process lock, two simultaneous refreshes would end it.
    // Two profiles: each refreshes under its own lock, so the two go in parallel while each
    // stays single-flight.
    let rig = Rig::start(short_lived).await;
    rig.sign_in_as("Alex Martin", &[]).await;
    rig.sign_in_as("Sam Okafor", &[]).await;
    for round in 0..6 {
        let (a, b, c, d, e, f) = tokio::join!(
            rig.run(&["token"]),
            rig.run(&["token"]),
            rig.run(&["api", "me"]),
            rig.run(&["token", "--profile", "Alex Martin"]),
            rig.run(&["--profile", "alex martin", "token"]),
            rig.run(&["api", "me", "--profile", "Alex Martin"])
        );
        assert_eq!(
            (a.code, b.code, c.code, d.code, e.code, f.code),
            (0, 0, 0, 0, 0, 0),
            "round {round}: {a:?} {b:?} {c:?} {d:?} {e:?} {f:?}"
        );
        assert!(c.stdout.contains("Sam Okafor") && f.stdout.contains("Alex Martin"));
    }
    for profile in ["Alex Martin", "Sam Okafor"] {
        let status = rig.run(&["status", "--json", "--profile", profile]).await;
        assert_eq!(status.code, 0, "{status:?}");
        assert!(status.stdout.contains("\"signed_in\":true"));
    }
}
