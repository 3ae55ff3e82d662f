//! `/quran`: the bundled text and its divisions, read-only, from
//! `quran-data` (the same data the app ships).

use axum::extract::{Path, Query};
use axum::Json;
use companion_core::wire::Revelation;
use companion_core::AyahRef;
use quran_data::{Part, Surah};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, IntoResponses, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{Error, ErrorBody, Result};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(surahs))
        .routes(routes!(surah))
        .routes(routes!(juz))
        .routes(routes!(ayah))
        .routes(routes!(reciters))
}

/// A reciter the app can play, and where their per-ayah files live.
// The fields of `quran_data::Reciter`, which has no schema.
#[derive(Debug, Serialize, ToSchema)]
struct ReciterOut {
    /// Stable id, as the app stores it.
    id: &'static str,
    name_en: &'static str,
    name_ar: &'static str,
    /// `murattal`, `mujawwad` or `muallim`.
    style: &'static str,
    bitrate_kbps: u16,
    /// The reciter's folder: an ayah's file is
    /// `{base}/{directory}/{SSSAAA}.mp3` (`001001.mp3` is 1:1).
    directory: &'static str,
}

/// The reciters.
#[derive(Debug, Serialize, ToSchema)]
struct Reciters {
    /// The well-known public host of the files, the app's default `base`.
    default_base_url: &'static str,
    reciters: Vec<ReciterOut>,
}

/// The reciters the app knows (the same catalogue, `quran-data`).
#[utoipa::path(
    get,
    path = "/quran/reciters",
    responses((status = 200, description = "The reciters.", body = Reciters)),
)]
async fn reciters() -> Json<Reciters> {
    Json(Reciters {
        default_base_url: quran_data::DEFAULT_AUDIO_BASE_URL,
        reciters: quran_data::reciters()
            .iter()
            .map(|r| ReciterOut {
                id: r.id,
                name_en: r.name_en,
                name_ar: r.name_ar,
                style: r.style,
                bitrate_kbps: r.bitrate_kbps,
                directory: r.directory,
            })
            .collect(),
    })
}

#[derive(Debug, Serialize, ToSchema)]
struct AyahOut {
    surah: u16,
    ayah: u16,
    /// The Arabic text, as the bundled source has it.
    text: String,
    /// In the language asked for with `?translation=`.
    translation: Option<String>,
    /// Arabic letters, by the rule the Hasanat count uses.
    letters: u32,
    juz: u16,
    /// The Madani page, 1 to 604.
    page: u16,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct TextQuery {
    /// A bundled translation to include, by language code (`en`).
    translation: Option<String>,
}

/// A surah of the index.
// The fields of `quran_data::Surah`, which has no schema; a test below
// proves both serialize alike.
#[derive(Debug, Serialize, ToSchema)]
struct SurahInfo {
    /// 1 to 114.
    number: u16,
    name_arabic: &'static str,
    /// E.g. `Al-Fatihah`.
    transliteration: &'static str,
    /// The English meaning of the name.
    meaning: &'static str,
    /// `meccan` or `medinan`.
    #[schema(value_type = String, example = "meccan")]
    revelation: Revelation,
    ayah_count: u16,
    /// Position in the order of revelation, 1 to 114.
    revelation_order: u16,
    /// The Madani page on which the surah starts.
    first_page: u16,
}

impl From<&'static Surah> for SurahInfo {
    fn from(s: &'static Surah) -> Self {
        SurahInfo {
            number: s.number,
            name_arabic: &s.name_arabic,
            transliteration: &s.transliteration,
            meaning: &s.meaning,
            revelation: s.revelation,
            ayah_count: s.ayah_count,
            revelation_order: s.revelation_order,
            first_page: s.first_page,
        }
    }
}

/// An ayah by its surah and its number in it.
// `AyahRef`'s wire form.
#[derive(Debug, Serialize, ToSchema)]
struct AyahPlace {
    surah: u16,
    ayah: u16,
}

impl From<AyahRef> for AyahPlace {
    fn from(r: AyahRef) -> Self {
        AyahPlace {
            surah: r.surah(),
            ayah: r.ayah(),
        }
    }
}

/// A numbered stretch of the mushaf, from `first` to `last` inclusive.
// The fields of `quran_data::Part`.
#[derive(Debug, Serialize, ToSchema)]
struct PartInfo {
    number: u16,
    first: AyahPlace,
    last: AyahPlace,
}

impl From<&Part> for PartInfo {
    fn from(p: &Part) -> Self {
        PartInfo {
            number: p.number,
            first: p.first.into(),
            last: p.last.into(),
        }
    }
}

/// The answers of every ayah-text operation besides its own 404: a
/// translation that is not bundled, and a number in the path that does not
/// parse (axum's own plain-text answer).
#[derive(IntoResponses)]
// Only named in `responses(...)`; never built.
#[allow(dead_code)]
enum TextErrors {
    #[response(status = 422, description = "`unknown_translation`.")]
    UnknownTranslation(ErrorBody),
    #[response(
        status = 400,
        description = "A number in the path is not a number (plain text)."
    )]
    NotANumber,
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

/// The 114 surahs, in order.
#[utoipa::path(
    get,
    path = "/quran/surahs",
    responses((status = 200, description = "The surah index.", body = [SurahInfo])),
)]
async fn surahs() -> Json<Vec<SurahInfo>> {
    Json(
        quran_data::quran()
            .surahs()
            .iter()
            .map(SurahInfo::from)
            .collect(),
    )
}

#[derive(Debug, Serialize, ToSchema)]
struct SurahOut {
    surah: SurahInfo,
    ayahs: Vec<AyahOut>,
}

fn not_found(what: &str, n: u16, max: usize) -> Error {
    Error::NotFound {
        code: "not_found",
        message: format!("There is no {what} {n}: they are numbered 1 to {max}."),
    }
}

/// One surah with all its ayahs.
#[utoipa::path(
    get,
    path = "/quran/surahs/{number}",
    params(("number" = u16, Path, description = "1 to 114."), TextQuery),
    responses(
        (status = 200, description = "The surah and its ayahs.", body = SurahOut),
        (status = 404, description = "`not_found`: there is no such surah.", body = ErrorBody),
        TextErrors,
    ),
)]
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
    Ok(Json(SurahOut {
        surah: surah.into(),
        ayahs,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
struct PartOut {
    part: PartInfo,
    ayahs: Vec<AyahOut>,
}

/// One juz with all its ayahs.
#[utoipa::path(
    get,
    path = "/quran/juz/{number}",
    params(("number" = u16, Path, description = "1 to 30."), TextQuery),
    responses(
        (status = 200, description = "The juz and its ayahs.", body = PartOut),
        (status = 404, description = "`not_found`: there is no such juz.", body = ErrorBody),
        TextErrors,
    ),
)]
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
    Ok(Json(PartOut {
        part: part.into(),
        ayahs,
    }))
}

/// One ayah.
#[utoipa::path(
    get,
    path = "/quran/ayahs/{surah}/{ayah}",
    params(
        ("surah" = u16, Path, description = "1 to 114."),
        ("ayah" = u16, Path, description = "1 to the surah's ayah count."),
        TextQuery,
    ),
    responses(
        (status = 200, description = "The ayah.", body = AyahOut),
        (status = 404, description = "`surah_out_of_range` or `ayah_out_of_range`.", body = ErrorBody),
        TextErrors,
    ),
)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_surah_and_part_types_serialize_as_the_bundled_ones() {
        let quran = quran_data::quran();
        for surah in quran.surahs() {
            assert_eq!(
                serde_json::to_value(SurahInfo::from(surah)).unwrap(),
                serde_json::to_value(surah).unwrap(),
                "the schema of surah {} must describe what quran-data serializes",
                surah.number
            );
        }
        for number in 1..=30 {
            let part = quran.juz(number).unwrap();
            assert_eq!(
                serde_json::to_value(PartInfo::from(part)).unwrap(),
                serde_json::to_value(part).unwrap(),
                "juz {number}"
            );
        }
    }
}
