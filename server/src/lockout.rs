//! The failed-login lockout: at most [`MAX_FAILED_LOGINS`] wrong passwords
//! per account in a window of [`LOCKOUT_SECONDS`], however parallel the
//! guesses.
//!
//! An attempt takes its place in the window *before* the password is
//! checked ([`LoginGuard::attempt`]) and settles it after
//! ([`Attempt::failed`], [`Attempt::succeeded`]; dropped unsettled, it
//! gives the place back), so five slow argon2 checks in flight leave no
//! room for a sixth. A locked account answers 429 to the right password
//! too. The window is fixed from its first failure: attempts refused
//! during a lock count for nothing and do not extend it.
//!
//! A stranger who knows a victim's email could keep the account locked by
//! spending five guesses each window. So a device that has signed in to
//! the account before (it holds a device token from that login, see
//! `auth::Tokens::device_token`) is counted on its own key, which only
//! its own wrong passwords fill: a stranger locks out the account's new
//! devices for a window at most, never the owner's known ones.
//!
//! The map is bounded: keys are at most [`MAX_KEY_BYTES`] (the caller
//! refuses longer emails before anything else), windows that ended are
//! swept, and it holds at most a configured number of keys. When full,
//! the least-failed unlocked window is forgotten first; locked windows
//! are never forgotten, and when every window is locked a new key is
//! refused (fail closed) until one ends. In memory: a restart forgets.
//!
//! With several nodes ([`LoginGuard::new`] given Redis) the windows are
//! Redis's (`nodes::counters`: one count of failures and attempts in
//! flight per hashed key, expiring with its window), so guesses spread
//! over the nodes count together. While Redis fails, each node counts
//! on its own (logged): at most five guesses per window and node, rather
//! than refusing every login.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::nodes::Redis;

/// Failed logins per key before it is locked.
pub const MAX_FAILED_LOGINS: u32 = 5;
/// How long a window (and so a lock) lasts, from its first attempt.
pub const LOCKOUT_SECONDS: i64 = 15 * 60;
/// The longest key: an email of 254 bytes, a separator and a device id.
pub const MAX_KEY_BYTES: usize = 254 + 1 + 64;

/// Failures and attempts in flight per key.
#[derive(Debug)]
pub struct LoginGuard {
    max_keys: usize,
    windows: Mutex<HashMap<String, Window>>,
    shared: Option<Redis>,
}

#[derive(Debug, Clone, Copy)]
struct Window {
    started: i64,
    failures: u32,
    /// Attempts whose password is being checked.
    pending: u32,
}

impl Window {
    fn locked(&self) -> bool {
        self.failures + self.pending >= MAX_FAILED_LOGINS
    }

    fn ended(&self, now: i64) -> bool {
        now - self.started >= LOCKOUT_SECONDS
    }
}

/// The key of an account's shared window (`email`), or of one known
/// device's own window on it.
pub fn key(email: &str, device: Option<&str>) -> String {
    match device {
        None => email.to_owned(),
        Some(device) => format!("{email}\n{device}"),
    }
}

impl LoginGuard {
    /// A guard holding at most `max_keys` windows (at least one) on this
    /// node; with `shared`, the windows are every node's, in Redis.
    pub fn new(max_keys: usize, shared: Option<Redis>) -> LoginGuard {
        LoginGuard {
            max_keys: max_keys.max(1),
            windows: Mutex::default(),
            shared,
        }
    }

    /// How many keys are remembered.
    pub fn tracked(&self) -> usize {
        self.windows.lock().map_or(0, |w| w.len())
    }

    /// Takes a place for one attempt on `key` at `now` (in every node's
    /// window when shared), or refuses with the seconds to wait: the key
    /// is locked. A key longer than [`MAX_KEY_BYTES`] is refused for the
    /// whole window.
    pub async fn attempt(self: &Arc<Self>, key: String, now: i64) -> Result<Attempt, u64> {
        if let (Some(redis), true) = (&self.shared, key.len() <= MAX_KEY_BYTES) {
            let window = (MAX_FAILED_LOGINS, LOCKOUT_SECONDS.unsigned_abs());
            match redis.take_place(&key, window).await {
                Ok(None) => {
                    return Ok(Attempt {
                        guard: self.clone(),
                        key,
                        settled: false,
                        shared: Some(redis.clone()),
                    })
                }
                Ok(Some(wait)) => return Err(wait),
                Err(error) => redis.failed("taking a lockout place", &error),
            }
        }
        self.attempt_here(key, now)
    }

    /// [`LoginGuard::attempt`] in this node's windows: also refused when,
    /// with the map full of locks, the key cannot be tracked.
    pub fn attempt_here(self: &Arc<Self>, key: String, now: i64) -> Result<Attempt, u64> {
        let wait = |started: i64| u64::try_from(started + LOCKOUT_SECONDS - now).unwrap_or(1);
        if key.len() > MAX_KEY_BYTES {
            return Err(wait(now));
        }
        let Ok(mut windows) = self.windows.lock() else {
            return Err(wait(now));
        };
        if !windows.contains_key(&key) && windows.len() >= self.max_keys {
            make_room(&mut windows, self.max_keys, now).map_err(wait)?;
        }
        let window = windows.entry(key.clone()).or_insert(Window {
            started: now,
            failures: 0,
            pending: 0,
        });
        if window.ended(now) {
            window.started = now;
            window.failures = 0;
        }
        if window.locked() {
            return Err(wait(window.started).max(1));
        }
        window.pending += 1;
        Ok(Attempt {
            guard: self.clone(),
            key,
            settled: false,
            shared: None,
        })
    }

    fn settle(&self, attempt: &Attempt, failed: bool, succeeded: bool) {
        let key = attempt.key.as_str();
        if let Some(redis) = &attempt.shared {
            // A failure keeps its place in the count.
            if succeeded {
                redis.forget_window(key);
            } else if !failed {
                redis.give_back_place(key);
            }
            return;
        }
        let Ok(mut windows) = self.windows.lock() else {
            return;
        };
        let Some(window) = windows.get_mut(key) else {
            return;
        };
        window.pending = window.pending.saturating_sub(1);
        if failed {
            window.failures += 1;
        }
        if succeeded || (window.failures == 0 && window.pending == 0) {
            windows.remove(key);
        }
    }
}

/// Sweeps ended windows; if still full, forgets the unlocked window with
/// the fewest failures (the oldest among equals). Every window locked:
/// the earliest start, for the caller's wait.
fn make_room(windows: &mut HashMap<String, Window>, max: usize, now: i64) -> Result<(), i64> {
    windows.retain(|_, w| !w.ended(now) || w.pending > 0);
    if windows.len() < max {
        return Ok(());
    }
    let victim = windows
        .iter()
        .filter(|(_, w)| !w.locked())
        .min_by_key(|(_, w)| (w.failures, w.started))
        .map(|(k, _)| k.clone());
    match victim {
        Some(key) => {
            windows.remove(&key);
            Ok(())
        }
        None => Err(windows.values().map(|w| w.started).min().unwrap_or(now)),
    }
}

/// One login attempt's place in its window; settle it once the password
/// is checked. Dropped unsettled (the client went away, the store
/// failed), it gives the place back.
#[derive(Debug)]
pub struct Attempt {
    guard: Arc<LoginGuard>,
    key: String,
    settled: bool,
    /// The Redis whose window holds the place, if shared.
    shared: Option<Redis>,
}

impl Attempt {
    /// The password was wrong: one more failure in the window.
    pub fn failed(mut self) {
        self.settled = true;
        self.guard.clone().settle(&self, true, false);
    }

    /// The password was right: the window is forgotten.
    pub fn succeeded(mut self) {
        self.settled = true;
        self.guard.clone().settle(&self, false, true);
    }
}

impl Drop for Attempt {
    fn drop(&mut self) {
        if !self.settled {
            self.guard.clone().settle(self, false, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_attempts_in_flight_leave_no_room_for_a_sixth() {
        let guard = Arc::new(LoginGuard::new(10, None));
        let places: Vec<_> = (0..5)
            .map(|_| guard.attempt_here("a@x.org".into(), 0))
            .collect();
        assert!(places.iter().all(Result::is_ok));
        assert_eq!(
            guard.attempt_here("a@x.org".into(), 0).err(),
            Some(900),
            "the sixth waits the window out"
        );
        for place in places {
            place.unwrap().failed();
        }
        assert_eq!(guard.attempt_here("a@x.org".into(), 899).err(), Some(1));
        assert!(
            guard.attempt_here("a@x.org".into(), 900).is_ok(),
            "the window ends 15 minutes after it began"
        );
    }

    #[test]
    fn an_unsettled_attempt_gives_its_place_back_and_a_success_forgets() {
        let guard = Arc::new(LoginGuard::new(10, None));
        drop(guard.attempt_here("a@x.org".into(), 0));
        assert_eq!(guard.tracked(), 0, "nothing failed, nothing is kept");
        guard.attempt_here("a@x.org".into(), 0).unwrap().failed();
        guard.attempt_here("a@x.org".into(), 1).unwrap().succeeded();
        assert_eq!(guard.tracked(), 0);
    }

    #[test]
    fn the_map_is_bounded_and_locked_windows_are_kept_longest() {
        let guard = Arc::new(LoginGuard::new(3, None));
        for _ in 0..5 {
            guard
                .attempt_here("locked@x.org".into(), 0)
                .unwrap()
                .failed();
        }
        for n in 0..10 {
            guard
                .attempt_here(format!("{n}@x.org"), 1)
                .unwrap()
                .failed();
        }
        assert_eq!(guard.tracked(), 3);
        assert!(
            guard.attempt_here("locked@x.org".into(), 2).is_err(),
            "a lock is not forgotten to make room"
        );
        assert!(guard
            .attempt_here("x".repeat(MAX_KEY_BYTES + 1), 2)
            .is_err());
        let place = guard.attempt_here("new@x.org".into(), 901);
        assert!(place.is_ok());
        assert_eq!(guard.tracked(), 1, "ended windows are swept");
    }
}
