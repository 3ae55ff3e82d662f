//! People for the social suites (feed, notifications): signed-in users,
//! calls in their name, friendships, private groups and their sockets.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::{next_json, TestApp, Ws};

/// A signed-in user.
pub struct Person {
    pub id: String,
    pub token: String,
    /// Their username; their email is `name@example.com`.
    pub name: String,
}

/// Registers `name` (email `name@example.com`) and signs them in.
pub async fn person(app: &TestApp, name: &str) -> Person {
    let user = app.register(&format!("{name}@example.com"), name).await;
    Person {
        id: user["id"].as_str().unwrap().to_owned(),
        token: app.access_token(&format!("{name}@example.com")).await,
        name: name.to_owned(),
    }
}

/// Registers and signs in each of `names`.
pub async fn persons<const N: usize>(app: &TestApp, names: [&str; N]) -> [Person; N] {
    let mut out = Vec::with_capacity(N);
    for name in names {
        out.push(person(app, name).await);
    }
    match out.try_into() {
        Ok(all) => all,
        Err(_) => unreachable!("one person per name"),
    }
}

/// `who` with a fresh access token (after the clock moved past the old
/// one's life).
pub async fn signed_in_again(app: &TestApp, who: Person) -> Person {
    Person {
        token: app.access_token(&format!("{}@example.com", who.name)).await,
        ..who
    }
}

/// Calls `/api/v1{path}` as `who`.
pub async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    who: &Person,
    body: Value,
) -> (StatusCode, Value) {
    app.send(method, &format!("/api/v1{path}"), &who.token, body)
        .await
}

/// Calls `/api/v1{path}` as `who` and expects `status`: the body.
pub async fn expect(
    app: &TestApp,
    (method, path): (Method, &str),
    who: &Person,
    body: Value,
    status: StatusCode,
) -> Value {
    let (got, body) = call(app, method.clone(), path, who, body).await;
    assert_eq!(got, status, "{method} {path}: {body}");
    body
}

/// `a` and `b` follow each other.
pub async fn friends(app: &TestApp, a: &Person, b: &Person) {
    for (x, y) in [(a, b), (b, a)] {
        let path = format!("/users/{}/follow", y.id);
        expect(
            app,
            (Method::POST, &path),
            x,
            Value::Null,
            StatusCode::NO_CONTENT,
        )
        .await;
    }
}

/// `who` blocks `whom`.
pub async fn block(app: &TestApp, who: &Person, whom: &Person) {
    let path = format!("/users/{}/block", whom.id);
    expect(
        app,
        (Method::POST, &path),
        who,
        Value::Null,
        StatusCode::NO_CONTENT,
    )
    .await;
}

/// A private group `admin` creates and `members` join by its code: the
/// group as its admin sees it (with `id` and `invite_code`).
pub async fn private_group(app: &TestApp, admin: &Person, members: &[&Person]) -> Value {
    let body = json!({ "name": "Fajr Circle", "privacy": "private" });
    let group = expect(
        app,
        (Method::POST, "/groups"),
        admin,
        body,
        StatusCode::CREATED,
    )
    .await;
    for member in members {
        let body = json!({ "invite_code": group["invite_code"] });
        expect(
            app,
            (Method::POST, "/groups/join"),
            member,
            body,
            StatusCode::OK,
        )
        .await;
    }
    group
}

/// A socket of `who` at `/api/v1/ws{path}` that has read its catch-up:
/// the `ready` frame's number.
pub async fn socket_at(app: &TestApp, who: &Person, path: &str) -> (Ws, i64) {
    let mut ws = app.ws(Some(&who.token), path).await;
    let ready = next_json(&mut ws).await;
    assert_eq!(
        ready["type"], "ready",
        "the catch-up ends with ready: {ready}"
    );
    (ws, ready["seq"].as_i64().unwrap())
}

/// A socket of `who` at `/api/v1/ws` that has read its catch-up.
pub async fn socket(app: &TestApp, who: &Person) -> Ws {
    socket_at(app, who, "").await.0
}

/// The next frame on `ws`, which must be an event of `kind`: the frame.
pub async fn event(ws: &mut Ws, kind: &str) -> Value {
    let frame = next_json(ws).await;
    assert_eq!(frame["kind"], kind, "expected {kind}: {frame}");
    frame
}

/// Proves `ws` was sent nothing before now: `by` follows its owner
/// `whom`, and the next frame must be that `followed` event.
pub async fn nothing_before_now(app: &TestApp, ws: &mut Ws, by: &Person, whom: &Person, why: &str) {
    let path = format!("/users/{}/follow", whom.id);
    expect(
        app,
        (Method::POST, &path),
        by,
        Value::Null,
        StatusCode::NO_CONTENT,
    )
    .await;
    let frame = next_json(ws).await;
    assert_eq!(frame["kind"], "followed", "{why}: {frame}");
}

/// GETs `/api/v1{path}` as `who`, which must answer 200: the body.
pub async fn get(app: &TestApp, who: &Person, path: &str) -> Value {
    expect(app, (Method::GET, path), who, Value::Null, StatusCode::OK).await
}

/// Calls `/api/v1{path}` as `who` without a body: the status.
pub async fn status(app: &TestApp, method: Method, path: &str, who: &Person) -> StatusCode {
    call(app, method, path, who, Value::Null).await.0
}

/// A public competition "Ramadan race" over ayahs read in `[start, end)`,
/// created by `creator` and joined by `others`: its id.
pub async fn race(
    app: &TestApp,
    creator: &Person,
    others: &[&Person],
    (start, end): (i64, i64),
) -> String {
    let body = json!({ "name": "Ramadan race", "metric_type": "ayahs", "competition_type": "public",
                       "start_date": super::rfc3339(start), "end_date": super::rfc3339(end) });
    let race = expect(
        app,
        (Method::POST, "/competitions"),
        creator,
        body,
        StatusCode::CREATED,
    )
    .await;
    let id = race["id"].as_str().unwrap().to_owned();
    for who in others {
        let path = format!("/competitions/{id}/join");
        expect(app, (Method::POST, &path), who, json!({}), StatusCode::OK).await;
    }
    id
}

/// Pushes sync `events` as `who`; none may be rejected.
pub async fn push(app: &TestApp, who: &Person, events: Vec<Value>) {
    let body = expect(
        app,
        (Method::POST, "/sync/push"),
        who,
        json!({ "events": events }),
        StatusCode::OK,
    )
    .await;
    assert!(body["rejected"].as_array().unwrap().is_empty(), "{body}");
}

/// Reading sessions of `first` to `last` (mushaf order), one per surah,
/// one after the other from `began`: the events.
pub fn reading_sessions(tag: &str, (first, last): (&str, &str), began: i64) -> Vec<Value> {
    let quran = quran_data::quran();
    let parse = |r: &str| companion_core::AyahRef::parse(r).unwrap();
    let ayahs = quran.range(parse(first), parse(last));
    let mut events = Vec::new();
    let mut clock = began;
    for surah in ayahs
        .iter()
        .map(|a| a.reference.surah())
        .collect::<std::collections::BTreeSet<_>>()
    {
        let of: Vec<_> = ayahs
            .iter()
            .filter(|a| a.reference.surah() == surah)
            .collect();
        let letters: i64 = of.iter().map(|a| i64::from(a.letters)).sum();
        let seconds = letters / 20 + 1;
        events.push(json!({
            "id": format!("{tag}-{surah:03}"),
            "type": "reading_session",
            "data": {
                "surah_number": surah,
                "start_ayah": of[0].reference.ayah(),
                "end_ayah": of[of.len() - 1].reference.ayah(),
                "start_time": super::rfc3339(clock),
                "end_time": super::rfc3339(clock + seconds),
                "duration_seconds": seconds,
            }
        }));
        clock += seconds + 60;
    }
    events
}

/// The ids of the achievements an `/achievements` answer shows unlocked.
pub fn unlocked(body: &Value) -> Vec<String> {
    body["achievements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["unlocked"] == true)
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}
