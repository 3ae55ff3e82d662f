//! UI strings through Fluent. Components never hard-code user-facing text:
//! they ask `I18n` for a message by id. English ships now; Arabic (right to
//! left) is a second `.ftl` file, not a rewrite.

use std::rc::Rc;

use companion_core::wire::UiLanguage;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::langid;
use yew::prelude::*;

const EN_FTL: &str = include_str!("../locales/en.ftl");
const AR_FTL: &str = include_str!("../locales/ar.ftl");

/// A loaded message bundle, shared through a Yew context.
#[derive(Clone)]
pub struct I18n {
    bundle: Rc<FluentBundle<FluentResource>>,
    language: UiLanguage,
}

impl PartialEq for I18n {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.bundle, &other.bundle)
    }
}

impl I18n {
    /// The English bundle.
    pub fn english() -> Self {
        Self::new(UiLanguage::En)
    }

    /// The bundle for a UI language. The files are part of the binary, so a
    /// syntax error in one is caught by the tests, not by users; a resource
    /// with errors still loads every message that parsed.
    pub fn new(language: UiLanguage) -> Self {
        let (source, id) = match language {
            UiLanguage::En => (EN_FTL, langid!("en")),
            UiLanguage::Ar => (AR_FTL, langid!("ar")),
        };
        let resource =
            FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
        let mut bundle = FluentBundle::new(vec![id]);
        // Isolation marks would surround every argument with invisible bidi
        // characters; arguments here are numbers, references and names.
        bundle.set_use_isolating(false);
        if language == UiLanguage::Ar {
            bundle.set_formatter(Some(arabic_numbers));
        }
        let _ = bundle.add_resource(resource);
        Self {
            bundle: Rc::new(bundle),
            language,
        }
    }

    /// How to show an error from the app, by its `code`: in English the
    /// app's own sentence (it names the exact limit, ayah or file), in
    /// other languages the `error-{code}` message. The app's sentence is
    /// the fallback for a code a language lacks (a test keeps that from
    /// happening), and the message the fallback for an empty sentence.
    /// Every error the UI shows goes through here.
    pub fn error(&self, error: &companion_core::wire::CommandError) -> String {
        let id = format!("error-{}", error.code);
        let own_sentence = self.language == UiLanguage::En && !error.message.is_empty();
        if !own_sentence && self.bundle.has_message(&id) {
            self.t(&id)
        } else {
            error.message.clone()
        }
    }

    /// A count as people of this language write it: `3,230` in English,
    /// `٣٬٢٣٠` (Arabic-Indic digits, Arabic thousands separator) in Arabic.
    pub fn count(&self, n: u64) -> String {
        self.language.count(n)
    }

    /// A day as people write it: "12 March 2026", "١٢ مارس ٢٠٢٦".
    pub fn date(&self, day: companion_core::habit::Day) -> String {
        let (year, month, date) = day.civil();
        self.t_args(
            "date",
            &[
                ("day", self.digits(u64::from(date)).into()),
                ("month", self.t(&format!("month-{month}")).into()),
                ("year", self.digits(year.unsigned_abs().into()).into()),
            ],
        )
    }

    /// A number below 100 as two digits ("05"), in the language's digits.
    pub fn two_digits(&self, n: u64) -> String {
        let digits = self.digits(n);
        if n < 10 {
            format!("{}{digits}", self.digits(0))
        } else {
            digits
        }
    }

    /// The language of the text.
    pub fn language(&self) -> UiLanguage {
        self.language
    }

    /// A number in the language's digits, without grouping.
    pub fn digits(&self, n: u64) -> String {
        self.language.digits(n)
    }

    /// The message `id`, or the id itself when it is missing.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with arguments.
    pub fn t_args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(id, Some(&fluent_args))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }

    /// Whether a message exists (for tests).
    #[cfg(test)]
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }
}

/// Numbers a message formats itself (`{ $minutes }`), in Arabic-Indic
/// digits; plural rules still see the number.
fn arabic_numbers<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(number) => Some(UiLanguage::Ar.localize_digits(&number.as_string())),
        _ => None,
    }
}

/// The bundle from context (English when no provider is mounted).
#[hook]
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(I18n::english)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_in_each_language() {
        assert_eq!(I18n::english().count(3230), "3,230");
        assert_eq!(I18n::english().count(999), "999");
        assert_eq!(I18n::english().count(1_000_000), "1,000,000");
        assert_eq!(I18n::new(UiLanguage::Ar).count(1390), "١٬٣٩٠");
    }

    #[test]
    fn dates_are_written_as_people_write_them() {
        let day = companion_core::habit::Day::from_civil(2026, 3, 12).unwrap();
        assert_eq!(I18n::english().date(day), "12 March 2026");
        assert_eq!(I18n::new(UiLanguage::Ar).date(day), "١٢ مارس ٢٠٢٦");
    }

    #[test]
    fn both_bundles_parse_without_errors() {
        FluentResource::try_new(EN_FTL.to_owned()).expect("en.ftl has no syntax errors");
        FluentResource::try_new(AR_FTL.to_owned()).expect("ar.ftl has no syntax errors");
    }

    /// The Arabic UI is a translation: every English message has one.
    #[test]
    fn arabic_has_every_message_english_has() {
        let arabic = I18n::new(UiLanguage::Ar);
        let english = FluentResource::try_new(EN_FTL.to_owned()).unwrap();
        let missing: Vec<String> = english
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .filter(|id| !arabic.has(id))
            .collect();
        assert!(missing.is_empty(), "ar.ftl lacks: {missing:?}");
    }

    #[test]
    fn errors_are_shown_in_the_interface_language() {
        let error = companion_core::wire::CommandError::new(
            "surah_out_of_range",
            "Surah 115 does not exist: surahs are numbered 1 to 114.",
        );
        assert_eq!(
            I18n::english().error(&error),
            error.message,
            "English keeps the exact sentence"
        );
        let arabic = I18n::new(UiLanguage::Ar).error(&error);
        assert!(
            arabic.contains("114") && arabic.contains("السور"),
            "{arabic}"
        );
        let unknown = companion_core::wire::CommandError::new("something_new", "Something new.");
        assert_eq!(I18n::new(UiLanguage::Ar).error(&unknown), "Something new.");
    }

    /// Every code the domain rules, the app, the recitation engine and the
    /// bridge can send has a message in every language, so no screen shows
    /// an English sentence in the Arabic UI.
    #[test]
    fn every_error_code_has_a_message_in_every_language() {
        let codes = error_codes();
        assert!(
            codes.len() > 20 && codes.contains("no_audio_device"),
            "the scan found the codes: {codes:?}"
        );
        for language in [UiLanguage::En, UiLanguage::Ar] {
            let i18n = I18n::new(language);
            let missing: Vec<&String> = codes
                .iter()
                .filter(|code| !i18n.has(&format!("error-{code}")))
                .collect();
            assert!(missing.is_empty(), "{language:?} lacks: {missing:?}");
        }
    }

    #[test]
    fn audio_and_download_errors_are_shown_in_arabic() {
        let arabic = I18n::new(UiLanguage::Ar);
        for code in ["no_audio_device", "offline", "download_failed"] {
            let error = companion_core::wire::CommandError::new(code, "An English sentence.");
            let shown = arabic.error(&error);
            assert!(
                shown != error.message && !shown.is_empty(),
                "{code} is translated: {shown}"
            );
        }
        let silent = companion_core::wire::CommandError::new("offline", "");
        assert!(
            !I18n::english().error(&silent).is_empty(),
            "an error without a sentence still says something in English"
        );
    }

    /// The codes in the `code()` functions of the crates whose errors
    /// reach the UI, the ones the bridge makes, and `download_failed`,
    /// which the UI gives a download's failure (it arrives without a code).
    fn error_codes() -> std::collections::BTreeSet<String> {
        let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let read = |path: std::path::PathBuf| {
            std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{} is readable: {e}", path.display()))
        };
        let mut codes = std::collections::BTreeSet::from(["download_failed".to_owned()]);
        for file in [
            "core/src/error.rs",
            "src-tauri/src/error.rs",
            "audio/src/lib.rs",
        ] {
            codes.extend(quoted_after(&read(ui.join("..").join(file)), "=> \""));
        }
        codes.extend(quoted_after(
            &read(ui.join("src/services/bridge.rs")),
            "CommandError::new(\"",
        ));
        codes
    }

    /// The snake_case strings that follow `marker`.
    fn quoted_after(source: &str, marker: &str) -> Vec<String> {
        source
            .split(marker)
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn arabic_plurals_follow_arabic_rules() {
        let arabic = I18n::new(UiLanguage::Ar);
        assert_eq!(
            arabic.t_args("search-results", &[("total", 2.into())]),
            "وُجدت آيتان"
        );
        assert_eq!(
            arabic.t_args("search-results", &[("total", 5.into())]),
            "وُجدت ٥ آيات"
        );
        assert_eq!(
            arabic.t_args("search-results", &[("total", 48.into())]),
            "وُجدت ٤٨ آية"
        );
    }

    #[test]
    fn plurals_and_arguments_are_formatted() {
        let i18n = I18n::english();
        assert_eq!(
            i18n.t_args("search-results", &[("total", 1.into())]),
            "1 ayah found"
        );
        assert_eq!(
            i18n.t_args("search-results", &[("total", 12.into())]),
            "12 ayahs found"
        );
        assert_eq!(
            i18n.t_args("reader-ayah-label", &[("reference", "2:255".into())]),
            "Ayah 2:255"
        );
    }

    /// Every message id the code asks for must exist in en.ftl, or the user
    /// would see a raw id.
    #[test]
    fn every_message_id_used_in_the_code_exists() {
        let i18n = I18n::english();
        let mut missing = Vec::new();
        let mut checked = 0;
        for (path, source) in sources() {
            for id in message_ids(&source) {
                checked += 1;
                if !i18n.has(&id) {
                    missing.push(format!("{path}: {id}"));
                }
            }
        }
        assert!(
            checked > 50,
            "the scan found the UI's message ids ({checked})"
        );
        assert!(missing.is_empty(), "ids missing from en.ftl: {missing:?}");
    }

    fn sources() -> Vec<(String, String)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push((
                        path.display().to_string(),
                        std::fs::read_to_string(&path).unwrap(),
                    ));
                }
            }
        }
        let mut out = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut out,
        );
        out
    }

    /// Ids passed as the first literal to `.t(` or `.t_args(`.
    fn message_ids(source: &str) -> Vec<String> {
        let mut ids = Vec::new();
        for marker in [".t(\"", ".t_args(\""] {
            let mut rest = source;
            while let Some(at) = rest.find(marker) {
                rest = &rest[at + marker.len()..];
                if let Some(end) = rest.find('"') {
                    ids.push(rest[..end].to_owned());
                }
            }
        }
        ids
    }
}
