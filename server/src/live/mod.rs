//! Live delivery: who is connected to this node, and how an event reaches
//! their sockets.
//!
//! Every event a user's devices must see is first stored with its number
//! (`store::live`); only then is it handed to the [`Fanout`], which brings
//! it to every node, where the [`Hub`] passes it to the user's sockets on
//! that node. A socket that misses a delivery (it was away, or the node
//! dropped it) reads what it missed from the database by number, so the
//! fan-out may lose deliveries but never reorders what a client shows.
//!
//! [`LocalFanout`] serves one node; `nodes::fanout::RedisFanout` serves
//! several: it publishes to Redis in [`Fanout::publish`] and feeds what
//! other nodes publish to this node's [`Hub::deliver`]. The hub never blocks a publisher: each user has a
//! bounded ring of deliveries, and a socket that falls a ring behind is
//! told so (and closed by its loop) instead of slowing the others.
//! `payload` holds the shapes of the events' data; [`Filter`] says which
//! deliveries a socket of `/ws/chat/{id}` or `/ws/notifications` carries.
//! Never here: SQL, HTTP, or deciding who may see an event.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{broadcast, watch};

use crate::kinds::LiveKind;
use crate::store::UserEvent;

pub mod payload;

/// Live delivery as the server's state holds it.
#[derive(Debug, Clone)]
pub struct Live {
    /// This node's sockets.
    pub hub: Arc<Hub>,
    /// How deliveries reach every node's hub.
    pub fanout: Arc<dyn Fanout>,
    /// The sockets' timings.
    pub heartbeat: Heartbeat,
}

impl Live {
    /// One node's live delivery: a hub whose sockets may fall `queue`
    /// deliveries behind, fed directly.
    pub fn local(queue: usize, heartbeat: Heartbeat) -> Live {
        let hub = Arc::new(Hub::new(queue));
        Live {
            fanout: Arc::new(LocalFanout(hub.clone())),
            hub,
            heartbeat,
        }
    }

    /// A node's live delivery among several: deliveries reach the other
    /// nodes' hubs through Redis pub/sub (`nodes::fanout`).
    pub fn shared(queue: usize, heartbeat: Heartbeat, redis: crate::nodes::Redis) -> Live {
        let hub = Arc::new(Hub::new(queue));
        Live {
            fanout: Arc::new(crate::nodes::fanout::RedisFanout::start(hub.clone(), redis)),
            hub,
            heartbeat,
        }
    }

    /// Sends stored events to their users' sockets (after their commit).
    pub fn publish(&self, events: &[UserEvent]) {
        if !events.is_empty() {
            self.fanout.publish(Delivery::all_stored(events));
        }
    }

    /// Sends ephemeral deliveries (typing notes) to their users' sockets.
    pub fn publish_ephemeral(&self, deliveries: Vec<Delivery>) {
        if !deliveries.is_empty() {
            self.fanout.publish(deliveries);
        }
    }
}

/// The timings of a live socket.
#[derive(Debug, Clone, Copy)]
pub struct Heartbeat {
    /// How often the server pings.
    pub ping: Duration,
    /// How long a client may stay silent (no frame, not even a pong)
    /// before it is closed.
    pub idle: Duration,
    /// How long a client that authenticates by message has to send it.
    pub auth: Duration,
    /// How long one frame may take to write before the client is taken
    /// for stuck and dropped.
    pub write: Duration,
}

/// What one user's sockets are sent: a stored event (with its number) or
/// an ephemeral one (not stored, not numbered, lost when no one is
/// connected: typing indicators).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub user_id: String,
    /// The stored event's number; `None` for what is not stored.
    pub seq: Option<i64>,
    /// The JSON text frame to send.
    pub frame: Arc<str>,
    /// What a filtered socket ([`Filter`]) looks at.
    pub topic: Topic,
}

/// What a delivery is about: its kind (a [`LiveKind`]'s name, or `typing`)
/// and the conversation it belongs to, if any.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Topic {
    pub kind: &'static str,
    pub conversation_id: Option<Arc<str>>,
}

/// Which deliveries one socket carries: all of its user's
/// (`/api/v1/ws`), one conversation's (`/api/v1/ws/chat/{id}`) or
/// notifications only (`/api/v1/ws/notifications`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    All,
    Conversation(String),
    Notifications,
}

impl Filter {
    /// Whether a socket with this filter sends a delivery about `topic`.
    pub fn admits(&self, topic: &Topic) -> bool {
        match self {
            Filter::All => true,
            Filter::Conversation(id) => topic.conversation_id.as_deref() == Some(id.as_str()),
            Filter::Notifications => topic.kind == LiveKind::Notification.as_str(),
        }
    }
}

impl Delivery {
    /// The frame of a stored event: `{"type": "event", "seq", "kind",
    /// "at", "data"}`.
    pub fn stored(event: &UserEvent) -> Delivery {
        let data = serde_json::from_str::<serde_json::Value>(&event.data)
            .unwrap_or(serde_json::Value::Null);
        let frame = serde_json::json!({
            "type": "event",
            "seq": event.seq,
            "kind": event.kind,
            "at": event.created_at,
            "data": data,
        });
        let conversation_id = frame["data"]["conversation_id"].as_str().map(Arc::from);
        Delivery {
            user_id: event.user_id.clone(),
            seq: Some(event.seq),
            frame: frame.to_string().into(),
            topic: Topic {
                kind: event.kind.as_str(),
                conversation_id,
            },
        }
    }

    /// An ephemeral delivery (not stored, not numbered) of `frame` to
    /// `user_id`, about `topic`.
    pub fn ephemeral(user_id: &str, frame: Arc<str>, topic: Topic) -> Delivery {
        Delivery {
            user_id: user_id.to_owned(),
            seq: None,
            frame,
            topic,
        }
    }

    /// The deliveries of stored events.
    pub fn all_stored(events: &[UserEvent]) -> Vec<Delivery> {
        events.iter().map(Delivery::stored).collect()
    }
}

/// Brings deliveries to every node's [`Hub`]. It must not block: the
/// events are stored already, so a lost delivery is only late.
pub trait Fanout: Send + Sync + std::fmt::Debug {
    /// Sends each delivery to its user's sockets on every node.
    fn publish(&self, deliveries: Vec<Delivery>);

    /// Whether deliveries reach every node now (a shared fan-out is
    /// connected and listening); a single node's always do.
    fn ready(&self) -> bool {
        true
    }
}

/// The fan-out of a single node: straight into its own hub.
#[derive(Debug, Clone)]
pub struct LocalFanout(pub Arc<Hub>);

impl Fanout for LocalFanout {
    fn publish(&self, deliveries: Vec<Delivery>) {
        for delivery in deliveries {
            self.0.deliver(delivery);
        }
    }
}

/// The sockets connected to this node, by user.
#[derive(Debug)]
pub struct Hub {
    users: Mutex<HashMap<String, broadcast::Sender<Arc<Delivery>>>>,
    /// How many deliveries a socket may fall behind before it is dropped.
    capacity: usize,
    /// Set once the server shuts down: every socket closes.
    closing: watch::Sender<bool>,
}

/// One socket's feed of its user's deliveries; leaving the hub when
/// dropped.
#[derive(Debug)]
pub struct Subscription {
    hub: Arc<Hub>,
    user_id: String,
    receiver: broadcast::Receiver<Arc<Delivery>>,
    closing: watch::Receiver<bool>,
}

/// What a subscription's socket is told next.
#[derive(Debug)]
pub enum Next {
    /// A delivery for the user.
    Delivery(Arc<Delivery>),
    /// The socket fell more than the hub's capacity behind: deliveries
    /// were lost (they are in the database).
    Lagged,
    /// The server is shutting down.
    Closing,
}

impl Hub {
    /// A hub whose sockets may each fall `capacity` deliveries behind.
    pub fn new(capacity: usize) -> Hub {
        Hub {
            users: Mutex::default(),
            capacity: capacity.max(1),
            closing: watch::Sender::new(false),
        }
    }

    /// Registers a socket of `user_id`.
    pub fn subscribe(self: &Arc<Self>, user_id: &str) -> Subscription {
        let mut users = self.users.lock().unwrap_or_else(|e| e.into_inner());
        let receiver = users
            .entry(user_id.to_owned())
            .or_insert_with(|| broadcast::channel(self.capacity).0)
            .subscribe();
        Subscription {
            hub: self.clone(),
            user_id: user_id.to_owned(),
            receiver,
            closing: self.closing.subscribe(),
        }
    }

    /// Passes a delivery to its user's sockets on this node, if any;
    /// never waits.
    pub fn deliver(&self, delivery: Delivery) {
        let users = self.users.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(sender) = users.get(&delivery.user_id) {
            // An error only means the last socket just left.
            let _ = sender.send(Arc::new(delivery));
        }
    }

    /// How many sockets are connected to this node.
    pub fn sockets(&self) -> usize {
        let users = self.users.lock().unwrap_or_else(|e| e.into_inner());
        users.values().map(broadcast::Sender::receiver_count).sum()
    }

    /// Closes every socket (the server is shutting down).
    pub fn close_all(&self) {
        self.closing.send_replace(true);
    }
}

impl Subscription {
    /// The next thing for this socket; waits until there is one.
    pub async fn next(&mut self) -> Next {
        if *self.closing.borrow() {
            return Next::Closing;
        }
        tokio::select! {
            received = self.receiver.recv() => match received {
                Ok(delivery) => Next::Delivery(delivery),
                Err(broadcast::error::RecvError::Lagged(_)) => Next::Lagged,
                Err(broadcast::error::RecvError::Closed) => Next::Closing,
            },
            _ = self.closing.wait_for(|closing| *closing) => Next::Closing,
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let mut users = self.hub.users.lock().unwrap_or_else(|e| e.into_inner());
        // This receiver still counts until the fields drop after this.
        let last = users
            .get(&self.user_id)
            .is_some_and(|sender| sender.receiver_count() <= 1);
        if last {
            users.remove(&self.user_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ephemeral(user: &str, text: &str) -> Delivery {
        Delivery::ephemeral(user, text.into(), Topic::default())
    }

    fn stored(kind: LiveKind, data: &str) -> Delivery {
        Delivery::stored(&UserEvent {
            user_id: "a".to_owned(),
            seq: 1,
            kind,
            data: data.to_owned(),
            created_at: 0,
        })
    }

    #[test]
    fn a_filtered_socket_carries_one_conversation_or_notifications_only() {
        let message = stored(LiveKind::MessageCreated, r#"{"conversation_id":"c1"}"#);
        let other = stored(LiveKind::MessageCreated, r#"{"conversation_id":"c2"}"#);
        let mention = stored(
            LiveKind::Notification,
            r#"{"kind":"chat_mention","data":{"conversation_id":"c1"}}"#,
        );
        let typing = Delivery::ephemeral(
            "a",
            "{}".into(),
            Topic {
                kind: "typing",
                conversation_id: Some("c1".into()),
            },
        );
        let chat = Filter::Conversation("c1".to_owned());
        assert!(chat.admits(&message.topic) && chat.admits(&typing.topic));
        assert!(!chat.admits(&other.topic), "another conversation");
        assert!(
            !chat.admits(&mention.topic),
            "a notification about the conversation is not the conversation's"
        );
        assert!(Filter::Notifications.admits(&mention.topic));
        assert!(!Filter::Notifications.admits(&message.topic));
        assert!(!Filter::Notifications.admits(&typing.topic));
        assert!([&message, &other, &mention, &typing]
            .iter()
            .all(|d| Filter::All.admits(&d.topic)));
    }

    fn frame(next: Next) -> Option<String> {
        match next {
            Next::Delivery(delivery) => Some(delivery.frame.to_string()),
            _ => None,
        }
    }

    #[tokio::test]
    async fn a_delivery_reaches_every_socket_of_its_user_and_no_one_else() {
        let hub = Arc::new(Hub::new(8));
        let mut phone = hub.subscribe("a");
        let mut laptop = hub.subscribe("a");
        let mut other = hub.subscribe("b");
        LocalFanout(hub.clone()).publish(vec![ephemeral("a", "hello")]);
        assert_eq!(frame(phone.next().await).as_deref(), Some("hello"));
        assert_eq!(frame(laptop.next().await).as_deref(), Some("hello"));
        hub.deliver(ephemeral("b", "for b"));
        assert_eq!(
            frame(other.next().await).as_deref(),
            Some("for b"),
            "b's first delivery is b's own, not a's"
        );
    }

    #[tokio::test]
    async fn a_socket_that_falls_behind_is_told_and_the_others_are_not_held_up() {
        let hub = Arc::new(Hub::new(4));
        let mut slow = hub.subscribe("a");
        let mut quick = hub.subscribe("a");
        for n in 0..10 {
            hub.deliver(ephemeral("a", &n.to_string()));
            assert_eq!(
                frame(quick.next().await),
                Some(n.to_string()),
                "the reader keeps up"
            );
        }
        assert!(
            matches!(slow.next().await, Next::Lagged),
            "the publisher never waited for the slow socket; it learns it lost deliveries"
        );
    }

    #[tokio::test]
    async fn the_hub_forgets_a_user_when_their_last_socket_leaves_and_closes_all_at_shutdown() {
        let hub = Arc::new(Hub::new(4));
        let first = hub.subscribe("a");
        let mut second = hub.subscribe("a");
        assert_eq!(hub.sockets(), 2);
        drop(first);
        assert_eq!(hub.sockets(), 1);
        hub.close_all();
        assert!(matches!(second.next().await, Next::Closing));
        drop(second);
        assert_eq!(hub.sockets(), 0);
        assert!(
            hub.users.lock().unwrap().is_empty(),
            "no entry is left behind"
        );
    }
}
