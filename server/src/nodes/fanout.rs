//! Live deliveries through Redis pub/sub: [`RedisFanout`] hands each
//! delivery to this node's hub at once and publishes it on one channel,
//! `{namespace}:live:deliveries`; every node subscribes and feeds what other nodes
//! published to its own hub.
//!
//! Publishing never waits: deliveries go to a bounded queue that one task
//! publishes in order; a full queue or a failing Redis drops them (logged),
//! and so does a node whose subscription is being remade. That is safe
//! because every stored event is in the database before it is published:
//! a socket reads what it missed by number, at its next delivery or when
//! its client reconnects with `?after=`. Ephemeral deliveries (typing) are
//! simply lost, as they are when no one is connected.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

use super::Redis;
use crate::kinds::LiveKind;
use crate::live::{Delivery, Fanout, Hub, Topic};

/// Publications waiting for Redis at most; more are dropped.
const QUEUE: usize = 4096;

/// One publication: a node's batch of deliveries.
#[derive(Debug, Serialize, Deserialize)]
struct Wire<'a> {
    #[serde(borrow)]
    node: Cow<'a, str>,
    #[serde(borrow)]
    deliveries: Vec<WireDelivery<'a>>,
}

/// Text that is borrowed from the payload when it holds no escapes (a
/// frame always does: it is JSON in JSON).
#[derive(Debug, Serialize, Deserialize)]
struct WireDelivery<'a> {
    #[serde(borrow)]
    user_id: Cow<'a, str>,
    seq: Option<i64>,
    #[serde(borrow)]
    frame: Cow<'a, str>,
    #[serde(borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    conversation_id: Option<Cow<'a, str>>,
}

/// The kinds a delivery may have, as the `'static` names a [`Topic`]
/// holds; an unknown one (a newer node's) is skipped.
fn topic_kind(kind: &str) -> Option<&'static str> {
    match kind {
        "typing" => Some("typing"),
        _ => kind.parse::<LiveKind>().ok().map(LiveKind::as_str),
    }
}

/// The fan-out of a node among several: this node's hub at once, the
/// others' through Redis.
#[derive(Debug)]
pub struct RedisFanout {
    /// Whether this node listens to the others now.
    listening: Arc<std::sync::atomic::AtomicBool>,
    hub: Arc<Hub>,
    node: String,
    queue: mpsc::Sender<String>,
    redis: Redis,
}

impl RedisFanout {
    /// A fan-out feeding `hub`, publishing and subscribing through
    /// `redis` (it starts its publishing and subscribing tasks).
    pub fn start(hub: Arc<Hub>, redis: Redis) -> RedisFanout {
        let (queue, publications) = mpsc::channel(QUEUE);
        tokio::spawn(publish(redis.clone(), publications));
        let listening = Arc::new(std::sync::atomic::AtomicBool::new(false));
        tokio::spawn(subscribe(redis.clone(), hub.clone(), listening.clone()));
        RedisFanout {
            listening,
            hub,
            node: redis.node().to_owned(),
            queue,
            redis,
        }
    }
}

impl Fanout for RedisFanout {
    fn ready(&self) -> bool {
        self.redis.connected() && self.listening.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn publish(&self, deliveries: Vec<Delivery>) {
        let wire = Wire {
            node: Cow::Borrowed(&self.node),
            deliveries: deliveries
                .iter()
                .map(|d| WireDelivery {
                    user_id: Cow::Borrowed(&d.user_id),
                    seq: d.seq,
                    frame: Cow::Borrowed(&d.frame),
                    kind: Cow::Borrowed(d.topic.kind),
                    conversation_id: d.topic.conversation_id.as_deref().map(Cow::Borrowed),
                })
                .collect(),
        };
        let payload = serde_json::to_string(&wire);
        for delivery in deliveries {
            self.hub.deliver(delivery);
        }
        match payload {
            Ok(payload) => {
                if self.queue.try_send(payload).is_err() {
                    self.redis
                        .failed("publishing (queue full)", &super::Error::Timeout);
                }
            }
            Err(error) => tracing::error!(%error, "a delivery could not be encoded"),
        }
    }
}

/// The channel every node publishes on and listens to.
fn channel(redis: &Redis) -> String {
    redis.key("live", "deliveries")
}

/// Publishes the queued batches in order, for as long as the node runs.
async fn publish(redis: Redis, mut publications: mpsc::Receiver<String>) {
    let channel = channel(&redis);
    while let Some(payload) = publications.recv().await {
        let channel = channel.clone();
        let sent = redis
            .call(|mut connection| async move {
                redis::cmd("PUBLISH")
                    .arg(&channel)
                    .arg(payload)
                    .query_async::<i64>(&mut connection)
                    .await
            })
            .await;
        if let Err(error) = sent {
            redis.failed("publishing a delivery", &error);
        }
    }
}

/// Listens to the other nodes' deliveries and feeds them to `hub`,
/// subscribing again whenever the subscription is lost.
async fn subscribe(redis: Redis, hub: Arc<Hub>, listening: Arc<std::sync::atomic::AtomicBool>) {
    let channel = channel(&redis);
    let mut wait = Duration::from_millis(200);
    loop {
        let connected =
            tokio::time::timeout(Duration::from_secs(2), redis.client().get_async_pubsub()).await;
        match connected {
            Ok(Ok(mut pubsub)) => match pubsub.subscribe(&channel).await {
                Ok(()) => {
                    wait = Duration::from_millis(200);
                    tracing::debug!("listening to the other nodes' deliveries");
                    listening.store(true, std::sync::atomic::Ordering::SeqCst);
                    let mut messages = pubsub.on_message();
                    while let Some(message) = messages.next().await {
                        receive(&hub, redis.node(), message.get_payload_bytes());
                    }
                    listening.store(false, std::sync::atomic::Ordering::SeqCst);
                    redis.failed("listening", &super::Error::Disconnected);
                }
                Err(error) => redis.failed("subscribing", &error.into()),
            },
            Ok(Err(error)) => redis.failed("subscribing", &error.into()),
            Err(_) => redis.failed("subscribing", &super::Error::Timeout),
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(Duration::from_secs(5));
    }
}

/// Feeds one publication of another node to `hub`.
fn receive(hub: &Hub, node: &str, payload: &[u8]) {
    let wire = match serde_json::from_slice::<Wire<'_>>(payload) {
        Ok(wire) => wire,
        Err(error) => {
            tracing::warn!(%error, "an unreadable publication on the live channel");
            return;
        }
    };
    if wire.node == node {
        return; // Delivered here when it was published.
    }
    for delivery in wire.deliveries {
        let Some(kind) = topic_kind(&delivery.kind) else {
            continue;
        };
        hub.deliver(Delivery {
            user_id: delivery.user_id.into_owned(),
            seq: delivery.seq,
            frame: Arc::from(delivery.frame.as_ref()),
            topic: Topic {
                kind,
                conversation_id: delivery.conversation_id.as_deref().map(Arc::from),
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::Next;

    #[tokio::test]
    async fn another_nodes_publication_reaches_this_hub_and_our_own_is_skipped() {
        let hub = Arc::new(Hub::new(8));
        let mut socket = hub.subscribe("u1");
        let payload = |node: &str| {
            serde_json::json!({"node": node, "deliveries": [{
                "user_id": "u1", "seq": 7, "frame": "{\"seq\":7}",
                "kind": "message_created", "conversation_id": "c1"}]})
            .to_string()
        };
        receive(&hub, "this", payload("this").as_bytes());
        receive(&hub, "this", b"not json");
        receive(&hub, "this", payload("other").as_bytes());
        let Next::Delivery(delivery) = socket.next().await else {
            panic!("the other node's delivery arrives");
        };
        assert_eq!(delivery.seq, Some(7), "our own publication was skipped");
        assert_eq!(delivery.topic.kind, "message_created");
        assert_eq!(delivery.topic.conversation_id.as_deref(), Some("c1"));
    }
}
