//! The juz, hizb-quarter and sajdah markers an ayah carries, shared by the
//! verse-by-verse blocks and page mode.

use companion_core::wire::AyahView;
use yew::prelude::*;

use crate::i18n::I18n;

/// The markers of `ayah`, as inline spans.
pub fn markers(i18n: &I18n, ayah: &AyahView) -> Html {
    html! {
        <>
            if let Some(juz) = ayah.juz_start {
                <span class="marker">{ i18n.t_args("reader-juz-marker", &[("number", juz.into())]) }</span>
            }
            if let Some(quarter) = ayah.quarter_start {
                <span class="marker">{ i18n.t_args("reader-quarter-marker", &[("hizb", (quarter.saturating_sub(1) / 4 + 1).into()), ("quarter", (quarter.saturating_sub(1) % 4 + 1).into())]) }</span>
            }
            if ayah.sajdah {
                <span class="marker">{ "۩ " }{ i18n.t("reader-sajdah") }</span>
            }
        </>
    }
}
