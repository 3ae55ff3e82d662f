//! Qur'an Companion, the app: the Tauri shell, the commands the UI calls, and
//! the local SQLite store.
//!
//! The Qur'an text comes from `quran-data` and is always available: nothing
//! that happens to the database, the network or the audio device may take
//! the reader away from the user.

pub mod account;
pub mod achievements;
pub mod chat;
pub mod clock;
mod commands;
pub mod daily;
pub mod error;
pub mod feed;
pub mod focus;
pub mod friends;
pub mod group_khatmah;
pub mod inbox;
pub mod live;
pub mod notices;
mod notify;
pub mod progress;
mod recitation;
pub mod reminders;
mod state;
pub mod stats;
pub mod store;
pub mod together;
pub mod views;
mod words;

use companion_core::wire::UiLanguage;
use tauri::{Manager, Runtime};
use tauri_plugin_sql::{DbInstances, DbPool, Migration, MigrationKind};

use crate::state::AppState;

/// Starts the app. Called by `main` on desktop and by the mobile entry point.
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    init_tracing();
    let result = run_app(tauri::Builder::default()).run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!(%error, "the app stopped with an error");
        eprintln!("Qur'an Companion could not start: {error}");
        std::process::exit(1);
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("COMPANION_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Wires state, plugins and commands into a builder; a seam so tests can
/// pass another builder.
pub fn run_app<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .manage(AppState::default())
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            open_store(app.handle());
            start_recitation(app.handle());
            notify::init(app.handle());
            start_reminders(app.handle());
            start_sync(app.handle());
            start_live(app.handle());
            if let Ok(dir) = app
                .path()
                .download_dir()
                .or_else(|_| app.path().app_local_data_dir())
            {
                app.state::<AppState>().set_exports_dir(dir);
            }
            warm_up();
            Ok(())
        })
        .invoke_handler(commands::invoke_handler())
}

fn sql_plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R, Option<tauri_plugin_sql::PluginConfig>>
{
    let migrations = store::MIGRATIONS
        .iter()
        .map(|&(version, description, sql)| Migration {
            version,
            description,
            sql,
            kind: MigrationKind::Up,
        })
        .collect();
    tauri_plugin_sql::Builder::new()
        .add_migrations(store::DB_URL, migrations)
        .build()
}

/// Starts the recitation engine with the saved playback settings and
/// resumes unfinished downloads. Without it the reader works as before.
fn start_recitation<R: Runtime>(app: &tauri::AppHandle<R>) {
    let state = app.state::<AppState>();
    let settings = tauri::async_runtime::block_on(state.settings());
    match recitation::start(app, &settings.playback) {
        Ok(recitation) => state.set_recitation(recitation),
        Err(error) => tracing::error!(%error, "recitation unavailable"),
    }
}

/// Starts the reminder scheduler: a short wall-clock tick for the life of
/// the app (see `reminders`).
fn start_reminders<R: Runtime>(app: &tauri::AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            remind(&app).await;
            tokio::time::sleep(reminders::TICK).await;
        }
    });
}

/// Syncs every few minutes while someone is signed in: what waits goes,
/// what other devices sent comes (a failure, offline, is recorded on the
/// account).
fn start_sync<R: Runtime>(app: &tauri::AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(account::SYNC_EVERY).await;
            let state = app.state::<AppState>();
            let Ok(store) = state.store() else {
                continue;
            };
            if matches!(state.account().signed_in(store).await, Ok(true)) {
                let clock = state.clock();
                let when = (clock.now().as_second(), clock.zone());
                if let Err(error) = state.account().sync(store, when).await {
                    tracing::warn!(%error, "sync could not run");
                }
                if let Err(error) = chat::send_waiting(state.account(), store, when.0).await {
                    tracing::warn!(%error, "kept chat messages could not be sent");
                }
            }
        }
    });
}

/// Keeps the live connection to the sync server while someone is signed
/// in; the window hears its events as `live`.
fn start_live<R: Runtime>(app: &tauri::AppHandle<R>) {
    use tauri::Emitter;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let Ok(store) = state.store() else {
            return;
        };
        let now = || state.clock().now().as_second();
        let events = app.clone();
        let mut on_event = move |event: companion_core::wire::LiveEvent| {
            let _ = events.emit("live", event);
        };
        live::run(state.live(), (state.account(), store), &now, &mut on_event).await;
    });
}

/// One look of the scheduler: each reminder due, goal met or achievement
/// unlocked is announced (see [`announce`]).
async fn remind<R: Runtime>(app: &tauri::AppHandle<R>) {
    use notices::Notice;
    let state = app.state::<AppState>();
    let Ok(store) = state.store() else {
        return;
    };
    let settings = state.settings().await;
    let clock = state.clock();
    let (now, zone) = (clock.now(), clock.zone());
    // Each part's keys are recorded as it returns them: announce what
    // either part found even when the other failed, so nothing recorded
    // goes unshown.
    let mut notices = Vec::new();
    match reminders::check(store, &settings, now, zone).await {
        Ok(due) => notices.extend(due.into_iter().map(Notice::Reminder)),
        Err(error) => tracing::warn!(%error, "reminders could not be checked"),
    }
    match notices::celebrations(store, &settings, now, zone).await {
        Ok(celebrations) => notices.extend(celebrations),
        Err(error) => tracing::warn!(%error, "goals and achievements could not be checked"),
    }
    for notice in notices {
        announce(app, &notice, settings.ui_language);
    }
}

/// Shows a notice in the window (reminders and goals: the window
/// announced achievements itself) and, when the window is not in front,
/// as a system notification whose click opens its screen.
fn announce<R: Runtime>(app: &tauri::AppHandle<R>, notice: &notices::Notice, language: UiLanguage) {
    use notices::Notice;
    use tauri::Emitter;
    tracing::info!(?notice, "announced");
    let _ = match notice {
        Notice::Reminder(due) => app.emit("reminder", due),
        Notice::GoalMet(met) => app.emit("goal_met", met),
        Notice::Achievement(_) => Ok(()),
    };
    if !notify::window_in_front(app) {
        let (title, body) = notice.text(language);
        notify::show(app, &title, &body, notice.destination());
    }
}

/// Parses the text and builds the search indexes off the window's thread,
/// so the first reader view and the first search do not wait for them.
fn warm_up() {
    tauri::async_runtime::spawn_blocking(|| {
        let started = std::time::Instant::now();
        quran_data::quran();
        quran_data::SearchIndex::arabic();
        quran_data::SearchIndex::translation(quran_data::DEFAULT_TRANSLATION);
        tracing::info!(elapsed = ?started.elapsed(), "text and search indexes ready");
    });
}

/// Checks the database file, moves it aside if damaged, then lets
/// tauri-plugin-sql open and migrate it. Any failure leaves the app running
/// without a store and tells the user why.
fn open_store<R: Runtime>(app: &tauri::AppHandle<R>) {
    let state = app.state::<AppState>();
    let outcome = (|| -> std::result::Result<store::Store, String> {
        let dir = app
            .path()
            .app_config_dir()
            .map_err(|e| format!("no folder for app data: {e}"))?;
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let path = dir.join(store::DB_FILE);
        if let Some(notice) = tauri::async_runtime::block_on(store::recover_if_damaged(&path)) {
            state.set_notice(notice);
        }
        if let Err(error) = app.plugin(sql_plugin()) {
            // A file SQLite opens but the migrations reject (a foreign or
            // newer schema) would fail on every start: keep it aside and
            // start fresh once. A failed plugin is not registered, so it
            // can be added again.
            if !path.exists() {
                return Err(format!(
                    "the database at {} could not be created: {error}",
                    path.display()
                ));
            }
            tracing::error!(%error, "the database could not be migrated; moving it aside");
            state.set_notice(store::move_aside(&path, &error.to_string()));
            app.plugin(sql_plugin()).map_err(|e| {
                format!(
                    "the database at {} could not be opened: {e}",
                    path.display()
                )
            })?;
        }
        let instances = app
            .try_state::<DbInstances>()
            .ok_or_else(|| "the database plugin did not start".to_owned())?;
        let pool = tauri::async_runtime::block_on(async {
            let pools = instances.0.read().await;
            // Only the `sqlite` feature is enabled, so this is the only variant.
            pools.get(store::DB_URL).map(|pool| match pool {
                DbPool::Sqlite(pool) => pool.clone(),
            })
        })
        .ok_or_else(|| "the database was not opened".to_owned())?;
        tracing::info!(path = %path.display(), "local database ready");
        let store = store::Store::new(pool);
        if let Err(error) = tauri::async_runtime::block_on(store.use_write_ahead_log()) {
            tracing::warn!(%error, "the database stays in rollback-journal mode");
        }
        // A session left open by a crash or a kill ends now; everything it
        // counted was stored as it counted.
        if let Err(error) = tauri::async_runtime::block_on(store.end_sessions()) {
            tracing::warn!(%error, "could not end the last reading session");
        }
        Ok(store)
    })();
    if let Err(reason) = &outcome {
        tracing::error!(%reason, "running without a local database");
        state.set_notice(format!(
            "Bookmarks and settings cannot be saved right now: {reason}. The Qur'an reader works as usual."
        ));
    }
    state.set_store(outcome);
}
