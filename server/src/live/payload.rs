//! The data of each kind of live event (`kinds::LiveKind`), as clients
//! read it in an event frame's `data`. The domain builds these when it
//! stores an event; nothing here reads the database or decides who is told.

use serde::Serialize;

use crate::store::Person;

/// Someone as an event names them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Who {
    pub id: String,
    pub username: String,
    pub display_name: String,
}

impl From<&Person> for Who {
    fn from(person: &Person) -> Who {
        Who {
            id: person.id.clone(),
            username: person.username.clone(),
            display_name: person.display_name.clone(),
        }
    }
}

/// `followed`: someone started following the user.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Followed {
    /// Who follows them now.
    pub by: Who,
}

/// The JSON text of an event's data.
pub fn to_data<T: Serialize>(payload: &T) -> String {
    // Serializing these plain structs cannot fail; `null` if it ever did.
    serde_json::to_string(payload).unwrap_or_else(|_| "null".to_owned())
}

/// A chat message as members see it (`message_created`,
/// `message_edited`, `message_deleted`, and the chat routes' answers).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Message {
    pub id: String,
    pub conversation_id: String,
    /// Its number in the conversation: 1, 2, 3, ...
    pub seq: i64,
    /// Who sent it (`null` once their account is gone).
    pub sender: Option<Who>,
    /// The sending device's own id of the message.
    pub client_id: String,
    /// Its text; empty once deleted.
    pub body: String,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub deleted: bool,
}

impl From<&crate::store::MessageRow> for Message {
    fn from(m: &crate::store::MessageRow) -> Message {
        Message {
            id: m.id.clone(),
            conversation_id: m.conversation_id.clone(),
            seq: m.seq,
            sender: m.sender.as_ref().map(Who::from),
            client_id: m.client_id.clone(),
            body: m.body.clone(),
            created_at: m.created_at,
            edited_at: m.edited_at,
            deleted: m.deleted_at.is_some(),
        }
    }
}

/// `reaction_changed`: someone's reaction to a message is now `emoji`
/// (`null`: removed).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Reaction {
    pub conversation_id: String,
    pub message_id: String,
    pub user_id: String,
    pub emoji: Option<String>,
}

/// `conversation_read`: a member read the conversation up to a message.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Read {
    pub conversation_id: String,
    pub user_id: String,
    pub message_id: String,
    pub seq: i64,
}

/// A notification as its owner sees it: in the inbox, and as the data of
/// a `notification` event.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Notification {
    pub id: i64,
    /// One of the notification kinds (`group_join`, `chat_mention`, ...).
    #[schema(value_type = String)]
    pub kind: crate::kinds::NotificationKind,
    /// What happened; its shape depends on `kind`.
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    pub read: bool,
    pub created_at: i64,
}

impl From<&crate::store::NotificationRow> for Notification {
    fn from(n: &crate::store::NotificationRow) -> Notification {
        Notification {
            id: n.id,
            kind: n.kind,
            data: serde_json::from_str(&n.data).unwrap_or(serde_json::Value::Null),
            read: n.read_at.is_some(),
            created_at: n.created_at,
        }
    }
}

/// `group_join`: someone joined a group the user administers.
#[derive(Debug, Clone, Serialize)]
pub struct GroupJoined {
    pub group_id: String,
    pub group_name: String,
    pub by: Who,
}

/// `group_invite`: an admin invited the user to a group.
#[derive(Debug, Clone, Serialize)]
pub struct GroupInvited {
    pub invitation_id: String,
    pub group_id: String,
    pub group_name: String,
    pub by: Who,
}

/// `chat_mention`: someone named the user in a message.
#[derive(Debug, Clone, Serialize)]
pub struct Mentioned {
    pub conversation_id: String,
    pub message_id: String,
    pub by: Who,
    /// The message's first 100 characters.
    pub excerpt: String,
}

/// `post_reaction`: someone reacted to the user's post.
#[derive(Debug, Clone, Serialize)]
pub struct PostReacted {
    pub post_id: i64,
    pub by: Who,
    pub reaction: crate::kinds::PostReaction,
}

/// `competition_start` / `competition_end`: a competition the user is in
/// started or ended (with their final rank once it ended, if ranked).
#[derive(Debug, Clone, Serialize)]
pub struct CompetitionPhase {
    pub competition_id: String,
    pub name: String,
    pub rank: Option<i64>,
}

/// `competition_rank`: the user moved up in a running competition past
/// others (`passed`, the nearest [`crate::domain::ranks::MAX_PASSED`]
/// of them), or someone moved up past the user (`by`); `rank` is the
/// user's own now.
#[derive(Debug, Clone, Serialize)]
pub struct CompetitionRank {
    pub competition_id: String,
    pub name: String,
    pub rank: i64,
    pub passed: Vec<Who>,
    pub by: Option<Who>,
}

/// A feed post as a reader sees it: in the feed, and as the data of a
/// `feed_post` event (with no reactions yet).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Post {
    pub id: i64,
    pub author: Who,
    /// `reflection` or `milestone`.
    #[schema(value_type = String)]
    pub kind: crate::kinds::PostKind,
    /// `friends`, `groups` or `private`.
    #[schema(value_type = String)]
    pub visibility: crate::kinds::PostVisibility,
    pub body: String,
    /// A reflection's ayah, its text from the bundled Qur'an.
    pub ayah: Option<PostAyah>,
    /// A milestone post's milestone.
    pub milestone: Option<Milestone>,
    pub created_at: i64,
    /// How many reacted with each reaction.
    pub reactions: ReactionCounts,
    /// The reader's own reaction.
    #[schema(value_type = Option<String>)]
    pub my_reaction: Option<crate::kinds::PostReaction>,
}

/// The ayah a reflection is about.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PostAyah {
    pub surah: i64,
    pub ayah: i64,
    /// The Uthmani text, as the server's bundled Qur'an has it.
    pub text: String,
}

/// What a milestone post celebrates: `khatm`, `streak` (days in a row),
/// `competition` (the final rank), `khatmah` (a group's, its number) or
/// `achievement` (its target), and its number.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Milestone {
    pub name: String,
    pub value: i64,
    /// An `achievement` milestone's id in the app's catalogue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achievement: Option<String>,
}

/// How many reacted to a post with each reaction.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct ReactionCounts {
    pub subhanallah: i64,
    pub ameen: i64,
    pub mashaallah: i64,
}

impl From<&crate::store::PostRow> for Post {
    fn from(p: &crate::store::PostRow) -> Post {
        let count = |i: usize| p.counts.get(i).copied().unwrap_or(0);
        Post {
            id: p.id,
            author: Who::from(&p.author),
            kind: p.kind,
            visibility: p.visibility,
            body: p.body.clone(),
            ayah: p.ayah.as_ref().map(|(surah, ayah, text)| PostAyah {
                surah: *surah,
                ayah: *ayah,
                text: text.clone(),
            }),
            milestone: p.milestone.as_ref().map(|(name, value)| Milestone {
                name: name.clone(),
                value: *value,
                achievement: p.achievement.clone(),
            }),
            created_at: p.created_at,
            reactions: ReactionCounts {
                subhanallah: count(0),
                ameen: count(1),
                mashaallah: count(2),
            },
            my_reaction: p.mine,
        }
    }
}

/// One portion of a group khatmah: in a khatmah's view, and in its
/// `khatmah` events.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KhatmahPortion {
    /// 1 to 30 (juz) or 60 (hizb).
    pub number: i64,
    /// Its first ayah, `surah:ayah`.
    pub first: String,
    /// Its last ayah, `surah:ayah`.
    pub last: String,
    /// Who reads it; `null` while it is free.
    pub assignee: Option<Who>,
    pub done: bool,
    /// `marked` (by hand) or `reading` (from synced reading), once done.
    #[schema(value_type = Option<String>)]
    pub done_how: Option<crate::kinds::DoneHow>,
    /// RFC 3339, once done.
    pub done_at: Option<String>,
}

/// `khatmah`: a khatmah of one of the user's groups changed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KhatmahChanged {
    pub khatmah_id: String,
    pub group_id: String,
    /// `started`, `claimed`, `assigned`, `released`, `done`, `completed`
    /// or `cancelled`.
    pub change: &'static str,
    /// The portion that changed, as it is now.
    pub portion: Option<KhatmahPortion>,
    /// Portions done, and in all.
    pub done: i64,
    pub total: i64,
    /// `running`, `completed` or `cancelled`.
    #[schema(value_type = String)]
    pub status: crate::kinds::KhatmahStatus,
}

/// `khatmah_portion`: a portion of a group khatmah was given to the user
/// (`assigned`), or its deadline is near and the user's portion is not
/// done (`deadline`).
#[derive(Debug, Clone, Serialize)]
pub struct KhatmahNotice {
    pub khatmah_id: String,
    pub group_id: String,
    pub group_name: String,
    /// `assigned` or `deadline`.
    pub reason: &'static str,
    /// The user's portions concerned.
    pub portions: Vec<i64>,
    /// `juz` or `hizb`.
    pub division: crate::kinds::Division,
    /// RFC 3339, if the khatmah has one.
    pub deadline: Option<String>,
}
