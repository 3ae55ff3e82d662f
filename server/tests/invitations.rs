//! Invitations to groups, on both backends: an admin invites one user,
//! who is told (`group_invite`) and accepts (joining even a private
//! group, the admins told `group_join`) or declines; admins revoke;
//! others are refused; blocked people do not exist to the admin; a kind
//! turned off tells nothing but the invitation stands.

#![allow(clippy::unwrap_used)]

mod common;

use common::people::{block, call, expect, get, persons, private_group, Person};
use common::{spawn_app, Backend, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// `admin` invites with `body` to `group`: the status and the answer.
async fn invite(app: &TestApp, admin: &Person, group: &Value, body: Value) -> (StatusCode, Value) {
    let path = format!("/groups/{}/invitations", group["id"].as_str().unwrap());
    call(app, Method::POST, &path, admin, body).await
}

/// `admin` invites `whom` (by username) to `group`: the new invitation.
async fn invited(app: &TestApp, admin: &Person, group: &Value, whom: &Person) -> Value {
    let (status, body) = invite(app, admin, group, json!({ "username": whom.name })).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

/// `who` answers `invitation` with `action` (`accept`, `decline`): the status
/// and the answer.
async fn answer(
    app: &TestApp,
    who: &Person,
    invitation: &Value,
    action: &str,
) -> (StatusCode, Value) {
    let id = invitation["id"].as_str().unwrap();
    let path = format!("/invitations/{id}/{action}");
    call(app, Method::POST, &path, who, Value::Null).await
}

/// `who` revokes `invitation`: the status and the answer.
async fn revoke(app: &TestApp, who: &Person, invitation: &Value) -> (StatusCode, Value) {
    let path = format!("/invitations/{}", invitation["id"].as_str().unwrap());
    call(app, Method::DELETE, &path, who, Value::Null).await
}

fn kinds(inbox: &Value) -> Vec<String> {
    inbox["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_owned())
        .collect()
}

async fn an_invitation_is_told_once_and_accepting_it_joins_a_private_group(backend: Backend) {
    let app = spawn_app(backend).await;
    let [admin, bilal] = persons(&app, ["amina", "bilal"]).await;
    let group = private_group(&app, &admin, &[]).await;
    let invitation = invited(&app, &admin, &group, &bilal).await;
    assert_eq!(invitation["status"], "pending", "{invitation}");
    assert_eq!(invitation["invited_by"]["username"], "amina");

    let inbox = get(&app, &bilal, "/notifications").await;
    assert_eq!(kinds(&inbox), ["group_invite"], "{inbox}");
    let told = &inbox["notifications"][0]["data"];
    assert_eq!(told["invitation_id"], invitation["id"], "{told}");
    assert_eq!(told["group_name"], "Fajr Circle");
    assert_eq!(told["by"]["id"], admin.id.as_str());

    let (status, again) = invite(&app, &admin, &group, json!({ "user_id": bilal.id })).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a pending invitation is not a second: {again}"
    );
    assert_eq!(again["id"], invitation["id"]);
    let inbox = get(&app, &bilal, "/notifications").await;
    assert_eq!(kinds(&inbox).len(), 1, "told once: {inbox}");

    let mine = get(&app, &bilal, "/users/me/invitations").await;
    assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine[0]["group_id"], group["id"]);

    let (status, joined) = answer(&app, &bilal, &invitation, "accept").await;
    assert_eq!(status, StatusCode::OK, "{joined}");
    assert_eq!(joined["my_role"], "member", "{joined}");
    assert_eq!(joined["member_count"], 2);
    let admins = get(&app, &admin, "/notifications").await;
    assert_eq!(
        kinds(&admins),
        ["group_join"],
        "the admins are told: {admins}"
    );
    let mine = get(&app, &bilal, "/users/me/invitations").await;
    assert_eq!(mine, json!([]), "none pending any more");

    let (status, body) = answer(&app, &bilal, &invitation, "accept").await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::CONFLICT, json!("invitation_answered"))
    );
    let (status, body) = invite(&app, &admin, &group, json!({ "username": "BILAL" })).await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::CONFLICT, json!("already_member"))
    );
    let export = get(&app, &bilal, "/users/me/export").await;
    assert_eq!(
        export["group_invitations"][0]["status"], "accepted",
        "{export}"
    );
}

async fn a_declined_invitation_lets_nobody_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let [admin, bilal, carim] = persons(&app, ["amina", "bilal", "carim"]).await;
    let group = private_group(&app, &admin, &[]).await;
    let invitation = invited(&app, &admin, &group, &bilal).await;
    let (status, body) = answer(&app, &carim, &invitation, "accept").await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::NOT_FOUND, json!("invitation_not_found")),
        "another's invitation does not exist"
    );
    let (status, _) = answer(&app, &bilal, &invitation, "decline").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(get(&app, &bilal, "/users/me/invitations").await, json!([]));
    let (status, _) = answer(&app, &bilal, &invitation, "accept").await;
    assert_eq!(status, StatusCode::CONFLICT, "declined is answered");
    let path = format!("/groups/{}", group["id"].as_str().unwrap());
    let (status, _) = call(&app, Method::GET, &path, &bilal, Value::Null).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "still outside the private group"
    );
    let again = invited(&app, &admin, &group, &bilal).await;
    assert_ne!(
        again["id"], invitation["id"],
        "a new invitation after a decline"
    );
}

async fn only_admins_invite_and_revoke(backend: Backend) {
    let app = spawn_app(backend).await;
    let [admin, member, bilal, stranger] =
        persons(&app, ["amina", "maryam", "bilal", "zaid"]).await;
    let group = private_group(&app, &admin, &[&member]).await;
    let (status, body) = invite(&app, &member, &group, json!({ "username": "bilal" })).await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::FORBIDDEN, json!("not_admin"))
    );
    let (status, body) = invite(&app, &stranger, &group, json!({ "username": "bilal" })).await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::NOT_FOUND, json!("group_not_found")),
        "a private group does not exist to a stranger"
    );
    for body in [
        json!({}),
        json!({ "username": "bilal", "user_id": bilal.id }),
    ] {
        let (status, answer) = invite(&app, &admin, &group, body).await;
        assert_eq!(
            (status, answer["code"].clone()),
            (StatusCode::UNPROCESSABLE_ENTITY, json!("invalid_invitee"))
        );
    }

    let invitation = invited(&app, &admin, &group, &bilal).await;
    let (status, _) = revoke(&app, &member, &invitation).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a member may not revoke");
    let (status, body) = revoke(&app, &stranger, &invitation).await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::NOT_FOUND, json!("invitation_not_found"))
    );
    let (status, _) = revoke(&app, &admin, &invitation).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(get(&app, &bilal, "/users/me/invitations").await, json!([]));
    let (status, _) = answer(&app, &bilal, &invitation, "accept").await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "a revoked invitation lets nobody in"
    );
    let (status, _) = revoke(&app, &admin, &invitation).await;
    assert_eq!(status, StatusCode::CONFLICT, "revoked already");
}

async fn blocked_people_do_not_exist_to_the_admin(backend: Backend) {
    let app = spawn_app(backend).await;
    let [admin, bilal, carim] = persons(&app, ["amina", "bilal", "carim"]).await;
    let group = private_group(&app, &admin, &[]).await;
    let unknown = invite(&app, &admin, &group, json!({ "user_id": "nobody" })).await;
    assert_eq!(unknown.0, StatusCode::NOT_FOUND, "{}", unknown.1);
    assert_eq!(unknown.1["code"], "user_not_found");
    block(&app, &bilal, &admin).await;
    block(&app, &admin, &carim).await;
    for whom in [&bilal, &carim] {
        for body in [
            json!({ "user_id": whom.id }),
            json!({ "username": whom.name }),
        ] {
            let blocked = invite(&app, &admin, &group, body).await;
            assert_eq!(blocked, unknown, "as if {} did not exist", whom.name);
        }
        let inbox = get(&app, whom, "/notifications").await;
        assert_eq!(kinds(&inbox), Vec::<String>::new(), "{inbox}");
        assert_eq!(get(&app, whom, "/users/me/invitations").await, json!([]));
    }
}

async fn with_group_invite_off_the_invitation_stands_untold(backend: Backend) {
    let app = spawn_app(backend).await;
    let [admin, bilal] = persons(&app, ["amina", "bilal"]).await;
    expect(
        &app,
        (Method::PUT, "/notifications/settings"),
        &bilal,
        json!({ "group_invite": false }),
        StatusCode::OK,
    )
    .await;
    let group = private_group(&app, &admin, &[]).await;
    let invitation = invited(&app, &admin, &group, &bilal).await;
    let inbox = get(&app, &bilal, "/notifications").await;
    assert_eq!(kinds(&inbox), Vec::<String>::new(), "not told: {inbox}");
    let mine = get(&app, &bilal, "/users/me/invitations").await;
    assert_eq!(mine[0]["id"], invitation["id"], "it stands: {mine}");
    let (status, _) = answer(&app, &bilal, &invitation, "accept").await;
    assert_eq!(status, StatusCode::OK);
}

async fn the_invitation_routes_are_documented(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, document) = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    for path in [
        "/api/v1/groups/{group_id}/invitations",
        "/api/v1/users/me/invitations",
        "/api/v1/invitations/{invitation_id}/accept",
        "/api/v1/invitations/{invitation_id}/decline",
        "/api/v1/invitations/{invitation_id}",
    ] {
        assert!(document["paths"][path].is_object(), "{path} is documented");
    }
}

on_both_backends!(
    an_invitation_is_told_once_and_accepting_it_joins_a_private_group,
    a_declined_invitation_lets_nobody_in,
    only_admins_invite_and_revoke,
    blocked_people_do_not_exist_to_the_admin,
    with_group_invite_off_the_invitation_stands_untold,
    the_invitation_routes_are_documented,
);
