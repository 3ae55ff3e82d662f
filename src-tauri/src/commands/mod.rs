//! The commands the UI calls: one handler for each command of the contract
//! in `companion_core::command`, and nothing else.
//!
//! A handler is an `impl Handle for SomeCommand`, so its request and
//! response are the contract's types. [`handlers!`] turns the list into
//! Tauri commands registered under the contract's names, and refuses to
//! compile unless every command of [`ALL`] has exactly one handler
//! registered under its name. Handlers are thin adapters from the UI's
//! typed requests to `views`, `store` and the recitation engine.
//!
//! Every handler is `async` so that work (parsing a translation on first
//! use, a search, a database write) never runs on the window's thread.

mod account;
mod chat;
mod daily;
mod dhikr;
mod feed;
mod focus;
mod inbox;
mod khatmah;
mod progress;
mod reading;
mod recitation;
mod together;

use std::future::Future;

use companion_core::command::{self as cmd, same_name, Command, ALL};

use crate::error::Result;
use crate::state::AppState;

/// How the app answers one command.
pub trait Handle: Command {
    fn handle(
        state: &AppState,
        request: Self::Request,
    ) -> impl Future<Output = Result<Self::Response>> + Send;
}

/// Makes a Tauri command `name` for each `name => Command` pair, the
/// invoke handler registering them all, and the compile-time check that
/// the pairs and the contract agree.
macro_rules! handlers {
    ($($name:ident => $command:ident),* $(,)?) => {
        mod generated {
            use super::{cmd, Command, Handle};
            use crate::error::Result;
            use crate::state::AppState;

            $(
                #[tauri::command]
                pub async fn $name(
                    state: tauri::State<'_, AppState>,
                    request: <cmd::$command as Command>::Request,
                ) -> Result<<cmd::$command as Command>::Response> {
                    <cmd::$command as Handle>::handle(&state, request).await
                }
            )*
        }

        /// Every handler, for `Builder::invoke_handler`.
        pub fn invoke_handler<R: tauri::Runtime>(
        ) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(generated::$name),*]
        }

        // Each handler answers under its command's name, and there are as
        // many handlers as commands (a command listed twice would define
        // its function twice), so every command has exactly one.
        const _: () = {
            $(
                assert!(
                    same_name(<cmd::$command as Command>::NAME, stringify!($name)),
                    concat!("`", stringify!($name), "` is not the contract's name of ", stringify!($command)),
                );
            )*
            assert!(
                [$(stringify!($name)),*].len() == ALL.len(),
                "a command of the contract has no handler",
            );
        };
    };
}

handlers! {
    home => Home,
    surahs => Surahs,
    juzs => Juzs,
    hizb_quarters => HizbQuarters,
    pages => Pages,
    translations => Translations,
    attribution => Attribution,
    open_view => OpenView,
    search => Search,
    get_settings => GetSettings,
    save_settings => SaveSettings,
    save_position => SavePosition,
    bookmarks => Bookmarks,
    add_bookmark => AddBookmark,
    delete_bookmark => DeleteBookmark,
    reciters => Reciters,
    audio_play => AudioPlay,
    audio_pause => AudioPause,
    audio_resume => AudioResume,
    audio_stop => AudioStop,
    audio_next => AudioNext,
    audio_previous => AudioPrevious,
    audio_status => GetAudioStatus,
    downloads => Downloads,
    download_start => DownloadStart,
    download_pause => DownloadPause,
    download_resume => DownloadResume,
    download_cancel => DownloadCancel,
    delete_reciter_audio => DeleteReciterAudio,
    record_reading => RecordReading,
    end_reading => EndReading,
    progress => Progress,
    set_goal => SetGoal,
    remove_goal => RemoveGoal,
    set_khatm => SetKhatm,
    end_khatm => EndKhatm,
    set_excused => SetExcused,
    stats => Stats,
    achievements => Achievements,
    check_achievements => CheckAchievements,
    daily => Daily,
    calendar_month => CalendarMonth,
    notification_status => NotificationState,
    focus_status => FocusStatus,
    focus_start => FocusStart,
    focus_pause => FocusPause,
    focus_resume => FocusResume,
    focus_end => FocusEnd,
    focus_history => FocusHistoryOf,
    dhikr_keep => DhikrKeep,
    dhikr_history => DhikrHistoryOf,
    account => Account,
    sign_in => SignIn,
    register => Register,
    sign_out => SignOut,
    sync_now => SyncNow,
    update_profile => UpdateProfile,
    set_visibility => SetVisibility,
    export_data => ExportData,
    delete_account => DeleteAccount,
    leaderboard => Leaderboard,
    my_groups => MyGroups,
    create_group => CreateGroup,
    join_group => JoinGroup,
    leave_group => LeaveGroup,
    invitations => Invitations,
    answer_invitation => AnswerInvitation,
    invite_to_group => InviteToGroup,
    competitions => Competitions,
    create_competition => CreateCompetition,
    join_competition => JoinCompetition,
    feed => Feed,
    reflect => Reflect,
    react => React,
    inbox => Inbox,
    mark_read => MarkRead,
    notification_settings => NotificationSettings,
    set_notification => SetNotification,
    group_khatmah => GroupKhatmah,
    start_khatmah => StartKhatmah,
    khatmah_portion => KhatmahPortion,
    cancel_khatmah => CancelKhatmah,
    people => People,
    follow => Follow,
    unfollow => Unfollow,
    conversations => Conversations,
    start_chat => StartChat,
    chat_history => ChatHistory,
    send_message => SendMessage,
    react_to_message => ReactToMessage,
    delete_message => DeleteMessage,
    report_message => ReportMessage,
    read_conversation => ReadConversation,
    block_user => BlockUser,
    typing => Typing,
    live_status => LiveStatus,
}
