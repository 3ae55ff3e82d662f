//! The one place that touches JavaScript: the binding to Tauri's
//! `window.__TAURI__.core.invoke`, wrapped in typed calls. Every call is
//! [`invoke`] of a command of the contract (`companion_core::command`), so
//! its name and types are the ones the app registers.

use companion_core::command::{self as cmd, Command};
use companion_core::wire::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "window"], js_name = getCurrentWindow, catch)]
    fn tauri_current_window() -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    async fn tauri_listen(
        event: &str,
        handler: &Closure<dyn FnMut(JsValue)>,
    ) -> Result<JsValue, JsValue>;
}

/// Calls `on_event` with the payload of every `event` the app emits, for
/// the life of the page.
pub fn listen<T: DeserializeOwned + 'static>(event: &'static str, on_event: impl Fn(T) + 'static) {
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |message: JsValue| {
        let payload =
            js_sys::Reflect::get(&message, &JsValue::from_str("payload")).unwrap_or(JsValue::NULL);
        if let Ok(value) = serde_wasm_bindgen::from_value::<T>(payload) {
            on_event(value);
        }
    });
    yew::platform::spawn_local(async move {
        // Outside the app there is nothing to listen to.
        let _ = tauri_listen(event, &handler).await;
        // The listener lives as long as the page.
        handler.forget();
    });
}

/// Result of a command.
pub type CallResult<T> = Result<T, CommandError>;

#[derive(Serialize)]
struct Args<'a, T: Serialize> {
    request: &'a T,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, CommandError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| CommandError::new("encode_failed", e.to_string()))
}

fn error_from_js(value: JsValue) -> CommandError {
    if let Ok(error) = serde_wasm_bindgen::from_value::<CommandError>(value.clone()) {
        return error;
    }
    if let Some(text) = value.as_string() {
        return CommandError::new("command_failed", text);
    }
    // Not inside the app (no `window.__TAURI__`): a TypeError lands here.
    CommandError::new(
        "outside_app",
        "This page must run inside the Qur'an Companion app.",
    )
}

/// Invokes command `C` of the contract: its name, request and response
/// types all come from `companion_core::command`.
pub async fn invoke<C: Command>(request: &C::Request) -> CallResult<C::Response> {
    let args = to_js(&Args { request })?;
    let value = tauri_invoke(C::NAME, args).await.map_err(error_from_js)?;
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| CommandError::new("decode_failed", format!("{}: {e}", C::NAME)))
}

pub async fn home() -> CallResult<HomeView> {
    invoke::<cmd::Home>(&()).await
}

pub async fn surahs() -> CallResult<Vec<SurahSummary>> {
    invoke::<cmd::Surahs>(&()).await
}

pub async fn juzs() -> CallResult<Vec<PartSummary>> {
    invoke::<cmd::Juzs>(&()).await
}

pub async fn hizb_quarters() -> CallResult<Vec<PartSummary>> {
    invoke::<cmd::HizbQuarters>(&()).await
}

pub async fn translations() -> CallResult<Vec<TranslationOption>> {
    invoke::<cmd::Translations>(&()).await
}

pub async fn attribution() -> CallResult<String> {
    invoke::<cmd::Attribution>(&()).await
}

pub async fn open_view(target: ViewTarget, options: TextOptions) -> CallResult<ReadingView> {
    invoke::<cmd::OpenView>(&OpenViewRequest { target, options }).await
}

pub async fn search(query: String, translation: Option<String>) -> CallResult<SearchResponse> {
    invoke::<cmd::Search>(&SearchRequest { query, translation }).await
}

pub async fn get_settings() -> CallResult<Settings> {
    invoke::<cmd::GetSettings>(&()).await
}

pub async fn save_settings(settings: Settings) -> CallResult<Settings> {
    invoke::<cmd::SaveSettings>(&settings).await
}

pub async fn save_position(position: Position) -> CallResult<()> {
    invoke::<cmd::SavePosition>(&SavePositionRequest { position }).await
}

pub async fn bookmarks() -> CallResult<Vec<Bookmark>> {
    invoke::<cmd::Bookmarks>(&()).await
}

pub async fn add_bookmark(
    reference: companion_core::AyahRef,
    note: Option<String>,
) -> CallResult<Bookmark> {
    invoke::<cmd::AddBookmark>(&AddBookmarkRequest { reference, note }).await
}

pub async fn delete_bookmark(id: i64) -> CallResult<()> {
    invoke::<cmd::DeleteBookmark>(&DeleteBookmarkRequest { id }).await
}

pub async fn reciters() -> CallResult<Vec<ReciterInfo>> {
    invoke::<cmd::Reciters>(&()).await
}

pub async fn audio_play(
    start: companion_core::AyahRef,
    end: companion_core::AyahRef,
) -> CallResult<()> {
    invoke::<cmd::AudioPlay>(&PlayAudioRequest { start, end }).await
}

/// A command that tells the engine one word (`cmd::AudioPause`,
/// `cmd::AudioResume`, `cmd::AudioStop`, `cmd::AudioNext`,
/// `cmd::AudioPrevious`).
pub async fn audio_control<C: Command<Request = (), Response = ()>>() -> CallResult<()> {
    invoke::<C>(&()).await
}

pub async fn audio_status() -> CallResult<AudioStatus> {
    invoke::<cmd::GetAudioStatus>(&()).await
}

pub async fn downloads() -> CallResult<Vec<DownloadProgress>> {
    invoke::<cmd::Downloads>(&()).await
}

pub async fn download_start(reciter: String, scope: DownloadScope) -> CallResult<DownloadProgress> {
    invoke::<cmd::DownloadStart>(&DownloadRequest { reciter, scope }).await
}

/// What can be done to a running download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DownloadControl {
    Pause,
    Resume,
    Cancel,
}

pub async fn download_control(control: DownloadControl, id: String) -> CallResult<()> {
    let id = DownloadId { id };
    match control {
        DownloadControl::Pause => invoke::<cmd::DownloadPause>(&id).await,
        DownloadControl::Resume => invoke::<cmd::DownloadResume>(&id).await,
        DownloadControl::Cancel => invoke::<cmd::DownloadCancel>(&id).await,
    }
}

pub async fn record_reading(
    ayahs: Vec<companion_core::AyahRef>,
    how: ReadHow,
) -> CallResult<ReadingTally> {
    invoke::<cmd::RecordReading>(&RecordReadingRequest { ayahs, how }).await
}

pub async fn end_reading() -> CallResult<()> {
    invoke::<cmd::EndReading>(&()).await
}

pub async fn progress() -> CallResult<ProgressSummary> {
    invoke::<cmd::Progress>(&()).await
}

pub async fn set_goal(request: SetGoalRequest) -> CallResult<GoalView> {
    invoke::<cmd::SetGoal>(&request).await
}

pub async fn remove_goal(id: String) -> CallResult<()> {
    invoke::<cmd::RemoveGoal>(&GoalId { id }).await
}

pub async fn set_khatm(request: SetKhatmRequest) -> CallResult<()> {
    invoke::<cmd::SetKhatm>(&request).await
}

pub async fn end_khatm() -> CallResult<()> {
    invoke::<cmd::EndKhatm>(&()).await
}

pub async fn delete_reciter_audio(reciter: String) -> CallResult<()> {
    invoke::<cmd::DeleteReciterAudio>(&ReciterId { reciter }).await
}

pub async fn set_excused(day: companion_core::habit::Day, excused: bool) -> CallResult<()> {
    invoke::<cmd::SetExcused>(&SetExcusedRequest { day, excused }).await
}

pub async fn stats() -> CallResult<StatsView> {
    invoke::<cmd::Stats>(&()).await
}

pub async fn achievements() -> CallResult<Vec<AchievementView>> {
    invoke::<cmd::Achievements>(&()).await
}

pub async fn check_achievements() -> CallResult<Vec<AchievementView>> {
    invoke::<cmd::CheckAchievements>(&()).await
}

pub async fn daily() -> CallResult<DailyView> {
    invoke::<cmd::Daily>(&()).await
}

pub async fn calendar_month(year: i32, month: u32) -> CallResult<CalendarMonthView> {
    invoke::<cmd::CalendarMonth>(&MonthRequest { year, month }).await
}

pub async fn notification_status() -> CallResult<NotificationStatus> {
    invoke::<cmd::NotificationState>(&()).await
}

pub async fn account() -> CallResult<AccountView> {
    invoke::<cmd::Account>(&()).await
}

pub async fn sign_in(request: SignInRequest) -> CallResult<AccountView> {
    invoke::<cmd::SignIn>(&request).await
}

pub async fn register(request: RegisterRequest) -> CallResult<AccountView> {
    invoke::<cmd::Register>(&request).await
}

pub async fn sign_out() -> CallResult<AccountView> {
    invoke::<cmd::SignOut>(&()).await
}

pub async fn sync_now() -> CallResult<AccountView> {
    invoke::<cmd::SyncNow>(&()).await
}

pub async fn update_profile(request: ProfileRequest) -> CallResult<AccountView> {
    invoke::<cmd::UpdateProfile>(&request).await
}

pub async fn set_visibility(visibility: Visibility) -> CallResult<AccountView> {
    invoke::<cmd::SetVisibility>(&visibility).await
}

pub async fn export_data() -> CallResult<ExportDone> {
    invoke::<cmd::ExportData>(&()).await
}

pub async fn delete_account(request: DeleteAccountRequest) -> CallResult<AccountView> {
    invoke::<cmd::DeleteAccount>(&request).await
}

pub async fn leaderboard(request: BoardRequest) -> CallResult<BoardView> {
    invoke::<cmd::Leaderboard>(&request).await
}

pub async fn my_groups() -> CallResult<Vec<GroupView>> {
    invoke::<cmd::MyGroups>(&()).await
}

pub async fn create_group(request: NewGroupRequest) -> CallResult<GroupView> {
    invoke::<cmd::CreateGroup>(&request).await
}

pub async fn join_group(request: JoinGroupRequest) -> CallResult<GroupView> {
    invoke::<cmd::JoinGroup>(&request).await
}

pub async fn leave_group(id: String) -> CallResult<Vec<GroupView>> {
    invoke::<cmd::LeaveGroup>(&GroupRef { id }).await
}

pub async fn invitations() -> CallResult<Vec<InvitationView>> {
    invoke::<cmd::Invitations>(&()).await
}

pub async fn answer_invitation(
    request: AnswerInvitationRequest,
) -> CallResult<Vec<InvitationView>> {
    invoke::<cmd::AnswerInvitation>(&request).await
}

pub async fn invite_to_group(request: InviteRequest) -> CallResult<()> {
    invoke::<cmd::InviteToGroup>(&request).await
}

pub async fn competitions() -> CallResult<Vec<CompetitionView>> {
    invoke::<cmd::Competitions>(&()).await
}

pub async fn create_competition(request: NewCompetitionRequest) -> CallResult<CompetitionView> {
    invoke::<cmd::CreateCompetition>(&request).await
}

pub async fn join_competition(request: JoinCompetitionRequest) -> CallResult<CompetitionView> {
    invoke::<cmd::JoinCompetition>(&request).await
}

pub async fn inbox() -> CallResult<InboxView> {
    invoke::<cmd::Inbox>(&()).await
}

pub async fn mark_read(request: MarkReadRequest) -> CallResult<InboxView> {
    invoke::<cmd::MarkRead>(&request).await
}

pub async fn feed(request: FeedRequest) -> CallResult<FeedPage> {
    invoke::<cmd::Feed>(&request).await
}

pub async fn reflect(request: ReflectRequest) -> CallResult<FeedPost> {
    invoke::<cmd::Reflect>(&request).await
}

pub async fn react(request: ReactRequest) -> CallResult<FeedPost> {
    invoke::<cmd::React>(&request).await
}

/// Puts the window in full screen, or back (a window manager may refuse;
/// nothing else depends on it).
pub fn set_fullscreen(on: bool) {
    let Ok(window) = tauri_current_window() else {
        return;
    };
    let call = js_sys::Reflect::get(&window, &JsValue::from_str("setFullscreen"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(set) = call {
        if let Ok(promise) = set.call1(&window, &JsValue::from_bool(on)) {
            if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
                yew::platform::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                });
            }
        }
    }
}

pub async fn focus_status() -> CallResult<FocusNow> {
    invoke::<cmd::FocusStatus>(&()).await
}

pub async fn focus_start(request: FocusStartRequest) -> CallResult<FocusView> {
    invoke::<cmd::FocusStart>(&request).await
}

pub async fn focus_pause(pause: bool) -> CallResult<FocusView> {
    if pause {
        invoke::<cmd::FocusPause>(&()).await
    } else {
        invoke::<cmd::FocusResume>(&()).await
    }
}

pub async fn focus_end() -> CallResult<FocusSummary> {
    invoke::<cmd::FocusEnd>(&()).await
}

pub async fn focus_history() -> CallResult<FocusHistory> {
    invoke::<cmd::FocusHistoryOf>(&()).await
}

pub async fn dhikr_keep(round: DhikrRound) -> CallResult<DhikrHistory> {
    invoke::<cmd::DhikrKeep>(&round).await
}

pub async fn dhikr_history() -> CallResult<DhikrHistory> {
    invoke::<cmd::DhikrHistoryOf>(&()).await
}
