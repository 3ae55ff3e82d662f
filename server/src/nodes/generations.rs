//! The generations leaderboard caches are read at, per scope: a board of
//! a group is thrown away when one of its members reads (pushes a
//! session), not when anyone anywhere does. Scopes are `people` (the
//! global and friends boards), `g:{id}` (a group) and `c:{id}` (a
//! competition); `all` is bumped by every change of who a board ranks or
//! shows (membership, visibility, follows, deletion), which makes every
//! board stale. A scope's generation is `all` plus its own counter: both
//! only grow, so the sum grows whenever either does.
//!
//! Alone, the counters are this node's. With Redis they are shared: a
//! push bumps its scopes in Redis before it is answered, and a board read
//! on any node sums them there, so a change through one node shows on the
//! next read through another. When Redis fails, the local counters (always
//! kept too) serve, and another node's changes show within the cache's
//! time to live.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use super::Redis;

/// The counter every change of who boards rank bumps.
const ALL: &str = "all";

/// Which counters a generation was read from: this node's or Redis's
/// (their numbers are not comparable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generation {
    Local(u64),
    Shared(u64),
}

impl Generation {
    /// Whether a board read at `self` shows every change up to `wanted`.
    pub fn covers(self, wanted: Generation) -> bool {
        match (self, wanted) {
            (Generation::Local(a), Generation::Local(b))
            | (Generation::Shared(a), Generation::Shared(b)) => a >= b,
            _ => false,
        }
    }
}

/// Change counters per scope, on this node and maybe in Redis.
#[derive(Debug, Default)]
pub struct Generations {
    /// Every change counted on this node (the sum of all its counters).
    total: AtomicU64,
    all: AtomicU64,
    scopes: Mutex<HashMap<String, u64>>,
    shared: OnceLock<Redis>,
}

impl Generations {
    /// Shares the counters through `redis` from now on.
    pub fn share(&self, redis: Redis) {
        let _ = self.shared.set(redis);
    }

    /// Whether the counters are Redis's.
    pub fn is_shared(&self) -> bool {
        self.shared.get().is_some()
    }

    /// Bumps this node's counters of `scopes` at once and answers each
    /// scope's generation before and after. `counted` says whether the
    /// change shows on boards (a push of sessions) for [`Self::total`].
    pub fn bump_here(
        &self,
        scopes: &[String],
        counted: bool,
    ) -> Vec<(String, Generation, Generation)> {
        if counted {
            self.total.fetch_add(1, Ordering::SeqCst);
        }
        let mut counters = self.scopes.lock().unwrap_or_else(|e| e.into_inner());
        let all = self.all.load(Ordering::SeqCst);
        scopes
            .iter()
            .map(|scope| {
                let own = counters.entry(scope.clone()).or_default();
                let before = Generation::Local(all + *own);
                *own += 1;
                (scope.clone(), before, Generation::Local(all + *own))
            })
            .collect()
    }

    /// How many changes this node has counted.
    pub fn total(&self) -> u64 {
        self.total.load(Ordering::SeqCst)
    }

    /// Every board is stale (who boards rank changed). Shared in the
    /// background: such changes are rare, and other nodes' boards expire
    /// within their time to live if the bump is lost.
    pub fn bump_all(&self) {
        self.total.fetch_add(1, Ordering::SeqCst);
        self.all.fetch_add(1, Ordering::SeqCst);
        if let Some(redis) = self.shared.get().cloned() {
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(async move {
                    if let Err(error) = redis.bump(&[ALL.to_owned()]).await {
                        redis.failed("sharing a board change", &error);
                    }
                });
            }
        }
    }

    /// The boards of `scopes` are stale (scores changed); shared before
    /// this returns.
    pub async fn bump(&self, scopes: &[String]) {
        self.total.fetch_add(1, Ordering::SeqCst);
        {
            let mut counters = self.scopes.lock().unwrap_or_else(|e| e.into_inner());
            for scope in scopes {
                *counters.entry(scope.clone()).or_default() += 1;
            }
        }
        if let Some(redis) = self.shared.get() {
            if let Err(error) = redis.bump(scopes).await {
                redis.failed("sharing a board change", &error);
            }
        }
    }

    /// The generation of `scope` now: from Redis when shared and it
    /// answers, else this node's.
    pub async fn read(&self, scope: &str) -> Generation {
        if let Some(redis) = self.shared.get() {
            match redis.sum(&[ALL, scope]).await {
                Ok(sum) => return Generation::Shared(sum),
                Err(error) => redis.failed("reading board changes", &error),
            }
        }
        let own = self
            .scopes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(scope)
            .copied()
            .unwrap_or(0);
        Generation::Local(self.all.load(Ordering::SeqCst) + own)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_push_makes_its_own_scopes_stale_and_a_membership_change_all() {
        let generations = Generations::default();
        let group = generations.read("g:1").await;
        let other = generations.read("g:2").await;
        generations
            .bump(&["g:1".to_owned(), "people".to_owned()])
            .await;
        assert!(!group.covers(generations.read("g:1").await), "g:1 changed");
        assert!(
            other.covers(generations.read("g:2").await),
            "a push by no member of g:2 keeps its board"
        );
        generations.bump_all();
        assert!(!other.covers(generations.read("g:2").await), "all changed");
        assert!(!Generation::Local(9).covers(Generation::Shared(1)));
    }
}
