//! Tauri commands: thin adapters from the UI's typed requests to `views`
//! and `store`. No logic of their own beyond wiring state together.
//!
//! Every command is `async` so that work (parsing a translation on first
//! use, a search, a database write) never runs on the window's thread.

use companion_core::wire::{
    AddBookmarkRequest, Bookmark, DeleteBookmarkRequest, GoToRequest, GoToTarget, HomeView,
    OpenViewRequest, PartSummary, ReadingView, SavePositionRequest, SearchRequest, SearchResponse,
    Settings, SurahSummary, TranslationOption,
};
use tauri::State;

use crate::error::{Error, Result};
use crate::state::AppState;
use crate::views;

#[tauri::command]
pub async fn home(state: State<'_, AppState>) -> Result<HomeView> {
    let settings = state.settings().await;
    let quran = quran_data::quran();
    // The ayah of the day turns over at the user's local midnight (the
    // system's zone; UTC when it cannot be read).
    let days = views::local_day(jiff::Timestamp::now(), &jiff::tz::TimeZone::system());
    let mut home = views::home(quran, days, &settings)?;
    if let Ok(store) = state.store() {
        // A store error must not cost the user the home screen.
        home.last_position = store.position().await.unwrap_or_else(|error| {
            tracing::warn!(%error, "reading position unavailable");
            None
        });
    }
    home.last_surah_name = home
        .last_position
        .as_ref()
        .map(|p| views::surah_name(quran, p.ayah.surah()));
    home.notice = state.take_notice();
    Ok(home)
}

#[tauri::command]
pub async fn surahs() -> Result<Vec<SurahSummary>> {
    Ok(views::surahs(quran_data::quran()))
}

#[tauri::command]
pub async fn juzs() -> Result<Vec<PartSummary>> {
    let quran = quran_data::quran();
    Ok(views::parts(quran, quran.juzs()))
}

#[tauri::command]
pub async fn hizb_quarters() -> Result<Vec<PartSummary>> {
    let quran = quran_data::quran();
    Ok(views::parts(quran, quran.hizb_quarters()))
}

#[tauri::command]
pub async fn pages() -> Result<Vec<PartSummary>> {
    let quran = quran_data::quran();
    Ok(views::parts(quran, quran.pages()))
}

#[tauri::command]
pub async fn translations() -> Result<Vec<TranslationOption>> {
    Ok(views::translations())
}

#[tauri::command]
pub async fn attribution() -> Result<String> {
    Ok(quran_data::ATTRIBUTION.to_owned())
}

#[tauri::command]
pub async fn open_view(request: OpenViewRequest) -> Result<ReadingView> {
    views::reading_view(quran_data::quran(), request.target, &request.options)
}

#[tauri::command]
pub async fn go_to(request: GoToRequest) -> Result<GoToTarget> {
    views::go_to(&request.input)
}

#[tauri::command]
pub async fn search(request: SearchRequest) -> Result<SearchResponse> {
    views::search(
        quran_data::quran(),
        &request.query,
        request.translation.as_deref(),
    )
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<Settings> {
    Ok(state.settings().await)
}

#[tauri::command]
pub async fn save_settings(state: State<'_, AppState>, request: Settings) -> Result<Settings> {
    state.store()?.save_settings(&request).await
}

#[tauri::command]
pub async fn save_position(state: State<'_, AppState>, request: SavePositionRequest) -> Result<()> {
    state.store()?.save_position(&request.position).await
}

#[tauri::command]
pub async fn bookmarks(state: State<'_, AppState>) -> Result<Vec<Bookmark>> {
    let rows = state.store()?.bookmarks().await?;
    Ok(rows.into_iter().map(bookmark_view).collect())
}

#[tauri::command]
pub async fn add_bookmark(
    state: State<'_, AppState>,
    request: AddBookmarkRequest,
) -> Result<Bookmark> {
    let row = state
        .store()?
        .add_bookmark(request.reference, request.note.as_deref())
        .await?;
    Ok(bookmark_view(row))
}

fn bookmark_view(row: crate::store::BookmarkRow) -> Bookmark {
    Bookmark {
        id: row.id,
        surah_name: views::surah_name(quran_data::quran(), row.reference.surah()),
        reference: row.reference,
        note: row.note,
        created_at: row.created_at,
    }
}

#[tauri::command]
pub async fn delete_bookmark(
    state: State<'_, AppState>,
    request: DeleteBookmarkRequest,
) -> Result<()> {
    if state.store()?.delete_bookmark(request.id).await? {
        Ok(())
    } else {
        Err(Error::NotFound("That bookmark no longer exists.".into()))
    }
}
