//! Builds what the reader, the indexes and search show, from the bundled
//! Qur'an data. Pure functions over `quran-data`: no database, no window.

use companion_core::wire::{
    AyahView, HomeView, PartSummary, ReadingView, SearchHitView, SearchResponse, Settings,
    SurahHeading, SurahSummary, TextOptions, TranslationOption, ViewTarget,
};
use companion_core::AyahRef;
use quran_data::{Part, Quran};

use crate::error::{Error, Result};

/// How many search hits are sent to the UI.
pub const SEARCH_LIMIT: usize = 50;

/// The surah index.
pub fn surahs(quran: &Quran) -> Vec<SurahSummary> {
    quran.surahs().iter().map(surah_summary).collect()
}

fn surah_summary(surah: &quran_data::Surah) -> SurahSummary {
    SurahSummary {
        number: surah.number,
        name_arabic: surah.name_arabic.to_string(),
        transliteration: surah.transliteration.to_string(),
        meaning: surah.meaning.to_string(),
        revelation: surah.revelation,
        ayah_count: surah.ayah_count,
        first_page: surah.first_page,
    }
}

/// Transliterated name of a surah, for lists and headings.
pub fn surah_name(quran: &Quran, number: u16) -> String {
    quran
        .surah(number)
        .map(|s| s.transliteration.to_string())
        .unwrap_or_default()
}

/// Juz, hizb quarter or page index rows.
pub fn parts(quran: &Quran, parts: &[Part]) -> Vec<PartSummary> {
    parts
        .iter()
        .map(|part| PartSummary {
            number: part.number,
            first: part.first,
            last: part.last,
            first_surah: surah_name(quran, part.first.surah()),
        })
        .collect()
}

fn direction(direction: quran_data::Direction) -> String {
    match direction {
        quran_data::Direction::Ltr => "ltr",
        quran_data::Direction::Rtl => "rtl",
    }
    .to_owned()
}

/// The bundled translations.
pub fn translations() -> Vec<TranslationOption> {
    quran_data::translations()
        .iter()
        .map(|t| TranslationOption {
            code: t.code.to_string(),
            language: t.language.to_string(),
            native_name: t.native_name.to_string(),
            direction: direction(t.direction),
        })
        .collect()
}

/// The first and last ayah of a view, or a clear error for a number that
/// does not exist.
fn bounds(quran: &Quran, target: &ViewTarget) -> Result<(AyahRef, AyahRef)> {
    let part = |found: Option<&Part>, what: &str, n: u16, max: usize| {
        found.map(|p| (p.first, p.last)).ok_or_else(|| {
            Error::NotFound(format!(
                "There is no {what} {n}: {what}s are numbered 1 to {max}."
            ))
        })
    };
    match *target {
        ViewTarget::Surah(n) => {
            let surah = quran.surah(n).ok_or_else(|| {
                Error::NotFound(format!(
                    "Surah {n} does not exist: surahs are numbered 1 to 114."
                ))
            })?;
            let first = AyahRef::new(n, 1)?;
            let last = AyahRef::new(n, surah.ayah_count)?;
            Ok((first, last))
        }
        ViewTarget::Juz(n) => part(quran.juz(n), "juz", n, quran.juzs().len()),
        ViewTarget::HizbQuarter(n) => part(
            quran.hizb_quarter(n),
            "hizb quarter",
            n,
            quran.hizb_quarters().len(),
        ),
        ViewTarget::Page(n) => part(quran.page(n), "page", n, quran.pages().len()),
    }
}

/// Neighbouring views of the same kind, for previous/next buttons.
fn neighbours(quran: &Quran, target: &ViewTarget) -> (Option<ViewTarget>, Option<ViewTarget>) {
    let (n, count, make): (u16, usize, fn(u16) -> ViewTarget) = match *target {
        ViewTarget::Surah(n) => (n, quran.surahs().len(), ViewTarget::Surah),
        ViewTarget::Juz(n) => (n, quran.juzs().len(), ViewTarget::Juz),
        ViewTarget::HizbQuarter(n) => (n, quran.hizb_quarters().len(), ViewTarget::HizbQuarter),
        ViewTarget::Page(n) => (n, quran.pages().len(), ViewTarget::Page),
    };
    let previous = (n > 1).then(|| make(n - 1));
    let next = (usize::from(n) < count).then(|| make(n + 1));
    (previous, next)
}

/// Everything the reader shows for a view, with the user's text options.
pub fn reading_view(
    quran: &Quran,
    target: ViewTarget,
    options: &TextOptions,
) -> Result<ReadingView> {
    let (first, last) = bounds(quran, &target)?;
    let translation = if options.show_translation {
        quran_data::translation(&options.translation).or_else(|| quran_data::translation("en"))
    } else {
        None
    };
    let transliteration = options
        .show_transliteration
        .then(quran_data::transliteration);
    let basmala = quran.ayah(AyahRef::new(1, 1)?).text.to_string();
    let ayahs = quran
        .range(first, last)
        .iter()
        .map(|ayah| {
            let r = ayah.reference;
            let heading = (r.ayah() == 1)
                .then(|| quran.surah(r.surah()))
                .flatten()
                .map(|surah| SurahHeading {
                    surah: surah_summary(surah),
                    basmala: (surah.number != 1 && surah.number != 9).then(|| basmala.clone()),
                });
            AyahView {
                reference: r,
                text: ayah.text.to_string(),
                translation: translation.map(|t| t.text(r).to_string()),
                transliteration: transliteration.map(|t| t.text(r).to_string()),
                juz: ayah.juz,
                page: ayah.page,
                juz_start: quran
                    .juz(ayah.juz)
                    .filter(|j| j.first == r)
                    .map(|j| j.number),
                quarter_start: quran
                    .hizb_quarter(ayah.hizb_quarter)
                    .filter(|q| q.first == r)
                    .map(|q| q.number),
                sajdah: ayah.sajdah,
                heading,
            }
        })
        .collect();
    let (previous, next) = neighbours(quran, &target);
    let translation_direction = translation
        .map(|t| direction(t.info().direction))
        .unwrap_or_else(|| "ltr".to_owned());
    Ok(ReadingView {
        target,
        ayahs,
        previous,
        next,
        translation_direction,
    })
}

/// One ayah for the home screen card.
pub fn single_ayah(quran: &Quran, r: AyahRef, settings: &Settings) -> Result<AyahView> {
    let view = reading_view(
        quran,
        ViewTarget::Surah(r.surah()),
        &settings.text_options(),
    )?;
    view.ayahs
        .into_iter()
        .find(|a| a.reference == r)
        .ok_or_else(|| Error::NotFound(format!("Ayah {r} was not found.")))
}

/// The home screen, without the stored parts filled in.
pub fn home(quran: &Quran, days_since_epoch: i64, settings: &Settings) -> Result<HomeView> {
    let r = quran.ayah_of_the_day(days_since_epoch);
    Ok(HomeView {
        last_position: None,
        last_surah_name: None,
        ayah_of_the_day: single_ayah(quran, r, settings)?,
        notice: None,
    })
}

/// Runs a search and shapes the hits for the UI.
pub fn search(quran: &Quran, query: &str, translation: Option<&str>) -> Result<SearchResponse> {
    let options = quran_data::SearchOptions {
        translation: translation.map(str::to_owned),
        limit: SEARCH_LIMIT,
    };
    let results = quran_data::search(query, &options)?;
    let hits = results
        .hits
        .into_iter()
        .map(|hit| SearchHitView {
            surah_name: surah_name(quran, hit.reference.surah()),
            reference: hit.reference,
            field: match hit.field {
                quran_data::SearchField::Arabic => companion_core::wire::SearchField::Arabic,
                quran_data::SearchField::Translation => {
                    companion_core::wire::SearchField::Translation
                }
            },
            text: hit.text,
            highlights: hit.highlights,
        })
        .collect();
    Ok(SearchResponse {
        query: results.query,
        total: results.total,
        hits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(target: ViewTarget) -> ReadingView {
        reading_view(
            quran_data::quran(),
            target,
            &Settings::default().text_options(),
        )
        .expect("view opens")
    }

    #[test]
    fn al_fatihah_has_seven_ayahs_and_no_separate_basmala() {
        let v = view(ViewTarget::Surah(1));
        assert_eq!(v.ayahs.len(), 7);
        let heading = v.ayahs[0]
            .heading
            .as_ref()
            .expect("surah 1 starts with a heading");
        assert_eq!(
            heading.basmala, None,
            "in Al-Fatihah the basmala is ayah 1 itself"
        );
        assert!(
            v.ayahs[0].translation.is_some(),
            "English is shown by default"
        );
    }

    #[test]
    fn at_tawbah_has_no_basmala_but_al_baqarah_does() {
        let tawbah = view(ViewTarget::Surah(9));
        assert_eq!(
            tawbah.ayahs[0]
                .heading
                .as_ref()
                .and_then(|h| h.basmala.as_ref()),
            None
        );
        let baqarah = view(ViewTarget::Surah(2));
        assert_eq!(baqarah.ayahs.len(), 286);
        let basmala = baqarah.ayahs[0]
            .heading
            .as_ref()
            .and_then(|h| h.basmala.clone());
        assert_eq!(
            basmala.as_deref(),
            Some(
                quran_data::quran()
                    .ayah(AyahRef::new(1, 1).unwrap())
                    .text
                    .as_ref()
            )
        );
    }

    #[test]
    fn a_juz_view_marks_where_surahs_and_quarters_start() {
        let v = view(ViewTarget::Juz(30));
        assert_eq!(v.ayahs[0].reference, AyahRef::new(78, 1).unwrap());
        assert_eq!(v.ayahs[0].juz_start, Some(30));
        let headings = v.ayahs.iter().filter(|a| a.heading.is_some()).count();
        assert_eq!(headings, 37, "juz 30 holds surahs 78 to 114");
        assert!(v.ayahs.iter().any(|a| a.quarter_start.is_some()));
        assert_eq!(v.next, None, "juz 30 is the last");
        assert_eq!(v.previous, Some(ViewTarget::Juz(29)));
    }

    #[test]
    fn page_mode_shows_the_ayahs_of_that_page() {
        let v = view(ViewTarget::Page(604));
        assert!(v.ayahs.iter().all(|a| a.page == 604));
        assert_eq!(
            v.ayahs.last().map(|a| a.reference),
            AyahRef::new(114, 6).ok()
        );
    }

    #[test]
    fn sajdah_ayahs_are_marked() {
        let v = view(ViewTarget::Surah(96));
        assert!(v.ayahs[18].sajdah, "96:19 is a sajdah");
        assert_eq!(v.ayahs.iter().filter(|a| a.sajdah).count(), 1);
    }

    #[test]
    fn numbers_that_do_not_exist_are_clear_errors() {
        let quran = quran_data::quran();
        for target in [
            ViewTarget::Surah(115),
            ViewTarget::Surah(0),
            ViewTarget::Page(605),
            ViewTarget::Juz(31),
            ViewTarget::HizbQuarter(241),
        ] {
            let error = reading_view(quran, target.clone(), &Settings::default().text_options())
                .expect_err("must fail");
            assert_eq!(error.code(), "not_found", "{target:?}");
            assert!(
                error.to_string().contains("numbered 1 to"),
                "the message gives the valid range: {error}"
            );
        }
    }

    #[test]
    fn transliteration_and_other_translations_follow_the_settings() {
        let settings = Settings {
            translation: "fr".into(),
            show_transliteration: true,
            ..Settings::default()
        };
        let v = reading_view(
            quran_data::quran(),
            ViewTarget::Surah(112),
            &settings.text_options(),
        )
        .unwrap();
        let first = &v.ayahs[0];
        assert!(first
            .transliteration
            .as_deref()
            .is_some_and(|t| !t.is_empty()));
        assert_eq!(
            first.translation.as_deref(),
            Some(quran_data::translation("fr").unwrap().text(first.reference))
        );
        let hidden = Settings {
            show_translation: false,
            ..Settings::default()
        };
        let v = reading_view(
            quran_data::quran(),
            ViewTarget::Surah(112),
            &hidden.text_options(),
        )
        .unwrap();
        assert!(v.ayahs.iter().all(|a| a.translation.is_none()));
    }
}
