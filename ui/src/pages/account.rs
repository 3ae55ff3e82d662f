//! Account: sign in to a sync server or create an account there, see how
//! the sync stands (what waits, when it last went, why it did not), sync
//! now and sign out. Nothing leaves the device until the reader signs in;
//! the page says so before asking anything.

use companion_core::wire::{
    AccountView, CommandError, DeleteAccountRequest, ExportDone, ProfileRequest, RegisterRequest,
    SignInRequest, SignedIn, Visibility,
};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{load_status, Load};
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;

/// Which form is shown when signed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    SignIn,
    Register,
}

#[component]
pub fn AccountPage() -> Html {
    let i18n = use_i18n();
    let view = use_state(|| Load::<AccountView>::Loading);
    {
        let view = view.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                view.set(match bridge::account().await {
                    Ok(loaded) => Load::Ready(loaded),
                    Err(error) => Load::Failed(error),
                });
            });
        });
    }
    let set = {
        let view = view.clone();
        Callback::from(move |loaded: AccountView| view.set(Load::Ready(loaded)))
    };
    let body = match &*view {
        Load::Ready(AccountView {
            server,
            signed_in: Some(me),
        }) if !me.needs_password => html! {
            <>
                <SignedInCard server={server.clone()} me={me.clone()} on_change={set.clone()} />
                <Profile me={me.clone()} on_change={set.clone()} />
                <Privacy me={me.clone()} on_change={set} />
            </>
        },
        Load::Ready(account) => html! {
            <AccountForms account={account.clone()} on_change={set} />
        },
        other => load_status(other, &i18n),
    };
    html! {
        <main class="main" id="account">
            <div class="page narrow">
                <h1>{ i18n.t("account-title") }</h1>
                { body }
            </div>
        </main>
    }
}

#[derive(Properties, PartialEq)]
struct SignedInProps {
    server: String,
    me: SignedIn,
    on_change: Callback<AccountView>,
}

/// Who is signed in, the sync's state, Sync now and Sign out.
#[component]
fn SignedInCard(props: &SignedInProps) -> Html {
    let i18n = use_i18n();
    let busy = use_state(|| false);
    let failed = use_state(|| None::<CommandError>);
    let run = |sign_out: bool| {
        let (busy, failed, on_change) = (busy.clone(), failed.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let (busy, failed, on_change) = (busy.clone(), failed.clone(), on_change.clone());
            busy.set(true);
            yew::platform::spawn_local(async move {
                let result = if sign_out {
                    bridge::sign_out().await
                } else {
                    bridge::sync_now().await
                };
                busy.set(false);
                match result {
                    Ok(view) => {
                        failed.set(None);
                        on_change.emit(view);
                    }
                    Err(error) => failed.set(Some(error)),
                }
            });
        })
    };
    let me = &props.me;
    let who = i18n.t_args(
        "account-signed-in-as",
        &[
            ("name", me.display_name.clone().into()),
            ("username", me.username.clone().into()),
        ],
    );
    html! {
        <section class="card account" id="account-signed-in">
            <p class="account-who">{ who }</p>
            <p class="muted small" id="account-server">{ i18n.t_args("account-on-server", &[("server", props.server.clone().into())]) }</p>
            { sync_line(&i18n, me) }
            if !me.remembered {
                <p class="muted small" id="account-not-kept">{ i18n.t("account-not-kept") }</p>
            }
            if let Some(error) = &*failed {
                <p class="message error" role="alert">{ i18n.error(error) }</p>
            }
            <div class="actions">
                <button class="button primary" id="account-sync" disabled={*busy} onclick={run(false)}>
                    { i18n.t(if *busy { "account-syncing" } else { "account-sync-now" }) }
                </button>
                <button class="button" id="account-sign-out" disabled={*busy} onclick={run(true)}>
                    { i18n.t("account-sign-out") }
                </button>
            </div>
        </section>
    }
}

/// How the sync stands, in one line: a problem first, then what waits,
/// then when it last went.
fn sync_line(i18n: &I18n, me: &SignedIn) -> Html {
    let (state, text) = if let Some(problem) = &me.problem {
        ("problem", problem.clone())
    } else if me.waiting > 0 {
        (
            "waiting",
            i18n.t_args("account-waiting", &[("count", me.waiting.into())]),
        )
    } else if let Some(minutes) = me.synced_minutes_ago {
        let (id, n) = match minutes {
            0..60 => ("account-synced-minutes", minutes),
            60..2_880 => ("account-synced-hours", minutes / 60),
            _ => ("account-synced-days", minutes / 1_440),
        };
        ("synced", i18n.t_args(id, &[("n", n.into())]))
    } else {
        ("synced", i18n.t("account-never-synced"))
    };
    html! {
        <p class={classes!("message", (state == "problem").then_some("warning"))}
            id="account-sync-state" data-state={state} role="status">{ text }</p>
    }
}

/// The reader's name, username and bio, as others see them.
#[component]
fn Profile(props: &PrivacyProps) -> Html {
    let i18n = use_i18n();
    let (name, username, bio) = (use_node_ref(), use_node_ref(), use_node_ref());
    let said = use_state(|| None::<Result<(), CommandError>>);
    {
        // Filled once, so typing is never put back by a re-render.
        let (name, username, bio, me) = (
            name.clone(),
            username.clone(),
            bio.clone(),
            props.me.clone(),
        );
        use_effect_with((), move |_| {
            if let Some(input) = name.cast::<HtmlInputElement>() {
                input.set_value(&me.display_name);
            }
            if let Some(input) = username.cast::<HtmlInputElement>() {
                input.set_value(&me.username);
            }
            if let Some(area) = bio.cast::<web_sys::HtmlTextAreaElement>() {
                area.set_value(&me.bio);
            }
        });
    }
    let onsubmit = {
        let (name, username, bio, said, on_change) = (
            name.clone(),
            username.clone(),
            bio.clone(),
            said.clone(),
            props.on_change.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = |node: &NodeRef| {
                node.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let request = ProfileRequest {
                display_name: text(&name),
                username: text(&username),
                bio: bio
                    .cast::<web_sys::HtmlTextAreaElement>()
                    .map(|a| a.value())
                    .unwrap_or_default(),
            };
            let (said, on_change) = (said.clone(), on_change.clone());
            yew::platform::spawn_local(async move {
                match bridge::update_profile(request).await {
                    Ok(view) => {
                        said.set(Some(Ok(())));
                        on_change.emit(view);
                    }
                    Err(error) => said.set(Some(Err(error))),
                }
            });
        })
    };
    html! {
        <section class="card account" id="account-profile">
            <h2>{ i18n.t("account-profile") }</h2>
            <form class="settings-grid account-form" {onsubmit}>
                <label for="profile-name">{ i18n.t("account-display-name") }</label>
                <input id="profile-name" ref={name} class="input" type="text" required=true maxlength="100" />
                <label for="profile-username">{ i18n.t("account-username") }</label>
                <input id="profile-username" ref={username} class="input" type="text" dir="ltr" required=true maxlength="30" />
                <label for="profile-bio">{ i18n.t("account-bio") }</label>
                <textarea id="profile-bio" ref={bio} class="input" rows="2" maxlength="500" dir="auto" />
                <span></span>
                <div class="actions">
                    <button class="button primary" id="profile-save" type="submit">{ i18n.t("account-save") }</button>
                    { match &*said {
                        Some(Ok(())) => html! { <span class="muted small" id="profile-saved" role="status">{ i18n.t("account-saved") }</span> },
                        Some(Err(error)) => html! { <span class="message error" id="profile-error" role="alert">{ i18n.error(error) }</span> },
                        None => html! {},
                    } }
                </div>
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PrivacyProps {
    me: SignedIn,
    on_change: Callback<AccountView>,
}

/// Who sees the reader on leaderboards; a copy of everything the server
/// holds; deleting the account.
#[component]
fn Privacy(props: &PrivacyProps) -> Html {
    let i18n = use_i18n();
    let failed = use_state(|| None::<CommandError>);
    let exported = use_state(|| None::<ExportDone>);
    let deleting = use_state(|| false);
    let password = use_node_ref();
    let choose = |visibility: Visibility| {
        let (failed, on_change) = (failed.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let (failed, on_change) = (failed.clone(), on_change.clone());
            yew::platform::spawn_local(async move {
                match bridge::set_visibility(visibility).await {
                    Ok(view) => on_change.emit(view),
                    Err(error) => failed.set(Some(error)),
                }
            });
        })
    };
    let export = {
        let (failed, exported) = (failed.clone(), exported.clone());
        Callback::from(move |_: MouseEvent| {
            let (failed, exported) = (failed.clone(), exported.clone());
            yew::platform::spawn_local(async move {
                match bridge::export_data().await {
                    Ok(done) => exported.set(Some(done)),
                    Err(error) => failed.set(Some(error)),
                }
            });
        })
    };
    let ask_delete = {
        let deleting = deleting.clone();
        Callback::from(move |_: MouseEvent| deleting.set(true))
    };
    let delete = {
        let (failed, on_change, password) =
            (failed.clone(), props.on_change.clone(), password.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let password = password
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let (failed, on_change) = (failed.clone(), on_change.clone());
            yew::platform::spawn_local(async move {
                match bridge::delete_account(DeleteAccountRequest { password }).await {
                    Ok(view) => on_change.emit(view),
                    Err(error) => failed.set(Some(error)),
                }
            });
        })
    };
    let options = Visibility::ALL.iter().map(|&v| {
        html! {
            <button type="button" id={format!("visibility-{}", v.as_str())}
                aria-pressed={(props.me.visibility == v).to_string()} onclick={choose(v)}>
                { i18n.t(&format!("account-visibility-{}", v.as_str())) }
            </button>
        }
    });
    html! {
        <section class="card account" id="account-privacy">
            <h2>{ i18n.t("account-privacy") }</h2>
            <p class="muted small" id="visibility-label">{ i18n.t("account-visibility") }</p>
            <div class="segmented" role="group" aria-labelledby="visibility-label">{ for options }</div>
            <div class="actions">
                <button class="button" id="account-export" onclick={export}>{ i18n.t("account-export") }</button>
            </div>
            if let Some(done) = &*exported {
                <p class="message" id="account-exported" role="status">
                    { i18n.t_args("account-exported", &[("path", done.path.clone().into())]) }</p>
            }
            if *deleting {
                <form class="account-delete" id="account-delete-form" onsubmit={delete}>
                    <p class="message warning">{ i18n.t("account-delete-warning") }</p>
                    <label for="account-delete-password">{ i18n.t("account-password") }</label>
                    <input id="account-delete-password" ref={password} class="input" type="password"
                        autocomplete="current-password" required=true />
                    <button class="button danger" id="account-delete-confirm" type="submit">{ i18n.t("account-delete-confirm") }</button>
                </form>
            } else {
                <div class="actions">
                    <button class="button" id="account-delete" onclick={ask_delete}>{ i18n.t("account-delete") }</button>
                </div>
            }
            if let Some(error) = &*failed {
                <p class="message error" id="account-privacy-error" role="alert">{ i18n.error(error) }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FormsProps {
    account: AccountView,
    on_change: Callback<AccountView>,
}

/// Sign in, or create an account: one form, two modes.
#[component]
fn AccountForms(props: &FormsProps) -> Html {
    let i18n = use_i18n();
    let mode = use_state(|| Mode::SignIn);
    let busy = use_state(|| false);
    let failed = use_state(|| None::<CommandError>);
    let [server, email, username, name, password] = [
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    ];
    {
        // Filled once, not on every render: a value in the markup would
        // put back what the reader typed over at each re-render.
        let (server, email) = (server.clone(), email.clone());
        let given = props.account.server.clone();
        let known = props.account.signed_in.as_ref().map(|me| me.email.clone());
        use_effect_with((), move |_| {
            if let Some(input) = server.cast::<HtmlInputElement>() {
                input.set_value(&given);
            }
            if let (Some(input), Some(known)) = (email.cast::<HtmlInputElement>(), known) {
                input.set_value(&known);
            }
        });
    }
    let value = |node: &NodeRef| {
        node.cast::<HtmlInputElement>()
            .map(|input| input.value())
            .unwrap_or_default()
    };
    let onsubmit = {
        let (mode, busy, failed) = (mode.clone(), busy.clone(), failed.clone());
        let on_change = props.on_change.clone();
        let nodes = [
            server.clone(),
            email.clone(),
            username.clone(),
            name.clone(),
            password.clone(),
        ];
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let [server, email, username, name, password] = nodes.each_ref().map(value);
            let (mode, busy, failed, on_change) =
                (*mode, busy.clone(), failed.clone(), on_change.clone());
            busy.set(true);
            yew::platform::spawn_local(async move {
                let result = match mode {
                    Mode::SignIn => {
                        bridge::sign_in(SignInRequest {
                            server,
                            email,
                            password,
                        })
                        .await
                    }
                    Mode::Register => {
                        bridge::register(RegisterRequest {
                            server,
                            email,
                            username,
                            password,
                            display_name: name,
                        })
                        .await
                    }
                };
                busy.set(false);
                match result {
                    Ok(view) => on_change.emit(view),
                    Err(error) => failed.set(Some(error)),
                }
            });
        })
    };
    let switch = |to: Mode| {
        let (mode, failed) = (mode.clone(), failed.clone());
        Callback::from(move |_: MouseEvent| {
            failed.set(None);
            mode.set(to);
        })
    };
    let register = *mode == Mode::Register;
    let signed_in = props.account.signed_in.as_ref();
    let submit = match (register, *busy) {
        (_, true) => "account-working",
        (true, false) => "account-create",
        (false, false) => "account-sign-in",
    };
    html! {
        <section class="card account" id="account-forms">
            <p class="account-why">{ i18n.t("account-why") }</p>
            if signed_in.is_some() {
                <p class="message warning" id="account-again">{ i18n.t("account-sign-in-again") }</p>
            }
            <div class="segmented account-modes">
                <button type="button" id="account-mode-sign-in" aria-pressed={(!register).to_string()}
                    onclick={switch(Mode::SignIn)}>
                    { i18n.t("account-sign-in") }
                </button>
                <button type="button" id="account-mode-register" aria-pressed={register.to_string()}
                    onclick={switch(Mode::Register)}>
                    { i18n.t("account-create") }
                </button>
            </div>
            <form class="settings-grid account-form" {onsubmit}>
                <label for="account-email">{ i18n.t("account-email") }</label>
                <input id="account-email" ref={email} class="input" type="email" autocomplete="email" required=true />
                if register {
                    <label for="account-username">{ i18n.t("account-username") }</label>
                    <input id="account-username" ref={username} class="input" type="text" autocomplete="username"
                        required=true minlength="3" maxlength="30" />
                    <label for="account-name">{ i18n.t("account-display-name") }</label>
                    <input id="account-name" ref={name} class="input" type="text" autocomplete="name" maxlength="100" />
                }
                <label for="account-password">{ i18n.t("account-password") }</label>
                <input id="account-password" ref={password} class="input" type="password" required=true
                    autocomplete={if register { "new-password" } else { "current-password" }} />
                if register {
                    <span></span>
                    <p class="muted small">{ i18n.t("account-password-hint") }</p>
                }
                <label for="account-server">{ i18n.t("account-server") }</label>
                <input id="account-server" ref={server} class="input" type="url" required=true dir="ltr" />
                <span></span>
                <p class="muted small">{ i18n.t("account-server-hint") }</p>
                if let Some(error) = &*failed {
                    <span></span>
                    <p class="message error" id="account-error" role="alert">{ i18n.error(error) }</p>
                }
                <span></span>
                <div class="actions">
                    <button class="button primary" id="account-submit" type="submit" disabled={*busy}>
                        { i18n.t(submit) }
                    </button>
                </div>
            </form>
        </section>
    }
}
