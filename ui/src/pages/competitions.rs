//! Competitions, on the Together screen: the ones running, coming and
//! just ended, each with its metric, dates and people; join a public one
//! or one by its code; start one from today for a week or a month; and a
//! competition's own board.

use companion_core::wire::{
    BoardPeriod, BoardRequest, BoardScope, BoardView, CommandError, CompetitionStatus,
    CompetitionView, JoinCompetitionRequest, Metric, NewCompetitionRequest,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::together::board_table;
use super::{load_status, Load};
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;

/// The day of an RFC 3339 instant (`2026-12-01`), in the window's digits.
fn day_of(i18n: &I18n, instant: &str) -> String {
    i18n.language()
        .localize_digits(instant.get(..10).unwrap_or(instant))
}

#[component]
pub fn Competitions() -> Html {
    let i18n = use_i18n();
    let list = use_state(|| Load::<Vec<CompetitionView>>::Loading);
    let version = use_state(|| 0u32);
    let shown = use_state(|| None::<(String, Load<BoardView>)>);
    let failed = use_state(|| None::<CommandError>);
    {
        let list = list.clone();
        use_effect_with(*version, move |_| {
            yew::platform::spawn_local(async move {
                list.set(match bridge::competitions().await {
                    Ok(all) => Load::Ready(all),
                    Err(error) => Load::Failed(error),
                });
            });
        });
    }
    let done = {
        let (version, failed) = (version.clone(), failed.clone());
        Callback::from(
            move |result: Result<CompetitionView, CommandError>| match result {
                Ok(_) => {
                    failed.set(None);
                    version.set(version.wrapping_add(1));
                }
                Err(error) => failed.set(Some(error)),
            },
        )
    };
    let join = |request: JoinCompetitionRequest| {
        let done = done.clone();
        Callback::from(move |_: MouseEvent| {
            let (request, done) = (request.clone(), done.clone());
            yew::platform::spawn_local(async move {
                done.emit(bridge::join_competition(request).await)
            });
        })
    };
    let show = |id: String| {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| {
            let (id, shown) = (id.clone(), shown.clone());
            shown.set(Some((id.clone(), Load::Loading)));
            yew::platform::spawn_local(async move {
                let request = BoardRequest {
                    scope: BoardScope::Competition(id.clone()),
                    period: BoardPeriod::AllTime,
                };
                shown.set(Some((
                    id,
                    match bridge::leaderboard(request).await {
                        Ok(board) => Load::Ready(board),
                        Err(error) => Load::Failed(error),
                    },
                )));
            });
        })
    };
    let card = |c: &CompetitionView| {
        let status = match c.status {
            CompetitionStatus::Upcoming => "upcoming",
            CompetitionStatus::Active => "active",
            CompetitionStatus::Completed => "completed",
        };
        let board = match &*shown {
            Some((id, load)) if *id == c.id => match load {
                Load::Ready(board) => board_table(&i18n, board),
                other => load_status(other, &i18n),
            },
            _ => html! {},
        };
        html! {
            <li class="card competition" data-competition={c.id.clone()} data-status={status}>
                <div class="group-head">
                    <strong><bdi>{ &c.name }</bdi></strong>
                    <span class="muted small">
                        { i18n.t(&format!("competition-{status}")) }{ " · " }
                        { i18n.t(&format!("competition-metric-{}", c.metric.as_str())) }{ " · " }
                        { day_of(&i18n, &c.start) }{ " – " }{ day_of(&i18n, &c.end) }{ " · " }
                        { i18n.t_args("competition-people", &[("count", c.participants.into())]) }
                    </span>
                    if let Some(code) = &c.invite_code {
                        <p class="small group-code">{ i18n.t("together-invite-code") }{ " " }
                            <code class="invite-code" dir="ltr">{ code }</code></p>
                    }
                </div>
                <div class="actions">
                    if !c.joined && c.kind == "public" && c.status != CompetitionStatus::Completed {
                        <button class="button primary" onclick={join(JoinCompetitionRequest::Id(c.id.clone()))}>
                            { i18n.t("competition-join") }</button>
                    }
                    if c.joined {
                        <span class="chip" aria-pressed="true">{ i18n.t("competition-joined") }</span>
                    }
                    <button class="button competition-board" onclick={show(c.id.clone())}>{ i18n.t("competition-board") }</button>
                </div>
                { board }
            </li>
        }
    };
    html! {
        <>
            { match &*list {
                Load::Ready(all) if all.is_empty() => html! {
                    <p class="muted" id="competitions-none">{ i18n.t("competition-none") }</p>
                },
                Load::Ready(all) => html! {
                    <ol class="competitions" id="competitions">{ for all.iter().map(card) }</ol>
                },
                other => load_status(other, &i18n),
            } }
            if let Some(error) = &*failed {
                <p class="message error" id="competition-error" role="alert">{ i18n.error(error) }</p>
            }
            <NewCompetition on_done={done.clone()} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NewProps {
    on_done: Callback<Result<CompetitionView, CommandError>>,
}

/// Start a competition, or join one by its code.
#[component]
fn NewCompetition(props: &NewProps) -> Html {
    let i18n = use_i18n();
    let (name, metric, days, private, code) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let create = {
        let (name, metric, days, private) =
            (name.clone(), metric.clone(), days.clone(), private.clone());
        let on_done = props.on_done.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let select = |node: &NodeRef| {
                node.cast::<HtmlSelectElement>()
                    .map(|s| s.value())
                    .unwrap_or_default()
            };
            let request = NewCompetitionRequest {
                name: name
                    .cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default(),
                metric: Metric::parse(&select(&metric)).unwrap_or_default(),
                days: select(&days).parse().unwrap_or(7),
                private: private
                    .cast::<HtmlInputElement>()
                    .is_some_and(|i| i.checked()),
            };
            let on_done = on_done.clone();
            yew::platform::spawn_local(async move {
                on_done.emit(bridge::create_competition(request).await);
            });
        })
    };
    let join = {
        let (code, on_done) = (code.clone(), props.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = code
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let on_done = on_done.clone();
            yew::platform::spawn_local(async move {
                on_done.emit(bridge::join_competition(JoinCompetitionRequest::Code(typed)).await);
            });
        })
    };
    html! {
        <section class="card groups">
            <form class="group-form" id="competition-create" onsubmit={create}>
                <label for="competition-name">{ i18n.t("competition-new") }</label>
                <input id="competition-name" ref={name} class="input" type="text" required=true minlength="3" maxlength="100" />
                <select id="competition-metric" ref={metric} class="input compact" aria-label={i18n.t("competition-metric")}>
                    { for Metric::ALL.iter().map(|m| html! {
                        <option value={m.as_str()}>{ i18n.t(&format!("competition-metric-{}", m.as_str())) }</option>
                    }) }
                </select>
                <select id="competition-days" ref={days} class="input compact" aria-label={i18n.t("competition-length")}>
                    <option value="7">{ i18n.t("competition-week") }</option>
                    <option value="30">{ i18n.t("competition-month") }</option>
                </select>
                <label class="check"><input id="competition-private" ref={private} type="checkbox" />
                    { " " }{ i18n.t("competition-private-hint") }</label>
                <button class="button primary" id="competition-create-submit" type="submit">{ i18n.t("competition-start") }</button>
            </form>
            <form class="group-form" id="competition-join" onsubmit={join}>
                <label for="competition-code">{ i18n.t("together-join-code") }</label>
                <input id="competition-code" ref={code} class="input" type="text" required=true dir="ltr" />
                <button class="button" id="competition-join-submit" type="submit">{ i18n.t("together-join") }</button>
            </form>
        </section>
    }
}
