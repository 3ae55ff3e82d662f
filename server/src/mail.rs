//! Mail the server sends: for now, the email verification token issued at
//! registration. [`Mailer`] is the seam a real sender (SMTP, a provider's
//! API) implements; [`LogMailer`], the default, writes each mail to the
//! log (in development, the token is read there). Never here: deciding
//! who gets which mail (the domain does), or SQL.

use std::fmt::Debug;

/// One mail to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The verification token the mail carries, for senders that build
    /// their own link.
    pub token: String,
}

/// Sending failed; the caller logs it and goes on (a user can ask again).
#[derive(Debug, thiserror::Error)]
#[error("sending mail failed: {0}")]
pub struct MailError(pub String);

/// Sends mail. Implementations must not block: a slow sender spawns its
/// own task.
pub trait Mailer: Debug + Send + Sync {
    /// Sends `mail`.
    fn send(&self, mail: &Mail) -> Result<(), MailError>;
}

/// Writes each mail to the log at `info`, token included: for
/// development, where no mail is sent.
#[derive(Debug, Default)]
pub struct LogMailer;

impl Mailer for LogMailer {
    fn send(&self, mail: &Mail) -> Result<(), MailError> {
        tracing::info!(
            to = %mail.to,
            subject = %mail.subject,
            token = %mail.token,
            "mail (not sent: development mailer)"
        );
        Ok(())
    }
}
