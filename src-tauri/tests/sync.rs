//! The sync client against a real companion-server on loopback (SQLite):
//! create an account and send what this device read, once; sign out and
//! in again; and offline, where nothing is lost and the reason is shown.

#![allow(clippy::unwrap_used)]

mod common;

use common::{now, read_fatihah, registration, sign_in, store, Server, EMAIL, PASSWORD, UTC};
use companion_app::account::Account;
use companion_core::wire::RegisterRequest;
use companion_core::AyahRef;

#[tokio::test]
async fn reading_is_sent_once_and_the_server_counts_it_after_a_sign_out_too() {
    let server = Server::start().await;
    let (_dir, store) = store().await;
    let account = Account::default();
    let now = now();
    read_fatihah(&store, now).await;
    assert_eq!(store.waiting().await.unwrap(), 1, "kept before signing in");

    let view = account
        .register(&store, registration(&server), (now, &UTC))
        .await
        .unwrap();
    assert_eq!(view.server, server.base, "the address without its slash");
    let me = view.signed_in.unwrap();
    assert_eq!(
        (me.username.as_str(), me.display_name.as_str()),
        ("amina", "Amina")
    );
    assert_eq!((me.waiting, me.synced_at, me.problem), (0, Some(now), None));
    assert!(!me.needs_password);
    assert_eq!(server.hasanat(EMAIL).await, 1390);

    let again = account.sync(&store, (now + 1, &UTC)).await.unwrap();
    assert_eq!(again.signed_in.unwrap().synced_at, Some(now + 1));
    assert_eq!(server.hasanat(EMAIL).await, 1390, "nothing counted twice");

    let out = account.sign_out(&store, now + 600).await.unwrap();
    assert_eq!(out.signed_in, None);
    read_fatihah(&store, now + 700).await;
    assert_eq!(store.waiting().await.unwrap(), 1, "read signed out: kept");
    assert_eq!(server.hasanat(EMAIL).await, 1390);

    let wrong = sign_in(&server, "not the password");
    let refused = account
        .sign_in(&store, wrong, (now + 800, &UTC))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "unauthorized", "{refused}");
    let back = account
        .sign_in(&store, sign_in(&server, PASSWORD), (now + 800, &UTC))
        .await
        .unwrap();
    assert_eq!(back.signed_in.unwrap().waiting, 0);
    assert_eq!(server.hasanat(EMAIL).await, 2780);
}

#[tokio::test]
async fn offline_the_reading_waits_with_the_reason_shown_and_goes_when_the_server_is_back() {
    let mut server = Server::start().await;
    let (_dir, store) = store().await;
    let account = Account::default();
    let now = now();
    account
        .register(&store, registration(&server), (now, &UTC))
        .await
        .unwrap();

    server.stop().await;
    read_fatihah(&store, now + 60).await;
    let offline = account.sync(&store, (now + 60, &UTC)).await.unwrap();
    let me = offline.signed_in.unwrap();
    assert_eq!(
        (me.waiting, me.synced_at),
        (1, Some(now)),
        "kept; last sync unchanged"
    );
    let problem = me.problem.unwrap();
    assert!(problem.contains("cannot be reached"), "{problem}");

    server.restart().await;
    let back = account.sync(&store, (now + 120, &UTC)).await.unwrap();
    let me = back.signed_in.unwrap();
    assert_eq!(
        (me.waiting, me.synced_at, me.problem),
        (0, Some(now + 120), None)
    );
    assert_eq!(server.hasanat(EMAIL).await, 1390);

    let same_email = RegisterRequest {
        username: "amina2".into(),
        ..registration(&server)
    };
    let taken = account
        .register(&store, same_email, (now + 180, &UTC))
        .await
        .unwrap_err();
    assert_eq!(taken.code(), "email_taken", "{taken}");
    let nowhere = RegisterRequest {
        server: "sync.example.org".into(),
        ..registration(&server)
    };
    let error = account
        .register(&store, nowhere, (now, &UTC))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("http://"), "{error}");
}

#[tokio::test]
async fn a_second_device_gets_the_reading_goals_rules_and_bookmarks_of_the_first() {
    use companion_core::habit::goal::{Goal, Measure, Period};
    let server = Server::start().await;
    let (_a_dir, phone) = store().await;
    let (_b_dir, laptop) = store().await;
    let (on_phone, on_laptop) = (Account::default(), Account::default());
    let now = now();

    read_fatihah(&phone, now).await;
    let goal = Goal::new(Period::Daily, Measure::Ayahs, 7).unwrap();
    let goal_id = phone.add_goal(goal, now).await.unwrap();
    let kursi = AyahRef::new(2, 255).unwrap();
    phone
        .add_bookmark(kursi, Some("before sleep"))
        .await
        .unwrap();
    let mut settings = phone.settings().await.unwrap();
    settings.habit.freezes_per_month = 3;
    phone.save_settings(&settings).await.unwrap();
    on_phone
        .register(&phone, registration(&server), (now, &UTC))
        .await
        .unwrap();

    let view = on_laptop
        .sign_in(&laptop, sign_in(&server, PASSWORD), (now + 5, &UTC))
        .await
        .unwrap();
    assert_eq!(view.signed_in.unwrap().problem, None);
    assert_eq!(laptop.all_time().await.unwrap().hasanat, 1390);
    let goals = laptop.goals().await.unwrap();
    assert_eq!(
        (goals.len(), goals[0].id.as_str(), goals[0].goal),
        (1, goal_id.as_str(), goal)
    );
    let marks = laptop.bookmarks().await.unwrap();
    assert_eq!(marks.len(), 1);
    assert_eq!(
        (marks[0].reference, marks[0].note.as_deref()),
        (kursi, Some("before sleep"))
    );
    assert_eq!(laptop.settings().await.unwrap().habit.freezes_per_month, 3);
    assert_eq!(laptop.waiting().await.unwrap(), 0, "nothing echoes back");

    // The phone's own events come back to it and count nothing twice.
    on_phone.sync(&phone, (now + 10, &UTC)).await.unwrap();
    assert_eq!(phone.all_time().await.unwrap().hasanat, 1390);

    // Removed on the laptop, gone from the phone at its next sync.
    assert!(laptop.delete_bookmark(marks[0].id).await.unwrap());
    laptop.remove_goal(&goal_id, now + 20).await.unwrap();
    on_laptop.sync(&laptop, (now + 20, &UTC)).await.unwrap();
    on_phone.sync(&phone, (now + 30, &UTC)).await.unwrap();
    assert!(phone.bookmarks().await.unwrap().is_empty());
    assert!(phone.goals().await.unwrap().is_empty());
    assert_eq!(server.hasanat(EMAIL).await, 1390);
}

#[tokio::test]
async fn the_profile_takes_this_devices_zone_and_privacy_export_and_deletion_are_the_readers() {
    use companion_core::wire::Visibility;
    let server = Server::start().await;
    let (_dir, store) = store().await;
    let account = Account::default();
    let now = now();
    read_fatihah(&store, now).await;
    let tokyo = jiff::tz::TimeZone::get("Asia/Tokyo").unwrap();
    let view = account
        .register(&store, registration(&server), (now, &tokyo))
        .await
        .unwrap();
    assert_eq!(view.signed_in.unwrap().visibility, Visibility::Circles);
    let me = server.get_as(EMAIL, "/users/me").await.unwrap();
    assert_eq!(
        me["time_zone"], "Asia/Tokyo",
        "days end at this device's midnight"
    );

    let profile = |username: &str| companion_core::wire::ProfileRequest {
        display_name: "Amina B.".into(),
        username: username.into(),
        bio: "A juz a day, in sha Allah.".into(),
    };
    let odd = account
        .update_profile(&store, &profile("a b"), now)
        .await
        .unwrap_err();
    assert_eq!(odd.code(), "invalid_username", "{odd}");
    let renamed = account
        .update_profile(&store, &profile("@amina_b"), now)
        .await
        .unwrap()
        .signed_in
        .unwrap();
    assert_eq!(
        (
            renamed.username.as_str(),
            renamed.display_name.as_str(),
            renamed.bio.as_str()
        ),
        ("amina_b", "Amina B.", "A juz a day, in sha Allah.")
    );
    let me = server.get_as(EMAIL, "/users/me").await.unwrap();
    assert_eq!(
        (me["username"].as_str(), me["bio"].as_str()),
        (Some("amina_b"), Some("A juz a day, in sha Allah."))
    );

    let hidden = account
        .set_visibility(&store, Visibility::Hidden, now)
        .await
        .unwrap();
    assert_eq!(hidden.signed_in.unwrap().visibility, Visibility::Hidden);
    let me = server.get_as(EMAIL, "/users/me").await.unwrap();
    assert_eq!(me["leaderboard_visibility"], "hidden");

    let exports = tempfile::tempdir().unwrap();
    let done = account.export(&store, exports.path(), now).await.unwrap();
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&done.path).unwrap()).unwrap();
    assert_eq!(done.bytes, std::fs::metadata(&done.path).unwrap().len());
    assert!(saved.to_string().contains("amina@example.org"), "{saved}");
    assert!(
        done.path.contains("quran-companion-amina_b-"),
        "{}",
        done.path
    );

    let refused = account
        .delete(&store, "not the password", now)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "wrong_password", "{refused}");
    let still = account.view(&store, now).await.unwrap().signed_in.unwrap();
    assert!(!still.needs_password, "a wrong password does not sign out");
    let gone = account.delete(&store, PASSWORD, now).await.unwrap();
    assert_eq!(gone.signed_in, None);
    assert_eq!(
        server.get_as(EMAIL, "/users/me").await,
        None,
        "no such account"
    );
    assert_eq!(
        store.all_time().await.unwrap().hasanat,
        1390,
        "the reading stays on this device"
    );
}
