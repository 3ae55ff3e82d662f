//! Email verification: a token issued at registration (only its SHA-256
//! is stored), mailed through the server's [`Mailer`], valid for
//! [`TOKEN_LIFETIME_SECONDS`]; `POST /auth/verify-email` with it marks
//! the address verified. A token can be used again once verified (no
//! harm), never after it expired. Never here: SQL, statuses, how mail is
//! sent.

use super::{Error, Result};
use crate::auth::{random_token, token_hash};
use crate::mail::{Mail, Mailer};
use crate::store::Store;

/// How long a verification token is valid: 48 hours.
pub const TOKEN_LIFETIME_SECONDS: i64 = 48 * 3600;

/// Issues `user`'s verification token and mails it to `email`. A failed
/// mail is logged, not an error: registration goes on.
pub async fn issue(
    store: &Store,
    mailer: &dyn Mailer,
    (user, email): (&str, &str),
    now: i64,
) -> Result<()> {
    let token = random_token();
    store
        .set_verification(user, &token_hash(&token), now + TOKEN_LIFETIME_SECONDS)
        .await?;
    let mail = Mail {
        to: email.to_owned(),
        subject: "Verify your email for Qur'an Companion".to_owned(),
        body: format!(
            "Assalamu alaikum. To verify this address, enter this code in the app \
             (valid for 48 hours): {token}"
        ),
        token,
    };
    if let Err(error) = mailer.send(&mail) {
        tracing::warn!(%error, user, "the verification mail was not sent");
    }
    Ok(())
}

/// Verifies the address the token was issued for: its user's id.
pub async fn verify(store: &Store, token: &str, now: i64) -> Result<String> {
    let invalid = || {
        Error::invalid(
            "invalid_token",
            "This verification token is not one the server issued.",
        )
    };
    if token.is_empty() || token.len() > 100 {
        return Err(invalid());
    }
    let (user, expires_at, used) = store
        .verification(&token_hash(token))
        .await?
        .ok_or_else(invalid)?;
    if !used && now >= expires_at {
        return Err(Error::invalid(
            "token_expired",
            "This verification token has expired; ask for a new one (`POST /users/me/verify-email`).",
        ));
    }
    store.mark_verified(&user).await?;
    tracing::info!(user = %user, "email verified");
    Ok(user)
}
