//! Short-lived things every node must see at once: the answers to recent
//! refreshes (so a retried refresh that reaches another node within the
//! grace gets the same new tokens, `auth::RecentRefreshes`) and the turns
//! of the typing notes (one per user and conversation every few seconds,
//! `http::limit::Throttle`).
//!
//! A refresh answer holds live tokens, so Redis never holds it readable:
//! it is sealed (ChaCha20-Poly1305) with a key derived from the refresh
//! token it answers, which only its holder has, and kept under that
//! token's hash (what the database keeps anyway) for the grace. A typing
//! turn is the second it was taken, by the calling node's clock (like one
//! node's throttle), under a hash of the user and conversation.

use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305, NONCE_LEN};
use sha2::{Digest, Sha256};

use super::{Redis, Result};

/// Takes a turn of `KEYS[1]` at second `ARGV[1]`, one every `ARGV[2]`
/// seconds: 0 if taken, else the seconds until it may be. The key
/// outlives its turn by a minute (`ARGV[3]`), so nodes whose clocks
/// differ by less still agree.
const PAUSE: &str = r"
local last = redis.call('GET', KEYS[1])
local at = last and tonumber(last)
local now, every = tonumber(ARGV[1]), tonumber(ARGV[2])
if at and now < at + every then return at + every - now end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
return 0
";

/// How long a typing turn's key outlives the turn, in seconds.
const PAUSE_KEPT_SECONDS: i64 = 60;

/// The sealing key of the answer to `token`: not its hash (which names
/// the answer in Redis), but a hash of it under a label of its own.
fn sealing_key(token: &str) -> Option<LessSafeKey> {
    let mut hasher = Sha256::new();
    hasher.update(b"companion refresh answer\0");
    hasher.update(token.as_bytes());
    let bytes = hasher.finalize();
    UnboundKey::new(&CHACHA20_POLY1305, &bytes)
        .ok()
        .map(LessSafeKey::new)
}

/// `answer` sealed for the holder of `token`: a random nonce, then the
/// sealed bytes and their tag.
fn seal(token: &str, answer: &str) -> Option<Vec<u8>> {
    let key = sealing_key(token)?;
    let mut nonce = [0u8; NONCE_LEN];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut nonce);
    let mut sealed = answer.as_bytes().to_vec();
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::empty(),
        &mut sealed,
    )
    .ok()?;
    let mut out = nonce.to_vec();
    out.append(&mut sealed);
    Some(out)
}

/// What [`seal`] sealed for `token`; `None` if it was not (another
/// token's, or changed in Redis).
fn open(token: &str, sealed: &[u8]) -> Option<String> {
    let key = sealing_key(token)?;
    let (nonce, rest) = sealed.split_at_checked(NONCE_LEN)?;
    let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
    let mut rest = rest.to_vec();
    let plain = key.open_in_place(nonce, Aad::empty(), &mut rest).ok()?;
    String::from_utf8(plain.to_vec()).ok()
}

impl Redis {
    /// Keeps `answer`, the answer to a refresh with `token`, for
    /// `seconds`, readable only with `token`.
    pub async fn keep_answer(&self, token: &str, answer: &str, seconds: u64) -> Result<()> {
        let Some(sealed) = seal(token, answer) else {
            return Ok(());
        };
        let key = self.key("refresh", &crate::auth::token_hash(token));
        self.call(|mut connection| async move {
            redis::cmd("SET")
                .arg(key)
                .arg(sealed)
                .arg("EX")
                .arg(seconds.max(1))
                .query_async::<()>(&mut connection)
                .await
        })
        .await
    }

    /// The answer kept for a refresh with `token`, if any node kept one
    /// and it has not expired.
    pub async fn answer(&self, token: &str) -> Result<Option<String>> {
        let key = self.key("refresh", &crate::auth::token_hash(token));
        let sealed: Option<Vec<u8>> = self
            .call(|mut connection| async move {
                redis::cmd("GET")
                    .arg(key)
                    .query_async(&mut connection)
                    .await
            })
            .await?;
        Ok(sealed.and_then(|sealed| open(token, &sealed)))
    }

    /// Takes the turn of `name` in `area` at second `now`, one every
    /// `every` seconds across the nodes: `None` if taken, else the
    /// seconds until it may be.
    pub async fn take_pause(
        &self,
        (area, name): (&str, &str),
        every: i64,
        now: i64,
    ) -> Result<Option<u64>> {
        let key = self.key(area, &crate::auth::token_hash(name));
        let kept = every.max(1) + PAUSE_KEPT_SECONDS;
        let wait: i64 = self
            .call(|mut connection| async move {
                redis::Script::new(PAUSE)
                    .key(key)
                    .arg(now)
                    .arg(every)
                    .arg(kept)
                    .invoke_async(&mut connection)
                    .await
            })
            .await?;
        Ok((wait > 0).then_some(wait.unsigned_abs()))
    }
}

#[cfg(test)]
mod tests {
    use super::{open, seal};

    #[test]
    fn an_answer_opens_only_with_its_token_and_unchanged() {
        let sealed = seal("token-a", "the new pair").unwrap();
        assert!(!sealed.windows(8).any(|w| w == b"the new "), "not readable");
        assert_eq!(open("token-a", &sealed).as_deref(), Some("the new pair"));
        assert_eq!(open("token-b", &sealed), None, "another token's key");
        let mut changed = sealed.clone();
        let last = changed.len() - 1;
        changed[last] ^= 1;
        assert_eq!(open("token-a", &changed), None, "changed in Redis");
        assert_eq!(open("token-a", &sealed[..4]), None, "too short");
    }
}
