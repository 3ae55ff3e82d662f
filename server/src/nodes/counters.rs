//! Counters with expiry that every node shares: rate-limit windows and
//! the login lockout's windows. Each is one small Lua script, so a
//! check and its count are one atomic step in Redis (two nodes cannot
//! both take the last turn). Windows are fixed from their first count
//! and end by Redis's own clock (`EXPIRE`), so the nodes' clocks need not
//! agree. Keys that name an account or an address are hashed.

use super::{Redis, Result};

/// One more count in `KEYS[1]`'s window of `ARGV[1]` seconds, allowing
/// `ARGV[2]`: 0 if allowed, else the seconds until the window ends.
const TURN: &str = r"
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if n <= tonumber(ARGV[2]) then return 0 end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return math.max(ttl, 1)
";

/// A place in `KEYS[1]`'s lockout window of `ARGV[2]` seconds holding at
/// most `ARGV[1]` failures and attempts in flight: 0 if taken, else the
/// seconds until the window ends (the account is locked).
const PLACE: &str = r"
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then
  local ttl = redis.call('TTL', KEYS[1])
  if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
  return math.max(ttl, 1)
end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return 0
";

/// Gives a place back (an attempt that was never settled).
const GIVE_BACK: &str = r"
if redis.call('DECR', KEYS[1]) <= 0 then redis.call('DEL', KEYS[1]) end
return 0
";

/// Runs one of the scripts above on `key` with `args`.
async fn script(redis: &Redis, source: &'static str, key: String, args: [u64; 2]) -> Result<u64> {
    redis
        .call(|mut connection| async move {
            redis::Script::new(source)
                .key(key)
                .arg(args[0])
                .arg(args[1])
                .invoke_async::<u64>(&mut connection)
                .await
        })
        .await
}

impl Redis {
    /// Takes one turn of `name` in the `area` limit of `limit` per
    /// `seconds`: `None` if it may go, else the seconds to wait.
    pub async fn take_turn(
        &self,
        area: &str,
        name: &str,
        (limit, seconds): (u32, u64),
    ) -> Result<Option<u64>> {
        let key = self.key(area, &crate::auth::token_hash(name));
        let wait = script(self, TURN, key, [seconds, u64::from(limit)]).await?;
        Ok((wait > 0).then_some(wait))
    }

    /// Takes a place in the lockout window of `name` (at most `max`, for
    /// `seconds`): `Ok(None)` if taken, `Ok(Some(wait))` if locked.
    pub async fn take_place(&self, name: &str, (max, seconds): (u32, u64)) -> Result<Option<u64>> {
        let key = self.key("lockout", &crate::auth::token_hash(name));
        let wait = script(self, PLACE, key, [u64::from(max), seconds]).await?;
        Ok((wait > 0).then_some(wait))
    }

    /// Gives back a place of `name`'s window (in the background: called
    /// from a drop).
    pub fn give_back_place(&self, name: &str) {
        let (redis, key) = (
            self.clone(),
            self.key("lockout", &crate::auth::token_hash(name)),
        );
        spawn(async move {
            if let Err(error) = script(&redis, GIVE_BACK, key, [0, 0]).await {
                redis.failed("giving back a lockout place", &error);
            }
        });
    }

    /// Forgets `name`'s window (the password was right).
    pub fn forget_window(&self, name: &str) {
        let (redis, key) = (
            self.clone(),
            self.key("lockout", &crate::auth::token_hash(name)),
        );
        spawn(async move {
            let deleted = redis
                .call(|mut connection| async move {
                    redis::cmd("DEL")
                        .arg(key)
                        .query_async::<i64>(&mut connection)
                        .await
                })
                .await;
            if let Err(error) = deleted {
                redis.failed("forgetting a lockout window", &error);
            }
        });
    }

    /// Bumps the change counters `names` (leaderboard scopes).
    pub async fn bump(&self, names: &[String]) -> Result<()> {
        if names.is_empty() {
            return Ok(());
        }
        let keys: Vec<String> = names.iter().map(|name| self.key("boards", name)).collect();
        self.call(|mut connection| async move {
            let mut pipe = redis::pipe();
            for key in &keys {
                pipe.cmd("INCR").arg(key).ignore();
            }
            pipe.query_async::<()>(&mut connection).await
        })
        .await
    }

    /// The sum of the change counters `names` (absent ones count 0).
    pub async fn sum(&self, names: &[&str]) -> Result<u64> {
        let keys: Vec<String> = names.iter().map(|name| self.key("boards", name)).collect();
        let values: Vec<Option<u64>> = self
            .call(|mut connection| async move {
                redis::cmd("MGET")
                    .arg(keys)
                    .query_async(&mut connection)
                    .await
            })
            .await?;
        Ok(values.into_iter().flatten().sum())
    }
}

/// Runs `task` on the runtime, if there is one (a drop may run outside).
fn spawn(task: impl std::future::Future<Output = ()> + Send + 'static) {
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(task);
    }
}
