//! The quran-meta Hafs lists (`data/meta/hafs.json`): where each juz, hizb
//! quarter, page, ruku and manzil starts, the sajdah ayahs and per-surah
//! facts. Only read by [`crate::quran`] while loading.
//!
//! The lists use 1-based global ayah ids (1 is `1:1`, 6236 is `114:6`) with
//! a leading `0` sentinel and a trailing `6237` sentinel.

use companion_core::AyahRef;
use serde::Deserialize;

use crate::quran::Part;

const HAFS_JSON: &str = include_str!("../data/meta/hafs.json");

/// The parsed Hafs lists, as the file has them.
#[derive(Debug, Deserialize)]
pub(crate) struct Hafs {
    #[serde(rename = "HizbQuarterList")]
    pub(crate) hizb_quarter_list: Vec<u16>,
    #[serde(rename = "JuzList")]
    pub(crate) juz_list: Vec<u16>,
    #[serde(rename = "ManzilList")]
    pub(crate) manzil_list: Vec<u16>,
    #[serde(rename = "PageList")]
    pub(crate) page_list: Vec<u16>,
    #[serde(rename = "RukuList")]
    pub(crate) ruku_list: Vec<u16>,
    #[serde(rename = "SajdaList")]
    pub(crate) sajda_list: Vec<u16>,
    #[serde(rename = "SurahList")]
    surah_list: Vec<SurahRow>,
}

/// One row of `SurahList`:
/// `[startAyahId, ayahCount, revelationOrder, rukuCount, arabicName, isMeccan]`.
#[derive(Debug, Clone, Deserialize)]
#[allow(dead_code)] // every column is parsed so the row shape is checked
pub(crate) struct SurahRow {
    pub(crate) start: i32,
    pub(crate) ayah_count: u16,
    pub(crate) revelation_order: u16,
    pub(crate) ruku_count: u16,
    pub(crate) arabic_name: String,
    pub(crate) is_meccan: bool,
}

// Like the text, this file is embedded and its shape is proven by the tests,
// so a failure to read it is a build defect reported with `expect`.
impl Hafs {
    pub(crate) fn load() -> Hafs {
        serde_json::from_str(HAFS_JSON).expect("data/meta/hafs.json is valid (tested)")
    }

    /// The ayah with 1-based global id `id`.
    pub(crate) fn ayah(id: u16) -> AyahRef {
        id.checked_sub(1)
            .and_then(AyahRef::from_index)
            .expect("data/meta/hafs.json ayah ids are 1 to 6236 (tested)")
    }

    /// The parts described by a boundary list with its two sentinels: part
    /// `n` runs from `list[n]` to `list[n + 1] - 1`.
    pub(crate) fn parts(&self, list: &[u16]) -> Vec<Part> {
        let starts = list.get(1..).unwrap_or_default();
        starts
            .windows(2)
            .zip(1..)
            .map(|(pair, number)| Part {
                number,
                first: Hafs::ayah(pair[0]),
                last: Hafs::ayah(pair[1].saturating_sub(1)),
            })
            .collect()
    }

    /// The `SurahList` row of surah `number` (row 0 is a dummy).
    pub(crate) fn surah_row(&self, number: u16) -> &SurahRow {
        self.surah_list
            .get(usize::from(number))
            .expect("data/meta/hafs.json has a row for every surah (tested)")
    }

    /// The rows of the 114 real surahs, without the dummy first and last.
    pub(crate) fn surah_rows(&self) -> &[SurahRow] {
        self.surah_list.get(1..=114).unwrap_or_default()
    }
}

/// The quran-meta `SurahList` facts of each surah, for the tests that cross
/// check the two sources: `(ayah_count, revelation_order, is_meccan)`.
#[doc(hidden)]
pub fn hafs_surah_facts() -> Vec<(u16, u16, bool)> {
    Hafs::load()
        .surah_rows()
        .iter()
        .map(|row| (row.ayah_count, row.revelation_order, row.is_meccan))
        .collect()
}

/// The raw quran-meta boundary lists, for the tests that check their shape:
/// `(name, list)` with both sentinels.
#[doc(hidden)]
pub fn hafs_boundary_lists() -> Vec<(&'static str, Vec<u16>)> {
    let hafs = Hafs::load();
    vec![
        ("JuzList", hafs.juz_list),
        ("HizbQuarterList", hafs.hizb_quarter_list),
        ("PageList", hafs.page_list),
        ("RukuList", hafs.ruku_list),
        ("ManzilList", hafs.manzil_list),
    ]
}
