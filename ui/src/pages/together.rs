//! Together, in tabs: the Daily Deen feed (`feed.rs`), chat (`chat.rs`), friends (`friends.rs`), leaderboards
//! (everyone, friends, each of the reader's groups; today, this week, all
//! time) and the reader's groups (create one, join one by its invite code,
//! leave). All of it comes from the sync server; without an account the
//! page says so and points to the Account screen.

use companion_core::wire::{
    AccountView, AnswerInvitationRequest, BoardPeriod, BoardRequest, BoardRow, BoardScope,
    BoardView, CommandError, GroupView, InvitationView, InviteRequest, JoinGroupRequest, Metric,
    NewGroupRequest,
};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::chat::Chat;
use super::competitions::Competitions;
use super::feed::Feed;
use super::friends::Friends;
use super::group_khatmah::GroupKhatmah;
use super::inbox::Inbox;
use super::{load_status, Load};
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::services::bridge::invoke;
use crate::state::{use_app, Action, Route};
use companion_core::command as cmd;

#[component]
pub fn TogetherPage() -> Html {
    let i18n = use_i18n();
    let account = use_state(|| Load::<AccountView>::Loading);
    {
        let account = account.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                account.set(match bridge::account().await {
                    Ok(view) => Load::Ready(view),
                    Err(error) => Load::Failed(error),
                });
            });
        });
    }
    let body = match &*account {
        Load::Ready(view) if view.signed_in.as_ref().is_some_and(|me| !me.needs_password) => {
            html! { <Together /> }
        }
        Load::Ready(_) => html! { <SignInFirst /> },
        other => load_status(other, &i18n),
    };
    html! {
        <main class="main" id="together">
            <div class="page">
                <h1>{ i18n.t("together-title") }</h1>
                { body }
            </div>
        </main>
    }
}

#[component]
fn SignInFirst() -> Html {
    let (app, i18n) = (use_app(), use_i18n());
    let onclick = Callback::from(move |_| app.dispatch(Action::Navigate(Route::Account)));
    html! {
        <section class="card together-empty" id="together-sign-in">
            <p>{ i18n.t("together-sign-in-first") }</p>
            <div class="actions">
                <button class="button primary" id="together-to-account" {onclick}>{ i18n.t("account-sign-in") }</button>
            </div>
        </section>
    }
}

/// The tabs of the signed-in page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Feed,
    Chat,
    Friends,
    Boards,
    Groups,
    Competitions,
    Inbox,
}

impl Tab {
    const ALL: [Tab; 7] = [
        Tab::Feed,
        Tab::Chat,
        Tab::Friends,
        Tab::Boards,
        Tab::Groups,
        Tab::Competitions,
        Tab::Inbox,
    ];

    fn name(self) -> &'static str {
        match self {
            Tab::Feed => "feed",
            Tab::Chat => "chat",
            Tab::Friends => "friends",
            Tab::Boards => "boards",
            Tab::Groups => "groups",
            Tab::Competitions => "competitions",
            Tab::Inbox => "inbox",
        }
    }
}

/// The signed-in page: the feed, the boards or the groups.
#[component]
fn Together() -> Html {
    let i18n = use_i18n();
    let tab = use_state(|| Tab::Feed);
    let app = use_app();
    let unread = use_state(|| 0u32);
    {
        let unread = unread.clone();
        use_effect_with(app.live.inbox, move |_| {
            yew::platform::spawn_local(async move {
                if let Ok(inbox) = bridge::inbox().await {
                    unread.set(inbox.unread);
                }
            });
        });
    }
    // Unread messages in all conversations, on the Chat tab.
    let unread_messages = use_state(|| 0u32);
    {
        let unread_messages = unread_messages.clone();
        use_effect_with(app.live.chat, move |_| {
            yew::platform::spawn_local(async move {
                if let Ok(all) = invoke::<cmd::Conversations>(&()).await {
                    unread_messages.set(all.iter().map(|c| c.unread).sum());
                }
            });
        });
    }
    let on_unread = {
        let unread = unread.clone();
        Callback::from(move |n: u32| unread.set(n))
    };
    let groups = use_state(|| Load::<Vec<GroupView>>::Loading);
    let version = use_state(|| 0u32);
    {
        let groups = groups.clone();
        use_effect_with(*version, move |_| {
            yew::platform::spawn_local(async move {
                groups.set(match bridge::my_groups().await {
                    Ok(list) => Load::Ready(list),
                    Err(error) => Load::Failed(error),
                });
            });
        });
    }
    let changed = {
        let version = version.clone();
        Callback::from(move |()| version.set(version.wrapping_add(1)))
    };
    let list = match &*groups {
        Load::Ready(list) => list.clone(),
        _ => Vec::new(),
    };
    let tabs = Tab::ALL.iter().map(|&t| {
        let (tab, pressed) = (tab.clone(), *tab == t);
        let onclick = Callback::from(move |_| tab.set(t));
        let label = if t == Tab::Inbox && *unread > 0 {
            i18n.t_args("together-tab-inbox-unread", &[("count", (*unread).into())])
        } else if t == Tab::Chat && *unread_messages > 0 {
            i18n.t_args("together-tab-chat-unread", &[("count", (*unread_messages).into())])
        } else {
            i18n.t(&format!("together-tab-{}", t.name()))
        };
        html! {
            <button type="button" id={format!("together-tab-{}", t.name())} aria-pressed={pressed.to_string()} {onclick}>
                { label }
            </button>
        }
    });
    html! {
        <>
            <div class="segmented together-tabs">{ for tabs }</div>
            { match *tab {
                Tab::Feed => html! { <Feed /> },
                Tab::Chat => html! { <Chat /> },
                Tab::Friends => html! { <Friends /> },
                Tab::Inbox => html! { <Inbox on_unread={on_unread.clone()} /> },
                Tab::Competitions => html! { <Competitions /> },
                Tab::Boards => html! { <Board groups={list} version={*version} /> },
                Tab::Groups => html! {
                    <>
                        if let Load::Failed(_) | Load::Loading = &*groups {
                            { load_status(&*groups, &i18n) }
                        }
                        <Groups groups={list} on_change={changed} />
                    </>
                },
            } }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct BoardProps {
    groups: Vec<GroupView>,
    /// Bumped when the groups change, so the board is asked again.
    version: u32,
}

/// A leaderboard with its scope and period.
#[component]
fn Board(props: &BoardProps) -> Html {
    let i18n = use_i18n();
    let scope = use_state(|| BoardScope::Friends);
    let period = use_state(|| BoardPeriod::Week);
    let board = use_state(|| Load::<BoardView>::Loading);
    {
        let board = board.clone();
        let request = BoardRequest {
            scope: (*scope).clone(),
            period: *period,
        };
        use_effect_with((request, props.version), move |(request, _)| {
            let request = request.clone();
            board.set(Load::Loading);
            yew::platform::spawn_local(async move {
                board.set(match bridge::leaderboard(request).await {
                    Ok(view) => Load::Ready(view),
                    Err(error) => Load::Failed(error),
                });
            });
        });
    }
    let pick_scope = {
        let (scope, groups) = (scope.clone(), props.groups.clone());
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            scope.set(match value.as_str() {
                "everyone" => BoardScope::Everyone,
                "friends" => BoardScope::Friends,
                id => groups
                    .iter()
                    .find(|g| g.id == id)
                    .map_or(BoardScope::Friends, |g| BoardScope::Group(g.id.clone())),
            });
        })
    };
    let selected = match &*scope {
        BoardScope::Everyone => "everyone".to_owned(),
        BoardScope::Friends => "friends".to_owned(),
        BoardScope::Group(id) | BoardScope::Competition(id) => id.clone(),
    };
    let periods = BoardPeriod::ALL.iter().map(|&p| {
        let period = period.clone();
        let pressed = *period == p;
        let onclick = Callback::from(move |_| period.set(p));
        html! {
            <button type="button" id={format!("board-{}", p.as_str())} aria-pressed={pressed.to_string()} {onclick}>
                { i18n.t(&format!("together-period-{}", p.as_str())) }
            </button>
        }
    });
    html! {
        <section class="card board" id="board">
            <div class="board-controls">
                <label class="visually-hidden" for="board-scope">{ i18n.t("together-board-of") }</label>
                <select id="board-scope" class="input compact" onchange={pick_scope}>
                    <option value="friends" selected={selected == "friends"}>{ i18n.t("together-friends") }</option>
                    <option value="everyone" selected={selected == "everyone"}>{ i18n.t("together-everyone") }</option>
                    { for props.groups.iter().map(|g| html! {
                        <option value={g.id.clone()} selected={selected == g.id}>{ &g.name }</option>
                    }) }
                </select>
                <div class="segmented">{ for periods }</div>
            </div>
            { match &*board {
                Load::Ready(view) => board_table(&i18n, view),
                other => load_status(other, &i18n),
            } }
        </section>
    }
}

/// A score in its metric's words: Hasanat, ayahs, pages (one decimal)
/// or minutes.
pub fn score_text(i18n: &I18n, metric: Metric, score: f64) -> String {
    let whole = score.max(0.0).round() as u64;
    match metric {
        Metric::Hasanat => i18n.t_args("home-hasanat", &[("count", i18n.count(whole).into())]),
        Metric::Pages => {
            let tenths = (score.max(0.0) * 10.0).round() / 10.0;
            let shown = i18n.language().localize_digits(&format!("{tenths:.1}"));
            i18n.t_args("together-score-pages", &[("count", shown.into())])
        }
        Metric::Ayahs | Metric::Minutes => i18n.t_args(
            &format!("together-score-{}", metric.as_str()),
            &[("count", whole.into())],
        ),
    }
}

fn board_row(i18n: &I18n, metric: Metric, row: &BoardRow) -> Html {
    html! {
        <li class={classes!("board-row", row.me.then_some("me"))} data-rank={row.rank.to_string()}
            data-username={row.username.clone()} data-score={row.score.to_string()}>
            <span class="board-rank">{ i18n.count(u64::from(row.rank)) }</span>
            <span class="board-name"><bdi>{ &row.display_name }</bdi>{ " " }
                <span class="muted small"><bdi>{ format!("@{}", row.username) }</bdi></span></span>
            <span class="board-score">{ score_text(i18n, metric, row.score) }</span>
        </li>
    }
}

pub fn board_table(i18n: &I18n, view: &BoardView) -> Html {
    if view.rows.is_empty() {
        return html! { <p class="muted" id="board-empty">{ i18n.t("together-board-empty") }</p> };
    }
    html! {
        <ol class="board-rows" id="board-rows">
            { for view.rows.iter().map(|row| board_row(i18n, view.metric, row)) }
            if let Some(me) = &view.me_below {
                <li class="board-gap" aria-hidden="true">{ "⋯" }</li>
                { board_row(i18n, view.metric, me) }
            }
        </ol>
    }
}

#[derive(Properties, PartialEq)]
struct GroupsProps {
    groups: Vec<GroupView>,
    on_change: Callback<()>,
}

#[derive(Properties, PartialEq)]
struct InviteProps {
    group: String,
    name: String,
}

/// Invite someone, by username, to a group the reader administers.
#[component]
fn InviteForm(props: &InviteProps) -> Html {
    let i18n = use_i18n();
    let username = use_node_ref();
    let said = use_state(|| None::<Result<String, CommandError>>);
    let onsubmit = {
        let (username, said, group) = (username.clone(), said.clone(), props.group.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = username.cast::<HtmlInputElement>() else {
                return;
            };
            let request = InviteRequest {
                group: group.clone(),
                username: input.value(),
            };
            input.set_value("");
            let said = said.clone();
            yew::platform::spawn_local(async move {
                let who = request.username.trim().trim_start_matches('@').to_owned();
                said.set(Some(bridge::invite_to_group(request).await.map(|()| who)));
            });
        })
    };
    let id = format!("invite-{}", props.group);
    html! {
        <form class="invite-form" {onsubmit}>
            <label class="visually-hidden" for={id.clone()}>{ i18n.t_args("together-invite-to", &[("group", props.name.clone().into())]) }</label>
            <input id={id} ref={username} class="input compact" type="text" dir="ltr" required=true
                placeholder={i18n.t("together-invite-placeholder")} />
            <button class="button" type="submit">{ i18n.t("together-invite") }</button>
            { match &*said {
                Some(Ok(who)) => html! {
                    <span class="muted small invite-sent">{ i18n.t_args("together-invited", &[("who", who.clone().into())]) }</span>
                },
                Some(Err(error)) => html! { <span class="message error small">{ i18n.error(error) }</span> },
                None => html! {},
            } }
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct InvitationsProps {
    /// How many groups the reader is in: asked again when it changes.
    groups: usize,
    on_change: Callback<()>,
}

/// Invitations to groups waiting for an answer: join or decline.
#[component]
fn Invitations(props: &InvitationsProps) -> Html {
    let i18n = use_i18n();
    let failed = use_state(|| None::<CommandError>);
    let invitations = use_state(Vec::<InvitationView>::new);
    {
        let invitations = invitations.clone();
        use_effect_with(props.groups, move |_| {
            yew::platform::spawn_local(async move {
                if let Ok(list) = bridge::invitations().await {
                    invitations.set(list);
                }
            });
        });
    }
    let answer = |id: String, accept: bool| {
        let (invitations, failed, on_change) =
            (invitations.clone(), failed.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let request = AnswerInvitationRequest {
                id: id.clone(),
                accept,
            };
            let (invitations, failed, on_change) =
                (invitations.clone(), failed.clone(), on_change.clone());
            yew::platform::spawn_local(async move {
                match bridge::answer_invitation(request).await {
                    Ok(left) => {
                        invitations.set(left);
                        on_change.emit(());
                    }
                    Err(error) => failed.set(Some(error)),
                }
            });
        })
    };

    html! {
        <>
            if !invitations.is_empty() {
                <ul class="invitations" id="invitations">
                    { for invitations.iter().map(|inv| html! {
                        <li class="invitation" data-invitation={inv.id.clone()}>
                            <span>{ i18n.t_args("together-invited-you", &[
                                ("who", inv.by.clone().unwrap_or_default().into()),
                                ("group", inv.group_name.clone().into()),
                            ]) }</span>
                            <span class="actions">
                                <button class="button primary invitation-accept" onclick={answer(inv.id.clone(), true)}>{ i18n.t("together-accept") }</button>
                                <button class="button invitation-decline" onclick={answer(inv.id.clone(), false)}>{ i18n.t("together-decline") }</button>
                            </span>
                        </li>
                    }) }
                </ul>
            }
            if let Some(error) = &*failed {
                <p class="message error" role="alert">{ i18n.error(error) }</p>
            }
        </>
    }
}

/// The reader's groups, the invitations waiting for an answer, and the
/// forms to make or join one, or to invite someone to one.
#[component]
fn Groups(props: &GroupsProps) -> Html {
    let i18n = use_i18n();
    let failed = use_state(|| None::<CommandError>);
    let (name, private, code) = (use_node_ref(), use_node_ref(), use_node_ref());
    let run = {
        let (failed, on_change) = (failed.clone(), props.on_change.clone());
        move |call: std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<(), CommandError>>>,
        >| {
            let (failed, on_change) = (failed.clone(), on_change.clone());
            yew::platform::spawn_local(async move {
                match call.await {
                    Ok(()) => {
                        failed.set(None);
                        on_change.emit(());
                    }
                    Err(error) => failed.set(Some(error)),
                }
            });
        }
    };
    let value = |node: &NodeRef| node.cast::<HtmlInputElement>();
    let create = {
        let (run, name, private) = (run.clone(), name.clone(), private.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = NewGroupRequest {
                name: value(&name).map(|i| i.value()).unwrap_or_default(),
                description: String::new(),
                private: value(&private).is_some_and(|i| i.checked()),
            };
            if let Some(input) = value(&name) {
                input.set_value("");
            }
            run(Box::pin(async move {
                bridge::create_group(request).await.map(|_| ())
            }));
        })
    };
    let join = {
        let (run, code) = (run.clone(), code.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = JoinGroupRequest {
                code: value(&code).map(|i| i.value()).unwrap_or_default(),
            };
            if let Some(input) = value(&code) {
                input.set_value("");
            }
            run(Box::pin(async move {
                bridge::join_group(request).await.map(|_| ())
            }));
        })
    };
    let leave = |id: String| {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| {
            let id = id.clone();
            run(Box::pin(async move {
                bridge::leave_group(id).await.map(|_| ())
            }));
        })
    };
    let khatmah_of = use_state(|| None::<String>);
    let open_khatmah = |id: String| {
        let khatmah_of = khatmah_of.clone();
        Callback::from(move |_: MouseEvent| {
            let open = (khatmah_of.as_deref() != Some(id.as_str())).then(|| id.clone());
            khatmah_of.set(open);
        })
    };
    let shown = khatmah_of
        .as_ref()
        .and_then(|id| props.groups.iter().find(|g| &g.id == id).cloned());
    html! {
        <>
        <section class="card groups" id="groups">
            <Invitations groups={props.groups.len()} on_change={props.on_change.clone()} />
            if props.groups.is_empty() {
                <p class="muted" id="groups-none">{ i18n.t("together-no-groups") }</p>
            }
            <ul class="group-list">
                { for props.groups.iter().map(|g| html! {
                    <li class="group" data-group={g.id.clone()}>
                        <div class="group-head">
                            <strong><bdi>{ &g.name }</bdi></strong>
                            <span class="muted small">{ i18n.t_args("together-members", &[("count", g.members.into())]) }
                                { " · " }{ i18n.t(if g.private { "together-private" } else { "together-public" }) }</span>
                        </div>
                        if let Some(code) = &g.invite_code {
                            <p class="small group-code">{ i18n.t("together-invite-code") }{ " " }
                                <code class="invite-code" dir="ltr">{ code }</code></p>
                        }
                        if g.admin {
                            <InviteForm group={g.id.clone()} name={g.name.clone()} />
                        }
                        <div class="actions">
                            <button class="button group-khatmah-open" aria-pressed={(khatmah_of.as_deref() == Some(g.id.as_str())).to_string()}
                                onclick={open_khatmah(g.id.clone())}>{ i18n.t("khatmah-open") }</button>
                            <button class="button" onclick={leave(g.id.clone())}>{ i18n.t("together-leave") }</button>
                        </div>
                    </li>
                }) }
            </ul>
            if let Some(error) = &*failed {
                <p class="message error" id="groups-error" role="alert">{ i18n.error(error) }</p>
            }
            <form class="group-form" id="group-create" onsubmit={create}>
                <label for="group-name">{ i18n.t("together-new-group") }</label>
                <input id="group-name" ref={name} class="input" type="text" required=true minlength="3" maxlength="100" />
                <label class="check"><input id="group-private" ref={private} type="checkbox" checked=true />
                    { " " }{ i18n.t("together-private-hint") }</label>
                <button class="button primary" id="group-create-submit" type="submit">{ i18n.t("together-create") }</button>
            </form>
            <form class="group-form" id="group-join" onsubmit={join}>
                <label for="group-code">{ i18n.t("together-join-code") }</label>
                <input id="group-code" ref={code} class="input" type="text" required=true dir="ltr" />
                <button class="button" id="group-join-submit" type="submit">{ i18n.t("together-join") }</button>
            </form>
        </section>
        if let Some(group) = shown {
            <GroupKhatmah key={group.id.as_str()} group={group.clone()} />
        }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::wire::UiLanguage;

    #[test]
    fn scores_are_told_in_their_metric() {
        let en = I18n::new(UiLanguage::En);
        assert_eq!(score_text(&en, Metric::Hasanat, 2780.0), "2,780 Hasanat");
        assert_eq!(score_text(&en, Metric::Ayahs, 7.0), "7 ayahs");
        assert_eq!(score_text(&en, Metric::Pages, 2.57), "2.6 pages");
        assert_eq!(score_text(&en, Metric::Minutes, 12.0), "12 min");
        let ar = I18n::new(UiLanguage::Ar);
        assert_eq!(score_text(&ar, Metric::Pages, 2.57), "٢.٦ صفحة");
    }
}
