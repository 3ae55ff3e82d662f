//! The cache of computed leaderboards: one sorted board per (scope,
//! metric, window), read at its scope's change generation
//! (`nodes::generations`) and never older than [`BOARD_TTL`]; one
//! computation per board at a time, whose result every caller waiting on
//! it takes (it was read after they arrived).
//!
//! Alone, a push does not throw its reader's boards away: the store tells
//! the cache the push's [`ScoreChange`] with the generations it moved its
//! scopes from and to, and each cached board of those scopes that was
//! current adds the new sessions to the reader's score (those in its
//! window and, for a competition, received in time), moves them to their
//! place and is current again. Each standing carries the reader's sync
//! cursor, read with the score: a board that already holds the push is
//! left alone, and one that missed an earlier push is dropped. A board
//! computed while pushes were patched in is merged with the cached one,
//! each reader's standing taken from the board with the later cursor, so
//! a patch is never lost to a computation that read before it. Under a
//! steady stream of pushes, boards stay in the cache and readers do not
//! wait for a computation. With several nodes the counters are Redis's,
//! and boards are computed afresh after a push anywhere.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::boards::BOARD_TTL;
use super::Result;
use crate::kinds::Metric;
use crate::nodes::generations::Generation;
use crate::store::{Scope, ScoreChange, ScoreListener, Standing, Store};

/// Boards kept at most (distinct scope, metric and window).
const BOARD_CACHE_SIZE: usize = 512;

/// A cached board and what it counts.
#[derive(Debug, Clone)]
struct Cached {
    /// The generation it is current at.
    at: Generation,
    /// When it was computed.
    read: Instant,
    board: Arc<Vec<Standing>>,
    /// Its scope's change counter (`Scope::changes`).
    scope: String,
    metric: Metric,
    window: Option<(i64, i64)>,
    /// A competition counts sessions received before this.
    received_before: Option<i64>,
    /// Whether a push was patched in since it was computed.
    patched: bool,
}

/// Computed boards by query, with the change generation they were read at.
#[derive(Debug, Default)]
pub struct BoardCache {
    boards: Mutex<HashMap<String, Cached>>,
    flights: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl BoardCache {
    /// Everyone `scope` ranks by `metric` over `window`, highest first:
    /// from the cache when nothing it shows changed since the caller
    /// arrived, else computed once for every caller waiting on it.
    pub async fn standings(
        &self,
        store: &Store,
        scope: Scope<'_>,
        metric: Metric,
        window: Option<(i64, i64)>,
    ) -> Result<Arc<Vec<Standing>>> {
        let key = format!("{scope:?}|{metric:?}|{window:?}");
        // Every change up to `arrived` must show; later ones may.
        let changes = scope.changes();
        let arrived = store.generations().read(&changes).await;
        if let Some(hit) = self.get(&key, arrived) {
            return Ok(hit);
        }
        // One computation per board at a time: the others wait for it and
        // take its result, which was read after they arrived.
        let flight = self.flight(&key);
        let _turn = flight.lock().await;
        if let Some(hit) = self.get(&key, arrived) {
            return Ok(hit);
        }
        let generation = store.generations().read(&changes).await;
        let board = store.standings(scope, metric, window).await?;
        let received_before = match scope {
            Scope::Competition {
                received_before, ..
            } => Some(received_before),
            _ => None,
        };
        Ok(self.put(
            key,
            Cached {
                at: generation,
                read: Instant::now(),
                board: Arc::new(board),
                scope: changes,
                metric,
                window,
                received_before,
                patched: false,
            },
        ))
    }

    /// The lock that computing one board takes.
    fn flight(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut flights = self.flights.lock().unwrap_or_else(|e| e.into_inner());
        if flights.len() >= BOARD_CACHE_SIZE {
            flights.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        flights.entry(key.to_owned()).or_default().clone()
    }

    /// A board current at `at_least` or later, and not too old.
    fn get(&self, key: &str, at_least: Generation) -> Option<Arc<Vec<Standing>>> {
        let boards = self.boards.lock().ok()?;
        let cached = boards.get(key)?;
        (cached.at.covers(at_least) && cached.read.elapsed() < BOARD_TTL)
            .then(|| cached.board.clone())
    }

    /// Keeps a computed board, merged with a patched one cached meanwhile
    /// (each reader's standing from the later cursor): the board to
    /// answer with.
    fn put(&self, key: String, mut fresh: Cached) -> Arc<Vec<Standing>> {
        let Ok(mut boards) = self.boards.lock() else {
            return fresh.board;
        };
        if let Some(old) = boards.get(&key) {
            // Generations only grow: the larger was read later.
            let (newer, older) = (old.at.covers(fresh.at), fresh.at.covers(old.at));
            if newer && !older && old.read.elapsed() < BOARD_TTL {
                // The cached one is newer: keep it, answer with it.
                return old.board.clone();
            }
            if old.patched && (newer || older) {
                // Pushes patched in since may be missing from the
                // computation's read: each reader's later cursor wins.
                fresh.board = Arc::new(merged(&fresh.board, &old.board));
                fresh.patched = true;
                if newer {
                    fresh.at = old.at;
                }
            }
        }
        if boards.len() >= BOARD_CACHE_SIZE {
            boards.clear();
        }
        let board = fresh.board.clone();
        boards.insert(key, fresh);
        board
    }
}

/// `fresh` with each reader's standing taken from `old` where its cursor
/// is later, sorted again.
fn merged(fresh: &[Standing], old: &[Standing]) -> Vec<Standing> {
    let later: HashMap<&str, &Standing> = old.iter().map(|s| (s.person.id.as_str(), s)).collect();
    let mut board: Vec<Standing> = fresh
        .iter()
        .map(|s| match later.get(s.person.id.as_str()) {
            Some(old) if old.cursor > s.cursor => Standing {
                score: old.score,
                cursor: old.cursor,
                ..s.clone()
            },
            _ => s.clone(),
        })
        .collect();
    board.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| a.person.username.cmp(&b.person.username))
    });
    board
}

impl ScoreListener for BoardCache {
    fn scores_changed(&self, change: &ScoreChange, bumped: &[(String, Generation, Generation)]) {
        let Ok(mut boards) = self.boards.lock() else {
            return;
        };
        boards.retain(|_, cached| {
            let Some((_, before, after)) = bumped.iter().find(|(scope, ..)| *scope == cached.scope)
            else {
                return true; // The reader is not in this board's scope.
            };
            if cached.at != *before {
                return false; // Stale already: computed afresh when asked.
            }
            let kept = patch(cached, change);
            cached.at = *after;
            kept
        });
    }
}

/// Adds `change` to the reader's standing on `cached`: false when the
/// board missed an earlier push of theirs and must be computed again.
fn patch(cached: &mut Cached, change: &ScoreChange) -> bool {
    let Some(index) = cached
        .board
        .iter()
        .position(|s| s.person.id == change.user_id)
    else {
        return true; // Not on this board (hidden, or a stranger's view).
    };
    let standing = &cached.board[index];
    if standing.cursor >= change.after {
        return true; // Read after the push: it holds it already.
    }
    if standing.cursor != change.before {
        return false;
    }
    let counted = |start: i64| {
        cached
            .window
            .is_none_or(|(from, to)| start >= from && start < to)
            && cached
                .received_before
                .is_none_or(|before| change.received_at < before)
    };
    let add: i64 = change
        .sessions
        .iter()
        .filter(|s| counted(s.start_time))
        .map(|s| s.by(cached.metric))
        .sum();
    let board = Arc::make_mut(&mut cached.board);
    let mut standing = board.remove(index);
    standing.score += add;
    standing.cursor = change.after;
    let place = board.partition_point(|s| {
        s.score > standing.score
            || (s.score == standing.score && s.person.username < standing.person.username)
    });
    board.insert(place, standing);
    cached.patched = true;
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Person, SessionScore};

    fn standing(id: &str, score: i64, cursor: i64) -> Standing {
        Standing {
            person: Person {
                id: id.into(),
                username: id.into(),
                display_name: id.into(),
            },
            score,
            cursor,
        }
    }

    fn cached(board: Vec<Standing>, at: u64, window: Option<(i64, i64)>) -> Cached {
        Cached {
            at: Generation::Local(at),
            read: Instant::now(),
            board: Arc::new(board),
            scope: "g:1".into(),
            metric: Metric::Hasanat,
            window,
            received_before: None,
            patched: false,
        }
    }

    fn push(user: &str, (before, after): (i64, i64), starts: &[i64]) -> ScoreChange {
        ScoreChange {
            user_id: user.into(),
            before,
            after,
            received_at: 0,
            sessions: starts
                .iter()
                .map(|&start_time| SessionScore {
                    start_time,
                    hasanat: 10,
                    ayahs: 1,
                    page_thousandths: 1,
                    seconds: 1,
                })
                .collect(),
        }
    }

    fn order(cache: &BoardCache, key: &str) -> Vec<(String, i64)> {
        let boards = cache.boards.lock().unwrap();
        boards[key]
            .board
            .iter()
            .map(|s| (s.person.id.clone(), s.score))
            .collect()
    }

    #[test]
    fn a_push_is_added_to_a_current_board_in_its_window_and_moves_its_reader() {
        let cache = BoardCache::default();
        let board = vec![standing("a", 20, 3), standing("b", 15, 7)];
        cache.put("k".into(), cached(board, 5, Some((100, i64::MAX))));
        let bumped = [("g:1".to_owned(), Generation::Local(5), Generation::Local(6))];
        cache.scores_changed(&push("b", (7, 9), &[150, 50]), &bumped);
        assert_eq!(
            order(&cache, "k"),
            [("b".into(), 25), ("a".into(), 20)],
            "the session before the window does not count; b moves up"
        );
        assert!(
            cache.get("k", Generation::Local(6)).is_some(),
            "current again"
        );
        cache.scores_changed(
            &push("b", (7, 9), &[150]),
            &[("g:1".into(), Generation::Local(6), Generation::Local(7))],
        );
        assert_eq!(
            order(&cache, "k")[0],
            ("b".into(), 25),
            "a push it holds is not added twice"
        );
        cache.scores_changed(
            &push("a", (4, 5), &[150]),
            &[("g:1".into(), Generation::Local(7), Generation::Local(8))],
        );
        assert!(
            cache.get("k", Generation::Local(0)).is_none(),
            "a board that missed a push is dropped"
        );
    }

    #[test]
    fn a_computed_board_keeps_the_pushes_patched_in_meanwhile() {
        let cache = BoardCache::default();
        cache.put("k".into(), cached(vec![standing("a", 10, 1)], 5, None));
        let bumped = [("g:1".to_owned(), Generation::Local(5), Generation::Local(6))];
        cache.scores_changed(&push("a", (1, 2), &[0]), &bumped);
        // Read before the push, but with a newer membership (b joined).
        let fresh = cached(vec![standing("a", 10, 1), standing("b", 0, 0)], 7, None);
        let board = cache.put("k".into(), fresh);
        assert_eq!(
            board[0].score, 20,
            "the patched push survives the computation"
        );
        assert_eq!(board.len(), 2);
        let stale = cached(vec![standing("a", 10, 1)], 6, None);
        assert_eq!(
            cache.put("k".into(), stale).len(),
            2,
            "an older computation does not win"
        );
    }
}
