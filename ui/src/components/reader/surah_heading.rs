//! The name of a surah where it begins, with the basmala when it has one.

use companion_core::wire::SurahHeading;
use yew::prelude::*;

use crate::i18n::use_i18n;
use crate::pages::surahs::revelation_label;

#[derive(Properties, PartialEq)]
pub struct SurahHeadingProps {
    pub heading: SurahHeading,
    /// Plays the surah (its number).
    pub on_play: Callback<u16>,
}

#[component]
pub fn SurahHeadingView(props: &SurahHeadingProps) -> Html {
    let i18n = use_i18n();
    let s = &props.heading.surah;
    html! {
        <header class="surah-heading">
            <div class="name" lang="ar" dir="rtl">{ &s.name_arabic }</div>
            <div class="meta">
                <strong><bdi>{ format!("{}. {}", s.number, s.transliteration) }</bdi></strong>{ " · " }
                { i18n.t_args("reader-meta", &[
                    ("meaning", s.meaning.clone().into()),
                    ("revelation", revelation_label(&i18n, s.revelation).into()),
                    ("ayahs", s.ayah_count.into()),
                ]) }
            </div>
            <button class="button play-surah" id={format!("play-surah-{}", s.number)}
                onclick={props.on_play.reform({ let n = s.number; move |_: MouseEvent| n })}>
                { "▶ " }{ i18n.t("audio-play-surah") }
            </button>
            if let Some(basmala) = &props.heading.basmala {
                <p class="arabic basmala" lang="ar" dir="rtl">{ basmala }</p>
            }
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::wire::{Revelation, SurahSummary};

    #[tokio::test]
    async fn a_surah_heading_shows_the_basmala_only_when_given() {
        let surah = SurahSummary {
            number: 9,
            name_arabic: "التوبة".into(),
            transliteration: "At-Tawbah".into(),
            meaning: "The Repentance".into(),
            revelation: Revelation::Medinan,
            ayah_count: 129,
            first_page: 187,
        };
        let heading = SurahHeading {
            surah: surah.clone(),
            basmala: None,
        };
        let html = yew::ServerRenderer::<SurahHeadingView>::with_props(move || SurahHeadingProps {
            heading,
            on_play: Callback::noop(),
        })
        .render()
        .await;
        assert!(html.contains("At-Tawbah") && html.contains("129 ayahs"));
        assert!(
            !html.contains("basmala"),
            "no basmala before surah 9: {html}"
        );
        let heading = SurahHeading {
            surah,
            basmala: Some("بِسۡمِ ٱللَّهِ".into()),
        };
        let html = yew::ServerRenderer::<SurahHeadingView>::with_props(move || SurahHeadingProps {
            heading,
            on_play: Callback::noop(),
        })
        .render()
        .await;
        assert!(html.contains("basmala") && html.contains("بِسۡمِ ٱللَّهِ"));
    }
}
