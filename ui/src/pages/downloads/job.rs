//! One download with its progress and controls.

use companion_core::wire::{CommandError, DownloadProgress, DownloadState};
use yew::prelude::*;

use super::megabytes;
use crate::i18n::use_i18n;
use crate::services::bridge::{self, DownloadControl};
use crate::state::{show_error, use_app};

#[derive(Properties, PartialEq)]
pub struct DownloadJobProps {
    pub progress: DownloadProgress,
    /// The reciter's name.
    pub reciter: AttrValue,
    /// What is downloaded: a surah's name or the whole Qur'an.
    pub what: AttrValue,
}

#[component]
pub fn DownloadJob(props: &DownloadJobProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let p = &props.progress;
    let control = |command: DownloadControl| {
        let (app, i18n, id) = (app.clone(), i18n.clone(), p.id.clone());
        Callback::from(move |_: MouseEvent| {
            let (app, i18n, id) = (app.clone(), i18n.clone(), id.clone());
            yew::platform::spawn_local(async move {
                if let Err(error) = bridge::download_control(command, id).await {
                    show_error(&app, &i18n, &error);
                }
            });
        })
    };
    let state = match p.state {
        DownloadState::Running => "download-running",
        DownloadState::Paused => "download-paused",
        DownloadState::Done => "download-done",
        DownloadState::Failed => "download-failed",
        DownloadState::Cancelled => "download-cancelled",
    };
    let title = format!("{} — {}", props.reciter, props.what);
    // The progress carries the app's sentence but no code yet: shown as
    // `download_failed`, so other languages get their own sentence.
    let failure = p
        .message
        .as_ref()
        .map(|message| i18n.error(&CommandError::new("download_failed", message.clone())));
    html! {
        <li class="card download" data-id={p.id.clone()} data-state={i18n.t(state)}>
            <div class="download-head">
                <strong><bdi>{ title.clone() }</bdi></strong>
                <span class="muted small">{ i18n.t(state) }</span>
            </div>
            <progress max={p.files_total.to_string()} value={p.files_done.to_string()}
                aria-label={title}></progress>
            <div class="muted small">
                { i18n.t_args("downloads-progress", &[
                    ("done", p.files_done.into()),
                    ("total", p.files_total.into()),
                    ("megabytes", megabytes(p.bytes).into()),
                ]) }
            </div>
            if let Some(message) = failure {
                <p class="small error">{ message }</p>
            }
            <div class="actions">
                if p.state == DownloadState::Running {
                    <button class="button" onclick={control(DownloadControl::Pause)}>{ i18n.t("downloads-pause") }</button>
                }
                if matches!(p.state, DownloadState::Paused | DownloadState::Failed) {
                    <button class="button" onclick={control(DownloadControl::Resume)}>{ i18n.t("downloads-resume") }</button>
                }
                if matches!(p.state, DownloadState::Running | DownloadState::Paused | DownloadState::Failed) {
                    <button class="button" onclick={control(DownloadControl::Cancel)}>{ i18n.t("downloads-cancel") }</button>
                }
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::Providers;
    use companion_core::wire::{DownloadScope, UiLanguage};

    #[derive(Properties, PartialEq)]
    struct FailedJobProps {
        language: UiLanguage,
    }

    #[component]
    fn FailedJob(props: &FailedJobProps) -> Html {
        let progress = DownloadProgress {
            id: "d1".into(),
            reciter: "alafasy".into(),
            scope: DownloadScope::Surah { surah: 2 },
            state: DownloadState::Failed,
            files_done: 3,
            files_total: 286,
            bytes: 1_500_000,
            message: Some("Cannot write /audio/002001.mp3: disk full.".into()),
        };
        html! {
            <Providers language={props.language}>
                <DownloadJob {progress} reciter="Mishary Alafasy" what="2. Al-Baqarah" />
            </Providers>
        }
    }

    async fn render(language: UiLanguage) -> String {
        yew::LocalServerRenderer::<FailedJob>::with_props(FailedJobProps { language })
            .render()
            .await
    }

    #[tokio::test]
    async fn a_failed_download_says_why_in_the_interface_language() {
        let english = render(UiLanguage::En).await;
        assert!(
            english.contains("disk full"),
            "English shows the app's own sentence: {english}"
        );
        assert!(english.contains("3 of 286 files"), "{english}");
        let arabic = render(UiLanguage::Ar).await;
        assert!(
            !arabic.contains("disk full") && arabic.contains("توقف التنزيل"),
            "the Arabic UI shows the failure in Arabic: {arabic}"
        );
        assert!(arabic.contains("متابعة"), "and offers to resume: {arabic}");
    }
}
