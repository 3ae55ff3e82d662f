//! The notification inbox, on the Together screen: who joined a group,
//! reacted to a post, mentioned the reader; competitions starting, ending
//! and ranks changing; khatmah portions. Each worded in the window's
//! language; one can be marked read, or all. New ones come live; each
//! kind can be turned off.

use companion_core::command as cmd;
use companion_core::wire::{CommandError, InboxItem, InboxView, KindSetting, MarkReadRequest};
use yew::prelude::*;

use super::{load_status, Load};
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::services::bridge::invoke;
use crate::state::use_app;

/// What a notification says.
pub fn words(i18n: &I18n, item: &InboxItem) -> String {
    let who = item.who.clone().unwrap_or_default();
    let subject = item.subject.clone().unwrap_or_default();
    let number = item.number.unwrap_or(0);
    let reaction = item
        .reaction
        .map(|r| i18n.t(&format!("feed-react-{}", r.as_str())))
        .unwrap_or_default();
    let id = match (item.kind.as_str(), item.detail.as_deref(), item.number) {
        ("khatmah_portion", Some("deadline"), _) => "inbox-khatmah_portion-deadline",
        ("khatmah_portion", _, _) => "inbox-khatmah_portion-assigned",
        ("competition_end", _, Some(_)) => "inbox-competition_end-ranked",
        (
            kind @ ("group_join" | "group_invite" | "chat_mention" | "post_reaction"
            | "competition_start" | "competition_end" | "competition_rank"),
            _,
            _,
        ) => {
            return i18n.t_args(
                &format!("inbox-{kind}"),
                &[
                    ("who", who.into()),
                    ("subject", subject.into()),
                    ("number", number.into()),
                    ("reaction", reaction.into()),
                ],
            )
        }
        _ => "inbox-other",
    };
    i18n.t_args(
        id,
        &[
            ("who", who.into()),
            ("subject", subject.into()),
            ("number", number.into()),
            ("reaction", reaction.into()),
        ],
    )
}

#[derive(Properties, PartialEq)]
pub struct InboxProps {
    /// Told the unread count whenever it is known.
    pub on_unread: Callback<u32>,
}

#[component]
pub fn Inbox(props: &InboxProps) -> Html {
    let i18n = use_i18n();
    let app = use_app();
    let inbox = use_state(|| Load::<InboxView>::Loading);
    {
        let (inbox, on_unread) = (inbox.clone(), props.on_unread.clone());
        use_effect_with(app.live.inbox, move |_| {
            yew::platform::spawn_local(async move {
                inbox.set(match bridge::inbox().await {
                    Ok(view) => {
                        on_unread.emit(view.unread);
                        Load::Ready(view)
                    }
                    Err(error) => Load::Failed(error),
                });
            });
        });
    }
    let mark = |id: Option<i64>| {
        let (inbox, on_unread) = (inbox.clone(), props.on_unread.clone());
        Callback::from(move |_: MouseEvent| {
            let (inbox, on_unread) = (inbox.clone(), on_unread.clone());
            yew::platform::spawn_local(async move {
                if let Ok(view) = bridge::mark_read(MarkReadRequest { id }).await {
                    on_unread.emit(view.unread);
                    inbox.set(Load::Ready(view));
                }
            });
        })
    };
    let list = match &*inbox {
        Load::Ready(view) if view.items.is_empty() => html! {
            <p class="muted" id="inbox-empty">{ i18n.t("inbox-empty") }</p>
        },
        Load::Ready(view) => html! {
            <section class="card inbox" id="inbox">
                if view.unread > 0 {
                    <div class="actions">
                        <button class="button" id="inbox-read-all" onclick={mark(None)}>{ i18n.t("inbox-read-all") }</button>
                    </div>
                }
                <ol class="inbox-items">
                    { for view.items.iter().map(|item| html! {
                        <li class={classes!("inbox-item", (!item.read).then_some("unread"))}
                            data-kind={item.kind.clone()} data-read={item.read.to_string()}>
                            <span class="inbox-words">{ words(&i18n, item) }</span>
                            if !item.read {
                                <button class="chip" onclick={mark(Some(item.id))}>{ i18n.t("inbox-mark-read") }</button>
                            }
                        </li>
                    }) }
                </ol>
            </section>
        },
        other => load_status(other, &i18n),
    };
    html! {
        <>
            { list }
            <KindSettings />
        </>
    }
}

/// Which kinds of notification the reader gets: each one a switch.
#[component]
fn KindSettings() -> Html {
    let i18n = use_i18n();
    let settings = use_state(|| None::<Vec<KindSetting>>);
    let failed = use_state(|| None::<CommandError>);
    {
        let settings = settings.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                if let Ok(all) = invoke::<cmd::NotificationSettings>(&()).await {
                    settings.set(Some(all));
                }
            });
        });
    }
    let toggle = |kind: &str, on: bool| {
        let (settings, failed) = (settings.clone(), failed.clone());
        let setting = KindSetting {
            kind: kind.to_owned(),
            on: !on,
        };
        Callback::from(move |_: Event| {
            let (settings, failed, setting) = (settings.clone(), failed.clone(), setting.clone());
            yew::platform::spawn_local(async move {
                match invoke::<cmd::SetNotification>(&setting).await {
                    Ok(all) => {
                        failed.set(None);
                        settings.set(Some(all));
                    }
                    Err(error) => failed.set(Some(error)),
                }
            });
        })
    };
    let Some(all) = &*settings else {
        return html! {};
    };
    html! {
        <details class="card inbox-settings" id="inbox-settings">
            <summary>{ i18n.t("inbox-settings") }</summary>
            <ul>
                { for all.iter().map(|s| html! {
                    <li>
                        <label class="check">
                            <input type="checkbox" data-kind={s.kind.clone()} checked={s.on} onchange={toggle(&s.kind, s.on)} />
                            { " " }{ i18n.t(&format!("inbox-kind-{}", s.kind)) }
                        </label>
                    </li>
                }) }
            </ul>
            if let Some(error) = &*failed {
                <p class="message error" role="alert">{ i18n.error(error) }</p>
            }
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::wire::{Reaction, UiLanguage, NOTIFICATION_KINDS};

    fn item(kind: &str) -> InboxItem {
        InboxItem {
            id: 1,
            kind: kind.into(),
            read: false,
            created_at: 0,
            who: Some("Bilal".into()),
            subject: Some("Family circle".into()),
            number: Some(3),
            reaction: Some(Reaction::Ameen),
            detail: Some("assigned".into()),
        }
    }

    #[test]
    fn every_kind_is_worded_in_both_languages() {
        let kinds = [
            "group_join",
            "group_invite",
            "chat_mention",
            "post_reaction",
            "competition_start",
            "competition_end",
            "competition_rank",
            "khatmah_portion",
            "something_newer",
        ];
        for language in [UiLanguage::En, UiLanguage::Ar] {
            let i18n = I18n::new(language);
            for kind in kinds {
                let id = format!("inbox-{kind}");
                let said = words(&i18n, &item(kind));
                assert!(
                    !said.is_empty() && !said.contains(&id),
                    "{language:?} {kind}: {said}"
                );
            }
            for kind in NOTIFICATION_KINDS {
                let id = format!("inbox-kind-{kind}");
                assert!(i18n.has(&id), "{language:?} lacks {id}");
            }
            for id in [
                "inbox-competition_end-ranked",
                "inbox-khatmah_portion-deadline",
                "inbox-other",
            ] {
                assert!(i18n.has(id), "{language:?} lacks {id}");
            }
        }
        let english = I18n::new(UiLanguage::En);
        assert_eq!(
            words(&english, &item("group_join")),
            "Bilal joined Family circle."
        );
        assert_eq!(
            words(&english, &item("post_reaction")),
            "Bilal said Ameen to your post."
        );
    }
}
