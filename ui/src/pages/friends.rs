//! Friends, on the Together screen: follow someone by username; people
//! who follow each other are friends (each other's friends board, and
//! they may write to each other); the rest are listed by who follows
//! whom, with Follow back and Unfollow. Someone following the reader
//! shows at once (live).

use companion_core::command as cmd;
use companion_core::wire::{CommandError, FollowRequest, PeopleView, PersonRef, PersonView};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{load_status, Load};
use crate::i18n::use_i18n;
use crate::services::bridge::invoke;
use crate::state::use_app;

#[component]
pub fn Friends() -> Html {
    let (app, i18n) = (use_app(), use_i18n());
    let people = use_state(|| Load::<PeopleView>::Loading);
    let failed = use_state(|| None::<CommandError>);
    {
        let people = people.clone();
        use_effect_with(app.live.people, move |_| {
            yew::platform::spawn_local(async move {
                people.set(match invoke::<cmd::People>(&()).await {
                    Ok(view) => Load::Ready(view),
                    Err(error) => Load::Failed(error),
                });
            });
        });
    }
    let done = {
        let (people, failed) = (people.clone(), failed.clone());
        Callback::from(
            move |result: Result<PeopleView, CommandError>| match result {
                Ok(view) => {
                    failed.set(None);
                    people.set(Load::Ready(view));
                }
                Err(error) => failed.set(Some(error)),
            },
        )
    };
    let input = use_node_ref();
    let onsubmit = {
        let (input, done) = (input.clone(), done.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(field) = input.cast::<HtmlInputElement>() else {
                return;
            };
            let request = FollowRequest {
                username: field.value(),
            };
            let done = done.clone();
            yew::platform::spawn_local(async move {
                let result = invoke::<cmd::Follow>(&request).await;
                if result.is_ok() {
                    field.set_value("");
                }
                done.emit(result);
            });
        })
    };
    let act = |follow: bool, person: &PersonView| {
        let (done, username, user) = (done.clone(), person.username.clone(), person.id.clone());
        Callback::from(move |_: MouseEvent| {
            let (done, username, user) = (done.clone(), username.clone(), user.clone());
            yew::platform::spawn_local(async move {
                done.emit(match follow {
                    true => invoke::<cmd::Follow>(&FollowRequest { username }).await,
                    false => invoke::<cmd::Unfollow>(&PersonRef { user }).await,
                });
            });
        })
    };
    let list = |id: &'static str, people: &[PersonView], follow: bool| {
        let label = if follow {
            "friends-follow-back"
        } else {
            "friends-unfollow"
        };
        html! {
            <section class="people" id={id}>
                <h2>{ i18n.t(id) }</h2>
                if people.is_empty() {
                    <p class="muted small">{ i18n.t(&format!("{id}-none")) }</p>
                }
                <ul class="people-list">
                    { for people.iter().map(|p| html! {
                        <li class="person" data-username={p.username.clone()}>
                            <span><strong><bdi>{ &p.display_name }</bdi></strong>{ " " }
                                <span class="muted small"><bdi>{ format!("@{}", p.username) }</bdi></span></span>
                            <button type="button" class={classes!("button", follow.then_some("primary"))}
                                onclick={act(follow, p)}>{ i18n.t(label) }</button>
                        </li>
                    }) }
                </ul>
            </section>
        }
    };
    html! {
        <section class="card friends" id="friends">
            <p class="muted">{ i18n.t("friends-about") }</p>
            <form class="group-form" id="friends-follow" {onsubmit}>
                <label for="friends-username">{ i18n.t("friends-follow-label") }</label>
                <input id="friends-username" ref={input} class="input compact" type="text" dir="ltr"
                    required=true autocomplete="off" placeholder={i18n.t("chat-start-placeholder")} />
                <button class="button primary" id="friends-follow-submit" type="submit">{ i18n.t("friends-follow") }</button>
            </form>
            if let Some(error) = &*failed {
                <p class="message error" role="alert">{ i18n.error(error) }</p>
            }
            { match &*people {
                Load::Ready(view) => html! {
                    <>
                        { list("friends-friends", &view.friends, false) }
                        { list("friends-followers", &view.followers, true) }
                        { list("friends-following", &view.following, false) }
                    </>
                },
                other => load_status(other, &i18n),
            } }
        </section>
    }
}
