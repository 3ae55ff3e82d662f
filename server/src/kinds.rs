//! The closed sets of names the server stores as text and the API shows:
//! roles, group privacy, leaderboard visibility, event and session types,
//! competition types, metrics, statuses, kinds of live event and
//! notification, feed post visibilities, kinds and reactions, and group
//! khatmahs' divisions and states. Each is an enum with
//! `as_str`/`FromStr` (and serde through them), so no layer compares these
//! names as strings. This module depends on nothing else in the crate.

use std::fmt;
use std::str::FromStr;

/// A name that is not one of a kind's names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a known name")]
pub struct UnknownName(pub String);

/// Declares a text-stored enum: variants with their names, `as_str`,
/// `FromStr`, `Display`, serde and the list of all names.
macro_rules! text_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Its stored and API name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownName;

            fn from_str(name: &str) -> Result<Self, UnknownName> {
                match name {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownName(name.to_owned())),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let name = String::deserialize(d)?;
                name.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

text_enum! {
    /// A member's role in a group.
    pub enum Role {
        Admin = "admin",
        Member = "member",
    }
}

text_enum! {
    /// Who can find and join a group without its code.
    pub enum Privacy {
        Public = "public",
        Private = "private",
    }
}

text_enum! {
    /// Who sees a user on leaderboards and their stats.
    pub enum Visibility {
        Everyone = "everyone",
        /// Friends and people in a shared group.
        Circles = "circles",
        Hidden = "hidden",
    }
}

text_enum! {
    /// Kinds of event a device can push.
    pub enum EventType {
        ReadingSession = "reading_session",
        BookmarkAdded = "bookmark_added",
        BookmarkRemoved = "bookmark_removed",
        GoalSet = "goal_set",
        GoalRemoved = "goal_removed",
        FocusSession = "focus_session",
        DhikrSession = "dhikr_session",
        Settings = "settings",
        Position = "position",
    }
}

text_enum! {
    /// Kinds of reading session.
    pub enum SessionType {
        Reading = "reading",
        Listening = "listening",
        Memorizing = "memorizing",
    }
}

text_enum! {
    /// Who can join a competition.
    pub enum CompetitionType {
        /// Anyone.
        Public = "public",
        /// Whoever has its invite code.
        Private = "private",
        /// The members of its group.
        Group = "group",
    }
}

text_enum! {
    /// What a leaderboard or competition counts.
    pub enum Metric {
        Hasanat = "hasanat",
        Ayahs = "ayahs",
        /// Stored in thousandths of a page.
        Pages = "pages",
        /// Stored in seconds.
        Minutes = "minutes",
    }
}

text_enum! {
    /// Where a competition stands at a moment.
    pub enum Status {
        Upcoming = "upcoming",
        Active = "active",
        Completed = "completed",
    }
}

text_enum! {
    /// Lines of a group's activity.
    pub enum ActivityType {
        GroupCreated = "group_created",
        MemberJoined = "member_joined",
        MemberLeft = "member_left",
        MemberRemoved = "member_removed",
    }
}

text_enum! {
    /// Kinds of live event a user's devices are told about (`user_events`).
    pub enum LiveKind {
        /// Someone started following the user.
        Followed = "followed",
        /// A message in one of the user's conversations.
        MessageCreated = "message_created",
        /// A message was edited.
        MessageEdited = "message_edited",
        /// A message was deleted (its text is gone).
        MessageDeleted = "message_deleted",
        /// Someone's reaction to a message changed (or was removed).
        ReactionChanged = "reaction_changed",
        /// A member read a conversation up to a message.
        ConversationRead = "conversation_read",
        /// A new notification in the user's inbox.
        Notification = "notification",
        /// A new post in the user's Daily Deen feed.
        FeedPost = "feed_post",
        /// A group khatmah of one of the user's groups changed: started,
        /// a portion claimed, assigned, released or done, completed,
        /// cancelled.
        Khatmah = "khatmah",
    }
}

text_enum! {
    /// Kinds of notification in a user's inbox, each one on or off in
    /// their settings.
    pub enum NotificationKind {
        /// Invited to a group.
        GroupInvite = "group_invite",
        /// Someone joined a group the user administers.
        GroupJoin = "group_join",
        /// A competition the user is in has started.
        CompetitionStart = "competition_start",
        /// A competition the user is in has ended.
        CompetitionEnd = "competition_end",
        /// The user's rank in a competition changed.
        CompetitionRank = "competition_rank",
        /// Someone named the user (`@username`) in a chat message.
        ChatMention = "chat_mention",
        /// Someone reacted to the user's post.
        PostReaction = "post_reaction",
        /// About the user's portion of a group khatmah.
        KhatmahPortion = "khatmah_portion",
    }
}

text_enum! {
    /// Who sees a feed post, as its author chose.
    pub enum PostVisibility {
        /// Friends (mutual follows).
        Friends = "friends",
        /// Members of the author's private groups.
        Groups = "groups",
        /// Members of one group (the server's posts for a group, such as
        /// a completed khatmah); never chosen for a reflection.
        Group = "group",
        /// Only the author.
        Private = "private",
    }
}

text_enum! {
    /// Kinds of feed post.
    pub enum PostKind {
        /// A reflection the author wrote, maybe on an ayah (tadabbur).
        Reflection = "reflection",
        /// A milestone the server posted from synced reading.
        Milestone = "milestone",
    }
}

text_enum! {
    /// The reactions to a feed post.
    pub enum PostReaction {
        SubhanAllah = "subhanallah",
        Ameen = "ameen",
        MashaAllah = "mashaallah",
    }
}

text_enum! {
    /// How a group khatmah is split into portions.
    pub enum Division {
        /// 30 portions, one juz each.
        Juz = "juz",
        /// 60 portions, one hizb (four quarters) each.
        Hizb = "hizb",
    }
}

text_enum! {
    /// Where a group khatmah stands.
    pub enum KhatmahStatus {
        Running = "running",
        /// Every portion done.
        Completed = "completed",
        /// Stopped by an admin before the end.
        Cancelled = "cancelled",
    }
}

text_enum! {
    /// How a khatmah portion came to be done.
    pub enum DoneHow {
        /// Marked done by its reader or an admin.
        Marked = "marked",
        /// Every ayah read (synced reading) after the khatmah started.
        Reading = "reading",
    }
}

text_enum! {
    /// Where an invitation to a group stands.
    pub enum InvitationStatus {
        /// Not answered yet.
        Pending = "pending",
        /// The invitee joined the group.
        Accepted = "accepted",
        /// The invitee said no.
        Declined = "declined",
        /// An admin took it back.
        Revoked = "revoked",
    }
}

text_enum! {
    /// Kinds of chat conversation.
    pub enum ConversationKind {
        /// Between two people.
        Direct = "direct",
        /// A group's own conversation, for its members.
        Group = "group",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T>(all: &[T])
    where
        T: Copy + PartialEq + fmt::Debug + FromStr + fmt::Display,
    {
        for value in all {
            let parsed = value.to_string().parse::<T>().ok();
            assert_eq!(parsed, Some(*value), "{value} parses back to itself");
        }
    }

    #[test]
    fn every_name_parses_back_to_its_value() {
        round_trips(Role::ALL);
        round_trips(Privacy::ALL);
        round_trips(Visibility::ALL);
        round_trips(EventType::ALL);
        round_trips(SessionType::ALL);
        round_trips(CompetitionType::ALL);
        round_trips(Metric::ALL);
        round_trips(Status::ALL);
        round_trips(ActivityType::ALL);
        round_trips(LiveKind::ALL);
        round_trips(ConversationKind::ALL);
        round_trips(NotificationKind::ALL);
        round_trips(PostVisibility::ALL);
        round_trips(PostKind::ALL);
        round_trips(PostReaction::ALL);
        round_trips(Division::ALL);
        round_trips(KhatmahStatus::ALL);
        round_trips(DoneHow::ALL);
        round_trips(InvitationStatus::ALL);
    }

    #[test]
    fn names_are_exact_and_case_sensitive() {
        assert_eq!("admin".parse(), Ok(Role::Admin));
        assert!(
            "Admin".parse::<Role>().is_err(),
            "stored names are lower case"
        );
        assert!(" public".parse::<Privacy>().is_err(), "callers trim first");
        assert_eq!(
            serde_json::to_string(&Visibility::Circles).ok().as_deref(),
            Some("\"circles\""),
            "serde writes the stored name"
        );
    }
}
