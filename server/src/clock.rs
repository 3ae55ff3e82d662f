//! The server's "now". Every rule that needs the time of day (the local
//! day of a session, the future-time check, competition status, token
//! expiry, the windows of leaderboards) reads it from the [`Clock`] in the
//! state, never from the system directly, so tests can pin it to any
//! instant (a midnight, a DST change) and move it forward without sleeping.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

/// Where "now" comes from: the system clock, or a [`ManualClock`].
#[derive(Debug, Clone, Default)]
pub struct Clock {
    manual: Option<Arc<AtomicI64>>,
}

/// The handle of a pinned clock: whoever holds it sets the time.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<AtomicI64>);

impl Clock {
    /// The system's clock.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock that reads `second` until its handle moves it.
    pub fn manual(second: i64) -> (Clock, ManualClock) {
        let shared = Arc::new(AtomicI64::new(second));
        (
            Clock {
                manual: Some(shared.clone()),
            },
            ManualClock(shared),
        )
    }

    /// Seconds since the Unix epoch.
    pub fn now(&self) -> i64 {
        match &self.manual {
            Some(second) => second.load(Ordering::SeqCst),
            None => time::OffsetDateTime::now_utc().unix_timestamp(),
        }
    }
}

impl ManualClock {
    /// Seconds since the Unix epoch, as the clock reads now.
    pub fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }

    /// Moves the clock to `second`.
    pub fn set(&self, second: i64) {
        self.0.store(second, Ordering::SeqCst);
    }

    /// Moves the clock forward by `seconds`.
    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::Clock;

    #[test]
    fn a_manual_clock_reads_what_its_handle_set() {
        let (clock, hand) = Clock::manual(1_000);
        assert_eq!(clock.now(), 1_000);
        hand.advance(61);
        assert_eq!(clock.clone().now(), 1_061);
        hand.set(5);
        assert_eq!((clock.now(), hand.now()), (5, 5));
    }

    #[test]
    fn the_system_clock_moves_with_the_system() {
        let before = time::OffsetDateTime::now_utc().unix_timestamp();
        let read = Clock::system().now();
        let after = time::OffsetDateTime::now_utc().unix_timestamp();
        assert!((before..=after).contains(&read), "{before} {read} {after}");
    }
}
