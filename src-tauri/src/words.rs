//! The app's words outside the window (system notifications), from the
//! same Fluent messages the window uses (`ui/locales`), so a reminder
//! says the same on the desktop as in the app.

use std::sync::OnceLock;

use companion_core::wire::UiLanguage;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

const EN_FTL: &str = include_str!("../../ui/locales/en.ftl");
const AR_FTL: &str = include_str!("../../ui/locales/ar.ftl");

/// The message `id` in `language` with `args`; the id itself when the
/// message is missing (a test keeps every id the app uses present).
pub fn t(language: UiLanguage, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let bundle = bundle(language);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

fn bundle(language: UiLanguage) -> &'static FluentBundle<FluentResource> {
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static AR: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let (cell, source, tag) = match language {
        UiLanguage::En => (&EN, EN_FTL, "en"),
        UiLanguage::Ar => (&AR, AR_FTL, "ar"),
    };
    cell.get_or_init(|| {
        let resource =
            FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
        let id = tag.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // As in the window: no invisible bidi marks around arguments.
        bundle.set_use_isolating(false);
        if language == UiLanguage::Ar {
            bundle.set_formatter(Some(arabic_numbers));
        }
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// Numbers a message formats itself, in Arabic-Indic digits (as in the
/// window); plural rules still see the number.
fn arabic_numbers<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(number) => Some(UiLanguage::Ar.localize_digits(&number.as_string())),
        _ => None,
    }
}

/// Whether `id` exists in `language` (for tests).
#[cfg(test)]
pub fn has(language: UiLanguage, id: &str) -> bool {
    bundle(language).has_message(id)
}
