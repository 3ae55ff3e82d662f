//! The sync server's HTTP API as the app uses it: create an account, sign
//! in, refresh, sign out, who am I, and push the outbox. Every failure is
//! an [`Error::Server`] with a sentence for the reader; its code says
//! which kind:
//! - `server_unreachable`: no answer (offline, wrong address, timeout);
//! - `signed_out`: the server no longer accepts this sign-in;
//! - the server's own code (`email_taken`, `unauthorized`, …), mapped to
//!   `server_refused` when it is not one the window words itself.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::error::{Error, Result};

/// The sync API's prefix on the server.
const API: &str = "/api/v1";

/// A server's address, checked: `http(s)://host[:port]`, trimmed, without
/// a `/` at the end.
pub fn server_address(typed: &str) -> Result<String> {
    let address = typed.trim().trim_end_matches('/');
    let rest = address
        .strip_prefix("https://")
        .or_else(|| address.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => {
            Ok(address.to_owned())
        }
        _ => Err(Error::Invalid(
            "A server address starts with http:// or https://, like https://sync.example.org."
                .into(),
        )),
    }
}

/// The tokens a sign-in or a refresh gives.
#[derive(Debug, Clone, Deserialize)]
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
    /// Seconds the access token lasts.
    pub expires_in: i64,
}

/// The signed-in user, as the server has them.
#[derive(Debug, Clone, Deserialize)]
pub struct Me {
    pub id: String,
    pub email: String,
    pub username: String,
    pub display_name: String,
    #[serde(default)]
    pub bio: String,
    #[serde(default)]
    pub time_zone: String,
    #[serde(default)]
    pub leaderboard_visibility: String,
}

/// One event of the outbox as the server takes it.
#[derive(Debug, Clone, Serialize)]
pub struct EventOut<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub data: &'a Value,
}

/// An event the server refused, and why.
#[derive(Debug, Clone, Deserialize)]
pub struct Rejection {
    pub id: String,
    pub code: String,
    pub message: String,
}

/// The server's answer to a push.
#[derive(Debug, Clone, Deserialize)]
pub struct Pushed {
    pub accepted: Vec<String>,
    pub duplicates: Vec<String>,
    pub rejected: Vec<Rejection>,
}

/// One event of the user's stream, as pulled.
#[derive(Debug, Clone, Deserialize)]
pub struct PulledEvent {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub data: Value,
    /// Unix seconds.
    pub received_at: i64,
}

/// A page of the user's stream after a cursor.
#[derive(Debug, Clone, Deserialize)]
pub struct Pulled {
    pub events: Vec<PulledEvent>,
    pub cursor: i64,
    pub more: bool,
}

/// The server's error body.
#[derive(Debug, Deserialize)]
struct Refusal {
    code: String,
    message: String,
}

/// Codes the window words itself; any other is `server_refused` with the
/// server's sentence.
const KNOWN: [&str; 31] = [
    "email_taken",
    "username_taken",
    "unauthorized",
    "too_many_attempts",
    "invalid_email",
    "invalid_username",
    "invalid_password",
    "invalid_display_name",
    "invalid_invite_code",
    "group_full",
    "invalid_post",
    "post_not_found",
    "user_not_found",
    "not_admin",
    "invalid_bio",
    "not_connected",
    "blocked",
    "muted",
    "invalid_message",
    "too_many_messages",
    "cannot_message_self",
    "conversation_not_found",
    "message_not_found",
    "cannot_follow_self",
    "khatmah_running",
    "khatmah_over",
    "portion_taken",
    "portion_done",
    "not_your_portion",
    "invalid_deadline",
    "khatmah_not_found",
];

/// A client of one server.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
}

impl Client {
    /// A client of the server at `address` (checked by [`server_address`]).
    pub fn new(address: &str) -> Result<Client> {
        let base = server_address(address)?;
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("quran-companion/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Server {
                code: "server_unreachable",
                message: format!("The network is unavailable to the app: {e}"),
            })?;
        Ok(Client { http, base })
    }

    pub fn address(&self) -> &str {
        &self.base
    }

    /// Calls `path` (under `/api/v1`), with `token` if given.
    pub async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Result<T> {
        self.send(method, path, token, body, false).await
    }

    /// [`Client::call`] for a request confirmed with the password: a 401
    /// there is the password not being right (`unauthorized`), not the
    /// sign-in ending.
    pub async fn call_with_password<T: DeserializeOwned>(
        &self,
        (method, path): (Method, &str),
        token: &str,
        body: Value,
    ) -> Result<T> {
        self.send(method, path, Some(token), Some(body), true).await
    }

    async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        password_checked: bool,
    ) -> Result<T> {
        let mut request = self
            .http
            .request(method, format!("{}{API}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.map_err(|e| self.unreachable(&e))?;
        let status = response.status();
        if status.is_success() {
            let body = if status == StatusCode::NO_CONTENT {
                bytes_or_null(Vec::new())
            } else {
                let bytes = response.bytes().await.map_err(|e| self.unreachable(&e))?;
                bytes_or_null(bytes.to_vec())
            };
            return serde_json::from_value(body).map_err(|e| Error::Server {
                code: "server_refused",
                message: format!("The server at {} answered in a way this app does not understand ({e}). Is it a Qur'an Companion server?", self.base),
            });
        }
        let refusal: Option<Refusal> = response.json().await.ok();
        Err(match refusal {
            Some(r)
                if token.is_some() && !password_checked && status == StatusCode::UNAUTHORIZED =>
            {
                Error::Server {
                    code: "signed_out",
                    message: format!("The server no longer accepts this sign-in: {}", r.message),
                }
            }
            Some(_) if password_checked && status == StatusCode::UNAUTHORIZED => Error::Server {
                code: "wrong_password",
                message: "The password is not right.".into(),
            },
            Some(r) => Error::Server {
                code: KNOWN
                    .iter()
                    .find(|known| **known == r.code)
                    .copied()
                    .unwrap_or("server_refused"),
                message: r.message,
            },
            None => Error::Server {
                code: "server_refused",
                message: format!(
                    "The server at {} answered {status}. Is it a Qur'an Companion server?",
                    self.base
                ),
            },
        })
    }

    fn unreachable(&self, error: &reqwest::Error) -> Error {
        let why = if error.is_timeout() {
            "it did not answer in time"
        } else if error.is_connect() {
            "nothing answered at that address"
        } else {
            "the connection failed"
        };
        Error::Server {
            code: "server_unreachable",
            message: format!(
                "The server at {} cannot be reached: {why}. Your reading is kept on this device and sent when it can be.",
                self.base
            ),
        }
    }

    /// Creates an account.
    pub async fn register(
        &self,
        email: &str,
        username: &str,
        password: &str,
        display_name: &str,
    ) -> Result<Me> {
        let display_name = Some(display_name.trim()).filter(|n| !n.is_empty());
        let body = json!({
            "email": email.trim(),
            "username": username.trim(),
            "password": password,
            "display_name": display_name,
        });
        self.call(Method::POST, "/auth/register", None, Some(body))
            .await
    }

    /// Signs in.
    pub async fn login(&self, email: &str, password: &str) -> Result<Tokens> {
        let body = json!({ "email": email.trim(), "password": password });
        self.call(Method::POST, "/auth/login", None, Some(body))
            .await
    }

    /// New tokens for a refresh token (which is spent).
    pub async fn refresh(&self, refresh_token: &str) -> Result<Tokens> {
        let body = json!({ "refresh_token": refresh_token });
        self.call(Method::POST, "/auth/refresh-token", None, Some(body))
            .await
            .map_err(|error| match error {
                Error::Server {
                    code: "unauthorized",
                    message,
                } => Error::Server {
                    code: "signed_out",
                    message: format!("The server no longer accepts this sign-in: {message}"),
                },
                other => other,
            })
    }

    /// Ends the sign-in of `refresh_token` on the server.
    pub async fn logout(&self, refresh_token: &str) -> Result<()> {
        let body = json!({ "refresh_token": refresh_token });
        let _: Value = self
            .call(Method::POST, "/auth/logout", None, Some(body))
            .await?;
        Ok(())
    }

    /// Who the access token belongs to.
    pub async fn me(&self, access_token: &str) -> Result<Me> {
        self.call(Method::GET, "/users/me", Some(access_token), None)
            .await
    }

    /// Sends events (at most 500); `history_device` on a device's first
    /// upload of what it kept before signing in.
    pub async fn push(
        &self,
        access_token: &str,
        events: &[EventOut<'_>],
        history_device: Option<&str>,
    ) -> Result<Pushed> {
        let mut body = json!({ "events": events });
        if let Some(device) = history_device {
            body["history_device"] = json!(device);
        }
        self.call(Method::POST, "/sync/push", Some(access_token), Some(body))
            .await
    }
}

impl Client {
    /// The user's events after `cursor`, a page at a time.
    pub async fn pull(&self, access_token: &str, cursor: i64) -> Result<Pulled> {
        let path = format!("/sync/pull?cursor={cursor}&limit=500");
        self.call(Method::GET, &path, Some(access_token), None)
            .await
    }
}

/// A body as JSON; an empty one as `null`.
fn bytes_or_null(bytes: Vec<u8>) -> Value {
    if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or(Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_address_is_http_or_https_without_a_trailing_slash() {
        assert_eq!(
            server_address(" https://sync.example.org/ ").unwrap(),
            "https://sync.example.org"
        );
        assert_eq!(
            server_address("http://127.0.0.1:8787").unwrap(),
            "http://127.0.0.1:8787"
        );
        for bad in ["", "sync.example.org", "ftp://x", "http://", "http://a b"] {
            assert!(server_address(bad).is_err(), "{bad:?}");
        }
    }
}
