//! Restarts and several nodes: a zero-configuration server keeps its
//! signing secret across a restart, and nodes sharing one database and one
//! Redis share live delivery, rate limits, the lockout and leaderboards.

#![allow(clippy::unwrap_used)]

mod common;

use common::{spawn_app, Backend};
use reqwest::StatusCode;

async fn a_token_signed_before_a_restart_is_accepted_after_it(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register("amina@example.org", "amina").await;
    let token = app.access_token("amina@example.org").await;
    let (status, _) = app.get("/api/v1/users/me", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    if let Backend::Sqlite = backend {
        let file = app.database_url.trim_start_matches("sqlite://").to_owned() + ".jwt-secret";
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(&file)
                .expect("the secret is kept beside the database")
                .permissions(),
        );
        assert_eq!(mode & 0o777, 0o600, "only the owner may read the secret");
    }
    let app = app.restart(&[]).await;
    let (status, body) = app.get("/api/v1/users/me", Some(&token)).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a restart without a configured secret must not sign everyone out: {body}"
    );
}

on_both_backends!(a_token_signed_before_a_restart_is_accepted_after_it);
