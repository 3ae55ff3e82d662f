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
