//! The root component: providers, the top bar, and the screen for the
//! current `Route`.

use companion_core::daily::reminder::Due;
use companion_core::wire::{
    AudioEvent, CommandError, Destination, FocusNow, GoalMet, Theme, UiLanguage, ViewTarget,
};
use yew::prelude::*;

use crate::components::mini_player::MiniPlayer;
use crate::components::toast::Toast;
use crate::components::top_bar::TopBar;
use crate::i18n::I18n;
use crate::pages::{
    account::AccountPage, achievements::AchievementsPage, bookmarks::BookmarksPage,
    calendar::CalendarPage, dhikr::DhikrPage, downloads::DownloadsPage, focus::FocusPage,
    home::HomePage, juz::JuzPage, pages_index::PagesPage, reader::ReaderPage, search::SearchPage,
    settings::SettingsPage, stats::StatsPage, surahs::SurahsPage, together::TogetherPage,
};
use crate::services::bridge;
use crate::state::{show_error, Action, AppContext, AppState, Route};

#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let language = state.settings.ui_language;
    let i18n = use_memo(language, |&language| I18n::new(language));

    // Errors that arrive as events are shown in the language of the moment.
    let language_now = use_mut_ref(I18n::english);
    *language_now.borrow_mut() = (*i18n).clone();
    let language_for_reminders = language_now.clone();

    // Load settings and the translation list once.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let audio = state.clone();
            bridge::listen("audio", move |event| match event {
                AudioEvent::Error { code, message } => show_error(
                    &audio,
                    &language_now.borrow(),
                    &CommandError::new(code, message),
                ),
                event => audio.dispatch(Action::Audio(event)),
            });
            let downloads = state.clone();
            bridge::listen("download", move |p| downloads.dispatch(Action::Download(p)));
            let live = state.clone();
            bridge::listen("live", move |event| live.dispatch(Action::Live(event)));
            // Reminders show in the window too (a notification service may
            // be missing); a focus session holds them until it ends.
            let reminders = state.clone();
            let language = language_for_reminders.clone();
            bridge::listen("reminder", move |due: Due| {
                let text = reminder_text(&language.borrow(), &due);
                reminders.dispatch(Action::Toast(text));
            });
            let goals = state.clone();
            let language = language_for_reminders.clone();
            bridge::listen("goal_met", move |met: GoalMet| {
                let i18n = language.borrow();
                let goal = crate::components::goals::describe_goal(&i18n, &met.goal);
                goals.dispatch(Action::Toast(
                    i18n.t_args("goal-met", &[("goal", goal.into())]),
                ));
            });
            // A click on a system notification opens its screen.
            let opener = state.clone();
            bridge::listen("open", move |destination: Destination| {
                let opener = opener.clone();
                yew::platform::spawn_local(async move { open(&opener, destination).await });
            });
            yew::platform::spawn_local(async move {
                match bridge::get_settings().await {
                    Ok(settings) => state.dispatch(Action::Settings(settings)),
                    // Before settings there is no language but English.
                    Err(error) => show_error(&state, &I18n::english(), &error),
                }
                if let Ok(list) = bridge::translations().await {
                    state.dispatch(Action::Translations(list));
                }
                if let Ok(status) = bridge::audio_status().await {
                    state.dispatch(Action::AudioStatus(status));
                }
                if let Ok(list) = bridge::downloads().await {
                    state.dispatch(Action::Downloads(list));
                }
                // A focus session that was running when the app closed
                // goes on where it was; one that ran out meanwhile shows
                // its summary.
                match bridge::focus_status().await {
                    Ok(FocusNow::Running(_)) => state.dispatch(Action::Navigate(Route::Focus)),
                    Ok(FocusNow::Ended(summary)) => {
                        state.dispatch(Action::FocusEnded(Some(summary)));
                        state.dispatch(Action::Navigate(Route::Focus));
                    }
                    _ => {}
                }
            });
        });
    }

    // Theme and text size are applied to the document root as tokens.
    {
        let theme = state.settings.theme;
        let size = state.settings.arabic_font_size;
        use_effect_with((theme, size, language), move |&(theme, size, language)| {
            apply_root_tokens(theme, size, language);
        });
    }

    let screen = switch(&state.route, state.visit);
    html! {
        <ContextProvider<I18n> context={(*i18n).clone()}>
            <ContextProvider<AppContext> context={state.clone()}>
                <div class={classes!("app", state.focusing.then_some("focusing"))}>
                    // In a focus session the reader is alone on screen.
                    if !state.focusing {
                        <TopBar />
                    }
                    { screen }
                    if !state.focusing {
                        <MiniPlayer />
                    }
                    <Toast />
                </div>
            </ContextProvider<AppContext>>
        </ContextProvider<I18n>>
    }
}

/// The screen for a route.
pub fn switch(route: &Route, visit: u32) -> Html {
    match route.clone() {
        Route::Home => html! { <HomePage /> },
        Route::Surahs => html! { <SurahsPage /> },
        Route::Juz { quarters } => html! { <JuzPage {quarters} /> },
        Route::Pages => html! { <PagesPage /> },
        Route::Reader { target, focus } => html! { <ReaderPage {target} {focus} {visit} /> },
        Route::Search { query } => html! { <SearchPage {query} /> },
        Route::Bookmarks => html! { <BookmarksPage /> },
        Route::Settings => html! { <SettingsPage /> },
        Route::Downloads => html! { <DownloadsPage /> },
        Route::Stats => html! { <StatsPage /> },
        Route::Achievements => html! { <AchievementsPage /> },
        Route::Calendar => html! { <CalendarPage /> },
        Route::Focus => html! { <FocusPage /> },
        Route::Dhikr => html! { <DhikrPage /> },
        Route::Account => html! { <AccountPage /> },
        Route::Together => html! { <TogetherPage /> },
    }
}

/// Opens the screen a notification points to. Today's reading is the
/// khatm plan's portion for today, else where reading stopped, else home.
/// A running focus session keeps the window to itself.
async fn open(state: &UseReducerHandle<AppState>, destination: Destination) {
    if let Ok(FocusNow::Running(_)) = bridge::focus_status().await {
        return;
    }
    match destination {
        Destination::Home => state.dispatch(Action::Navigate(Route::Home)),
        Destination::FocusSummary => state.dispatch(Action::Navigate(Route::Focus)),
        Destination::Achievements => state.dispatch(Action::Navigate(Route::Achievements)),
        Destination::TodaysReading => {
            let portion = bridge::progress()
                .await
                .ok()
                .and_then(|p| p.khatm)
                .and_then(|k| k.today);
            if let Some(portion) = portion {
                let route = Route::Reader {
                    target: ViewTarget::Surah(portion.start.surah()),
                    focus: Some(portion.start),
                };
                state.dispatch(Action::NavigateRange(route, (portion.start, portion.end)));
                return;
            }
            let last = bridge::home().await.ok().and_then(|h| h.last_position);
            state.dispatch(Action::Navigate(match last {
                Some(position) => Route::Reader {
                    target: position.target,
                    focus: Some(position.ayah),
                },
                None => Route::Home,
            }));
        }
    }
}

/// A reminder's words in the interface's language.
pub fn reminder_text(i18n: &I18n, due: &Due) -> String {
    let prayer = due
        .prayer
        .map(|p| i18n.t(&format!("prayer-{}", p.as_str())))
        .unwrap_or_default();
    i18n.t_args(
        &format!("reminder-{}", due.kind.as_str()),
        &[("prayer", prayer.into())],
    )
}

fn apply_root_tokens(theme: Theme, arabic_font_size: u16, language: UiLanguage) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let name = match theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
        Theme::Sepia => "sepia",
    };
    let _ = root.set_attribute("data-theme", name);
    // The whole layout mirrors for Arabic: CSS uses logical properties.
    let _ = root.set_attribute("lang", language.tag());
    let _ = root.set_attribute("dir", if language.is_rtl() { "rtl" } else { "ltr" });
    let _ = root.set_attribute("style", &format!("--arabic-size: {arabic_font_size}px"));
}
