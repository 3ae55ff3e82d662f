//! Handlers for reading: the home screen, the indexes, views, search,
//! settings, the reading position and bookmarks.

use companion_core::command::{
    AddBookmark, Attribution, Bookmarks, DeleteBookmark, GetSettings, HizbQuarters, Home, Juzs,
    OpenView, Pages, SavePosition, SaveSettings, Search, Surahs, Translations,
};
use companion_core::wire::{
    AddBookmarkRequest, Bookmark, DeleteBookmarkRequest, HomeView, OpenViewRequest, PartSummary,
    ReadingView, SavePositionRequest, SearchRequest, SearchResponse, Settings, SurahSummary,
    TranslationOption,
};

use super::Handle;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::views;

impl Handle for Home {
    async fn handle(state: &AppState, (): ()) -> Result<HomeView> {
        let settings = state.settings().await;
        let quran = quran_data::quran();
        // The ayah of the day turns over at the user's local midnight.
        let (_, today) = state.clock().now_and_today();
        let days = i64::from(today.0);
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
}

impl Handle for Surahs {
    async fn handle(_: &AppState, (): ()) -> Result<Vec<SurahSummary>> {
        Ok(views::surahs(quran_data::quran()))
    }
}

impl Handle for Juzs {
    async fn handle(_: &AppState, (): ()) -> Result<Vec<PartSummary>> {
        let quran = quran_data::quran();
        Ok(views::parts(quran, quran.juzs()))
    }
}

impl Handle for HizbQuarters {
    async fn handle(_: &AppState, (): ()) -> Result<Vec<PartSummary>> {
        let quran = quran_data::quran();
        Ok(views::parts(quran, quran.hizb_quarters()))
    }
}

impl Handle for Pages {
    async fn handle(_: &AppState, (): ()) -> Result<Vec<PartSummary>> {
        let quran = quran_data::quran();
        Ok(views::parts(quran, quran.pages()))
    }
}

impl Handle for Translations {
    async fn handle(_: &AppState, (): ()) -> Result<Vec<TranslationOption>> {
        Ok(views::translations())
    }
}

impl Handle for Attribution {
    async fn handle(_: &AppState, (): ()) -> Result<String> {
        Ok(format!(
            "{}\n\n{}",
            quran_data::ATTRIBUTION,
            companion_core::ATTRIBUTION
        ))
    }
}

impl Handle for OpenView {
    async fn handle(_: &AppState, request: OpenViewRequest) -> Result<ReadingView> {
        views::reading_view(quran_data::quran(), request.target, &request.options)
    }
}

impl Handle for Search {
    async fn handle(_: &AppState, request: SearchRequest) -> Result<SearchResponse> {
        views::search(
            quran_data::quran(),
            &request.query,
            request.translation.as_deref(),
        )
    }
}

impl Handle for GetSettings {
    async fn handle(state: &AppState, (): ()) -> Result<Settings> {
        Ok(state.settings().await)
    }
}

impl Handle for SaveSettings {
    async fn handle(state: &AppState, request: Settings) -> Result<Settings> {
        let saved = state.store()?.save_settings(&request).await?;
        // The recitation engine hears of new playback settings here, once,
        // instead of reading them back on every press of play.
        if let Some(recitation) = state.recitation() {
            recitation.set_playback(saved.playback.clone());
        }
        Ok(saved)
    }
}

impl Handle for SavePosition {
    async fn handle(state: &AppState, request: SavePositionRequest) -> Result<()> {
        state.store()?.save_position(&request.position).await
    }
}

impl Handle for Bookmarks {
    async fn handle(state: &AppState, (): ()) -> Result<Vec<Bookmark>> {
        let rows = state.store()?.bookmarks().await?;
        Ok(rows.into_iter().map(bookmark_view).collect())
    }
}

impl Handle for AddBookmark {
    async fn handle(state: &AppState, request: AddBookmarkRequest) -> Result<Bookmark> {
        let row = state
            .store()?
            .add_bookmark(request.reference, request.note.as_deref())
            .await?;
        Ok(bookmark_view(row))
    }
}

impl Handle for DeleteBookmark {
    async fn handle(state: &AppState, request: DeleteBookmarkRequest) -> Result<()> {
        if state.store()?.delete_bookmark(request.id).await? {
            Ok(())
        } else {
            Err(Error::NotFound("That bookmark no longer exists.".into()))
        }
    }
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
