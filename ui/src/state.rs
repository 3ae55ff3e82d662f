//! App-wide state: the current screen, its history, the user's settings
//! and a passing message. One reducer, shared through a context.

use std::rc::Rc;

use std::collections::BTreeMap;

use companion_core::wire::{
    AudioEvent, AudioStatus, CommandError, DownloadProgress, LiveEvent, PlaybackState, Settings,
    TranslationOption, ViewTarget,
};
use companion_core::AyahRef;
use yew::prelude::*;

use crate::i18n::I18n;

/// The screens of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    Home,
    Surahs,
    Juz {
        quarters: bool,
    },
    Pages,
    Reader {
        target: ViewTarget,
        focus: Option<AyahRef>,
    },
    Search {
        query: String,
    },
    Bookmarks,
    Settings,
    Downloads,
    Stats,
    Achievements,
    Calendar,
    Focus,
    Dhikr,
    Account,
    Together,
}

/// What the recitation engine is doing, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AudioView {
    pub state: PlaybackState,
    /// The ayah being heard (or waited for).
    pub ayah: Option<AyahRef>,
    /// Repetition of that ayah, and round of the range (1-based).
    pub repetition: u32,
    pub round: u32,
}

impl AudioView {
    /// Whether the mini player should show.
    pub fn active(&self) -> bool {
        self.state.is_active()
    }
}

/// What the sync server told live, as counters the screens watch: a
/// screen showing chat loads again when `chat` moves, the inbox when
/// `inbox` moves.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LiveNews {
    /// Something changed in a conversation (a message, a reaction, a read
    /// marker).
    pub chat: u32,
    pub inbox: u32,
    /// Someone followed the reader.
    pub people: u32,
    /// A group khatmah changed.
    pub khatmah: u32,
    /// The last typing note: the conversation, who, and a counter.
    pub typing: Option<(String, String, u32)>,
}

impl LiveNews {
    fn hear(&mut self, event: LiveEvent) {
        match event {
            LiveEvent::Chat { .. } => self.chat = self.chat.wrapping_add(1),
            LiveEvent::Typing { conversation, name } => {
                let n = self.typing.as_ref().map_or(0, |t| t.2.wrapping_add(1));
                self.typing = Some((conversation, name, n));
            }
            LiveEvent::Notification => self.inbox = self.inbox.wrapping_add(1),
            LiveEvent::Other { kind } if kind == "followed" => {
                self.people = self.people.wrapping_add(1);
            }
            LiveEvent::Other { kind } if kind == "khatmah" => {
                self.khatmah = self.khatmah.wrapping_add(1);
            }
            LiveEvent::Other { .. } => {}
        }
    }
}

/// Everything the reducer changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Open a screen, remembering the current one for Back.
    Navigate(Route),
    /// Open the reader on a range such as `2:255-257`, marking all of it.
    NavigateRange(Route, (AyahRef, AyahRef)),
    /// Change the current screen in place (e.g. a new search query).
    Replace(Route),
    /// Return to the previous screen.
    Back,
    /// Settings loaded or changed.
    Settings(Settings),
    /// The list of bundled translations.
    Translations(Vec<TranslationOption>),
    /// Show a short message.
    Toast(String),
    /// Hide the message.
    DismissToast,
    /// A focus session runs (the window shows the reader alone; messages
    /// wait) or ended.
    Focusing(bool),
    /// A focus session ran out while the app was closed: its summary, for
    /// the focus screen to show once.
    FocusEnded(Option<companion_core::wire::FocusSummary>),
    /// The recitation engine said something.
    Audio(AudioEvent),
    /// The engine's state when the UI opened.
    AudioStatus(AudioStatus),
    /// A download's progress.
    Download(DownloadProgress),
    /// The whole download list.
    Downloads(Vec<DownloadProgress>),
    /// The sync server told something live.
    Live(LiveEvent),
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub route: Route,
    pub history: Vec<Route>,
    pub settings: Settings,
    pub translations: Rc<Vec<TranslationOption>>,
    pub toast: Option<String>,
    /// Counts navigations, so opening the same place again is a new visit.
    pub visit: u32,
    /// The ayahs a go-to range asked for, marked in the reader.
    pub highlight: Option<(AyahRef, AyahRef)>,
    pub audio: AudioView,
    /// Downloads by id.
    pub downloads: Rc<BTreeMap<String, DownloadProgress>>,
    /// A focus session runs: no navigation, messages held back.
    pub focusing: bool,
    /// A session that ended while the app was closed, not yet shown.
    pub focus_ended: Option<companion_core::wire::FocusSummary>,
    pub live: LiveNews,
}

impl Default for AppState {
    fn default() -> Self {
        Self {
            route: Route::Home,
            history: Vec::new(),
            settings: Settings::default(),
            translations: Rc::default(),
            toast: None,
            visit: 0,
            highlight: None,
            audio: AudioView::default(),
            downloads: Rc::default(),
            focusing: false,
            focus_ended: None,
            live: LiveNews::default(),
        }
    }
}

/// How far back Back can go.
const HISTORY_LIMIT: usize = 50;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::NavigateRange(route, range) => {
                return Rc::new(AppState {
                    highlight: Some(range),
                    ..(*self.reduce(Action::Navigate(route))).clone()
                });
            }
            Action::Navigate(route) => {
                next.highlight = None;
                next.visit = next.visit.wrapping_add(1);
                if route != next.route {
                    let previous = std::mem::replace(&mut next.route, route);
                    next.history.push(previous);
                    if next.history.len() > HISTORY_LIMIT {
                        next.history.remove(0);
                    }
                }
            }
            Action::Replace(route) => {
                next.highlight = None;
                next.visit = next.visit.wrapping_add(1);
                next.route = route;
            }
            Action::Back => {
                next.route = next.history.pop().unwrap_or(Route::Home);
            }
            Action::Settings(settings) => next.settings = settings,
            Action::Translations(list) => next.translations = Rc::new(list),
            Action::Toast(text) => next.toast = Some(text),
            Action::DismissToast => next.toast = None,
            Action::Focusing(on) => next.focusing = on,
            Action::FocusEnded(summary) => next.focus_ended = summary,
            Action::Audio(event) => match event {
                AudioEvent::Playing {
                    ayah,
                    repetition,
                    round,
                } => {
                    next.audio = AudioView {
                        state: PlaybackState::Playing,
                        ayah: Some(ayah),
                        repetition,
                        round,
                    }
                }
                AudioEvent::Buffering { ayah } => {
                    next.audio.state = PlaybackState::Buffering;
                    next.audio.ayah = Some(ayah);
                }
                AudioEvent::Paused => next.audio.state = PlaybackState::Paused,
                AudioEvent::Resumed => next.audio.state = PlaybackState::Playing,
                AudioEvent::Stopped | AudioEvent::Finished => next.audio = AudioView::default(),
                // The app records a recited ayah as read; nothing to show.
                AudioEvent::Recited { .. } => return self,
                AudioEvent::Error { message, .. } => next.toast = Some(message),
            },
            Action::AudioStatus(status) => {
                next.audio = AudioView {
                    state: status.state,
                    ayah: status.ayah,
                    repetition: 1,
                    round: 1,
                }
            }
            Action::Download(progress) => {
                let mut all = (*next.downloads).clone();
                all.insert(progress.id.clone(), progress);
                next.downloads = Rc::new(all);
            }
            Action::Downloads(list) => {
                next.downloads = Rc::new(list.into_iter().map(|p| (p.id.clone(), p)).collect());
            }
            Action::Live(event) => next.live.hear(event),
        }
        Rc::new(next)
    }
}

/// The shared handle.
pub type AppContext = UseReducerHandle<AppState>;

/// The app state from context.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("the App component provides AppContext to every screen")
}

/// Applies new settings at once and saves them. The UI keeps what the user
/// chose (a late reply to an earlier save must not undo a newer change); a
/// failed save puts the previous settings back and says why.
pub fn save_settings(app: &AppContext, i18n: &I18n, settings: companion_core::wire::Settings) {
    let previous = app.settings.clone();
    app.dispatch(Action::Settings(settings.clone()));
    let (app, i18n) = (app.clone(), i18n.clone());
    yew::platform::spawn_local(async move {
        if let Err(error) = crate::services::bridge::save_settings(settings).await {
            app.dispatch(Action::Settings(previous));
            show_error(&app, &i18n, &error);
        }
    });
}

/// Shows an error from the app as a passing message, in the interface
/// language (by its `code`; see `I18n::error`). Every error the UI shows
/// goes through here or through `I18n::error`, never `error.message`.
pub fn show_error(app: &AppContext, i18n: &I18n, error: &CommandError) {
    app.dispatch(Action::Toast(i18n.error(error)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: AppState, action: Action) -> AppState {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn back_returns_to_the_previous_screen_and_then_home() {
        let s = reduce(AppState::default(), Action::Navigate(Route::Surahs));
        let s = reduce(
            s,
            Action::Navigate(Route::Reader {
                target: ViewTarget::Surah(2),
                focus: None,
            }),
        );
        let s = reduce(s, Action::Back);
        assert_eq!(s.route, Route::Surahs);
        let s = reduce(s, Action::Back);
        assert_eq!(s.route, Route::Home);
        let s = reduce(s, Action::Back);
        assert_eq!(s.route, Route::Home, "Back on the first screen stays there");
    }

    #[test]
    fn a_range_is_marked_until_the_next_navigation() {
        let (a, b) = (AyahRef::new(2, 255).unwrap(), AyahRef::new(2, 257).unwrap());
        let reader = Route::Reader {
            target: ViewTarget::Surah(2),
            focus: Some(a),
        };
        let s = reduce(
            AppState::default(),
            Action::NavigateRange(reader.clone(), (a, b)),
        );
        assert_eq!(s.route, reader);
        assert_eq!(s.highlight, Some((a, b)));
        assert_eq!(
            s.history,
            vec![Route::Home],
            "a range is an ordinary step for Back"
        );
        let s = reduce(s, Action::Navigate(Route::Surahs));
        assert_eq!(
            s.highlight, None,
            "the mark goes with the screen it was for"
        );
    }

    #[test]
    fn audio_events_drive_what_the_player_shows() {
        let a = AyahRef::new(112, 1).unwrap();
        let s = reduce(
            AppState::default(),
            Action::Audio(AudioEvent::Buffering { ayah: a }),
        );
        assert!(s.audio.active());
        let s = reduce(
            s,
            Action::Audio(AudioEvent::Playing {
                ayah: a,
                repetition: 2,
                round: 1,
            }),
        );
        assert_eq!(
            (s.audio.state, s.audio.ayah, s.audio.repetition),
            (PlaybackState::Playing, Some(a), 2)
        );
        let s = reduce(s, Action::Audio(AudioEvent::Paused));
        assert_eq!(s.audio.state, PlaybackState::Paused);
        let s = reduce(
            s,
            Action::Audio(AudioEvent::Error {
                code: "offline".into(),
                message: "Download the surah".into(),
            }),
        );
        assert_eq!(s.toast.as_deref(), Some("Download the surah"));
        let s = reduce(s, Action::Audio(AudioEvent::Finished));
        assert!(!s.audio.active());
    }

    #[test]
    fn replacing_a_screen_does_not_grow_history() {
        let s = reduce(
            AppState::default(),
            Action::Navigate(Route::Search {
                query: String::new(),
            }),
        );
        let s = reduce(
            s,
            Action::Replace(Route::Search {
                query: "mercy".into(),
            }),
        );
        assert_eq!(s.history, vec![Route::Home]);
    }
}
