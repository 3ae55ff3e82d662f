//! Per-address rate limits on the `/auth` routes (GCRA, from `governor`):
//! a burst of the per-minute quota, refilled evenly. Over the limit is a
//! 429 with Retry-After. The same limiter, keyed by user, bounds each
//! signed-in user's requests (`AuthUser`, `--user-rate-limit-per-minute`).
//! The account lockout in `lockout::LoginGuard` is the second line: it
//! counts failures per account, whatever the address.
//!
//! With several nodes ([`Keyed::share`]) the count is Redis's: a window of
//! a minute from a key's first request, holding the quota, shared by every
//! node (a fixed window, so a client may spend up to twice the quota
//! across a window's edge; GCRA's even refill needs a clock the nodes
//! share). When Redis fails, this node's own limiter answers.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Extensions, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::Error;
use crate::nodes::Redis;
use crate::AppState;

/// Forget idle addresses after this many checks, so the table stays small.
const PRUNE_EVERY: u64 = 10_000;

/// Requests per minute per key (GCRA: a burst of the quota, refilled
/// evenly); idle keys are forgotten now and then.
#[derive(Debug)]
pub struct Keyed<K: std::hash::Hash + Eq + Clone> {
    limiter: Option<DefaultKeyedRateLimiter<K>>,
    checks: AtomicU64,
    per_minute: u32,
    /// The shared count's Redis and the limit's name in it.
    shared: Option<(Redis, &'static str)>,
}

impl<K: std::hash::Hash + Eq + Clone + std::fmt::Display> Keyed<K> {
    /// `per_minute` requests per key (0: no limit).
    pub fn new(per_minute: u32) -> Keyed<K> {
        Keyed {
            limiter: NonZeroU32::new(per_minute).map(|n| RateLimiter::keyed(Quota::per_minute(n))),
            checks: AtomicU64::new(0),
            per_minute,
            shared: None,
        }
    }

    /// The same limit, counted in `redis` under `name` for every node.
    pub fn share(self, redis: Option<Redis>, name: &'static str) -> Keyed<K> {
        Keyed {
            shared: redis.map(|redis| (redis, name)),
            ..self
        }
    }

    /// Seconds to wait, if `key` is over its limit: every node's count
    /// when shared (this node's while Redis fails).
    pub async fn check(&self, key: &K) -> Option<u64> {
        self.limiter.as_ref()?;
        if let Some((redis, name)) = &self.shared {
            let turn = redis
                .take_turn(name, &key.to_string(), (self.per_minute, 60))
                .await;
            match turn {
                Ok(wait) => return wait,
                Err(error) => redis.failed("counting a rate limit", &error),
            }
        }
        self.check_here(key)
    }

    /// [`Keyed::check`] on this node's count only.
    pub fn check_here(&self, key: &K) -> Option<u64> {
        let limiter = self.limiter.as_ref()?;
        if self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            limiter.retain_recent();
        }
        limiter.check_key(key).err().map(|not_until| {
            not_until
                .wait_time_from(DefaultClock::default().now())
                .as_secs()
                .max(1)
        })
    }
}

/// The limiter of one group of routes, per client address.
#[derive(Debug)]
pub struct AddressLimit {
    keyed: Keyed<IpAddr>,
    trust_forwarded_for: bool,
}

impl AddressLimit {
    /// `per_minute` requests per address (0: no limit), counted in
    /// `redis` for every node when given.
    pub fn new(per_minute: u32, trust_forwarded_for: bool, redis: Option<Redis>) -> AddressLimit {
        AddressLimit {
            keyed: Keyed::new(per_minute).share(redis, "auth"),
            trust_forwarded_for,
        }
    }

    /// Seconds to wait, if `address` is over its limit.
    pub async fn check(&self, address: IpAddr) -> Option<u64> {
        self.keyed.check(&address).await
    }

    /// The client's address: the peer, or behind a trusted proxy the last
    /// `X-Forwarded-For` entry.
    fn client(&self, headers: &HeaderMap, extensions: &Extensions) -> Option<IpAddr> {
        if self.trust_forwarded_for {
            let forwarded = headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .and_then(|last| last.trim().parse().ok());
            if forwarded.is_some() {
                return forwarded;
            }
        }
        extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| peer.ip())
    }
}

/// A turn of the client's address in the `/auth` routes' limit, taken by
/// a handler that checks a password outside `/auth` (changing the
/// password, deleting the account), so a stolen access token cannot guess
/// passwords faster than a login could.
#[derive(Debug, Clone, Copy)]
pub struct PasswordTurn;

impl FromRequestParts<AppState> for PasswordTurn {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        let limit = &state.auth_limit;
        let client = limit.client(&parts.headers, &parts.extensions);
        let wait = match client {
            Some(ip) => limit.check(ip).await,
            None => None,
        };
        match wait {
            Some(retry_after) => Err(Error::TooManyRequests { retry_after }),
            None => Ok(PasswordTurn),
        }
    }
}

/// Middleware: refuses a request over its address's limit.
pub async fn auth_routes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit: &Arc<AddressLimit> = &state.auth_limit;
    let client = limit.client(request.headers(), request.extensions());
    let wait = match client {
        Some(ip) => limit.check(ip).await,
        None => None,
    };
    if let Some(retry_after) = wait {
        return Error::TooManyRequests { retry_after }.into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_address_over_its_quota_waits_and_others_do_not() {
        let limit = AddressLimit::new(3, false, None);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..3 {
            assert_eq!(limit.check(a).await, None);
        }
        let wait = limit.check(a).await.expect("the fourth is over the limit");
        assert!((1..=20).contains(&wait), "{wait}");
        assert_eq!(limit.check(b).await, None, "limits are per address");
        let off = AddressLimit::new(0, false, None);
        for _ in 0..100 {
            assert!(off.check(a).await.is_none());
        }
    }
}

/// At most one turn per key every `every` seconds, by the server's clock
/// (so tests move time instead of sleeping): typing notes per user and
/// conversation. Holds at most `max_keys` keys; when full, keys whose
/// turn is over are forgotten, and if none is, the oldest. With several
/// nodes ([`Throttle::share`]) the turns are Redis's, taken by each
/// node's clock; while Redis fails, this node's.
#[derive(Debug)]
pub struct Throttle {
    every: i64,
    max_keys: usize,
    last: std::sync::Mutex<std::collections::HashMap<(String, String), i64>>,
    /// The shared turns' Redis and their area in it.
    shared: Option<(Redis, &'static str)>,
}

impl Throttle {
    /// One turn per key every `every` seconds, `max_keys` keys at most.
    pub fn new(every: i64, max_keys: usize) -> Throttle {
        Throttle {
            every,
            max_keys: max_keys.max(1),
            last: Default::default(),
            shared: None,
        }
    }

    /// The same turns, taken in `redis` under `area` for every node.
    pub fn share(self, redis: Option<Redis>, area: &'static str) -> Throttle {
        Throttle {
            shared: redis.map(|redis| (redis, area)),
            ..self
        }
    }

    /// Takes `key`'s turn at `now`: `None` if it may go, else the seconds
    /// until it may (every node's turns when shared).
    pub async fn turn(&self, key: (&str, &str), now: i64) -> Option<u64> {
        if let Some((redis, area)) = &self.shared {
            let name = format!("{}\n{}", key.0, key.1);
            match redis.take_pause((area, &name), self.every, now).await {
                Ok(wait) => return wait,
                Err(error) => redis.failed("taking a typing turn", &error),
            }
        }
        self.turn_here(key, now)
    }

    /// [`Throttle::turn`] on this node's turns only.
    pub fn turn_here(&self, key: (&str, &str), now: i64) -> Option<u64> {
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let owned = (key.0.to_owned(), key.1.to_owned());
        if let Some(at) = last.get(&owned) {
            if now < at + self.every {
                return Some((at + self.every - now).unsigned_abs());
            }
        }
        if last.len() >= self.max_keys && !last.contains_key(&owned) {
            last.retain(|_, at| now < *at + self.every);
            if last.len() >= self.max_keys {
                let oldest = last
                    .iter()
                    .min_by_key(|(_, at)| **at)
                    .map(|(k, _)| k.clone());
                if let Some(oldest) = oldest {
                    last.remove(&oldest);
                }
            }
        }
        last.insert(owned, now);
        None
    }
}

#[cfg(test)]
mod throttle_tests {
    use super::Throttle;

    #[test]
    fn one_turn_per_key_every_few_seconds_and_the_table_stays_small() {
        let throttle = Throttle::new(3, 2);
        assert_eq!(throttle.turn_here(("a", "c"), 100), None);
        assert_eq!(throttle.turn_here(("a", "c"), 101), Some(2), "too soon");
        assert_eq!(
            throttle.turn_here(("a", "d"), 101),
            None,
            "another conversation"
        );
        assert_eq!(
            throttle.turn_here(("a", "c"), 103),
            None,
            "three seconds on"
        );
        assert_eq!(
            throttle.turn_here(("b", "c"), 103),
            None,
            "a third key fits"
        );
        assert!(throttle.last.lock().unwrap().len() <= 2, "at most two keys");
    }
}
