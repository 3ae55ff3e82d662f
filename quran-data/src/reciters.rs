//! The reciter catalogue: well-known reciters whose recitation is published
//! verse by verse in the common public layout
//! `{base}/{directory}/{SSSAAA}.mp3` (`001001.mp3` is 1:1), as on
//! everyayah.com and its mirrors. The audio itself is not bundled: the app
//! downloads it from the base URL the user chooses.

use companion_core::AyahRef;
use serde::Serialize;

/// The well-known public host of the per-ayah layout.
pub const DEFAULT_AUDIO_BASE_URL: &str = "https://everyayah.com/data";

/// One reciter and where their per-ayah files live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reciter {
    /// Stable id, used in settings and the cache.
    pub id: &'static str,
    pub name_en: &'static str,
    pub name_ar: &'static str,
    /// `murattal` (measured), `mujawwad` (melodic) or `muallim` (teaching).
    pub style: &'static str,
    /// Bit rate of the published files, in kbit/s.
    pub bitrate_kbps: u16,
    /// The reciter's directory under the base URL.
    pub directory: &'static str,
}

impl Reciter {
    /// The URL of one ayah's file under `base` (no trailing slash needed).
    pub fn ayah_url(&self, base: &str, ayah: AyahRef) -> String {
        format!(
            "{}/{}/{}",
            base.trim_end_matches('/'),
            self.directory,
            ayah_file_name(ayah)
        )
    }
}

/// `SSSAAA.mp3`: the file name of an ayah in the per-ayah layout.
pub fn ayah_file_name(ayah: AyahRef) -> String {
    format!("{:03}{:03}.mp3", ayah.surah(), ayah.ayah())
}

const fn r(
    id: &'static str,
    name_en: &'static str,
    name_ar: &'static str,
    style: &'static str,
    bitrate_kbps: u16,
    directory: &'static str,
) -> Reciter {
    Reciter {
        id,
        name_en,
        name_ar,
        style,
        bitrate_kbps,
        directory,
    }
}

const RECITERS: &[Reciter] = &[
    r(
        "alafasy",
        "Mishary Rashid Alafasy",
        "مشاري راشد العفاسي",
        "murattal",
        128,
        "Alafasy_128kbps",
    ),
    r(
        "abdul-basit-murattal",
        "Abdul Basit Abdus Samad",
        "عبد الباسط عبد الصمد",
        "murattal",
        192,
        "Abdul_Basit_Murattal_192kbps",
    ),
    r(
        "abdul-basit-mujawwad",
        "Abdul Basit Abdus Samad",
        "عبد الباسط عبد الصمد",
        "mujawwad",
        128,
        "Abdul_Basit_Mujawwad_128kbps",
    ),
    r(
        "sudais",
        "Abdur-Rahman as-Sudais",
        "عبد الرحمن السديس",
        "murattal",
        192,
        "Abdurrahmaan_As-Sudais_192kbps",
    ),
    r(
        "husary",
        "Mahmoud Khalil al-Husary",
        "محمود خليل الحصري",
        "murattal",
        128,
        "Husary_128kbps",
    ),
    r(
        "husary-mujawwad",
        "Mahmoud Khalil al-Husary",
        "محمود خليل الحصري",
        "mujawwad",
        128,
        "Husary_128kbps_Mujawwad",
    ),
    r(
        "husary-muallim",
        "Mahmoud Khalil al-Husary (teaching)",
        "محمود خليل الحصري (المعلم)",
        "muallim",
        128,
        "Husary_Muallim_128kbps",
    ),
    r(
        "minshawi-murattal",
        "Mohamed Siddiq al-Minshawi",
        "محمد صديق المنشاوي",
        "murattal",
        128,
        "Minshawy_Murattal_128kbps",
    ),
    r(
        "shuraim",
        "Saud ash-Shuraim",
        "سعود الشريم",
        "murattal",
        128,
        "Saood_ash-Shuraym_128kbps",
    ),
    r(
        "muaiqly",
        "Maher al-Muaiqly",
        "ماهر المعيقلي",
        "murattal",
        64,
        "Maher_AlMuaiqly_64kbps",
    ),
    r(
        "ghamdi",
        "Saad al-Ghamdi",
        "سعد الغامدي",
        "murattal",
        40,
        "Ghamadi_40kbps",
    ),
    r(
        "hudhaify",
        "Ali al-Hudhaify",
        "علي الحذيفي",
        "murattal",
        128,
        "Hudhaify_128kbps",
    ),
    r(
        "shatri",
        "Abu Bakr ash-Shatri",
        "أبو بكر الشاطري",
        "murattal",
        128,
        "Abu_Bakr_Ash-Shaatree_128kbps",
    ),
    r(
        "basfar",
        "Abdullah Basfar",
        "عبد الله بصفر",
        "murattal",
        192,
        "Abdullah_Basfar_192kbps",
    ),
    r(
        "dosari",
        "Yasser ad-Dosari",
        "ياسر الدوسري",
        "murattal",
        128,
        "Yasser_Ad-Dussary_128kbps",
    ),
    r(
        "rifai",
        "Hani ar-Rifai",
        "هاني الرفاعي",
        "murattal",
        192,
        "Hani_Rifai_192kbps",
    ),
    r(
        "ayyub",
        "Muhammad Ayyub",
        "محمد أيوب",
        "murattal",
        128,
        "Muhammad_Ayyoub_128kbps",
    ),
];

/// Every reciter in the catalogue; the first is the default.
pub fn reciters() -> &'static [Reciter] {
    RECITERS
}

/// A reciter by id.
pub fn reciter(id: &str) -> Option<&'static Reciter> {
    RECITERS.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_has_at_least_ten_distinct_reciters_with_both_names() {
        let all = reciters();
        assert!(all.len() >= 10);
        let mut ids: Vec<_> = all.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len(), "ids are unique");
        for r in all {
            assert!(
                !r.name_en.is_empty()
                    && r.name_ar
                        .chars()
                        .any(|c| ('\u{600}'..='\u{6ff}').contains(&c))
            );
            assert!(
                matches!(r.style, "murattal" | "mujawwad" | "muallim"),
                "{}",
                r.id
            );
            assert!(
                r.directory.ends_with("kbps") || r.directory.contains("kbps_"),
                "{}",
                r.directory
            );
        }
    }

    #[test]
    fn urls_follow_the_per_ayah_layout() {
        let alafasy = reciter("alafasy").unwrap();
        let url = alafasy.ayah_url(
            "https://mirror.example/quran/",
            AyahRef::new(2, 255).unwrap(),
        );
        assert_eq!(
            url,
            "https://mirror.example/quran/Alafasy_128kbps/002255.mp3"
        );
        assert_eq!(ayah_file_name(AyahRef::new(1, 1).unwrap()), "001001.mp3");
        assert!(reciter("nobody").is_none());
    }
}
