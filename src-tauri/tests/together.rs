//! Reading together against a real sync server on loopback: a group made
//! in the app, joined by its invite code from another account, its board
//! ranking both by the Hasanat the server counted, and leaving it.

#![allow(clippy::unwrap_used)]

mod common;

use common::{family, now, read_fatihah, register_bilal, registration, store, Family, Server, UTC};
use companion_app::account::Account;
use companion_app::together;
use companion_core::wire::{
    BoardPeriod, BoardRequest, BoardScope, JoinGroupRequest, NewGroupRequest,
};

#[tokio::test]
async fn a_group_made_here_is_joined_by_code_and_its_board_ranks_both_readers() {
    let server = Server::start().await;
    let now = now();
    let (_a, amina_store) = store().await;
    let amina = Account::default();
    let board = |scope| BoardRequest {
        scope,
        period: BoardPeriod::AllTime,
    };
    let refused = together::board(&amina, &amina_store, &board(BoardScope::Friends), now)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "not_signed_in", "{refused}");

    read_fatihah(&amina_store, now).await;
    amina
        .register(&amina_store, registration(&server), (now, &UTC))
        .await
        .unwrap();
    let request = NewGroupRequest {
        name: "Family circle".into(),
        description: "A juz a week".into(),
        private: true,
    };
    let made = together::create(&amina, &amina_store, &request, now)
        .await
        .unwrap();
    assert!(made.admin && made.private, "{made:?}");
    assert_eq!((made.members, made.name.as_str()), (1, "Family circle"));
    let code = made.invite_code.clone().expect("an admin sees the code");

    // Bilal reads Al-Fatihah twice, in two sessions, and joins by code.
    let (_b, bilal_store) = store().await;
    let bilal = Account::default();
    read_fatihah(&bilal_store, now - 1_000).await;
    read_fatihah(&bilal_store, now).await;
    register_bilal(&server, &bilal, &bilal_store, now).await;
    let wrong = JoinGroupRequest {
        code: "not-a-code".into(),
    };
    let error = together::join(&bilal, &bilal_store, &wrong, now)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "invalid_invite_code", "{error}");
    let joined = together::join(&bilal, &bilal_store, &JoinGroupRequest { code }, now)
        .await
        .unwrap();
    assert_eq!((joined.members, joined.admin), (2, false));
    assert_eq!(joined.invite_code, None, "only admins see the code");

    let group = board(BoardScope::Group(made.id.clone()));
    let ranked = together::board(&amina, &amina_store, &group, now)
        .await
        .unwrap();
    let shown: Vec<(u32, &str, f64, bool)> = ranked
        .rows
        .iter()
        .map(|r| (r.rank, r.username.as_str(), r.score, r.me))
        .collect();
    assert_eq!(
        shown,
        [(1, "bilal", 2780.0, false), (2, "amina", 1390.0, true)]
    );
    assert_eq!(ranked.metric, companion_core::wire::Metric::Hasanat);
    assert_eq!(ranked.me_below, None, "Amina is on the board already");

    let left = together::leave(&bilal, &bilal_store, &made.id, now)
        .await
        .unwrap();
    assert!(left.is_empty());
    let after = together::board(&amina, &amina_store, &group, now)
        .await
        .unwrap();
    assert_eq!(after.rows.len(), 1);
    let mine = together::groups(&amina, &amina_store, now).await.unwrap();
    assert_eq!((mine.len(), mine[0].members), (1, 1));
}

#[tokio::test]
async fn a_reflection_for_the_group_reaches_its_members_and_their_reactions_come_back() {
    use companion_app::feed;
    use companion_core::wire::{Audience, FeedRequest, ReactRequest, Reaction, ReflectRequest};
    use companion_core::AyahRef;
    let server = Server::start().await;
    let now = now();
    let Family {
        amina: (amina, amina_store, _a),
        bilal: (bilal, bilal_store, _b),
    } = family(&server, now).await;

    let kursi = AyahRef::new(2, 255).unwrap();
    let reflection = ReflectRequest {
        body: "Nothing tires Him in keeping them.".into(),
        audience: Audience::Groups,
        ayah: Some(kursi),
    };
    let posted = feed::reflect(&amina, &amina_store, &reflection, now)
        .await
        .unwrap();
    assert!(posted.mine);
    let (reference, text) = posted.ayah.clone().unwrap();
    assert_eq!(reference, kursi);
    assert_eq!(
        text,
        quran_data::quran().ayah(kursi).text.as_str(),
        "the server adds the ayah's text from the bundled Qur'an"
    );
    let only_me = ReflectRequest {
        body: "A note to myself.".into(),
        audience: Audience::Private,
        ayah: None,
    };
    feed::reflect(&amina, &amina_store, &only_me, now)
        .await
        .unwrap();

    let first = FeedRequest { before: None };
    let seen = feed::page(&bilal, &bilal_store, &first, now).await.unwrap();
    let bodies: Vec<&str> = seen.posts.iter().map(|p| p.body.as_str()).collect();
    assert_eq!(
        bodies,
        ["Nothing tires Him in keeping them."],
        "not the private one"
    );
    assert!(!seen.posts[0].mine);
    assert_eq!(seen.posts[0].author_username, "amina");

    let react = |reaction| ReactRequest {
        post: posted.id,
        reaction,
    };
    let ameen = feed::react(&bilal, &bilal_store, &react(Some(Reaction::Ameen)), now)
        .await
        .unwrap();
    assert_eq!(
        (ameen.counts, ameen.my_reaction),
        ([0, 1, 0], Some(Reaction::Ameen))
    );
    let changed = feed::react(
        &bilal,
        &bilal_store,
        &react(Some(Reaction::SubhanAllah)),
        now,
    )
    .await
    .unwrap();
    assert_eq!(changed.counts, [1, 0, 0], "one reaction each, changeable");
    let mine = feed::page(&amina, &amina_store, &first, now).await.unwrap();
    let on_kursi = mine.posts.iter().find(|p| p.id == posted.id).unwrap();
    assert_eq!((on_kursi.counts, on_kursi.my_reaction), ([1, 0, 0], None));
    let back = feed::react(&bilal, &bilal_store, &react(None), now)
        .await
        .unwrap();
    assert_eq!((back.counts, back.my_reaction), ([0, 0, 0], None));
}

#[tokio::test]
async fn the_inbox_tells_who_joined_and_who_reacted_and_is_read_one_or_all() {
    use companion_app::{feed, inbox};
    use companion_core::wire::{Audience, ReactRequest, Reaction, ReflectRequest};
    let server = Server::start().await;
    let now = now();
    let Family {
        amina: (amina, amina_store, _a),
        bilal: (bilal, bilal_store, _b),
    } = family(&server, now).await;
    let note = ReflectRequest {
        body: "Patience, and prayer.".into(),
        audience: Audience::Groups,
        ayah: None,
    };
    let post = feed::reflect(&amina, &amina_store, &note, now)
        .await
        .unwrap();
    let ameen = ReactRequest {
        post: post.id,
        reaction: Some(Reaction::Ameen),
    };
    feed::react(&bilal, &bilal_store, &ameen, now)
        .await
        .unwrap();

    let seen = inbox::inbox(&amina, &amina_store, now).await.unwrap();
    assert_eq!(seen.unread, 2);
    let kinds: Vec<(&str, Option<&str>)> = seen
        .items
        .iter()
        .map(|i| (i.kind.as_str(), i.who.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("post_reaction", Some("Bilal")),
            ("group_join", Some("Bilal"))
        ],
        "newest first"
    );
    assert_eq!(seen.items[0].reaction, Some(Reaction::Ameen));
    assert_eq!(seen.items[1].subject.as_deref(), Some("Family circle"));

    let one = inbox::mark_read(&amina, &amina_store, Some(seen.items[1].id), now)
        .await
        .unwrap();
    assert_eq!(one.unread, 1);
    assert!(one.items[1].read && !one.items[0].read);
    let all = inbox::mark_read(&amina, &amina_store, None, now)
        .await
        .unwrap();
    assert_eq!(all.unread, 0);
}

#[tokio::test]
async fn a_competition_started_here_is_joined_by_code_and_ranks_by_its_metric() {
    use companion_core::wire::{
        BoardPeriod, CompetitionStatus, JoinCompetitionRequest, Metric, NewCompetitionRequest,
    };
    let server = Server::start().await;
    let now = now();
    let Family {
        amina: (amina, amina_store, _a),
        bilal: (bilal, bilal_store, _b),
    } = family(&server, now).await;
    let request = NewCompetitionRequest {
        name: "Ayahs before Ramadan".into(),
        metric: Metric::Ayahs,
        days: 7,
        private: true,
    };
    let made = together::create_competition(&amina, &amina_store, &request, now)
        .await
        .unwrap();
    assert_eq!(
        (made.status, made.metric, made.joined, made.participants),
        (CompetitionStatus::Active, Metric::Ayahs, true, 1)
    );
    let code = made.invite_code.clone().expect("its creator sees the code");
    let joined = together::join_competition(
        &bilal,
        &bilal_store,
        &JoinCompetitionRequest::Code(code),
        now,
    )
    .await
    .unwrap();
    assert_eq!(
        (joined.id.as_str(), joined.participants),
        (made.id.as_str(), 2)
    );

    // Bilal reads Al-Fatihah a minute after it started: 7 ayahs.
    read_fatihah(&bilal_store, now + 660).await;
    bilal.sync(&bilal_store, (now + 900, &UTC)).await.unwrap();
    let board = BoardRequest {
        scope: BoardScope::Competition(made.id.clone()),
        period: BoardPeriod::Today,
    };
    let ranked = together::board(&amina, &amina_store, &board, now + 900)
        .await
        .unwrap();
    assert_eq!(ranked.metric, Metric::Ayahs);
    assert_eq!(
        (ranked.rows[0].username.as_str(), ranked.rows[0].score),
        ("bilal", 7.0)
    );
    let listed = together::competitions(&bilal, &bilal_store, now + 900)
        .await
        .unwrap();
    assert!(
        listed.iter().any(|c| c.id == made.id && c.joined),
        "{listed:?}"
    );
}

#[tokio::test]
async fn an_invitation_by_username_is_accepted_or_declined_from_here() {
    use companion_core::wire::{AnswerInvitationRequest, InviteRequest};
    let server = Server::start().await;
    let now = now();
    let Family {
        amina: (amina, amina_store, _a),
        bilal: (bilal, bilal_store, _b),
    } = family(&server, now).await;
    let group = |name: &str| NewGroupRequest {
        name: name.into(),
        description: String::new(),
        private: true,
    };
    let night = together::create(&amina, &amina_store, &group("Night readers"), now)
        .await
        .unwrap();
    let dawn = together::create(&amina, &amina_store, &group("Dawn circle"), now)
        .await
        .unwrap();
    let invite = |group: &str, username: &str| InviteRequest {
        group: group.into(),
        username: username.into(),
    };
    let nobody = together::invite(&amina, &amina_store, &invite(&night.id, "nobody"), now)
        .await
        .unwrap_err();
    assert_eq!(nobody.code(), "user_not_found", "{nobody}");
    for id in [&night.id, &dawn.id] {
        together::invite(&amina, &amina_store, &invite(id, "@bilal"), now)
            .await
            .unwrap();
    }
    let mut waiting = together::invitations(&bilal, &bilal_store, now)
        .await
        .unwrap();
    // Both were sent in the same second: their order is not the point.
    waiting.sort_by(|a, b| a.group_name.cmp(&b.group_name));
    let names: Vec<&str> = waiting.iter().map(|i| i.group_name.as_str()).collect();
    assert_eq!(names, ["Dawn circle", "Night readers"]);
    assert!(waiting.iter().all(|i| i.by.as_deref() == Some("Amina")));
    let answer = |id: &str, accept| AnswerInvitationRequest {
        id: id.into(),
        accept,
    };
    let left = together::answer(&bilal, &bilal_store, &answer(&waiting[1].id, true), now)
        .await
        .unwrap();
    assert_eq!(left.len(), 1);
    let left = together::answer(&bilal, &bilal_store, &answer(&waiting[0].id, false), now)
        .await
        .unwrap();
    assert!(left.is_empty());
    let mut names: Vec<String> = together::groups(&bilal, &bilal_store, now)
        .await
        .unwrap()
        .into_iter()
        .map(|g| g.name)
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["Family circle", "Night readers"],
        "accepted one, declined one"
    );
}

#[tokio::test]
async fn following_each_other_makes_friends_who_may_write_to_each_other() {
    use companion_app::{chat, friends};
    let server = Server::start().await;
    let now = now();
    let (_a, amina_store) = store().await;
    let (_b, bilal_store) = store().await;
    let (amina, bilal) = (Account::default(), Account::default());
    amina
        .register(&amina_store, registration(&server), (now, &UTC))
        .await
        .unwrap();
    register_bilal(&server, &bilal, &bilal_store, now).await;
    let names = |list: &[companion_core::wire::PersonView]| {
        list.iter()
            .map(|p| p.display_name.clone())
            .collect::<Vec<_>>()
    };

    let refused = chat::start(&amina, &amina_store, "bilal", (now, &UTC))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "not_connected", "no group, no friendship");
    let view = friends::follow(&amina, &amina_store, " @bilal ", now)
        .await
        .unwrap();
    assert_eq!(
        (names(&view.following), view.friends.len()),
        (vec!["Bilal".to_owned()], 0)
    );
    let his = friends::people(&bilal, &bilal_store, now).await.unwrap();
    assert_eq!(names(&his.followers), ["Amina"], "told who follows him");
    let refused = chat::start(&amina, &amina_store, "bilal", (now, &UTC))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "not_connected", "one way is not friends");

    let his = friends::follow(&bilal, &bilal_store, "amina", now)
        .await
        .unwrap();
    assert_eq!(
        (
            names(&his.friends),
            his.followers.len(),
            his.following.len()
        ),
        (vec!["Amina".to_owned()], 0, 0)
    );
    let direct = chat::start(&amina, &amina_store, "bilal", (now, &UTC))
        .await
        .unwrap();
    assert_eq!((direct.group, direct.title.as_str()), (false, "Bilal"));

    let amina_id = his.friends[0].id.clone();
    let his = friends::unfollow(&bilal, &bilal_store, &amina_id, now)
        .await
        .unwrap();
    assert_eq!(
        (names(&his.followers), his.friends.len()),
        (vec!["Amina".to_owned()], 0)
    );
    let myself = friends::follow(&amina, &amina_store, "amina", now)
        .await
        .unwrap_err();
    assert_eq!(myself.code(), "cannot_follow_self");
    let nobody = friends::follow(&amina, &amina_store, "nobody", now)
        .await
        .unwrap_err();
    assert_eq!(nobody.code(), "user_not_found");
}

#[tokio::test]
async fn a_group_reads_a_khatmah_together_portion_by_portion() {
    use companion_app::group_khatmah as khatmah;
    use companion_core::wire::{Division, PortionAction, PortionRequest, StartKhatmahRequest};
    let server = Server::start().await;
    let now = now();
    let Family {
        amina: (amina, amina_store, _a),
        bilal: (bilal, bilal_store, _b),
    } = family(&server, now).await;
    let group = together::groups(&amina, &amina_store, now).await.unwrap()[0]
        .id
        .clone();
    let in_ten_days = jiff::Timestamp::from_second(now + 10 * 86_400)
        .unwrap()
        .to_zoned(UTC)
        .strftime("%Y-%m-%d")
        .to_string();
    let start = StartKhatmahRequest {
        group: group.clone(),
        division: Division::Juz,
        deadline: Some(in_ten_days.clone()),
    };
    let refused = khatmah::start(&bilal, &bilal_store, &start, (now, &UTC))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "not_admin", "{refused}");
    let started = khatmah::start(&amina, &amina_store, &start, (now, &UTC))
        .await
        .unwrap();
    let current = started.current.unwrap();
    assert_eq!(
        (
            current.portions.len(),
            current.total,
            current.deadline.as_deref()
        ),
        (30, 30, Some(in_ten_days.as_str()))
    );
    assert_eq!(
        (
            current.portions[0].first.as_str(),
            current.portions[29].last.as_str()
        ),
        ("1:1", "114:6")
    );

    let portion = |number, action| PortionRequest {
        group: group.clone(),
        khatmah: current.id.clone(),
        number,
        action,
    };
    let his = khatmah::portion(
        &bilal,
        &bilal_store,
        &portion(1, PortionAction::Claim),
        (now, &UTC),
    )
    .await
    .unwrap()
    .current
    .unwrap();
    assert!(his.portions[0].mine && !his.portions[0].done);
    let taken = khatmah::portion(
        &amina,
        &amina_store,
        &portion(1, PortionAction::Claim),
        (now, &UTC),
    )
    .await
    .unwrap_err();
    assert_eq!(taken.code(), "portion_taken");
    let seen = khatmah::khatmahs(&amina, &amina_store, &group, (now, &UTC))
        .await
        .unwrap()
        .current
        .unwrap();
    assert_eq!(
        (seen.portions[0].reader.as_deref(), seen.portions[0].mine),
        (Some("Bilal"), false)
    );
    let done = khatmah::portion(
        &bilal,
        &bilal_store,
        &portion(1, PortionAction::Done),
        (now, &UTC),
    )
    .await
    .unwrap()
    .current
    .unwrap();
    assert_eq!((done.done, done.portions[0].done), (1, true));
    khatmah::portion(
        &bilal,
        &bilal_store,
        &portion(2, PortionAction::Claim),
        (now, &UTC),
    )
    .await
    .unwrap();
    let given_back = khatmah::portion(
        &bilal,
        &bilal_store,
        &portion(2, PortionAction::Release),
        (now, &UTC),
    )
    .await
    .unwrap()
    .current
    .unwrap();
    assert_eq!(given_back.portions[1].reader, None);

    let again = khatmah::start(&amina, &amina_store, &start, (now, &UTC))
        .await
        .unwrap_err();
    assert_eq!(again.code(), "khatmah_running");
    let ended = khatmah::cancel(&amina, &amina_store, (&group, &current.id), (now, &UTC))
        .await
        .unwrap();
    assert!(ended.current.is_none());
    assert_eq!(
        ended
            .past
            .iter()
            .map(|p| (p.status.as_str(), p.done, p.total))
            .collect::<Vec<_>>(),
        [("cancelled", 1, 30)]
    );
    let bad_day = StartKhatmahRequest {
        deadline: Some("next friday".into()),
        ..start
    };
    let refused = khatmah::start(&amina, &amina_store, &bad_day, (now, &UTC))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "invalid_request");
}
