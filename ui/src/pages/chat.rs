//! Chat, on the Together screen: the reader's conversations (their groups'
//! and direct ones) with unread counts, and one conversation open beside
//! them: its messages with reactions, older ones on request, a composer.
//! What the server tells live (a message, a reaction, someone typing)
//! shows at once. A message written offline waits on the device, marked
//! as waiting, and goes when the server can be reached.

use companion_core::command as cmd;
use companion_core::wire::{
    BlockRequest, ChatMessage, ChatPage, CommandError, ConversationRef, ConversationView,
    HistoryRequest, LiveState, MessageReactRequest, MessageRequest, SendMessageRequest,
    StartChatRequest, MESSAGE_REACTIONS,
};
use gloo_timers::callback::{Interval, Timeout};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{load_status, Load};
use crate::i18n::use_i18n;
use crate::services::bridge::invoke;
use crate::state::use_app;

#[component]
pub fn Chat() -> Html {
    let (app, i18n) = (use_app(), use_i18n());
    let list = use_state(|| Load::<Vec<ConversationView>>::Loading);
    let open = use_state(|| None::<String>);
    let version = use_state(|| 0u32);
    // Whether new messages can come as they are sent: asked now and every
    // few seconds (the live connection retries on its own).
    let live = use_state(|| LiveState::Connected);
    {
        let live = live.clone();
        use_effect_with((), move |_| {
            let ask = move || {
                let live = live.clone();
                yew::platform::spawn_local(async move {
                    if let Ok(state) = invoke::<cmd::LiveStatus>(&()).await {
                        live.set(state);
                    }
                });
            };
            ask();
            let interval = Interval::new(5_000, ask);
            move || drop(interval)
        });
    }
    {
        let list = list.clone();
        use_effect_with((*version, app.live.chat), move |_| {
            yew::platform::spawn_local(async move {
                match invoke::<cmd::Conversations>(&()).await {
                    Ok(all) => list.set(Load::Ready(all)),
                    // A list already shown stays when a reload fails.
                    Err(error) if !matches!(&*list, Load::Ready(_)) => {
                        list.set(Load::Failed(error))
                    }
                    Err(_) => {}
                }
            });
        });
    }
    let reload = {
        let version = version.clone();
        Callback::from(move |()| version.set(version.wrapping_add(1)))
    };
    let opened = {
        let (open, reload) = (open.clone(), reload.clone());
        Callback::from(move |id: String| {
            open.set(Some(id));
            reload.emit(());
        })
    };
    let conversations = match &*list {
        Load::Ready(all) => all.clone(),
        _ => Vec::new(),
    };
    let current = open
        .as_ref()
        .and_then(|id| conversations.iter().find(|c| &c.id == id).cloned());
    html! {
        <>
        if *live == LiveState::Offline {
            <p class="message warning" id="chat-offline" role="status">{ i18n.t("chat-offline") }</p>
        }
        <section class="chat" id="chat">
            <aside class="card chat-list">
                <StartChat on_open={opened.clone()} />
                if let Load::Ready(all) = &*list {
                    if all.is_empty() {
                        <p class="muted" id="chat-none">{ i18n.t("chat-none") }</p>
                    }
                } else {
                    { load_status(&*list, &i18n) }
                }
                <ul class="conversations">
                    { for conversations.iter().map(|c| {
                        let pressed = open.as_deref() == Some(c.id.as_str());
                        let onclick = {
                            let (opened, id) = (opened.clone(), c.id.clone());
                            Callback::from(move |_: MouseEvent| opened.emit(id.clone()))
                        };
                        let last = c.last.as_ref().map(|m| match m.deleted {
                            true => i18n.t("chat-deleted"),
                            false => m.body.clone(),
                        });
                        html! {
                            <li>
                                <button type="button" class="conversation" data-conversation={c.id.clone()}
                                    aria-pressed={pressed.to_string()} {onclick}>
                                    <span class="conversation-title"><bdi>{ &c.title }</bdi>
                                        if c.group { <span class="muted small">{ " · " }{ i18n.t("chat-group") }</span> }</span>
                                    if c.unread > 0 {
                                        <span class="badge" aria-label={i18n.t_args("chat-unread", &[("count", c.unread.into())])}>
                                            { i18n.count(u64::from(c.unread)) }</span>
                                    }
                                    if let Some(last) = last {
                                        <span class="conversation-last muted small" dir="auto">{ last }</span>
                                    }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            </aside>
            { match current {
                Some(conversation) => html! { <Thread key={conversation.id.as_str()} conversation={conversation.clone()} on_read={reload} /> },
                None => html! { <p class="card chat-pick muted">{ i18n.t("chat-pick") }</p> },
            } }
        </section>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct StartProps {
    on_open: Callback<String>,
}

/// A direct conversation with someone, by username.
#[component]
fn StartChat(props: &StartProps) -> Html {
    let i18n = use_i18n();
    let input = use_node_ref();
    let failed = use_state(|| None::<CommandError>);
    let onsubmit = {
        let (input, failed, on_open) = (input.clone(), failed.clone(), props.on_open.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(field) = input.cast::<HtmlInputElement>() else {
                return;
            };
            let request = StartChatRequest {
                username: field.value(),
            };
            let (failed, on_open) = (failed.clone(), on_open.clone());
            yew::platform::spawn_local(async move {
                match invoke::<cmd::StartChat>(&request).await {
                    Ok(conversation) => {
                        field.set_value("");
                        failed.set(None);
                        on_open.emit(conversation.id);
                    }
                    Err(error) => failed.set(Some(error)),
                }
            });
        })
    };
    html! {
        <form class="group-form chat-start" id="chat-start" {onsubmit}>
            <label for="chat-start-username">{ i18n.t("chat-start-label") }</label>
            <input id="chat-start-username" class="input compact" ref={input} required=true autocomplete="off"
                dir="ltr" placeholder={i18n.t("chat-start-placeholder")} />
            <button class="button" type="submit" id="chat-start-submit">{ i18n.t("chat-start") }</button>
            if let Some(error) = &*failed {
                <p class="message error" role="alert">{ i18n.error(error) }</p>
            }
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ThreadProps {
    conversation: ConversationView,
    /// Told when the reader has read the conversation.
    on_read: Callback<()>,
}

/// One conversation: its messages, the composer, who is typing.
#[component]
fn Thread(props: &ThreadProps) -> Html {
    let (app, i18n) = (use_app(), use_i18n());
    let page = use_state(|| Load::<ChatPage>::Loading);
    let older = use_state(Vec::<ChatMessage>::new);
    let more_before = use_state(|| None::<i64>);
    let version = use_state(|| 0u32);
    let id = props.conversation.id.clone();
    {
        let (page, more_before, on_read, id) = (
            page.clone(),
            more_before.clone(),
            props.on_read.clone(),
            id.clone(),
        );
        let older_loaded = !older.is_empty();
        use_effect_with((*version, app.live.chat), move |_| {
            yew::platform::spawn_local(async move {
                let request = HistoryRequest {
                    conversation: id.clone(),
                    before: None,
                };
                match invoke::<cmd::ChatHistory>(&request).await {
                    Ok(latest) => {
                        let unread_from_others = latest
                            .messages
                            .iter()
                            .rev()
                            .find(|m| !m.pending)
                            .is_some_and(|m| !m.mine);
                        if !older_loaded {
                            more_before.set(latest.more_before);
                        }
                        page.set(Load::Ready(latest));
                        if unread_from_others {
                            let read = ConversationRef { conversation: id };
                            if invoke::<cmd::ReadConversation>(&read).await.is_ok() {
                                on_read.emit(());
                            }
                        }
                    }
                    Err(error) if !matches!(&*page, Load::Ready(_)) => {
                        page.set(Load::Failed(error))
                    }
                    Err(_) => {}
                }
            });
        });
    }
    let changed = {
        let version = version.clone();
        Callback::from(move |()| version.set(version.wrapping_add(1)))
    };
    let load_older = {
        let (older, more_before, id) = (older.clone(), more_before.clone(), id.clone());
        Callback::from(move |_: MouseEvent| {
            let request = HistoryRequest {
                conversation: id.clone(),
                before: *more_before,
            };
            let (older, more_before) = (older.clone(), more_before.clone());
            yew::platform::spawn_local(async move {
                if let Ok(earlier) = invoke::<cmd::ChatHistory>(&request).await {
                    let mut all = earlier.messages;
                    all.extend(older.iter().cloned());
                    older.set(all);
                    more_before.set(earlier.more_before);
                }
            });
        })
    };
    let typing = app
        .live
        .typing
        .as_ref()
        .filter(|t| t.0 == id)
        .map(|t| (t.1.clone(), t.2));
    // The newest message in view: at the end of the list whenever the
    // latest page changes.
    let list = use_node_ref();
    {
        let list = list.clone();
        let newest = match &*page {
            Load::Ready(latest) => latest.messages.last().map(|m| m.client_id.clone()),
            _ => None,
        };
        use_effect_with(newest, move |_| {
            if let Some(list) = list.cast::<web_sys::Element>() {
                list.set_scroll_top(list.scroll_height());
            }
        });
    }
    let body = match &*page {
        Load::Ready(latest) => {
            let messages: Vec<ChatMessage> = older
                .iter()
                .chain(latest.messages.iter())
                .cloned()
                .collect();
            let direct = !props.conversation.group;
            html! {
                <>
                    if more_before.is_some() {
                        <button class="button" id="chat-older" onclick={load_older}>{ i18n.t("chat-older") }</button>
                    }
                    if messages.is_empty() {
                        <p class="muted" id="chat-empty">{ i18n.t("chat-empty") }</p>
                    }
                    <ol class="messages" id="chat-messages" aria-live="polite" ref={list}>
                        { for messages.iter().enumerate().map(|(n, m)| {
                            let new_day = n == 0 || messages[n - 1].day != m.day;
                            html! {
                                <>
                                    if new_day {
                                        <li class="chat-day muted small" aria-hidden="true">{ i18n.language().localize_digits(&m.day) }</li>
                                    }
                                    <MessageItem key={m.client_id.clone()} conversation={id.clone()} message={m.clone()} {direct} on_change={changed.clone()} />
                                </>
                            }
                        }) }
                    </ol>
                </>
            }
        }
        other => load_status(other, &i18n),
    };
    html! {
        <section class="card chat-thread" id="chat-thread" data-conversation={id.clone()}>
            <h2><bdi>{ &props.conversation.title }</bdi></h2>
            { body }
            <TypingLine {typing} />
            <Composer conversation={id} on_sent={changed} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TypingProps {
    /// Who typed last, and the note's number.
    typing: Option<(String, u32)>,
}

/// "Bilal is typing…" for a few seconds after each note.
#[component]
fn TypingLine(props: &TypingProps) -> Html {
    let i18n = use_i18n();
    let shown = use_state(|| None::<String>);
    {
        let shown = shown.clone();
        use_effect_with(props.typing.clone(), move |typing| {
            let timer = typing.as_ref().map(|(name, _)| {
                shown.set(Some(name.clone()));
                let shown = shown.clone();
                Timeout::new(4_000, move || shown.set(None))
            });
            move || drop(timer)
        });
    }
    html! {
        <p class="chat-typing muted small" aria-live="polite">
            if let Some(name) = &*shown { { i18n.t_args("chat-typing", &[("name", name.clone().into())]) } }
        </p>
    }
}

#[derive(Properties, PartialEq)]
struct MessageProps {
    conversation: String,
    message: ChatMessage,
    /// A direct conversation: the other person can be blocked here.
    direct: bool,
    on_change: Callback<()>,
}

#[component]
fn MessageItem(props: &MessageProps) -> Html {
    let i18n = use_i18n();
    let m = &props.message;
    let confirming = use_state(|| false);
    let failed = use_state(|| None::<CommandError>);
    let act = |what: &'static str| {
        let (m, conversation, on_change, failed) = (
            m.clone(),
            props.conversation.clone(),
            props.on_change.clone(),
            failed.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(message) = m.id.clone() else {
                return;
            };
            let (m, conversation, on_change, failed) = (
                m.clone(),
                conversation.clone(),
                on_change.clone(),
                failed.clone(),
            );
            yew::platform::spawn_local(async move {
                let request = MessageRequest {
                    conversation,
                    message,
                };
                let result = match what {
                    "delete" => invoke::<cmd::DeleteMessage>(&request).await,
                    "report" => invoke::<cmd::ReportMessage>(&request).await,
                    _ => match m.sender_id.clone() {
                        Some(user) => invoke::<cmd::BlockUser>(&BlockRequest { user }).await,
                        None => Ok(()),
                    },
                };
                match result {
                    Ok(()) => on_change.emit(()),
                    Err(error) => failed.set(Some(error)),
                }
            });
        })
    };
    let react = |emoji: &'static str| {
        let (m, conversation, on_change) = (
            m.clone(),
            props.conversation.clone(),
            props.on_change.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(message) = m.id.clone() else {
                return;
            };
            // The same reaction again takes it back.
            let mine = m.reactions.iter().any(|r| r.mine && r.emoji == emoji);
            let request = MessageReactRequest {
                conversation: conversation.clone(),
                message,
                emoji: (!mine).then(|| emoji.to_owned()),
            };
            let on_change = on_change.clone();
            yew::platform::spawn_local(async move {
                if invoke::<cmd::ReactToMessage>(&request).await.is_ok() {
                    on_change.emit(());
                }
            });
        })
    };
    let confirm = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(!*confirming))
    };
    let sender = m
        .sender_name
        .clone()
        .unwrap_or_else(|| i18n.t("chat-someone"));
    let usable = m.id.is_some() && !m.deleted;
    html! {
        <li class={classes!("chat-message", m.mine.then_some("mine"), m.pending.then_some("pending"), m.deleted.then_some("deleted"))}
            data-client-id={m.client_id.clone()} data-pending={m.pending.to_string()}>
            <p class="chat-head small">
                if !m.mine { <strong><bdi>{ sender.clone() }</bdi></strong>{ " · " } }
                <time class="muted">{ i18n.language().localize_digits(&m.time) }</time>
                if m.edited && !m.deleted { <span class="muted">{ " · " }{ i18n.t("chat-edited") }</span> }
                if m.pending { <span class="waiting">{ " · " }{ i18n.t("chat-waiting") }</span> }
            </p>
            if m.deleted {
                <p class="chat-body muted">{ i18n.t("chat-deleted") }</p>
            } else {
                <p class="chat-body" dir="auto">{ &m.body }</p>
            }
            if !m.reactions.is_empty() {
                <div class="chat-reactions">
                    { for m.reactions.iter().map(|r| html! {
                        <span class={classes!("chip", "small", r.mine.then_some("mine"))} data-emoji={r.emoji.clone()}>
                            { &r.emoji }{ " " }{ i18n.count(u64::from(r.count)) }</span>
                    }) }
                </div>
            }
            if usable {
                <div class="chat-actions">
                    { for MESSAGE_REACTIONS.iter().map(|&emoji| html! {
                        <button type="button" class="chip react" data-emoji={emoji}
                            aria-label={i18n.t_args("chat-react", &[("emoji", emoji.into())])} onclick={react(emoji)}>{ emoji }</button>
                    }) }
                    if m.mine {
                        <button type="button" class="chip delete" onclick={act("delete")}>{ i18n.t("chat-delete") }</button>
                    } else {
                        <button type="button" class="chip report" onclick={act("report")}>{ i18n.t("chat-report") }</button>
                        if props.direct {
                            <button type="button" class="chip block" onclick={confirm.clone()}>{ i18n.t("chat-block") }</button>
                        }
                    }
                </div>
            }
            if *confirming {
                <div class="chat-confirm" role="alertdialog">
                    <p>{ i18n.t_args("chat-block-confirm", &[("name", sender.into())]) }</p>
                    <button type="button" class="button danger" id="chat-block-confirm" onclick={act("block")}>{ i18n.t("chat-block") }</button>
                    <button type="button" class="button" onclick={confirm}>{ i18n.t("chat-cancel") }</button>
                </div>
            }
            if let Some(error) = &*failed {
                <p class="message error" role="alert">{ i18n.error(error) }</p>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct ComposerProps {
    conversation: String,
    on_sent: Callback<()>,
}

/// Writes a message: Enter sends, Shift+Enter starts a new line.
#[component]
fn Composer(props: &ComposerProps) -> Html {
    let i18n = use_i18n();
    let field = use_node_ref();
    let failed = use_state(|| None::<CommandError>);
    let last_typing = use_mut_ref(|| 0.0f64);
    let send = {
        let (field, failed, conversation, on_sent) = (
            field.clone(),
            failed.clone(),
            props.conversation.clone(),
            props.on_sent.clone(),
        );
        Callback::from(move |()| {
            let Some(area) = field.cast::<HtmlTextAreaElement>() else {
                return;
            };
            if area.value().trim().is_empty() {
                return;
            }
            let request = SendMessageRequest {
                conversation: conversation.clone(),
                body: area.value(),
            };
            let (failed, on_sent) = (failed.clone(), on_sent.clone());
            yew::platform::spawn_local(async move {
                match invoke::<cmd::SendMessage>(&request).await {
                    Ok(_) => {
                        area.set_value("");
                        failed.set(None);
                        on_sent.emit(());
                    }
                    Err(error) => failed.set(Some(error)),
                }
            });
        })
    };
    let onkeydown = {
        let (send, conversation) = (send.clone(), props.conversation.clone());
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" && !event.shift_key() {
                event.prevent_default();
                send.emit(());
                return;
            }
            // Others are told at most every 3 s (the server drops more).
            let now = js_sys::Date::now();
            if now - *last_typing.borrow() > 3_000.0 {
                *last_typing.borrow_mut() = now;
                let request = ConversationRef {
                    conversation: conversation.clone(),
                };
                yew::platform::spawn_local(async move {
                    let _ = invoke::<cmd::Typing>(&request).await;
                });
            }
        })
    };
    let onsubmit = Callback::from(move |event: SubmitEvent| {
        event.prevent_default();
        send.emit(());
    });
    html! {
        <form class="composer" id="chat-composer" {onsubmit}>
            <label class="visually-hidden" for="chat-text">{ i18n.t("chat-write") }</label>
            <textarea id="chat-text" ref={field} rows="2" dir="auto" maxlength="4000"
                placeholder={i18n.t("chat-write")} {onkeydown} />
            <button class="button primary" id="chat-send" type="submit">{ i18n.t("chat-send") }</button>
            if let Some(error) = &*failed {
                <p class="message error" role="alert">{ i18n.error(error) }</p>
            }
        </form>
    }
}
