//! Values the unit tests share.

use companion_core::wire::{AyahView, Revelation, SurahSummary};
use companion_core::AyahRef;

/// An ayah with Al-Fatihah's second ayah as its text and translation, no
/// markers and no heading.
pub fn ayah(surah: u16, n: u16) -> AyahView {
    AyahView {
        reference: AyahRef::new(surah, n).expect("tests name ayahs that exist"),
        text: "ٱلۡحَمۡدُ لِلَّهِ رَبِّ ٱلۡعَٰلَمِينَ".into(),
        translation: Some("[All] praise is [due] to Allah, Lord of the worlds".into()),
        transliteration: None,
        juz: 1,
        page: 1,
        juz_start: None,
        quarter_start: None,
        sajdah: false,
        heading: None,
    }
}

/// Al-Baqarah as the surah list describes it.
pub fn al_baqarah() -> SurahSummary {
    SurahSummary {
        number: 2,
        name_arabic: "البقرة".into(),
        transliteration: "Al-Baqarah".into(),
        meaning: "The Cow".into(),
        revelation: Revelation::Medinan,
        ayah_count: 286,
        first_page: 2,
    }
}

/// Props of [`Providers`].
#[derive(yew::Properties, PartialEq)]
pub struct ProvidersProps {
    pub language: companion_core::wire::UiLanguage,
    pub children: yew::Html,
}

/// The app's contexts (state and strings in `language`) around
/// `children`, for rendering a component that uses them.
#[yew::component]
pub fn Providers(props: &ProvidersProps) -> yew::Html {
    use crate::i18n::I18n;
    use crate::state::{AppContext, AppState};
    use yew::prelude::*;
    let state = use_reducer(AppState::default);
    html! {
        <ContextProvider<I18n> context={I18n::new(props.language)}>
            <ContextProvider<AppContext> context={state}>
                { props.children.clone() }
            </ContextProvider<AppContext>>
        </ContextProvider<I18n>>
    }
}
