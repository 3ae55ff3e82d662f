//! Page mode: the ayahs of a page as one flowing text, broken only by
//! surah headings.

use std::rc::Rc;

use companion_core::wire::ReadingView;
use companion_core::AyahRef;
use yew::prelude::*;

use super::markers::markers;
use super::surah_heading::SurahHeadingView;
use crate::i18n::use_i18n;
use crate::text::arabic_digits;

#[derive(Properties, PartialEq)]
pub struct PageFlowProps {
    pub view: Rc<ReadingView>,
    pub focused: Option<usize>,
    /// The ayah being recited.
    pub playing: Option<AyahRef>,
    pub on_play_surah: Callback<u16>,
}

#[component]
pub fn PageFlow(props: &PageFlowProps) -> Html {
    let i18n = use_i18n();
    let mut out = Vec::new();
    let mut run: Vec<Html> = Vec::new();
    let flush = |run: &mut Vec<Html>, out: &mut Vec<Html>| {
        if !run.is_empty() {
            let spans = std::mem::take(run);
            out.push(html! { <p class="arabic" lang="ar" dir="rtl">{ for spans }</p> });
        }
    };
    for (index, ayah) in props.view.ayahs.iter().enumerate() {
        if let Some(heading) = &ayah.heading {
            flush(&mut run, &mut out);
            out.push(html! { <SurahHeadingView heading={heading.clone()} on_play={props.on_play_surah.clone()} /> });
        }
        let label = i18n.t_args(
            "reader-ayah-label",
            &[("reference", ayah.reference.to_string().into())],
        );
        let focused = props.focused == Some(index);
        let playing = props.playing == Some(ayah.reference);
        run.push(html! {
            <span class={classes!("flow-ayah", focused.then_some("focused"), playing.then_some("playing"))}
                id={format!("ayah-{index}")} data-ref={ayah.reference.to_string()} tabindex="0" aria-label={label}>
                { &ayah.text }{ " " }
                <span class="ayah-number" aria-hidden="true">{ arabic_digits(ayah.reference.ayah()) }</span>
                { markers(&i18n, ayah) }
                { " " }
            </span>
        });
    }
    flush(&mut run, &mut out);
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{al_baqarah, ayah};
    use companion_core::wire::{SurahHeading, ViewTarget};

    #[tokio::test]
    async fn a_page_flows_as_one_text_broken_only_where_a_surah_begins() {
        let mut next_surah = ayah(2, 1);
        next_surah.heading = Some(SurahHeading {
            surah: al_baqarah(),
            basmala: None,
        });
        let view = Rc::new(ReadingView {
            target: ViewTarget::Page(1),
            ayahs: vec![ayah(1, 6), ayah(1, 7), next_surah, ayah(2, 2)],
            previous: None,
            next: None,
            translation_direction: "ltr".into(),
        });
        let html = yew::LocalServerRenderer::<PageFlow>::with_props(PageFlowProps {
            view,
            focused: Some(1),
            playing: AyahRef::new(2, 2).ok(),
            on_play_surah: Callback::noop(),
        })
        .render()
        .await;
        assert_eq!(
            html.matches("</p>").count(),
            2,
            "one paragraph before the heading of surah 2 and one after: {html}"
        );
        assert!(html.contains("Al-Baqarah"), "{html}");
        assert!(
            html.contains(r#"id="ayah-1" data-ref="1:7""#)
                && html.contains(r#"aria-label="Ayah 1:7" class="flow-ayah focused""#),
            "the focused ayah is marked and found by index and reference: {html}"
        );
        assert!(
            html.contains(r#"aria-label="Ayah 2:2" class="flow-ayah playing""#),
            "the recited ayah is marked: {html}"
        );
    }
}
