//! Requests and responses exchanged between the UI and the app's commands.
//!
//! Every Tauri command takes one `request` argument and returns one of these
//! types, so the UI (wasm32) and the app (native) agree on the shape at
//! compile time. Nothing here does I/O or knows about SQLite or the webview.

mod account;
mod chat;
mod daily;
mod dhikr;
mod feed;
mod focus;
mod friends;
mod group_khatmah;
mod inbox;
mod notice;
mod progress;
mod recitation;
mod together;

use serde::{Deserialize, Serialize};

pub use self::account::*;
pub use self::chat::*;
pub use self::daily::*;
pub use self::dhikr::*;
pub use self::feed::*;
pub use self::focus::*;
pub use self::friends::*;
pub use self::group_khatmah::*;
pub use self::inbox::*;
pub use self::notice::*;
pub use self::progress::*;
pub use self::recitation::*;
pub use self::together::*;
use crate::daily::reminder::ReminderSettings;
use crate::habit::settings::HabitSettings;
use crate::reference::AyahRef;

/// An error as the UI sees it: a stable `code` to switch on and a message
/// written for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandError {
    /// Stable snake_case identifier, e.g. `invalid_reference`.
    pub code: String,
    /// A sentence the UI may show as it is.
    pub message: String,
}

impl CommandError {
    /// Builds an error from a code and a message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl From<crate::Error> for CommandError {
    fn from(error: crate::Error) -> Self {
        Self::new(error.code(), error.to_string())
    }
}

/// Where a surah was revealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Revelation {
    /// Revealed in Makkah.
    Meccan,
    /// Revealed in Madinah.
    Medinan,
}

/// One row of the surah index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurahSummary {
    /// 1 to 114.
    pub number: u16,
    /// The Arabic name as the text source writes it.
    pub name_arabic: String,
    /// Latin transliteration, e.g. `Al-Fatihah`.
    pub transliteration: String,
    /// English meaning of the name, e.g. `The Opener`.
    pub meaning: String,
    /// Meccan or Medinan.
    pub revelation: Revelation,
    /// Number of ayahs.
    pub ayah_count: u16,
    /// Madani page on which the surah starts.
    pub first_page: u16,
}

/// A juz, hizb quarter or page: a numbered run of ayahs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartSummary {
    /// The part's own number (juz 1–30, quarter 1–240, page 1–604).
    pub number: u16,
    /// First ayah of the part.
    pub first: AyahRef,
    /// Last ayah of the part.
    pub last: AyahRef,
    /// Transliterated name of the surah the part starts in.
    pub first_surah: String,
}

/// What to show in the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ViewTarget {
    /// A whole surah.
    Surah(u16),
    /// A juz (1–30).
    Juz(u16),
    /// A hizb quarter (1–240).
    HizbQuarter(u16),
    /// A Madani page (1–604): page mode.
    Page(u16),
}

/// Which texts the reader shows under each ayah.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextOptions {
    /// Show a translation.
    pub show_translation: bool,
    /// Which bundled translation, by language code.
    pub translation: String,
    /// Show the Latin transliteration.
    pub show_transliteration: bool,
}

/// A request to open the reader. The UI sends the text options it shows,
/// so the answer never depends on whether a settings save has landed yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenViewRequest {
    /// What to open.
    pub target: ViewTarget,
    /// Which texts to include.
    pub options: TextOptions,
}

/// Where a typed reference leads: the view to open and the ayah to scroll to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoToTarget {
    /// The view that contains the reference.
    pub target: ViewTarget,
    /// The first ayah of the reference.
    pub focus: AyahRef,
    /// The last ayah of the reference (equal to `focus` for one ayah).
    pub last: AyahRef,
}

/// A surah heading shown where a surah begins inside a view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurahHeading {
    /// The surah that starts here.
    pub surah: SurahSummary,
    /// The basmala to show above it, `None` for surah 1 (where it is ayah 1)
    /// and surah 9 (which has none).
    pub basmala: Option<String>,
}

/// One ayah as the reader shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AyahView {
    /// Surah and ayah number.
    pub reference: AyahRef,
    /// The Uthmani text exactly as the source ships it.
    pub text: String,
    /// The chosen translation, when translations are shown.
    pub translation: Option<String>,
    /// Latin transliteration, when shown.
    pub transliteration: Option<String>,
    /// Juz this ayah is in.
    pub juz: u16,
    /// Madani page this ayah is on.
    pub page: u16,
    /// Set when a juz starts at this ayah.
    pub juz_start: Option<u16>,
    /// Set when a hizb quarter starts at this ayah (1–240).
    pub quarter_start: Option<u16>,
    /// Whether this ayah carries a sajdah (prostration).
    pub sajdah: bool,
    /// Set when a surah starts at this ayah.
    pub heading: Option<SurahHeading>,
}

/// The content of the reader.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadingView {
    /// What was opened.
    pub target: ViewTarget,
    /// The ayahs in order.
    pub ayahs: Vec<AyahView>,
    /// The previous view of the same kind, if any (page 4 → page 3).
    pub previous: Option<ViewTarget>,
    /// The next view of the same kind, if any.
    pub next: Option<ViewTarget>,
    /// Text direction of the translation shown: `ltr` or `rtl`.
    pub translation_direction: String,
}

/// A translation bundled with the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationOption {
    /// Language code, e.g. `en`.
    pub code: String,
    /// The language's English name.
    pub language: String,
    /// The language's own name.
    pub native_name: String,
    /// `ltr` or `rtl`.
    pub direction: String,
}

/// Colour theme of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Light paper.
    #[default]
    Light,
    /// Dark, for night reading.
    Dark,
    /// Warm sepia paper.
    Sepia,
}

/// The language of the app's own text (menus, buttons, messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UiLanguage {
    /// English, left to right.
    #[default]
    En,
    /// Arabic, right to left.
    Ar,
}

impl UiLanguage {
    /// BCP 47 tag for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            UiLanguage::En => "en",
            UiLanguage::Ar => "ar",
        }
    }

    /// Whether the layout runs right to left.
    pub fn is_rtl(self) -> bool {
        matches!(self, UiLanguage::Ar)
    }

    /// A number in the language's digits, without grouping: `2026`,
    /// `٢٠٢٦`.
    pub fn digits(self, n: u64) -> String {
        let zero = self.zero();
        n.to_string().chars().map(|d| shift(d, zero)).collect()
    }

    /// A count as people of this language write it: `3,230` in English,
    /// `٣٬٢٣٠` (Arabic-Indic digits, Arabic thousands separator) in Arabic.
    pub fn count(self, n: u64) -> String {
        let (separator, zero) = match self {
            UiLanguage::En => (',', self.zero()),
            UiLanguage::Ar => ('\u{066C}', self.zero()),
        };
        let digits: Vec<char> = n.to_string().chars().collect();
        let mut out = String::with_capacity(digits.len() * 3);
        for (i, d) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(shift(*d, zero));
        }
        out
    }

    /// `text` with its ASCII digits in the language's digits (numbers a
    /// message formats, such as Fluent's).
    pub fn localize_digits(self, text: &str) -> String {
        let zero = self.zero();
        text.chars().map(|c| shift(c, zero)).collect()
    }

    fn zero(self) -> char {
        match self {
            UiLanguage::En => '0',
            UiLanguage::Ar => '\u{0660}',
        }
    }
}

/// An ASCII digit moved to the digits starting at `zero`.
fn shift(digit: char, zero: char) -> char {
    digit
        .to_digit(10)
        .and_then(|v| char::from_u32(u32::from(zero) + v))
        .unwrap_or(digit)
}

/// The user's reading settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Colour theme.
    pub theme: Theme,
    /// Arabic font size in CSS pixels.
    pub arabic_font_size: u16,
    /// Show a translation under each ayah.
    pub show_translation: bool,
    /// Which bundled translation, by language code.
    pub translation: String,
    /// Show the Latin transliteration under each ayah.
    pub show_transliteration: bool,
    /// Language of the app's own text.
    pub ui_language: UiLanguage,
    /// Recitation: reciter, where audio comes from, repeats and speed.
    pub playback: PlaybackSettings,
    /// The daily minimum for the streak, the week's first day, freezes.
    pub habit: HabitSettings,
    /// Prayer times (place, method, adjustments) and the Hijri offset.
    pub daily: DailySettings,
    /// Reminders: daily reading, streak at risk, prayer alerts, quiet hours.
    pub reminders: ReminderSettings,
}

impl Settings {
    /// Smallest Arabic font size offered.
    pub const MIN_FONT_SIZE: u16 = 20;
    /// Largest Arabic font size offered.
    pub const MAX_FONT_SIZE: u16 = 72;

    /// The parts of the settings that decide which texts the reader shows.
    pub fn text_options(&self) -> TextOptions {
        TextOptions {
            show_translation: self.show_translation,
            translation: self.translation.clone(),
            show_transliteration: self.show_transliteration,
        }
    }

    /// Brings every field into its allowed range, so a hand-edited or old
    /// settings row can never break the reader.
    pub fn sanitized(mut self) -> Self {
        self.arabic_font_size = self
            .arabic_font_size
            .clamp(Self::MIN_FONT_SIZE, Self::MAX_FONT_SIZE);
        let p = &mut self.playback;
        p.repeat_each = p.repeat_each.clamp(1, 20);
        p.repeat_range = p.repeat_range.clamp(1, 20);
        p.speed = if p.speed.is_finite() {
            p.speed.clamp(0.5, 2.0)
        } else {
            1.0
        };
        p.gap = match p.gap {
            Gap::Seconds { seconds } if seconds.is_finite() => Gap::Seconds {
                seconds: seconds.clamp(0.0, 60.0),
            },
            Gap::Multiple { factor } if factor.is_finite() => Gap::Multiple {
                factor: factor.clamp(0.0, 5.0),
            },
            _ => Gap::None,
        };
        if p.base_url.trim().is_empty() {
            p.base_url = DEFAULT_AUDIO_BASE_URL.into();
        }
        self.habit = self.habit.sanitized();
        self.daily = self.daily.sanitized();
        if let Some(minutes) = &mut self.reminders.minutes_before_prayer {
            *minutes = (*minutes).clamp(1, crate::daily::reminder::MAX_MINUTES_BEFORE);
        }
        self
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: Theme::Light,
            arabic_font_size: 34,
            show_translation: true,
            translation: "en".to_owned(),
            show_transliteration: false,
            ui_language: UiLanguage::En,
            playback: PlaybackSettings::default(),
            habit: HabitSettings::default(),
            daily: DailySettings::default(),
            reminders: ReminderSettings::default(),
        }
    }
}

/// Where the user was reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The view that was open.
    pub target: ViewTarget,
    /// The ayah at the top of the screen.
    pub ayah: AyahRef,
}

/// Stores the reading position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavePositionRequest {
    /// The position to remember.
    pub position: Position,
}

/// A bookmark on an ayah.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Database id.
    pub id: i64,
    /// The ayah.
    pub reference: AyahRef,
    /// Transliterated surah name, for lists.
    pub surah_name: String,
    /// The user's note, if any.
    pub note: Option<String>,
    /// When it was made, RFC 3339 UTC.
    pub created_at: String,
}

/// Longest bookmark note accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;

/// Adds a bookmark (or updates the note of an existing one on that ayah).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddBookmarkRequest {
    /// The ayah.
    pub reference: AyahRef,
    /// Optional note.
    pub note: Option<String>,
}

/// Deletes a bookmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteBookmarkRequest {
    /// Database id.
    pub id: i64,
}

/// A search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// The text typed.
    pub query: String,
    /// Translation to search besides the Arabic (language code).
    pub translation: Option<String>,
}

/// Which text a search hit matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchField {
    /// The Arabic text.
    Arabic,
    /// The translation.
    Translation,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHitView {
    /// The ayah.
    pub reference: AyahRef,
    /// Transliterated surah name.
    pub surah_name: String,
    /// Which text matched.
    pub field: SearchField,
    /// That text, exactly.
    pub text: String,
    /// Byte ranges of `text` to highlight, on char boundaries, in order.
    pub highlights: Vec<(usize, usize)>,
}

/// Search results, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    /// The query as searched.
    pub query: String,
    /// How many ayahs matched in all.
    pub total: usize,
    /// The best of them.
    pub hits: Vec<SearchHitView>,
}

/// What the home screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeView {
    /// Where to continue, if the user has read before.
    pub last_position: Option<Position>,
    /// Name of the surah of the last position.
    pub last_surah_name: Option<String>,
    /// The ayah of the day.
    pub ayah_of_the_day: AyahView,
    /// A message about the local database to show once (e.g. it was damaged
    /// and has been recreated), if any.
    pub notice: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(UiLanguage::En.count(1_234_567), "1,234,567");
        assert_eq!(UiLanguage::Ar.count(3230), "٣٬٢٣٠");
        assert_eq!(UiLanguage::Ar.digits(2026), "٢٠٢٦");
        assert_eq!(UiLanguage::En.count(0), "0");
        assert_eq!(UiLanguage::Ar.localize_digits("20 min, 3.5"), "٢٠ min, ٣.٥");
        assert_eq!(UiLanguage::En.localize_digits("20"), "20");
    }

    #[test]
    fn playback_states_travel_as_their_lowercase_names() {
        for state in [
            PlaybackState::Idle,
            PlaybackState::Buffering,
            PlaybackState::Playing,
            PlaybackState::Paused,
        ] {
            let json = serde_json::to_string(&state).expect("serializes");
            assert_eq!(json, format!("\"{}\"", state.as_str()));
            let back: PlaybackState = serde_json::from_str(&json).expect("parses");
            assert_eq!(back, state);
        }
        assert!(!PlaybackState::Idle.is_active());
        assert!(
            PlaybackState::Paused.is_active(),
            "a paused recitation keeps its controls"
        );
    }
}
