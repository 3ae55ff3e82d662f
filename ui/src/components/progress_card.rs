//! Home's view of the reader's progress: today's, this week's and all
//! time's Hasanat, and the streak, with any freeze that kept it told
//! honestly, what a day needs, and excusing today or yesterday.

use companion_core::habit::goal::Measure;
use companion_core::habit::settings::DailyMinimum;
use companion_core::habit::Day;
use companion_core::wire::ProgressSummary;
use yew::prelude::*;

use crate::components::goals::Goals;
use crate::components::khatm::Khatm;
use crate::hooks::use_achievement_check::use_achievement_check;
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::state::{show_error, use_app, Action, Route};

#[component]
pub fn ProgressCard() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let summary = use_state(|| None::<ProgressSummary>);
    // Bumped when a goal changes, to load progress again.
    let version = use_state(|| 0u32);
    let check = use_achievement_check();
    {
        let summary = summary.clone();
        use_effect_with(*version, move |_| {
            yew::platform::spawn_local(async move {
                // Without a store there is nothing to show; home stays calm.
                if let Ok(loaded) = bridge::progress().await {
                    summary.set(Some(loaded));
                    // A goal met or a plan completed may unlock one.
                    check.emit(());
                }
            });
        });
    }
    let on_change = {
        let version = version.clone();
        Callback::from(move |()| version.set(version.wrapping_add(1)))
    };
    let on_excuse = {
        let (app, i18n, on_change) = (app.clone(), i18n.clone(), on_change.clone());
        Callback::from(move |(day, excused): (Day, bool)| {
            let (app, i18n, on_change) = (app.clone(), i18n.clone(), on_change.clone());
            yew::platform::spawn_local(async move {
                match bridge::set_excused(day, excused).await {
                    Ok(()) => on_change.emit(()),
                    Err(error) => show_error(&app, &i18n, &error),
                }
            });
        })
    };
    let go = |route: Route| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Navigate(route.clone())))
    };
    match &*summary {
        Some(summary) => html! {
            <>
                { card(summary, &i18n, html! {
                    <>
                        { excuses(summary, &i18n, &on_excuse) }
                        <div class="row-links">
                            <button class="button" id="home-stats" onclick={go(Route::Stats)}>{ i18n.t("home-see-stats") }</button>
                            <button class="button" id="home-achievements" onclick={go(Route::Achievements)}>{ i18n.t("home-see-achievements") }</button>
                        </div>
                    </>
                }) }
                <section class="card">
                    <Khatm khatm={summary.khatm.clone()} on_change={on_change.clone()} />
                </section>
                <section class="card">
                    <Goals goals={summary.goals.clone()} {on_change} />
                </section>
            </>
        },
        None => html! {},
    }
}

/// The card for a summary, with `more` at its foot (also rendered by the
/// tests).
pub fn card(summary: &ProgressSummary, i18n: &I18n, more: Html) -> Html {
    let figure = |id: &str, label: &str, hasanat: u64| {
        html! {
            <div class="figure" id={id.to_owned()} data-hasanat={hasanat.to_string()}>
                <span class="figure-value">{ i18n.t_args("home-hasanat", &[("count", i18n.count(hasanat).into())]) }</span>
                <span class="figure-label">{ i18n.t(label) }</span>
            </div>
        }
    };
    let streak = &summary.streak;
    let streak_line = if streak.current > 0 {
        i18n.t_args(
            "home-streak",
            &[("days", i18n.count(u64::from(streak.current)).into())],
        )
    } else {
        i18n.t("home-streak-none")
    };
    html! {
        <section class="card progress-card" id="progress">
            <h2>{ i18n.t("home-progress") }</h2>
            <div class="figures">
                { figure("progress-today", "home-today", summary.today.hasanat) }
                { figure("progress-week", "home-week", summary.week.hasanat) }
                { figure("progress-all-time", "home-all-time", summary.all_time.hasanat) }
            </div>
            <p class="streak" id="streak" data-days={streak.current.to_string()}>{ streak_line }</p>
            <p class="muted small" id="streak-minimum">{ i18n.t_args("home-minimum", &[("minimum", minimum(&summary.minimum, i18n).into())]) }</p>
            if let Some(day) = streak.freezes_used.last() {
                <p class="muted small" id="streak-freeze">
                    { i18n.t_args("home-freeze-used", &[("date", i18n.date(*day).into())]) }
                </p>
            }
            { more }
        </section>
    }
}

/// "one ayah", "2 pages", "10 minutes".
pub fn minimum(minimum: &DailyMinimum, i18n: &I18n) -> String {
    let id = match minimum.measure {
        Measure::Pages => "minimum-pages",
        Measure::Minutes => "minimum-minutes",
        _ => "minimum-ayahs",
    };
    i18n.t_args(id, &[("amount", minimum.amount.into())])
}

/// Excusing today or yesterday (pressed when excused), told privately.
fn excuses(summary: &ProgressSummary, i18n: &I18n, on_excuse: &Callback<(Day, bool)>) -> Html {
    let today = summary.day;
    let toggle = |id: &str, day: Day, off: &str, on: &str| {
        let excused = summary.excused.contains(&day);
        let onclick = on_excuse.reform(move |_: MouseEvent| (day, !excused));
        html! {
            <button class={classes!("chip", excused.then_some("on"))} id={id.to_owned()}
                aria-pressed={excused.to_string()} {onclick}>
                { i18n.t(if excused { on } else { off }) }
            </button>
        }
    };
    html! {
        <div class="excuses" id="excuses">
            { toggle("excuse-today", today, "home-excuse-today", "home-excused-today") }
            { toggle("excuse-yesterday", today.plus(-1), "home-excuse-yesterday", "home-excused-yesterday") }
            <p class="muted small">{ i18n.t("home-excused-hint") }</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::habit::goal::Amount;
    use companion_core::habit::streak::Streak;
    use companion_core::habit::Day;

    #[derive(Properties, PartialEq)]
    struct Props {
        summary: ProgressSummary,
        arabic: bool,
    }

    #[component]
    fn Card(props: &Props) -> Html {
        let i18n = if props.arabic {
            I18n::new(companion_core::wire::UiLanguage::Ar)
        } else {
            I18n::english()
        };
        card(&props.summary, &i18n, Html::default())
    }

    async fn render(summary: ProgressSummary, arabic: bool) -> String {
        yew::LocalServerRenderer::<Card>::with_props(Props { summary, arabic })
            .render()
            .await
    }

    fn hasanat(n: u64) -> Amount {
        Amount {
            hasanat: n,
            ..Amount::default()
        }
    }

    #[tokio::test]
    async fn today_week_and_all_time_show_with_the_streak_and_its_freeze() {
        let summary = ProgressSummary {
            today: hasanat(1390),
            week: hasanat(2780),
            all_time: hasanat(13_900),
            goals: Vec::new(),
            khatm: None,
            streak: Streak {
                current: 4,
                longest: 9,
                today_done: true,
                freezes_used: vec![Day::from_civil(2026, 3, 12).unwrap()],
                freezes_left: 1,
            },
            ..ProgressSummary::default()
        };
        let html = render(summary.clone(), false).await;
        assert!(
            html.contains(r#"id="progress-today" data-hasanat="1390""#),
            "{html}"
        );
        assert!(html.contains(r#"data-hasanat="13900""#));
        assert!(html.contains("4-day streak"), "{html}");
        assert!(
            html.contains("12 March 2026"),
            "the freeze is told honestly: {html}"
        );
        let arabic = render(summary, true).await;
        assert!(arabic.contains("حسنة"), "{arabic}");
    }

    #[tokio::test]
    async fn no_reading_yet_invites_instead_of_scolding() {
        let html = render(ProgressSummary::default(), false).await;
        assert!(html.contains("Read an ayah today"), "{html}");
        assert!(!html.contains("streak-freeze"));
    }
}
