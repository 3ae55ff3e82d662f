-- Chat (SQLite): direct conversations between two people and one
-- conversation per group, messages numbered per conversation (`last_seq`,
-- bumped under the conversation's row lock), read markers, reactions,
-- blocks, mutes and reports.
CREATE TABLE conversations (
    id              TEXT PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL,
    -- A group's conversation: its members are the group's.
    group_id        TEXT UNIQUE REFERENCES user_groups(id) ON DELETE CASCADE,
    -- A direct conversation's two people, the smaller id first.
    user_a          TEXT REFERENCES users(id) ON DELETE CASCADE,
    user_b          TEXT REFERENCES users(id) ON DELETE CASCADE,
    last_seq        BIGINT NOT NULL DEFAULT 0,
    last_message_at BIGINT,
    created_at      BIGINT NOT NULL,
    UNIQUE (user_a, user_b)
);
CREATE INDEX conversations_user_b ON conversations (user_b);

CREATE TABLE chat_messages (
    id              TEXT PRIMARY KEY NOT NULL,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    seq             BIGINT NOT NULL,
    sender_id       TEXT REFERENCES users(id) ON DELETE SET NULL,
    -- The sending device's own id of the message: a resend is the same one.
    client_id       TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    edited_at       BIGINT,
    deleted_at      BIGINT,
    UNIQUE (conversation_id, seq),
    UNIQUE (sender_id, client_id)
);
CREATE INDEX chat_messages_sender_time ON chat_messages (sender_id, created_at);

-- The last message each member has read, by its number.
CREATE TABLE chat_reads (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    last_read_seq   BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);

-- One reaction per person per message.
CREATE TABLE chat_reactions (
    message_id TEXT NOT NULL REFERENCES chat_messages(id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    emoji      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (message_id, user_id)
);

CREATE TABLE blocks (
    blocker_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    blocked_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX blocks_blocked ON blocks (blocked_id);

-- Members a group admin muted in the group's conversation.
CREATE TABLE chat_mutes (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    muted_by        TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);

-- Reports of messages, for moderators.
CREATE TABLE chat_reports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id  TEXT NOT NULL REFERENCES chat_messages(id) ON DELETE CASCADE,
    reporter_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    reason      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (message_id, reporter_id)
);
