//! End-to-end account and sync with a real sync server on loopback: what
//! was read before signing in reaches the server once an account is
//! created in the window, a wrong password is told plainly, signing out
//! keeps the reading, after a restart without a keyring the window asks
//! for the password again and then sends what waited, and a second device
//! that signs in gets all of it.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use companion_e2e::server::SyncServer;
use companion_e2e::{App, Profile};

const EMAIL: &str = "amina@example.org";
const PASSWORD: &str = "patience and prayer";

/// Al-Ikhlas's Hasanat.
fn ikhlas() -> i64 {
    quran_data::quran()
        .surah_ayahs(112)
        .unwrap()
        .iter()
        .map(|a| i64::from(a.hasanat()))
        .sum()
}

/// Marks Al-Ikhlas read with "Read up to here", and waits until today's
/// Hasanat in the reader's counter are `today`.
async fn read_al_ikhlas(app: &App, today: i64) {
    app.type_into("#goto-input", "112\n").await;
    app.click("#reader .ayah[data-ref='112:4'] .read-to-here")
        .await;
    let today = today.to_string();
    app.wait_for_attribute(
        "#hasanat-counter",
        "data-hasanat",
        &today,
        Duration::from_secs(10),
    )
    .await;
}

/// A profile whose clock starts at the last noon (UTC) before now: one
/// local day for the whole test at any hour, and never in the server's
/// future.
fn device(server: &SyncServer) -> Profile {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let noon = (now - 43_200).div_euclid(86_400) * 86_400 + 43_200;
    Profile::new()
        .with_env("COMPANION_SERVER_URL", &server.base)
        .with_env(
            "COMPANION_CLOCK_START",
            &jiff::Timestamp::from_second(noon).unwrap().to_string(),
        )
        .with_env("COMPANION_TIME_ZONE", "UTC")
}

async fn sign_in(app: &App, password: &str) {
    app.click("#account-mode-sign-in").await;
    app.type_into("#account-email", EMAIL).await;
    app.type_into("#account-password", password).await;
    app.click("#account-submit").await;
}

/// Waits until the server counts `want` Hasanat for the account.
async fn server_counts(server: &SyncServer, want: i64, why: &str) {
    let token = server.sign_in(EMAIL, PASSWORD).await;
    let mut total = 0;
    for _ in 0..50 {
        total = server.hasanat(&token).await;
        if total == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(total, want, "{why}");
}

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn reading_reaches_the_server_after_an_account_is_created_and_after_signing_in_again() {
    let server = SyncServer::start().await;
    let profile = device(&server);
    let ikhlas = ikhlas();
    {
        let app = App::launch(&profile).await;
        app.wait_for("#home #ayah-of-the-day .arabic").await;
        read_al_ikhlas(&app, ikhlas).await;

        app.click("#nav-account").await;
        app.wait_for_text("#account-forms .account-why", "nothing leaves this device")
            .await;
        let server_field = app.wait_for("#account-server").await;
        assert_eq!(
            server_field.prop("value").await.unwrap().unwrap(),
            server.base
        );
        app.click("#account-mode-register").await;
        app.type_into("#account-email", EMAIL).await;
        app.type_into("#account-username", "amina").await;
        app.type_into("#account-name", "Amina").await;
        app.type_into("#account-password", "short").await;
        app.click("#account-submit").await;
        app.wait_for_text("#account-error", "8 to 128 characters")
            .await;
        app.type_into("#account-password", PASSWORD).await;
        app.click("#account-submit").await;
        app.wait_for_text("#account-signed-in", "Signed in as Amina (@amina)")
            .await;
        app.wait_for_text("#account-sync-state", "Everything is sent")
            .await;
        server_counts(&server, ikhlas, "what was read before the account").await;

        app.click("#account-sign-out").await;
        app.wait_for("#account-forms").await;
        read_al_ikhlas(&app, 2 * ikhlas).await;
        app.click("#nav-account").await;
        sign_in(&app, "not the password").await;
        app.wait_for_text("#account-error", "not right").await;
        sign_in(&app, PASSWORD).await;
        app.wait_for_text("#account-sync-state", "Everything is sent")
            .await;
        server_counts(&server, 2 * ikhlas, "what was read signed out, once").await;
        // Read once more signed in, and close the app before it is sent.
        read_al_ikhlas(&app, 3 * ikhlas).await;
        app.quit().await;
    }

    let app = App::launch(&profile).await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;
    app.click("#nav-account").await;
    // No keyring on the test's session bus: the sign-in was not kept.
    app.wait_for_text("#account-again", "Enter your password again")
        .await;
    let email = app.wait_for("#account-email").await;
    assert_eq!(email.prop("value").await.unwrap().unwrap(), EMAIL);
    sign_in(&app, PASSWORD).await;
    app.wait_for_text("#account-sync-state", "Everything is sent")
        .await;
    server_counts(&server, 3 * ikhlas, "the reading left when the app closed").await;
    app.quit().await;

    // Another device: signing in there brings all of it over.
    let laptop = device(&server);
    let app = App::launch(&laptop).await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;
    app.click("#nav-account").await;
    sign_in(&app, PASSWORD).await;
    app.wait_for_text("#account-sync-state", "Everything is sent")
        .await;
    app.click("#nav-home").await;
    let all_time = (3 * ikhlas).to_string();
    app.wait_for_attribute(
        "#progress-all-time",
        "data-hasanat",
        &all_time,
        Duration::from_secs(10),
    )
    .await;

    // The profile: a new name, shown at once.
    app.click("#nav-account").await;
    app.type_into("#profile-name", "Amina B.").await;
    app.type_into("#profile-bio", "A juz a day.").await;
    app.click("#profile-save").await;
    app.wait_for("#profile-saved").await;
    app.wait_for_text("#account-signed-in", "Signed in as Amina B. (@amina)")
        .await;

    // Privacy: off the boards, a copy of the data, then the account gone.
    app.click("#visibility-hidden").await;
    app.wait_for_attribute(
        "#visibility-hidden",
        "aria-pressed",
        "true",
        Duration::from_secs(10),
    )
    .await;
    app.click("#account-export").await;
    let saved = app
        .wait_for("#account-exported")
        .await
        .text()
        .await
        .unwrap();
    let path = saved
        .split(" to ")
        .nth(1)
        .map(|p| p.trim_end_matches('.'))
        .unwrap_or_else(|| panic!("no path in {saved:?}"));
    let export = std::fs::read_to_string(path).unwrap();
    assert!(export.contains(EMAIL), "the export holds the account");
    app.click("#account-delete").await;
    app.type_into("#account-delete-password", "not the password")
        .await;
    app.click("#account-delete-confirm").await;
    app.wait_for_text("#account-privacy-error", "not right")
        .await;
    app.type_into("#account-delete-password", PASSWORD).await;
    app.click("#account-delete-confirm").await;
    app.wait_for("#account-forms").await;
    let http = reqwest::Client::new();
    let login = http
        .post(format!("{}/api/v1/auth/login", server.base))
        .json(&serde_json::json!({ "email": EMAIL, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status().as_u16(), 401, "the account is gone");
    app.quit().await;
}
