//! Achievements: the whole catalogue, unlocked ones with their day, the
//! rest with how far along the reader is.

use companion_core::wire::AchievementView;
use yew::prelude::*;

use super::{load_status, use_load, Load};
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;

#[component]
pub fn AchievementsPage() -> Html {
    let i18n = use_i18n();
    let list = use_load(bridge::achievements);
    let body = match &*list {
        Load::Ready(list) => achievements(list, &i18n),
        other => load_status(other, &i18n),
    };
    html! {
        <main class="main" id="achievements">
            <div class="page">
                <h1>{ i18n.t("achievements-title") }</h1>
                { body }
            </div>
        </main>
    }
}

/// The catalogue (also rendered by the tests).
pub fn achievements(list: &[AchievementView], i18n: &I18n) -> Html {
    let unlocked = list.iter().filter(|a| a.unlocked_on.is_some()).count();
    html! {
        <>
            <p class="muted" id="achievements-count">{ i18n.t_args("achievements-count", &[
                ("unlocked", i18n.count(unlocked as u64).into()),
                ("total", i18n.count(list.len() as u64).into()),
            ]) }</p>
            <ul class="achievement-list">
                { for list.iter().map(|a| item(a, i18n)) }
            </ul>
        </>
    }
}

fn item(a: &AchievementView, i18n: &I18n) -> Html {
    let progress = if a.target == 0 {
        1.0
    } else {
        a.current as f64 / a.target as f64
    };
    let status = match a.unlocked_on {
        Some(day) => i18n.t_args(
            "achievements-unlocked-on",
            &[("date", i18n.date(day).into())],
        ),
        None => i18n.t_args(
            "achievements-progress",
            &[
                ("current", i18n.count(a.current).into()),
                ("target", i18n.count(a.target).into()),
            ],
        ),
    };
    html! {
        <li class={classes!("achievement", a.unlocked_on.is_some().then_some("unlocked"))}
            id={format!("achievement-{}", a.id)} data-unlocked={a.unlocked_on.map(|d| d.to_string()).unwrap_or_default()}>
            <span class="medal" aria-hidden="true">{ if a.unlocked_on.is_some() { "★" } else { "☆" } }</span>
            <div class="achievement-text">
                <strong>{ i18n.t(&format!("achievement-{}", a.id)) }</strong>
                <span class="muted small">{ i18n.t(&format!("achievement-{}-about", a.id)) }</span>
                if a.unlocked_on.is_none() {
                    <span class="meter" aria-hidden="true"><span style={format!("inline-size: {:.0}%", progress * 100.0)}></span></span>
                }
                <span class="small status">{ status }</span>
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::habit::achievement::CATALOGUE;
    use companion_core::habit::Day;
    use companion_core::wire::UiLanguage;

    #[test]
    fn every_achievement_has_a_name_and_a_description_in_both_languages() {
        for language in [UiLanguage::En, UiLanguage::Ar] {
            let i18n = I18n::new(language);
            for a in CATALOGUE {
                for id in [
                    format!("achievement-{}", a.id),
                    format!("achievement-{}-about", a.id),
                ] {
                    assert!(i18n.has(&id), "{language:?} lacks {id}");
                }
            }
        }
    }

    #[derive(Properties, PartialEq)]
    struct Props {
        list: Vec<AchievementView>,
    }

    #[component]
    fn List(props: &Props) -> Html {
        achievements(&props.list, &I18n::english())
    }

    #[tokio::test]
    async fn unlocked_ones_show_their_day_and_locked_ones_how_far_along() {
        let list = vec![
            AchievementView {
                id: "first_session".into(),
                unlocked_on: Some(Day::from_civil(2026, 6, 10).unwrap()),
                current: 1,
                target: 1,
            },
            AchievementView {
                id: "hasanat_10k".into(),
                unlocked_on: None,
                current: 1_390,
                target: 10_000,
            },
        ];
        let html = yew::LocalServerRenderer::<List>::with_props(Props { list })
            .render()
            .await;
        assert!(html.contains("1 of 2 unlocked"), "{html}");
        assert!(
            html.contains("First steps") && html.contains("Unlocked on 10 June 2026"),
            "{html}"
        );
        assert!(html.contains("1,390 of 10,000"), "{html}");
        assert!(html.contains("inline-size: 14%"), "{html}");
    }
}
