//! The Arabic text and the structure of the mushaf: surahs, ayahs and the
//! divisions (juz, hizb quarters, pages, ruku, manzil, sajdahs).
//!
//! The text is stored exactly as `data/quran.json` ships it and is never
//! modified; derived values (letter counts, division numbers) sit next to it.
//! Parsed once, on first use, from data embedded in the binary.

use std::sync::OnceLock;

use companion_core::arabic::letter_count;
use companion_core::reference::{ayah_count, TOTAL_AYAHS};
use companion_core::{AyahRef, Reference};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use crate::meta::Hafs;

const QURAN_JSON: &str = include_str!("../data/quran.json");
const TRANSLITERATION_JSON: &str = include_str!("../data/transliteration.json");

/// Whether a surah was revealed in Mecca or in Medina (the wire type, so
/// the app and the server share one definition).
pub use companion_core::wire::Revelation;

/// One surah of the Qur'an, for the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Surah {
    /// 1 to 114.
    pub number: u16,
    /// The Arabic name, as in the source (`الفاتحة`).
    pub name_arabic: String,
    /// The name in Latin letters (`Al-Fatihah`).
    pub transliteration: String,
    /// The English meaning of the name (`The Opener`).
    pub meaning: String,
    /// Meccan or Medinan.
    pub revelation: Revelation,
    /// Number of ayahs.
    pub ayah_count: u16,
    /// Position in the order of revelation (1 to 114).
    pub revelation_order: u16,
    /// The Madani page on which the surah starts (1 to 604).
    pub first_page: u16,
}

impl Surah {
    /// The first ayah of the surah.
    pub fn first(&self) -> AyahRef {
        Reference::Surah(self.number).first()
    }

    /// The last ayah of the surah.
    pub fn last(&self) -> AyahRef {
        Reference::Surah(self.number).last()
    }
}

/// One ayah: its exact Uthmani text and where it sits in the divisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ayah {
    /// Which ayah this is.
    pub reference: AyahRef,
    /// The Uthmani (Hafs) text exactly as the source ships it.
    pub text: String,
    /// Counted letters ([`companion_core::arabic::letter_count`]); Hasanat
    /// for reading it are ten times this.
    pub letters: u32,
    /// Juz (1 to 30).
    pub juz: u16,
    /// Hizb quarter (rub' al-hizb, 1 to 240); see [`Ayah::hizb`].
    pub hizb_quarter: u16,
    /// Madani page (1 to 604).
    pub page: u16,
    /// Ruku (1 to 556).
    pub ruku: u16,
    /// Manzil (1 to 7).
    pub manzil: u16,
    /// Whether this ayah has a sajdah (prostration).
    pub sajdah: bool,
}

impl Ayah {
    /// The hizb (1 to 60) this ayah belongs to: four quarters make a hizb.
    pub fn hizb(&self) -> u16 {
        (self.hizb_quarter - 1) / 4 + 1
    }

    /// Hasanat for reading this ayah: ten for every letter.
    pub fn hasanat(&self) -> u32 {
        self.letters.saturating_mul(10)
    }
}

/// A numbered stretch of the mushaf (a juz, a hizb quarter, a page, a ruku
/// or a manzil), from `first` to `last` inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Part {
    /// Its number, from 1.
    pub number: u16,
    /// Its first ayah.
    pub first: AyahRef,
    /// Its last ayah.
    pub last: AyahRef,
}

impl Part {
    /// Whether `ayah` lies in this part.
    pub fn contains(&self, ayah: AyahRef) -> bool {
        (self.first..=self.last).contains(&ayah)
    }
}

/// The whole Qur'an: text, surahs and divisions. Get it with [`quran`].
#[derive(Debug)]
pub struct Quran {
    surahs: Vec<Surah>,
    ayahs: Vec<Ayah>,
    juzs: Vec<Part>,
    hizb_quarters: Vec<Part>,
    pages: Vec<Part>,
    rukus: Vec<Part>,
    manzils: Vec<Part>,
    sajdahs: Vec<AyahRef>,
}

/// The Qur'an, parsed from the embedded data on first use (a few
/// milliseconds) and shared afterwards.
pub fn quran() -> &'static Quran {
    static QURAN: OnceLock<Quran> = OnceLock::new();
    QURAN.get_or_init(load_uncached)
}

/// Parses the embedded text and metadata anew, bypassing the cache of
/// [`quran`]. For benchmarks of the load; applications use [`quran`].
#[doc(hidden)]
pub fn load_uncached() -> Quran {
    Quran::load()
}

/// The number of the part each ayah belongs to, indexed by mushaf index.
fn number_by_ayah(parts: &[Part]) -> Vec<u16> {
    let mut numbers = vec![0; usize::from(TOTAL_AYAHS)];
    for part in parts {
        let range = usize::from(part.first.index())..=usize::from(part.last.index());
        if let Some(slots) = numbers.get_mut(range) {
            slots.fill(part.number);
        }
    }
    numbers
}

#[derive(Deserialize)]
struct RawSurah {
    id: u16,
    name: String,
    transliteration: String,
    #[serde(rename = "type")]
    revelation: Revelation,
    total_verses: u16,
    verses: Vec<RawVerse>,
}

#[derive(Deserialize)]
struct RawVerse {
    id: u16,
    text: String,
}

/// A surah of `transliteration.json` with only the English meaning of its
/// name read; the verses are skipped without being stored.
#[derive(Deserialize)]
struct RawSurahMeaning {
    translation: String,
    #[serde(rename = "verses")]
    _verses: IgnoredAny,
}

impl Quran {
    // The embedded files are fixed at build time and the tests in
    // `tests/data.rs` prove they parse and have the expected shape, so a
    // failure here is a build defect, not a run-time condition: `expect`
    // with the file name is the honest way to report it.
    fn load() -> Quran {
        let raw: Vec<RawSurah> =
            serde_json::from_str(QURAN_JSON).expect("data/quran.json is valid (tested)");
        let meanings: Vec<RawSurahMeaning> = serde_json::from_str(TRANSLITERATION_JSON)
            .expect("data/transliteration.json is valid (tested)");
        let hafs = Hafs::load();

        let juzs = hafs.parts(&hafs.juz_list);
        let hizb_quarters = hafs.parts(&hafs.hizb_quarter_list);
        let pages = hafs.parts(&hafs.page_list);
        let rukus = hafs.parts(&hafs.ruku_list);
        let manzils = hafs.parts(&hafs.manzil_list);
        let sajdahs: Vec<AyahRef> = hafs.sajda_list.iter().map(|&id| Hafs::ayah(id)).collect();

        let juz_of = number_by_ayah(&juzs);
        let quarter_of = number_by_ayah(&hizb_quarters);
        let page_of = number_by_ayah(&pages);
        let ruku_of = number_by_ayah(&rukus);
        let manzil_of = number_by_ayah(&manzils);

        let mut ayahs = Vec::with_capacity(usize::from(TOTAL_AYAHS));
        let mut surahs = Vec::with_capacity(raw.len());
        for (surah, meaning) in raw.into_iter().zip(meanings) {
            let count = ayah_count(surah.id).expect("data/quran.json surah ids are 1 to 114");
            assert_eq!(
                (surah.total_verses, surah.verses.len()),
                (count, usize::from(count)),
                "data/quran.json surah {} has the Hafs ayah count",
                surah.id
            );
            let row = hafs.surah_row(surah.id);
            let first = AyahRef::first_of(surah.id).expect("surah id checked above");
            surahs.push(Surah {
                number: surah.id,
                name_arabic: surah.name,
                transliteration: surah.transliteration,
                meaning: meaning.translation,
                revelation: surah.revelation,
                ayah_count: count,
                revelation_order: row.revelation_order,
                first_page: page_of[usize::from(first.index())],
            });
            for verse in surah.verses {
                let reference = AyahRef::new(surah.id, verse.id)
                    .expect("data/quran.json verse ids are within their surah");
                let i = usize::from(reference.index());
                ayahs.push(Ayah {
                    reference,
                    letters: letter_count(&verse.text),
                    text: verse.text,
                    juz: juz_of[i],
                    hizb_quarter: quarter_of[i],
                    page: page_of[i],
                    ruku: ruku_of[i],
                    manzil: manzil_of[i],
                    sajdah: sajdahs.contains(&reference),
                });
            }
        }
        assert!(
            ayahs
                .iter()
                .enumerate()
                .all(|(i, a)| usize::from(a.reference.index()) == i),
            "data/quran.json lists every ayah once, in mushaf order"
        );

        Quran {
            surahs,
            ayahs,
            juzs,
            hizb_quarters,
            pages,
            rukus,
            manzils,
            sajdahs,
        }
    }

    /// The 114 surahs, in order.
    pub fn surahs(&self) -> &[Surah] {
        &self.surahs
    }

    /// Surah `number` (1 to 114), or `None`.
    pub fn surah(&self, number: u16) -> Option<&Surah> {
        self.surahs.get(usize::from(number).checked_sub(1)?)
    }

    /// The ayah `r`. An [`AyahRef`] always exists, so this cannot fail.
    pub fn ayah(&self, r: AyahRef) -> &Ayah {
        &self.ayahs[usize::from(r.index())]
    }

    /// All 6,236 ayahs in mushaf order: `ayahs()[r.index()]` is `ayah(r)`.
    pub fn ayahs(&self) -> &[Ayah] {
        &self.ayahs
    }

    /// The ayahs of surah `number`, or `None` if there is no such surah.
    pub fn surah_ayahs(&self, number: u16) -> Option<&[Ayah]> {
        let first = AyahRef::first_of(number)?;
        let last = AyahRef::last_of(number)?;
        Some(self.range(first, last))
    }

    /// The ayahs from `start` to `end` inclusive, in mushaf order (crossing
    /// surahs if needed); empty if `end` comes before `start`.
    pub fn range(&self, start: AyahRef, end: AyahRef) -> &[Ayah] {
        let (start, end) = (usize::from(start.index()), usize::from(end.index()));
        self.ayahs.get(start..=end).unwrap_or_default()
    }

    /// The first and last ayah a reference covers.
    pub fn resolve(&self, reference: &Reference) -> (AyahRef, AyahRef) {
        (reference.first(), reference.last())
    }

    /// The 30 juz.
    pub fn juzs(&self) -> &[Part] {
        &self.juzs
    }

    /// Juz `n` (1 to 30), or `None`.
    pub fn juz(&self, n: u16) -> Option<&Part> {
        numbered(&self.juzs, n)
    }

    /// The 240 hizb quarters; quarter `n` is in hizb `(n - 1) / 4 + 1`.
    pub fn hizb_quarters(&self) -> &[Part] {
        &self.hizb_quarters
    }

    /// Hizb quarter `n` (1 to 240), or `None`.
    pub fn hizb_quarter(&self, n: u16) -> Option<&Part> {
        numbered(&self.hizb_quarters, n)
    }

    /// The 604 Madani pages.
    pub fn pages(&self) -> &[Part] {
        &self.pages
    }

    /// Page `n` (1 to 604), or `None`.
    pub fn page(&self, n: u16) -> Option<&Part> {
        numbered(&self.pages, n)
    }

    /// The 556 ruku.
    pub fn rukus(&self) -> &[Part] {
        &self.rukus
    }

    /// The 7 manzils.
    pub fn manzils(&self) -> &[Part] {
        &self.manzils
    }

    /// The 15 ayahs with a sajdah, in order.
    pub fn sajdahs(&self) -> &[AyahRef] {
        &self.sajdahs
    }

    /// The ayah of the day for the day `days_since_epoch` days after
    /// 1970-01-01 (in the user's calendar).
    ///
    /// Deterministic (every device shows the same ayah on the same day),
    /// never the same ayah two days running, and spread over the whole
    /// Qur'an: day `d` shows ayah `(d * 3853) mod 6236`. 3853 is near
    /// 6236 / φ, so consecutive days land far apart, and it is coprime with
    /// 6236, so every ayah comes up once in each 6,236-day cycle.
    pub fn ayah_of_the_day(&self, days_since_epoch: i64) -> AyahRef {
        const STEP: i64 = 3853;
        let total = i64::from(TOTAL_AYAHS);
        let index = (days_since_epoch.rem_euclid(total) * STEP).rem_euclid(total);
        u16::try_from(index)
            .ok()
            .and_then(AyahRef::from_index)
            .unwrap_or_else(|| self.ayahs[0].reference)
    }
}

fn numbered(parts: &[Part], n: u16) -> Option<&Part> {
    parts.get(usize::from(n).checked_sub(1)?)
}
