//! What groups and competitions share: invite codes.

use crate::auth::random_token;

/// A short code that is hard to guess: 12 characters of a URL-safe token.
pub fn invite_code() -> String {
    random_token()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect()
}
