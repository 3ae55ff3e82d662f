//! `/quran`: the bundled text and its divisions, read-only, from
//! `quran-data` (the same data the app ships).

use axum::extract::{Path, Query};
use axum::routing::get;
use axum::{Json, Router};
use companion_core::AyahRef;
use quran_data::{Part, Surah};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/quran/surahs", get(surahs))
        .route("/quran/surahs/{number}", get(surah))
        .route("/quran/juz/{number}", get(juz))
        .route("/quran/ayahs/{surah}/{ayah}", get(ayah))
}

#[derive(Debug, Serialize)]
struct AyahOut {
    surah: u16,
    ayah: u16,
    text: String,
    translation: Option<String>,
    letters: u32,
    juz: u16,
    page: u16,
}

#[derive(Debug, Deserialize)]
struct TextQuery {
    /// A bundled translation to include, by language code.
    translation: Option<String>,
}

fn ayah_out(reference: AyahRef, translation: Option<&quran_data::Translation>) -> AyahOut {
    let a = quran_data::quran().ayah(reference);
    AyahOut {
        surah: reference.surah(),
        ayah: reference.ayah(),
        text: a.text.to_string(),
        translation: translation.map(|t| t.text(reference).to_owned()),
        letters: a.letters,
        juz: a.juz,
        page: a.page,
    }
}

fn translation(query: &TextQuery) -> Result<Option<&'static quran_data::Translation>> {
    match &query.translation {
        None => Ok(None),
        Some(code) => quran_data::translation(code).map(Some).ok_or_else(|| {
            Error::invalid(
                "unknown_translation",
                format!("There is no bundled translation `{code}`."),
            )
        }),
    }
}

async fn surahs() -> Json<&'static [Surah]> {
    Json(quran_data::quran().surahs())
}

#[derive(Debug, Serialize)]
struct SurahOut {
    surah: &'static Surah,
    ayahs: Vec<AyahOut>,
}

fn not_found(what: &str, n: u16, max: usize) -> Error {
    Error::NotFound {
        code: "not_found",
        message: format!("There is no {what} {n}: they are numbered 1 to {max}."),
    }
}

async fn surah(Path(number): Path<u16>, Query(query): Query<TextQuery>) -> Result<Json<SurahOut>> {
    let quran = quran_data::quran();
    let surah = quran
        .surah(number)
        .ok_or_else(|| not_found("surah", number, 114))?;
    let translation = translation(&query)?;
    let ayahs = (1..=surah.ayah_count)
        .filter_map(|a| AyahRef::new(number, a).ok())
        .map(|r| ayah_out(r, translation))
        .collect();
    Ok(Json(SurahOut { surah, ayahs }))
}

#[derive(Debug, Serialize)]
struct PartOut {
    part: &'static Part,
    ayahs: Vec<AyahOut>,
}

async fn juz(Path(number): Path<u16>, Query(query): Query<TextQuery>) -> Result<Json<PartOut>> {
    let quran = quran_data::quran();
    let part = quran
        .juz(number)
        .ok_or_else(|| not_found("juz", number, 30))?;
    let translation = translation(&query)?;
    let ayahs = quran
        .range(part.first, part.last)
        .iter()
        .map(|a| ayah_out(a.reference, translation))
        .collect();
    Ok(Json(PartOut { part, ayahs }))
}

async fn ayah(
    Path((surah, ayah)): Path<(u16, u16)>,
    Query(query): Query<TextQuery>,
) -> Result<Json<AyahOut>> {
    let reference = AyahRef::new(surah, ayah).map_err(|e| Error::NotFound {
        code: e.code(),
        message: e.to_string(),
    })?;
    Ok(Json(ayah_out(reference, translation(&query)?)))
}
