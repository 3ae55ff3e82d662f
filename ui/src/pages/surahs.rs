//! The surah index: number, Arabic name, transliteration, meaning,
//! Meccan/Medinan and ayah count, with a filter.

use companion_core::wire::{Revelation, SurahSummary, ViewTarget};
use yew::prelude::*;

use super::{load_status, use_load, Load};
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::state::{use_app, Action, Route};
use crate::text::arabic_digits;

/// Whether a surah matches the filter text (number, or any part of a name,
/// ignoring case, hyphens and apostrophes).
pub fn matches(surah: &SurahSummary, filter: &str) -> bool {
    let filter = filter.trim();
    if filter.is_empty() {
        return true;
    }
    if let Ok(number) = filter.parse::<u16>() {
        return surah.number == number;
    }
    let simplify = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = simplify(filter);
    [&surah.transliteration, &surah.meaning, &surah.name_arabic]
        .iter()
        .any(|name| simplify(name).contains(&wanted))
}

pub fn revelation_label(i18n: &I18n, revelation: Revelation) -> String {
    i18n.t(match revelation {
        Revelation::Meccan => "revelation-meccan",
        Revelation::Medinan => "revelation-medinan",
    })
}

#[derive(Properties, PartialEq)]
pub struct SurahRowProps {
    pub surah: SurahSummary,
    pub on_select: Callback<u16>,
}

#[component]
pub fn SurahRow(props: &SurahRowProps) -> Html {
    let i18n = use_i18n();
    let s = &props.surah;
    let number = s.number;
    let onclick = props.on_select.reform(move |_| number);
    html! {
        <li>
            <button class="row surah-row" id={format!("surah-{number}")} {onclick}>
                <span class="num">{ number }</span>
                <span>
                    <span class="title">{ &s.transliteration }</span>
                    <span class="meta">{ " · " }{ i18n.t_args("surah-meta", &[
                        ("meaning", s.meaning.clone().into()),
                        ("revelation", revelation_label(&i18n, s.revelation).into()),
                        ("ayahs", s.ayah_count.into()),
                    ]) }</span>
                </span>
                <span class="name-ar" lang="ar" dir="rtl">{ &s.name_arabic }
                    <span class="visually-hidden">{ arabic_digits(number) }</span></span>
            </button>
        </li>
    }
}

#[component]
pub fn SurahsPage() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let surahs = use_load(bridge::surahs);
    let filter = use_state(String::new);
    let on_select = {
        let app = app.clone();
        Callback::from(move |number: u16| {
            app.dispatch(Action::Navigate(Route::Reader {
                target: ViewTarget::Surah(number),
                focus: None,
            }))
        })
    };
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            filter.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let list = match &*surahs {
        Load::Ready(list) => {
            let shown: Vec<&SurahSummary> = list.iter().filter(|s| matches(s, &filter)).collect();
            if shown.is_empty() {
                html! { <p class="muted">{ i18n.t_args("surahs-none", &[("filter", (*filter).clone().into())]) }</p> }
            } else {
                html! {
                    <ul class="list" id="surah-list">
                        { for shown.into_iter().map(|s| html! { <SurahRow key={s.number} surah={s.clone()} on_select={on_select.clone()} /> }) }
                    </ul>
                }
            }
        }
        other => load_status(other, &i18n),
    };
    html! {
        <main class="main" id="surahs">
            <div class="page">
                <h1>{ i18n.t("surahs-title") }</h1>
                <div class="field">
                    <label class="visually-hidden" for="surah-filter">{ i18n.t("surahs-filter") }</label>
                    <input class="input" id="surah-filter" type="search" value={(*filter).clone()} {oninput}
                        placeholder={i18n.t("surahs-filter")} autocomplete="off" />
                </div>
                { list }
            </div>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_support::al_baqarah as surah;

    #[test]
    fn the_filter_takes_numbers_names_and_meanings() {
        let s = surah();
        for yes in [
            "2",
            "baqarah",
            "Al Baqarah",
            "al-baq",
            "cow",
            "البقرة",
            "  ",
        ] {
            assert!(matches(&s, yes), "{yes:?} should match");
        }
        for no in ["3", "imran", "22"] {
            assert!(!matches(&s, no), "{no:?} should not match");
        }
    }

    #[tokio::test]
    async fn a_row_shows_every_fact_of_the_index() {
        let props = SurahRowProps {
            surah: surah(),
            on_select: Callback::noop(),
        };
        let html = yew::LocalServerRenderer::<SurahRow>::with_props(props)
            .render()
            .await;
        for fact in [
            "Al-Baqarah",
            "The Cow",
            "Medinan",
            "286 ayahs",
            "البقرة",
            ">2<",
        ] {
            assert!(html.contains(fact), "row lacks {fact}: {html}");
        }
        assert!(
            html.contains(r#"dir="rtl""#) && html.contains(r#"lang="ar""#),
            "Arabic is marked right to left"
        );
    }
}
