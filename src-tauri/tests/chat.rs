//! Chat against a real sync server on loopback: a group's conversation
//! between two devices, reactions and read markers, deleting, a direct
//! conversation; messages written offline that wait and go once; and the
//! live connection hearing messages and typing as they happen, resuming
//! after a drop without missing one; a mention told only while its kind
//! of notification is on.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{family, now, Family, Server, UTC};
use companion_app::account::Account;
use companion_app::chat;
use companion_app::live::{connect_once, Ended};
use companion_app::store::{Store, WaitingMessage};
use companion_core::wire::{
    ChatMessage, HistoryRequest, LiveEvent, MessageReactRequest, SendMessageRequest,
};
use tokio::sync::mpsc;

fn say(conversation: &str, body: &str) -> SendMessageRequest {
    SendMessageRequest {
        conversation: conversation.to_owned(),
        body: body.to_owned(),
    }
}

fn latest(conversation: &str) -> HistoryRequest {
    HistoryRequest {
        conversation: conversation.to_owned(),
        before: None,
    }
}

async fn history(account: &Account, store: &Store, conversation: &str) -> Vec<ChatMessage> {
    chat::history(account, store, &latest(conversation), (now(), &UTC))
        .await
        .unwrap()
        .messages
}

/// The family's group conversation, as `account` lists it: its id.
async fn group_conversation(account: &Account, store: &Store) -> String {
    let list = chat::conversations(account, store, (now(), &UTC))
        .await
        .unwrap();
    let group = list.iter().find(|c| c.group).unwrap();
    assert_eq!(group.title, "Family circle");
    group.id.clone()
}

#[tokio::test]
async fn a_groups_conversation_carries_messages_reactions_read_markers_and_deletions() {
    let server = Server::start().await;
    let Family {
        amina: (amina, amina_store, _a),
        bilal: (bilal, bilal_store, _b),
    } = family(&server, now()).await;
    let c = group_conversation(&amina, &amina_store).await;
    let when = (now(), &UTC);

    let sent = chat::send(&amina, &amina_store, &say(&c, "  Assalamu alaykum  "), when)
        .await
        .unwrap();
    assert_eq!(
        (sent.body.as_str(), sent.mine, sent.pending, sent.seq),
        ("Assalamu alaykum", true, false, Some(1)),
        "trimmed, taken by the server, numbered"
    );
    assert!(amina_store
        .waiting_messages(&amina_user(&amina_store).await, None)
        .await
        .unwrap()
        .is_empty());

    let listed = chat::conversations(&bilal, &bilal_store, when)
        .await
        .unwrap();
    assert_eq!(listed[0].unread, 1, "Bilal has one unread");
    let seen = history(&bilal, &bilal_store, &c).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].sender_name.as_deref(), seen[0].mine),
        (Some("Amina"), false)
    );
    assert_eq!(seen[0].time.len(), 5, "a clock time: {}", seen[0].time);

    let message = seen[0].id.clone().unwrap();
    let react = |emoji: Option<&str>| MessageReactRequest {
        conversation: c.clone(),
        message: message.clone(),
        emoji: emoji.map(str::to_owned),
    };
    chat::react(&bilal, &bilal_store, &react(Some("🤲")), now())
        .await
        .unwrap();
    let mine = history(&bilal, &bilal_store, &c).await;
    let theirs = history(&amina, &amina_store, &c).await;
    let reaction = |m: &[ChatMessage]| {
        let r = &m[0].reactions;
        r.iter()
            .map(|r| (r.emoji.clone(), r.count, r.mine))
            .collect::<Vec<_>>()
    };
    assert_eq!(reaction(&mine), [("🤲".to_owned(), 1, true)]);
    assert_eq!(reaction(&theirs), [("🤲".to_owned(), 1, false)]);
    let refused = chat::react(&bilal, &bilal_store, &react(Some("💩")), now())
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "server_refused", "{refused}");

    chat::read(&bilal, &bilal_store, &c, now()).await.unwrap();
    let listed = chat::conversations(&bilal, &bilal_store, when)
        .await
        .unwrap();
    assert_eq!(listed[0].unread, 0, "read up to the latest");

    chat::delete(&amina, &amina_store, &message, now())
        .await
        .unwrap();
    let gone = history(&bilal, &bilal_store, &c).await;
    assert_eq!((gone[0].deleted, gone[0].body.as_str()), (true, ""));
    let not_hers = chat::delete(&bilal, &bilal_store, &message, now())
        .await
        .unwrap_err();
    assert_eq!(not_hers.code(), "server_refused", "{not_hers}");

    let empty = chat::send(&amina, &amina_store, &say(&c, "   "), when)
        .await
        .unwrap_err();
    assert_eq!(empty.code(), "invalid_request");
    let long = chat::send(&amina, &amina_store, &say(&c, &"ب".repeat(4_001)), when)
        .await
        .unwrap_err();
    assert_eq!(long.code(), "invalid_message");

    // Members of a private group may write to each other directly.
    let direct = chat::start(&bilal, &bilal_store, "@amina", when)
        .await
        .unwrap();
    assert_eq!((direct.group, direct.title.as_str()), (false, "Amina"));
    let nobody = chat::start(&bilal, &bilal_store, "nobody", when)
        .await
        .unwrap_err();
    assert_eq!(nobody.code(), "user_not_found");
}

async fn amina_user(store: &Store) -> String {
    store.account().await.unwrap().unwrap().user_id
}

#[tokio::test]
async fn a_message_written_offline_waits_on_the_device_and_goes_once() {
    let mut server = Server::start().await;
    let Family {
        amina: (amina, amina_store, _a),
        bilal: (bilal, bilal_store, _b),
    } = family(&server, now()).await;
    let c = group_conversation(&amina, &amina_store).await;
    let when = (now(), &UTC);

    assert!(history(&amina, &amina_store, &c).await.is_empty());
    server.stop().await;
    let kept = chat::send(&amina, &amina_store, &say(&c, "Written on the train"), when)
        .await
        .unwrap();
    assert!(kept.pending && kept.id.is_none(), "{kept:?}");
    // Offline, what was seen stays: the list and the page, with the
    // message waiting at its end; what was never seen cannot be shown.
    let listed = chat::conversations(&amina, &amina_store, when)
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    let offline = history(&amina, &amina_store, &c).await;
    assert_eq!(
        offline.iter().map(|m| m.pending).collect::<Vec<_>>(),
        [true]
    );
    let older = HistoryRequest {
        conversation: c.clone(),
        before: Some(1),
    };
    let unseen = chat::history(&amina, &amina_store, &older, when)
        .await
        .unwrap_err();
    assert_eq!(unseen.code(), "server_unreachable");
    assert_eq!(
        chat::send_waiting(&amina, &amina_store, now())
            .await
            .unwrap(),
        0,
        "still offline: it waits"
    );

    server.restart().await;
    let page = history(&amina, &amina_store, &c).await;
    assert_eq!(
        page.iter().map(|m| m.pending).collect::<Vec<_>>(),
        [true],
        "shown as waiting at the end of the conversation"
    );
    assert_eq!(
        chat::send_waiting(&amina, &amina_store, now())
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        chat::send_waiting(&amina, &amina_store, now())
            .await
            .unwrap(),
        0
    );

    // A resend of a message the server took (its answer lost on the way)
    // is not a second message.
    let taken = history(&amina, &amina_store, &c).await;
    let again = WaitingMessage {
        client_id: taken[0].client_id.clone(),
        conversation_id: c.clone(),
        body: taken[0].body.clone(),
        created_at: now(),
    };
    let me = amina_user(&amina_store).await;
    amina_store.keep_message(&me, &again).await.unwrap();
    assert_eq!(
        chat::send_waiting(&amina, &amina_store, now())
            .await
            .unwrap(),
        1
    );

    let seen = history(&bilal, &bilal_store, &c).await;
    assert_eq!(
        seen.iter()
            .map(|m| (m.body.as_str(), m.pending))
            .collect::<Vec<_>>(),
        [("Written on the train", false)],
        "sent once"
    );
    assert!(amina_store
        .waiting_messages(&me, None)
        .await
        .unwrap()
        .is_empty());
}

/// What a device's live connection heard (`None`: it opened).
type Heard = mpsc::UnboundedReceiver<Option<LiveEvent>>;
/// Why it ended, and the last event number it saw.
type Connection = tokio::task::JoinHandle<(Ended, Option<i64>)>;

/// Bilal's device's live connection in a task, resuming after `after`.
fn listen(bilal: Arc<(Account, Store)>, after: Option<i64>) -> (Heard, Connection) {
    let (tx, rx) = mpsc::unbounded_channel();
    let task = tokio::spawn(async move {
        let (account, store) = (&bilal.0, &bilal.1);
        let mut after = after;
        let opened = tx.clone();
        let mut on_open = move || {
            let _ = opened.send(None);
        };
        let mut on_event = move |event| {
            let _ = tx.send(Some(event));
        };
        let ended = connect_once(
            account,
            store,
            &now,
            &mut after,
            (&mut on_open, &mut on_event),
        )
        .await;
        (ended, after)
    });
    (rx, task)
}

async fn next(events: &mut Heard) -> Option<LiveEvent> {
    tokio::time::timeout(Duration::from_secs(10), events.recv())
        .await
        .expect("nothing was heard in 10 s")
        .expect("the connection ended")
}

#[tokio::test]
async fn the_live_connection_hears_messages_and_typing_and_resumes_after_a_drop() {
    let mut server = Server::start().await;
    let Family {
        amina: (amina, amina_store, _a),
        bilal: (bilal, bilal_store, _b),
    } = family(&server, now()).await;
    let c = group_conversation(&amina, &amina_store).await;
    let when = (now(), &UTC);
    let bilal = Arc::new((bilal, bilal_store));

    let (mut events, task) = listen(bilal.clone(), None);
    assert_eq!(next(&mut events).await, None, "the socket opened");
    chat::send(
        &amina,
        &amina_store,
        &say(&c, "Are you reading tonight?"),
        when,
    )
    .await
    .unwrap();
    let chat_here = Some(LiveEvent::Chat {
        conversation: c.clone(),
    });
    assert_eq!(next(&mut events).await, chat_here, "heard as it was sent");
    chat::typing(&amina, &amina_store, &c, now()).await.unwrap();
    assert_eq!(
        next(&mut events).await,
        Some(LiveEvent::Typing {
            conversation: c.clone(),
            name: "Amina".into()
        })
    );

    // The server goes away: the connection ends, and Bilal's next message
    // waits on his device.
    server.stop().await;
    let (ended, after) = tokio::time::timeout(Duration::from_secs(10), task)
        .await
        .unwrap()
        .unwrap();
    assert!(after.is_some(), "{ended:?}: an event number was seen");
    let kept = chat::send(&bilal.0, &bilal.1, &say(&c, "Yes, after isha"), when)
        .await
        .unwrap();
    assert!(kept.pending);

    // Back: Amina writes while Bilal is still away; his device resumes
    // from the last number it saw, hears what it missed, and sends what
    // waited.
    server.restart().await;
    chat::send(
        &amina,
        &amina_store,
        &say(&c, "Did you see my message?"),
        when,
    )
    .await
    .unwrap();
    let (mut events, task) = listen(bilal.clone(), after);
    assert_eq!(next(&mut events).await, None, "open again");
    assert_eq!(next(&mut events).await, chat_here, "the missed message");
    let theirs = history(&amina, &amina_store, &c).await;
    let bodies: Vec<&str> = theirs.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(
        bodies,
        [
            "Are you reading tonight?",
            "Did you see my message?",
            "Yes, after isha"
        ],
        "what waited on Bilal's device went when the socket opened"
    );
    task.abort();
}

#[tokio::test]
async fn a_mention_is_told_only_while_its_kind_of_notification_is_on() {
    use companion_app::inbox;
    use companion_core::wire::KindSetting;
    let server = Server::start().await;
    let Family {
        amina: (amina, amina_store, _a),
        bilal: (bilal, bilal_store, _b),
    } = family(&server, now()).await;
    let c = group_conversation(&amina, &amina_store).await;
    let mentions = |view: &companion_core::wire::InboxView| {
        view.items
            .iter()
            .filter(|i| i.kind == "chat_mention")
            .count()
    };
    let mention = |on: bool| KindSetting {
        kind: "chat_mention".into(),
        on,
    };

    let all = inbox::notification_settings(&bilal, &bilal_store, now())
        .await
        .unwrap();
    assert!(all.iter().all(|s| s.on), "every kind is on at first");
    let now_off = inbox::set_notification(&bilal, &bilal_store, &mention(false), now())
        .await
        .unwrap();
    let off: Vec<&str> = now_off
        .iter()
        .filter(|s| !s.on)
        .map(|s| s.kind.as_str())
        .collect();
    assert_eq!(off, ["chat_mention"]);
    chat::send(
        &amina,
        &amina_store,
        &say(&c, "@bilal juz 5 tonight?"),
        (now(), &UTC),
    )
    .await
    .unwrap();
    let told = inbox::inbox(&bilal, &bilal_store, now()).await.unwrap();
    assert_eq!(mentions(&told), 0, "off: not kept");

    inbox::set_notification(&bilal, &bilal_store, &mention(true), now())
        .await
        .unwrap();
    chat::send(
        &amina,
        &amina_store,
        &say(&c, "@bilal and juz 6?"),
        (now(), &UTC),
    )
    .await
    .unwrap();
    let told = inbox::inbox(&bilal, &bilal_store, now()).await.unwrap();
    assert_eq!(mentions(&told), 1, "on again: told");
    let unknown = KindSetting {
        kind: "weather".into(),
        on: false,
    };
    let refused = inbox::set_notification(&bilal, &bilal_store, &unknown, now())
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "invalid_request");
}
