//! The contract between the UI and the app: every command the UI may
//! invoke, declared once with its name, its request and its response.
//!
//! The UI's bridge invokes `C::NAME` with a `C::Request` and decodes a
//! `C::Response`; the app registers one handler per command under the same
//! name with the same types, and checks at compile time that its handler
//! list and [`ALL`] are the same set. A command renamed, added or retyped
//! here therefore fails to compile on whichever side was not changed.
//!
//! On the wire, the arguments are `{ "request": <Request> }` (`null` for
//! the commands that take nothing) and the answer is the `Response`, or a
//! [`CommandError`](crate::wire::CommandError).

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::wire::*;

/// One command of the contract.
pub trait Command {
    /// The name the UI invokes and the app registers.
    const NAME: &'static str;
    /// What the UI sends (`()` for nothing).
    type Request: Serialize + DeserializeOwned;
    /// What the app answers.
    type Response: Serialize + DeserializeOwned;
}

macro_rules! commands {
    ($( $(#[$doc:meta])* $command:ident = $name:literal: $request:ty => $response:ty; )*) => {
        $(
            $(#[$doc])*
            #[derive(Debug)]
            pub enum $command {}

            impl Command for $command {
                const NAME: &'static str = $name;
                type Request = $request;
                type Response = $response;
            }
        )*

        /// The name of every command, in declaration order.
        pub const ALL: &[&str] = &[$($name),*];
    };
}

commands! {
    /// The home screen: the ayah of the day and where reading stopped.
    Home = "home": () => HomeView;
    Surahs = "surahs": () => Vec<SurahSummary>;
    Juzs = "juzs": () => Vec<PartSummary>;
    HizbQuarters = "hizb_quarters": () => Vec<PartSummary>;
    Pages = "pages": () => Vec<PartSummary>;
    /// The bundled translations.
    Translations = "translations": () => Vec<TranslationOption>;
    /// The data sources and their licences, as Markdown.
    Attribution = "attribution": () => String;
    /// A surah, juz, hizb quarter or page, with the chosen text options.
    OpenView = "open_view": OpenViewRequest => ReadingView;
    Search = "search": SearchRequest => SearchResponse;
    GetSettings = "get_settings": () => Settings;
    /// Saves and answers the settings as stored.
    SaveSettings = "save_settings": Settings => Settings;
    SavePosition = "save_position": SavePositionRequest => ();
    Bookmarks = "bookmarks": () => Vec<Bookmark>;
    AddBookmark = "add_bookmark": AddBookmarkRequest => Bookmark;
    DeleteBookmark = "delete_bookmark": DeleteBookmarkRequest => ();
    /// The reciter catalogue with the space each takes here.
    Reciters = "reciters": () => Vec<ReciterInfo>;
    /// Plays a range with the saved playback settings.
    AudioPlay = "audio_play": PlayAudioRequest => ();
    AudioPause = "audio_pause": () => ();
    AudioResume = "audio_resume": () => ();
    AudioStop = "audio_stop": () => ();
    AudioNext = "audio_next": () => ();
    AudioPrevious = "audio_previous": () => ();
    GetAudioStatus = "audio_status": () => AudioStatus;
    Downloads = "downloads": () => Vec<DownloadProgress>;
    DownloadStart = "download_start": DownloadRequest => DownloadProgress;
    DownloadPause = "download_pause": DownloadId => ();
    DownloadResume = "download_resume": DownloadId => ();
    DownloadCancel = "download_cancel": DownloadId => ();
    DeleteReciterAudio = "delete_reciter_audio": ReciterId => ();
    /// Ayahs that just counted as read, stored in the open session.
    RecordReading = "record_reading": RecordReadingRequest => ReadingTally;
    /// The reader was left: the open session ends.
    EndReading = "end_reading": () => ();
    /// Today, this week, all time and the streak, for home.
    Progress = "progress": () => ProgressSummary;
    /// Sets a new goal (a target of 0 is refused with `invalid_goal`).
    SetGoal = "set_goal": SetGoalRequest => GoalView;
    RemoveGoal = "remove_goal": GoalId => ();
    /// Makes a new khatm plan the standing one (a past end is refused with
    /// `invalid_plan`).
    SetKhatm = "set_khatm": SetKhatmRequest => ();
    /// Ends the standing khatm plan.
    EndKhatm = "end_khatm": () => ();
    /// Marks a day excused, or not (today and the six days before).
    SetExcused = "set_excused": SetExcusedRequest => ();
    /// The stats screen's figures and charts.
    Stats = "stats": () => StatsView;
    /// The whole catalogue: unlocked with their day, the rest with progress.
    Achievements = "achievements": () => Vec<AchievementView>;
    /// Unlocks what the reader's history now meets; those newly unlocked.
    CheckAchievements = "check_achievements": () => Vec<AchievementView>;
    /// Today's Hijri date, countdowns and prayer times, for home.
    Daily = "daily": () => DailyView;
    /// A month in both calendars with its reading days and prayer times.
    CalendarMonth = "calendar_month": MonthRequest => CalendarMonthView;
    /// Whether system notifications can be shown here (Settings says so).
    NotificationState = "notification_status": () => NotificationStatus;
    /// The account on the sync server and how its sync stands.
    Account = "account": () => AccountView;
    /// Signs in to a sync server, then sends what this device kept.
    SignIn = "sign_in": SignInRequest => AccountView;
    /// Creates an account on a sync server and signs in with it.
    Register = "register": RegisterRequest => AccountView;
    /// Signs out: the server forgets this device's sign-in, and the
    /// keyring forgets the token. What was read stays on the device.
    SignOut = "sign_out": () => AccountView;
    /// Sends the changes waiting on this device now.
    SyncNow = "sync_now": () => AccountView;
    /// Changes the reader's name, username and bio on the server.
    UpdateProfile = "update_profile": ProfileRequest => AccountView;
    /// Who sees the reader on leaderboards.
    SetVisibility = "set_visibility": Visibility => AccountView;
    /// Saves everything the server holds about the reader to a JSON file.
    ExportData = "export_data": () => ExportDone;
    /// Deletes the account on the server; the reading stays here.
    DeleteAccount = "delete_account": DeleteAccountRequest => AccountView;
    /// A leaderboard from the sync server.
    Leaderboard = "leaderboard": BoardRequest => BoardView;
    /// The reader's groups.
    MyGroups = "my_groups": () => Vec<GroupView>;
    /// Creates a group with the reader as its admin.
    CreateGroup = "create_group": NewGroupRequest => GroupView;
    /// Joins a group by its invite code.
    JoinGroup = "join_group": JoinGroupRequest => GroupView;
    /// Leaves a group: the reader's groups after.
    LeaveGroup = "leave_group": GroupRef => Vec<GroupView>;
    /// Invitations to groups waiting for the reader's answer.
    Invitations = "invitations": () => Vec<InvitationView>;
    /// Accepts (joining the group) or declines an invitation: those left.
    AnswerInvitation = "answer_invitation": AnswerInvitationRequest => Vec<InvitationView>;
    /// Invites someone to a group the reader administers.
    InviteToGroup = "invite_to_group": InviteRequest => ();
    /// The competitions the reader can see, running and coming first.
    Competitions = "competitions": () => Vec<CompetitionView>;
    /// Starts a competition now, the reader in it.
    CreateCompetition = "create_competition": NewCompetitionRequest => CompetitionView;
    /// Joins a competition.
    JoinCompetition = "join_competition": JoinCompetitionRequest => CompetitionView;
    /// A page of the Daily Deen feed.
    Feed = "feed": FeedRequest => FeedPage;
    /// Posts a reflection.
    Reflect = "reflect": ReflectRequest => FeedPost;
    /// Reacts to a post, or takes the reaction back.
    React = "react": ReactRequest => FeedPost;
    /// The notification inbox.
    Inbox = "inbox": () => InboxView;
    /// Marks one notification read, or all: the inbox after.
    MarkRead = "mark_read": MarkReadRequest => InboxView;
    /// The reader's friends, and who follows whom of the rest.
    People = "people": () => PeopleView;
    /// Follows someone by username: the people after.
    Follow = "follow": FollowRequest => PeopleView;
    /// Stops following someone: the people after.
    Unfollow = "unfollow": PersonRef => PeopleView;
    /// A group's khatmahs: the running one with its portions, and the
    /// earlier ones.
    GroupKhatmah = "group_khatmah": GroupRef => GroupKhatmahs;
    /// Starts a khatmah in a group the reader administers.
    StartKhatmah = "start_khatmah": StartKhatmahRequest => GroupKhatmahs;
    /// Claims, gives back or marks done a portion.
    KhatmahPortion = "khatmah_portion": PortionRequest => GroupKhatmahs;
    /// Cancels a group's running khatmah (its admins).
    CancelKhatmah = "cancel_khatmah": KhatmahRef => GroupKhatmahs;
    /// The reader's conversations, the latest first.
    Conversations = "conversations": () => Vec<ConversationView>;
    /// Opens (or finds) the direct conversation with someone.
    StartChat = "start_chat": StartChatRequest => ConversationView;
    /// A page of a conversation, with the messages waiting to be sent.
    ChatHistory = "chat_history": HistoryRequest => ChatPage;
    /// Sends a message, or keeps it to send when the server can be reached.
    SendMessage = "send_message": SendMessageRequest => ChatMessage;
    /// Reacts to a message, or takes the reaction back.
    ReactToMessage = "react_to_message": MessageReactRequest => ();
    /// Deletes one of the reader's messages.
    DeleteMessage = "delete_message": MessageRequest => ();
    /// Reports a message to the server's moderators.
    ReportMessage = "report_message": MessageRequest => ();
    /// Marks a conversation read up to its latest message.
    ReadConversation = "read_conversation": ConversationRef => ();
    /// Blocks someone: no messages either way.
    BlockUser = "block_user": BlockRequest => ();
    /// Tells the conversation's other members the reader is typing.
    Typing = "typing": ConversationRef => ();
    /// Whether the live connection to the server is up.
    LiveStatus = "live_status": () => LiveState;
    /// Which kinds of notification the reader gets.
    NotificationSettings = "notification_settings": () => Vec<KindSetting>;
    /// Turns one kind of notification on or off: the settings after.
    SetNotification = "set_notification": KindSetting => Vec<KindSetting>;
    /// Focus Mode now: idle, the running session, or one that just ended.
    FocusStatus = "focus_status": () => FocusNow;
    /// Starts a session (refused while one runs).
    FocusStart = "focus_start": FocusStartRequest => FocusView;
    FocusPause = "focus_pause": () => FocusView;
    FocusResume = "focus_resume": () => FocusView;
    /// Ends the session now: complete if its time had run, else incomplete.
    FocusEnd = "focus_end": () => FocusSummary;
    /// Recent focus sessions and the totals.
    FocusHistoryOf = "focus_history": () => FocusHistory;
    /// Keeps a round of dhikr; today's total and the recent rounds.
    DhikrKeep = "dhikr_keep": DhikrRound => DhikrHistory;
    DhikrHistoryOf = "dhikr_history": () => DhikrHistory;
}

/// Whether two names are equal, in a `const` context (the app's
/// compile-time check of its handler names).
pub const fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_its_own_snake_case_name() {
        let mut names: Vec<&str> = ALL.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len(), "two commands share a name");
        for name in ALL {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}: Tauri registers the handler's function name"
            );
        }
        assert_eq!(AudioPlay::NAME, "audio_play");
    }

    #[test]
    fn names_compare_by_every_byte() {
        assert!(same_name("home", "home"));
        assert!(!same_name("home", "homes"));
        assert!(!same_name("juzs", "jUzs"));
        assert!(same_name("", ""));
    }
}
