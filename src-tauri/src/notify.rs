//! System notifications: whether this desktop can show them, showing one
//! that knows the screen a click on it opens, and bringing that click back
//! to the window.
//!
//! tauri-plugin-notification shows them (on Linux over the session bus,
//! with the `default` action that makes a click report back); the screen
//! rides in the notification's `extra` data and comes back with the click,
//! which brings the window forward and tells it where to go (the `open`
//! event). The window always shows reminders itself too, so a desktop
//! without a notification service loses nothing while the app is open.

use companion_core::wire::{Destination, NotificationStatus};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;

/// The event the window receives when a notification was clicked, and the
/// key of the destination in a notification's data.
pub const OPEN: &str = "open";

/// Takes clicks on this app's notifications back to the window.
pub fn init<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    let listening = app.notification().on_action(move |performed| {
        if performed.action_id() != "tap" {
            return;
        }
        let destination = performed
            .notification()
            .and_then(|n| n.extra().get(OPEN))
            .and_then(|value| serde_json::from_value::<Destination>(value.clone()).ok());
        if let Some(destination) = destination {
            open(&handle, destination);
        }
    });
    if let Err(error) = listening {
        tracing::warn!(%error, "clicks on notifications will not open the app");
    }
}

/// Brings the window forward on `destination`.
fn open<R: Runtime>(app: &AppHandle<R>, destination: Destination) {
    tracing::info!(?destination, "a notification was clicked");
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let _ = app.emit(OPEN, destination);
}

/// Shows a system notification whose click opens `destination`.
pub fn show<R: Runtime>(app: &AppHandle<R>, title: &str, body: &str, destination: Destination) {
    let shown = app
        .notification()
        .builder()
        .title(title)
        .body(body)
        .extra(OPEN, destination)
        .show();
    if let Err(error) = shown {
        tracing::warn!(%error, "no system notification; the window shows it when open");
    }
}

/// Whether the main window is in front (then the window's own message is
/// enough). `COMPANION_NOTIFY=always` notifies anyway: end-to-end tests,
/// where focus depends on the display.
pub fn window_in_front<R: Runtime>(app: &AppHandle<R>) -> bool {
    if std::env::var("COMPANION_NOTIFY").is_ok_and(|v| v == "always") {
        return false;
    }
    app.get_webview_window("main")
        .and_then(|w| w.is_focused().ok())
        .unwrap_or(false)
}

/// Whether a notification service answers. On Linux and the BSDs that is
/// a server on the session bus, asked for its name (this blocks for a
/// moment: call it off the async runtime's threads). On Windows and macOS
/// the system always takes them (whether it shows them is its settings'
/// business, which an app cannot read there).
pub fn status() -> NotificationStatus {
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    ))]
    {
        match notify_rust::get_server_information() {
            Ok(server) => NotificationStatus::On {
                service: server.name,
            },
            Err(error) => {
                tracing::info!(%error, "no notification service on the session bus");
                NotificationStatus::NoService
            }
        }
    }
    #[cfg(not(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    )))]
    {
        NotificationStatus::On {
            service: String::new(),
        }
    }
}
