//! Starting recitation from the reader: from an ayah to the end of the
//! view, one ayah, a surah, or the range the user went to.

use companion_core::AyahRef;
use yew::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::state::{show_error, use_app, AppContext};

#[derive(Clone, PartialEq)]
pub struct PlayControls {
    /// From this ayah to the last of the view.
    pub from: Callback<AyahRef>,
    /// This ayah alone.
    pub one: Callback<AyahRef>,
    /// A whole surah, by number.
    pub surah: Callback<u16>,
    /// The range the user went to (`2:255-257`), when there is one, and
    /// its first ayah, which offers it.
    pub range: Option<(AyahRef, Callback<MouseEvent>)>,
}

impl PlayControls {
    /// The play-range control for this ayah, if the range starts here.
    pub fn range_at(&self, ayah: AyahRef) -> Option<Callback<MouseEvent>> {
        self.range
            .as_ref()
            .filter(|(start, _)| *start == ayah)
            .map(|(_, play)| play.clone())
    }
}

fn play(app: &AppContext, i18n: &I18n, start: AyahRef, end: AyahRef) {
    let (app, i18n) = (app.clone(), i18n.clone());
    yew::platform::spawn_local(async move {
        if let Err(error) = bridge::audio_play(start, end).await {
            show_error(&app, &i18n, &error);
        }
    });
}

/// Play controls for a view whose last ayah is `last`.
#[hook]
pub fn use_play(last: Option<AyahRef>) -> PlayControls {
    let app = use_app();
    let i18n = use_i18n();
    let from = {
        let (app, i18n) = (app.clone(), i18n.clone());
        Callback::from(move |start: AyahRef| {
            if let Some(end) = last {
                play(&app, &i18n, start, end);
            }
        })
    };
    let one = {
        let (app, i18n) = (app.clone(), i18n.clone());
        Callback::from(move |ayah: AyahRef| play(&app, &i18n, ayah, ayah))
    };
    let surah = {
        let (app, i18n) = (app.clone(), i18n.clone());
        Callback::from(move |surah: u16| {
            if let (Some(start), Some(end)) = (AyahRef::first_of(surah), AyahRef::last_of(surah)) {
                play(&app, &i18n, start, end);
            }
        })
    };
    let range = app.highlight.map(|(start, end)| {
        let (app, i18n) = (app.clone(), i18n.clone());
        (
            start,
            Callback::from(move |_: MouseEvent| play(&app, &i18n, start, end)),
        )
    });
    PlayControls {
        from,
        one,
        surah,
        range,
    }
}
