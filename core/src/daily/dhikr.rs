//! The recommended adhkar: the tasbih after each obligatory prayer
//! (33 + 33 + 34) and a short list for the morning and the evening, each
//! with its Arabic, a transliteration, an English meaning, the count the
//! hadith gives and the hadith it comes from; and the counter's rules.
//!
//! The Arabic is the wording of the named hadith, letter and mark for
//! mark as that collection's standard Arabic text gives it (checked against
//! the PyPI transcriptions named in ATTRIBUTION.md), with line breaks made
//! single spaces. Hadith numbers are the standard ones (Muhammad Fu'ad
//! 'Abd al-Baqi's for Muslim, as sunnah.com numbers them). Never edit the
//! Arabic to "fix" it: it is quoted, like the Qur'an text.

use serde::{Deserialize, Serialize};

/// A hadith collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Collection {
    SahihAlBukhari,
    SahihMuslim,
    SunanAbiDawud,
}

impl Collection {
    pub const ALL: [Collection; 3] = [
        Collection::SahihAlBukhari,
        Collection::SahihMuslim,
        Collection::SunanAbiDawud,
    ];

    /// Its name on the wire and in message ids: `sahih_muslim`.
    pub fn as_str(self) -> &'static str {
        match self {
            Collection::SahihAlBukhari => "sahih_al_bukhari",
            Collection::SahihMuslim => "sahih_muslim",
            Collection::SunanAbiDawud => "sunan_abi_dawud",
        }
    }

    /// The collection's usual English name.
    pub fn name(self) -> &'static str {
        match self {
            Collection::SahihAlBukhari => "Sahih al-Bukhari",
            Collection::SahihMuslim => "Sahih Muslim",
            Collection::SunanAbiDawud => "Sunan Abi Dawud",
        }
    }
}

/// A hadith: its collection and number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Source {
    pub collection: Collection,
    pub number: u32,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.collection.name(), self.number)
    }
}

/// When a list is said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Occasion {
    /// After each obligatory prayer.
    AfterPrayer,
    Morning,
    Evening,
}

impl Occasion {
    pub const ALL: [Occasion; 3] = [Occasion::AfterPrayer, Occasion::Morning, Occasion::Evening];
}

/// One dhikr of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dhikr {
    /// Stable id, for stored counts and history.
    pub id: &'static str,
    pub arabic: &'static str,
    pub transliteration: &'static str,
    /// The meaning in English.
    pub meaning: &'static str,
    /// How many times the hadith recommends saying it.
    pub count: u32,
    /// The hadith that recommends it (and its count).
    pub source: Source,
    /// The hadith whose wording `arabic` quotes, when another than
    /// `source` (the tasbih hadith names the phrases only by their nouns).
    pub wording: Option<Source>,
}

const fn hadith(collection: Collection, number: u32) -> Source {
    Source { collection, number }
}

const MUSLIM_596: Source = hadith(Collection::SahihMuslim, 596);
const MUSLIM_2137: Source = hadith(Collection::SahihMuslim, 2137);

const SAYYID_AL_ISTIGHFAR: Dhikr = Dhikr {
    id: "sayyid_al_istighfar",
    arabic: "اللَّهُمَّ أَنْتَ رَبِّي، لاَ إِلَهَ إِلاَّ أَنْتَ، خَلَقْتَنِي وَأَنَا عَبْدُكَ، وَأَنَا عَلَى عَهْدِكَ وَوَعْدِكَ مَا اسْتَطَعْتُ، أَعُوذُ بِكَ مِنْ شَرِّ مَا صَنَعْتُ، أَبُوءُ لَكَ بِنِعْمَتِكَ عَلَىَّ وَأَبُوءُ لَكَ بِذَنْبِي، فَاغْفِرْ لِي، فَإِنَّهُ لاَ يَغْفِرُ الذُّنُوبَ إِلاَّ أَنْتَ",
    transliteration: "Allahumma anta rabbi, la ilaha illa anta, khalaqtani wa ana 'abduk, wa ana 'ala 'ahdika wa wa'dika mastata't, a'udhu bika min sharri ma sana't, abu'u laka bi-ni'matika 'alayya wa abu'u laka bi-dhanbi, faghfir li, fa-innahu la yaghfiru adh-dhunuba illa ant",
    meaning: "O Allah, You are my Lord; there is no god but You. You created me and I am Your servant, and I keep Your covenant and promise as far as I can. I seek refuge in You from the evil of what I have done. I acknowledge Your favour upon me and I acknowledge my sin, so forgive me, for none forgives sins but You.",
    count: 1,
    source: hadith(Collection::SahihAlBukhari, 6306),
    wording: None,
};

const BISMILLAH_ALLADHI: Dhikr = Dhikr {
    id: "bismillah_alladhi_la_yadurru",
    arabic: "بِسْمِ اللَّهِ الَّذِي لاَ يَضُرُّ مَعَ اسْمِهِ شَىْءٌ فِي الأَرْضِ وَلاَ فِي السَّمَاءِ وَهُوَ السَّمِيعُ الْعَلِيمُ",
    transliteration: "Bismillahi alladhi la yadurru ma'a ismihi shay'un fil-ardi wa la fis-sama'i wa huwas-sami'ul-'alim",
    meaning: "In the name of Allah, with whose name nothing on earth or in heaven can cause harm, and He is the All-Hearing, the All-Knowing.",
    count: 3,
    source: hadith(Collection::SunanAbiDawud, 5088),
    wording: None,
};

const SUBHANALLAH_WA_BIHAMDIH: Dhikr = Dhikr {
    id: "subhanallah_wa_bihamdih",
    arabic: "سُبْحَانَ اللَّهِ وَبِحَمْدِهِ",
    transliteration: "Subhanallahi wa bihamdih",
    meaning: "Glory be to Allah, and praise be to Him.",
    count: 100,
    source: hadith(Collection::SahihMuslim, 2692),
    wording: None,
};

const AFTER_PRAYER: [Dhikr; 3] = [
    Dhikr {
        id: "subhanallah",
        arabic: "سُبْحَانَ اللَّهِ",
        transliteration: "SubhanAllah",
        meaning: "Glory be to Allah.",
        count: 33,
        source: MUSLIM_596,
        wording: Some(MUSLIM_2137),
    },
    Dhikr {
        id: "alhamdulillah",
        arabic: "الْحَمْدُ لِلَّهِ",
        transliteration: "Alhamdulillah",
        meaning: "Praise be to Allah.",
        count: 33,
        source: MUSLIM_596,
        wording: Some(MUSLIM_2137),
    },
    Dhikr {
        id: "allahu_akbar",
        arabic: "اللَّهُ أَكْبَرُ",
        transliteration: "Allahu akbar",
        meaning: "Allah is the Greatest.",
        count: 34,
        source: MUSLIM_596,
        wording: Some(MUSLIM_2137),
    },
];

const MORNING: [Dhikr; 4] = [
    SAYYID_AL_ISTIGHFAR,
    Dhikr {
        id: "allahumma_bika_asbahna",
        arabic: "اللَّهُمَّ بِكَ أَصْبَحْنَا وَبِكَ أَمْسَيْنَا وَبِكَ نَحْيَا وَبِكَ نَمُوتُ وَإِلَيْكَ النُّشُورُ",
        transliteration: "Allahumma bika asbahna wa bika amsayna wa bika nahya wa bika namutu wa ilaykan-nushur",
        meaning: "O Allah, by You we enter the morning and by You we enter the evening, by You we live and by You we die, and to You is the resurrection.",
        count: 1,
        source: hadith(Collection::SunanAbiDawud, 5068),
        wording: None,
    },
    BISMILLAH_ALLADHI,
    SUBHANALLAH_WA_BIHAMDIH,
];

const EVENING: [Dhikr; 5] = [
    SAYYID_AL_ISTIGHFAR,
    Dhikr {
        id: "allahumma_bika_amsayna",
        arabic: "اللَّهُمَّ بِكَ أَمْسَيْنَا وَبِكَ نَحْيَا وَبِكَ نَمُوتُ وَإِلَيْكَ النُّشُورُ",
        transliteration: "Allahumma bika amsayna wa bika nahya wa bika namutu wa ilaykan-nushur",
        meaning: "O Allah, by You we enter the evening, by You we live and by You we die, and to You is the resurrection.",
        count: 1,
        source: hadith(Collection::SunanAbiDawud, 5068),
        wording: None,
    },
    BISMILLAH_ALLADHI,
    Dhikr {
        id: "audhu_bi_kalimatillah",
        arabic: "أَعُوذُ بِكَلِمَاتِ اللَّهِ التَّامَّاتِ مِنْ شَرِّ مَا خَلَقَ",
        transliteration: "A'udhu bi-kalimatillahit-tammati min sharri ma khalaq",
        meaning: "I seek refuge in the perfect words of Allah from the evil of what He has created.",
        count: 1,
        source: hadith(Collection::SahihMuslim, 2709),
        wording: None,
    },
    SUBHANALLAH_WA_BIHAMDIH,
];

/// The adhkar of an occasion, in the order they are said.
pub fn adhkar(occasion: Occasion) -> &'static [Dhikr] {
    match occasion {
        Occasion::AfterPrayer => &AFTER_PRAYER,
        Occasion::Morning => &MORNING,
        Occasion::Evening => &EVENING,
    }
}

/// The dhikr with this id.
pub fn find(id: &str) -> Option<&'static Dhikr> {
    Occasion::ALL
        .into_iter()
        .flat_map(adhkar)
        .find(|dhikr| dhikr.id == id)
}

/// Where the reader is in an occasion's list: which dhikr and how many
/// times it has been said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counter {
    pub occasion: Occasion,
    /// Index into [`adhkar`] of the occasion.
    pub index: usize,
    pub count: u32,
}

/// What one tap did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tap {
    /// Counted; the target is not reached yet.
    Counted,
    /// This tap reached the dhikr's target; the counter moved to the next
    /// dhikr of the list.
    TargetReached,
    /// This tap reached the last dhikr's target: the list is done.
    Finished,
    /// The list was already done: nothing counted.
    AlreadyDone,
}

impl Counter {
    /// A counter at the start of an occasion's list.
    pub fn new(occasion: Occasion) -> Counter {
        Counter {
            occasion,
            index: 0,
            count: 0,
        }
    }

    /// The dhikr being counted, `None` once the list is done.
    pub fn current(&self) -> Option<&'static Dhikr> {
        adhkar(self.occasion).get(self.index)
    }

    pub fn is_done(&self) -> bool {
        self.current().is_none()
    }

    /// One more saying of the current dhikr.
    pub fn tap(&mut self) -> Tap {
        let Some(dhikr) = self.current() else {
            return Tap::AlreadyDone;
        };
        self.count += 1;
        if self.count < dhikr.count {
            return Tap::Counted;
        }
        self.index += 1;
        self.count = 0;
        if self.is_done() {
            Tap::Finished
        } else {
            Tap::TargetReached
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collections_name_is_its_wire_name() {
        for collection in Collection::ALL {
            assert_eq!(
                serde_json::to_value(collection).ok(),
                Some(serde_json::Value::from(collection.as_str()))
            );
        }
    }

    #[test]
    fn the_tasbih_after_prayer_is_33_33_34_and_makes_a_hundred() {
        let counts: Vec<u32> = adhkar(Occasion::AfterPrayer)
            .iter()
            .map(|d| d.count)
            .collect();
        assert_eq!(counts, [33, 33, 34]);
        assert_eq!(
            adhkar(Occasion::AfterPrayer)[0].source.to_string(),
            "Sahih Muslim 596"
        );
    }

    #[test]
    fn every_dhikr_is_arabic_with_a_count_a_source_and_a_unique_id() {
        let mut ids = Vec::new();
        for occasion in Occasion::ALL {
            for dhikr in adhkar(occasion) {
                assert!(dhikr.count > 0, "{}", dhikr.id);
                assert!(
                    dhikr
                        .arabic
                        .chars()
                        .all(|c| c == ' ' || c == '،' || crate::arabic::is_arabic_script(c)),
                    "{}: the Arabic holds only Arabic script",
                    dhikr.arabic
                );
                assert!(!dhikr.transliteration.is_empty() && !dhikr.meaning.is_empty());
                assert_eq!(find(dhikr.id), Some(dhikr));
                ids.push(dhikr.id);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        let distinct = ids.len();
        assert_eq!(
            distinct, 9,
            "shared adhkar appear in both lists under one id"
        );
    }

    #[test]
    fn the_counter_moves_on_at_each_target_and_stops_at_the_end() {
        let mut counter = Counter::new(Occasion::AfterPrayer);
        for _ in 0..32 {
            assert_eq!(counter.tap(), Tap::Counted);
        }
        assert_eq!(counter.tap(), Tap::TargetReached, "the 33rd SubhanAllah");
        assert_eq!(counter.current().map(|d| d.id), Some("alhamdulillah"));
        for _ in 0..33 {
            counter.tap();
        }
        for _ in 0..33 {
            assert_eq!(counter.tap(), Tap::Counted);
        }
        assert_eq!(
            counter.tap(),
            Tap::Finished,
            "the 34th Allahu akbar ends the tasbih"
        );
        assert!(counter.is_done());
        assert_eq!(counter.tap(), Tap::AlreadyDone);
    }
}
