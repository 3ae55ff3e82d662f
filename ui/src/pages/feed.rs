//! The Daily Deen feed, on the Together screen: write a reflection
//! (tadabbur), maybe on an ayah, for friends, groups or only oneself; read
//! the reflections and milestones of the people one reads with; react with
//! SubhanAllah, Ameen or MashaAllah (one each, changeable).

use companion_core::wire::{
    Audience, CommandError, FeedPage, FeedPost, FeedRequest, MilestoneView, ReactRequest, Reaction,
    ReflectRequest,
};
use companion_core::Reference;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{load_status, Load};
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::text::arabic_digits;

#[component]
pub fn Feed() -> Html {
    let i18n = use_i18n();
    let posts = use_state(|| Load::<FeedPage>::Loading);
    let version = use_state(|| 0u32);
    {
        let posts = posts.clone();
        use_effect_with(*version, move |_| {
            yew::platform::spawn_local(async move {
                posts.set(match bridge::feed(FeedRequest { before: None }).await {
                    Ok(page) => Load::Ready(page),
                    Err(error) => Load::Failed(error),
                });
            });
        });
    }
    let reload = {
        let version = version.clone();
        Callback::from(move |()| version.set(version.wrapping_add(1)))
    };
    // A post changed (a reaction): replace it where it stands.
    let updated = {
        let posts = posts.clone();
        Callback::from(move |changed: FeedPost| {
            if let Load::Ready(page) = &*posts {
                let mut page = page.clone();
                for post in page.posts.iter_mut().filter(|p| p.id == changed.id) {
                    *post = changed.clone();
                }
                posts.set(Load::Ready(page));
            }
        })
    };
    let older = {
        let posts = posts.clone();
        Callback::from(move |_: MouseEvent| {
            let Load::Ready(page) = &*posts else {
                return;
            };
            let (page, posts) = (page.clone(), posts.clone());
            yew::platform::spawn_local(async move {
                let request = FeedRequest {
                    before: page.next_before,
                };
                if let Ok(more) = bridge::feed(request).await {
                    let mut all = page;
                    all.posts.extend(more.posts);
                    all.next_before = more.next_before;
                    posts.set(Load::Ready(all));
                }
            });
        })
    };
    html! {
        <>
            <Compose on_posted={reload} />
            { match &*posts {
                Load::Ready(page) if page.posts.is_empty() => html! {
                    <p class="muted" id="feed-empty">{ i18n.t("feed-empty") }</p>
                },
                Load::Ready(page) => html! {
                    <>
                        <ol class="feed" id="feed">
                            { for page.posts.iter().map(|p| html! {
                                <PostCard key={p.id} post={p.clone()} on_change={updated.clone()} />
                            }) }
                        </ol>
                        if page.next_before.is_some() {
                            <button class="button" id="feed-older" onclick={older}>{ i18n.t("feed-older") }</button>
                        }
                    </>
                },
                other => load_status(other, &i18n),
            } }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ComposeProps {
    on_posted: Callback<()>,
}

/// Write a reflection.
#[component]
fn Compose(props: &ComposeProps) -> Html {
    let i18n = use_i18n();
    let (body, ayah, audience) = (use_node_ref(), use_node_ref(), use_node_ref());
    let failed = use_state(|| None::<CommandError>);
    let busy = use_state(|| false);
    let onsubmit = {
        let (body, ayah, audience) = (body.clone(), ayah.clone(), audience.clone());
        let (failed, busy, on_posted) = (failed.clone(), busy.clone(), props.on_posted.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = body
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            let typed = ayah
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let chosen = audience
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            let audience = Audience::ALL
                .into_iter()
                .find(|a| a.as_str() == chosen)
                .unwrap_or(Audience::Friends);
            let ayah_ref = if typed.trim().is_empty() {
                None
            } else {
                match Reference::parse(&typed) {
                    Ok(reference) => Some(reference.first()),
                    Err(error) => {
                        failed.set(Some(CommandError::new(error.code(), error.to_string())));
                        return;
                    }
                }
            };
            let request = ReflectRequest {
                body: text,
                audience,
                ayah: ayah_ref,
            };
            let (failed, busy, on_posted) = (failed.clone(), busy.clone(), on_posted.clone());
            let (body, ayah) = (body.clone(), ayah.clone());
            busy.set(true);
            yew::platform::spawn_local(async move {
                let result = bridge::reflect(request).await;
                busy.set(false);
                match result {
                    Ok(_) => {
                        failed.set(None);
                        if let Some(t) = body.cast::<HtmlTextAreaElement>() {
                            t.set_value("");
                        }
                        if let Some(i) = ayah.cast::<HtmlInputElement>() {
                            i.set_value("");
                        }
                        on_posted.emit(());
                    }
                    Err(error) => failed.set(Some(error)),
                }
            });
        })
    };
    html! {
        <form class="card compose" id="reflect" {onsubmit}>
            <label for="reflect-body">{ i18n.t("feed-compose") }</label>
            <textarea id="reflect-body" ref={body} class="input" rows="3" maxlength="2000" required=true dir="auto"
                placeholder={i18n.t("feed-compose-hint")} />
            <div class="compose-row">
                <label for="reflect-ayah">{ i18n.t("feed-on-ayah") }</label>
                <input id="reflect-ayah" ref={ayah} class="input compact" type="text" dir="ltr" placeholder="2:255" size="8" />
                <label for="reflect-audience">{ i18n.t("feed-audience") }</label>
                <select id="reflect-audience" ref={audience} class="input compact">
                    { for Audience::ALL.iter().map(|a| html! {
                        <option value={a.as_str()}>{ i18n.t(&format!("feed-audience-{}", a.as_str())) }</option>
                    }) }
                </select>
                <button class="button primary" id="reflect-post" type="submit" disabled={*busy}>{ i18n.t("feed-post") }</button>
            </div>
            if let Some(error) = &*failed {
                <p class="message error" id="reflect-error" role="alert">{ i18n.error(error) }</p>
            }
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct PostProps {
    post: FeedPost,
    on_change: Callback<FeedPost>,
}

/// What a milestone post says, in the window's language.
fn milestone_text(i18n: &I18n, m: &MilestoneView) -> String {
    match (m.name.as_str(), &m.achievement) {
        ("achievement", Some(id)) => i18n.t_args(
            "feed-milestone-achievement",
            &[("name", i18n.t(&format!("achievement-{id}")).into())],
        ),
        (name @ ("khatm" | "streak" | "competition" | "khatmah"), _) => i18n.t_args(
            &format!("feed-milestone-{name}"),
            &[("value", m.value.into())],
        ),
        _ => i18n.t("feed-milestone-other"),
    }
}

#[component]
fn PostCard(props: &PostProps) -> Html {
    let i18n = use_i18n();
    let post = &props.post;
    let react = |reaction: Reaction| {
        let (id, mine, on_change) = (post.id, post.my_reaction, props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let on_change = on_change.clone();
            // The same reaction again takes it back.
            let reaction = (mine != Some(reaction)).then_some(reaction);
            yew::platform::spawn_local(async move {
                if let Ok(updated) = bridge::react(ReactRequest { post: id, reaction }).await {
                    on_change.emit(updated);
                }
            });
        })
    };
    let text = match &post.milestone {
        Some(m) => milestone_text(&i18n, m),
        None => post.body.clone(),
    };
    html! {
        <li class={classes!("card", "post", post.milestone.is_some().then_some("milestone"))}
            data-post={post.id.to_string()}>
            <p class="post-author"><strong><bdi>{ &post.author_name }</bdi></strong>{ " " }
                <span class="muted small"><bdi>{ format!("@{}", post.author_username) }</bdi>
                { " · " }{ i18n.t(&format!("feed-seen-by-{}", post.audience.as_str())) }</span></p>
            if let Some((reference, arabic)) = &post.ayah {
                <figure class="post-ayah">
                    <p class="arabic" lang="ar" dir="rtl">{ arabic }{ " " }
                        <span class="ayah-number" aria-hidden="true">{ arabic_digits(reference.ayah()) }</span></p>
                    <figcaption class="muted small">{ i18n.language().localize_digits(&reference.to_string()) }</figcaption>
                </figure>
            }
            // A reflection is in whatever language its author wrote.
            <p class="post-body" dir={post.milestone.is_none().then_some("auto")}>{ text }</p>
            <div class="reactions">
                { for Reaction::ALL.iter().enumerate().map(|(n, &r)| {
                    let count = post.counts[n];
                    html! {
                        <button class={classes!("chip", "reaction")} data-reaction={r.as_str()}
                            aria-pressed={(post.my_reaction == Some(r)).to_string()} onclick={react(r)}>
                            { i18n.t(&format!("feed-react-{}", r.as_str())) }
                            if count > 0 {
                                <span class="count">{ " " }{ i18n.count(u64::from(count)) }</span>
                            }
                        </button>
                    }
                }) }
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::wire::UiLanguage;

    #[test]
    fn every_milestone_reaction_and_audience_has_words_in_both_languages() {
        for language in [UiLanguage::En, UiLanguage::Ar] {
            let i18n = I18n::new(language);
            let ids = [
                "khatm",
                "streak",
                "competition",
                "khatmah",
                "achievement",
                "other",
            ]
            .map(|m| format!("feed-milestone-{m}"))
            .into_iter()
            .chain(Reaction::ALL.map(|r| format!("feed-react-{}", r.as_str())))
            .chain(Audience::ALL.map(|a| format!("feed-audience-{}", a.as_str())));
            for id in ids {
                assert!(i18n.has(&id), "{language:?} lacks {id}");
            }
        }
    }

    #[test]
    fn a_milestone_is_told_in_the_windows_language() {
        let streak = MilestoneView {
            name: "streak".into(),
            value: 30,
            achievement: None,
        };
        let english = milestone_text(&I18n::new(UiLanguage::En), &streak);
        assert_eq!(english, "Read the Qur'an 30 days in a row.");
        let arabic = milestone_text(&I18n::new(UiLanguage::Ar), &streak);
        assert!(arabic.contains("٣٠"), "{arabic}");
        let unlocked = MilestoneView {
            name: "achievement".into(),
            value: 1,
            achievement: Some("first_session".into()),
        };
        let text = milestone_text(&I18n::new(UiLanguage::En), &unlocked);
        assert_eq!(text, "Unlocked an achievement: First steps.");
    }
}
