//! What groups and competitions share: people join them, with an invite
//! code or because the place is open to them. The rules of joining by code
//! are written once here for every kind of place ([`Place`]).

use super::{Error, Result};
use crate::auth::random_token;
use crate::store::Store;

/// A short code that is hard to guess: 12 characters of a URL-safe token.
pub fn invite_code() -> String {
    random_token()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect()
}

/// A place people join: a group or a competition.
pub(crate) trait Place: Sized {
    /// What it is called in messages ("group").
    const NOUN: &'static str;

    /// The place with this id.
    async fn find(store: &Store, id: &str) -> Result<Option<Self>>;
    /// The place with this invite code.
    async fn find_by_code(store: &Store, code: &str) -> Result<Option<Self>>;
    /// Its invite code, if it has one.
    fn code(&self) -> Option<&str>;
    /// Whether `user` may see and join it without a code.
    async fn open_to(&self, store: &Store, user: &str) -> Result<bool>;
    /// Whether `user` is in it.
    async fn has_member(&self, store: &Store, user: &str) -> Result<bool>;
    /// The answer for a place the caller may not see.
    fn not_found() -> Error;
}

/// Whether someone may join: with the place's code, when it is open to
/// them, or when they are in it already (joining again changes nothing).
pub fn may_join(code_matches: bool, open: bool, member: bool) -> bool {
    code_matches || open || member
}

/// The place `id` names, if `user` may join it with `code` (empty for
/// none); to anyone else it does not exist.
pub(crate) async fn admitting<P: Place>(
    store: &Store,
    id: &str,
    code: &str,
    user: &str,
) -> Result<P> {
    let place = P::find(store, id).await?.ok_or_else(P::not_found)?;
    let code_matches = !code.is_empty() && place.code() == Some(code);
    let open = place.open_to(store, user).await?;
    let member = place.has_member(store, user).await?;
    if may_join(code_matches, open, member) {
        Ok(place)
    } else {
        Err(P::not_found())
    }
}

/// The place with this invite code.
pub(crate) async fn by_code<P: Place>(store: &Store, code: &str) -> Result<P> {
    P::find_by_code(store, code).await?.ok_or_else(|| {
        Error::not_found(
            "invalid_invite_code",
            format!("No {} has this invite code.", P::NOUN),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_an_open_place_or_membership_lets_one_in() {
        assert!(
            may_join(true, false, false),
            "the code opens a private place"
        );
        assert!(may_join(false, true, false), "an open place needs no code");
        assert!(may_join(false, false, true), "a member may join again");
        assert!(!may_join(false, false, false), "nothing else lets one in");
    }

    #[test]
    fn invite_codes_are_twelve_letters_or_digits_and_differ() {
        let code = invite_code();
        assert_eq!(code.len(), 12, "{code}");
        assert!(code.chars().all(|c| c.is_ascii_alphanumeric()), "{code}");
        assert_ne!(invite_code(), code, "codes are random");
    }
}
