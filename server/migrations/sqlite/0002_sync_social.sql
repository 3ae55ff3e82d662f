-- Sync, progress and the social graph (SQLite).
-- Who sees a user on leaderboards: 'everyone' (the global board too),
-- 'circles' (friends, groups and competitions they joined: the default) or
-- 'hidden' (nowhere).
ALTER TABLE users ADD COLUMN leaderboard_visibility TEXT NOT NULL DEFAULT 'circles';
UPDATE users SET leaderboard_visibility = 'everyone' WHERE leaderboard_visible = 1;
ALTER TABLE users DROP COLUMN leaderboard_visible;
-- The last sync cursor given out for the user. Pushes bump it under the
-- row lock, so cursors are handed out in commit order per user.
ALTER TABLE users ADD COLUMN sync_seq BIGINT NOT NULL DEFAULT 0;

-- Everything a device pushed, kept for the user's other devices to pull.
-- `id` is the client's own; (user_id, id) makes a replay change nothing.
CREATE TABLE sync_events (
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    data        TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, id)
);
CREATE UNIQUE INDEX sync_events_cursor ON sync_events (user_id, seq);

-- Reading sessions with what the server computed from their ranges.
-- Pages are in thousandths: each ayah counts for its share of its page's
-- letters.
CREATE TABLE reading_sessions (
    user_id          TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    id               TEXT NOT NULL,
    surah_number     BIGINT NOT NULL,
    start_ayah       BIGINT NOT NULL,
    end_ayah         BIGINT NOT NULL,
    start_time       BIGINT NOT NULL,
    end_time         BIGINT NOT NULL,
    -- The reader's local civil day of the start, as days since 1970-01-01.
    local_day        BIGINT NOT NULL,
    duration_seconds BIGINT NOT NULL,
    session_type     TEXT NOT NULL,
    ayahs_read       BIGINT NOT NULL,
    letters          BIGINT NOT NULL,
    hasanat          BIGINT NOT NULL,
    page_thousandths BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    PRIMARY KEY (user_id, id)
);
CREATE INDEX reading_sessions_user_time ON reading_sessions (user_id, start_time);
CREATE INDEX reading_sessions_time ON reading_sessions (start_time);

-- Running totals per user, kept in the same transaction as the sessions:
-- all-time boards read these instead of summing every session.
CREATE TABLE user_totals (
    user_id          TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    sessions         BIGINT NOT NULL DEFAULT 0,
    seconds          BIGINT NOT NULL DEFAULT 0,
    ayahs            BIGINT NOT NULL DEFAULT 0,
    letters          BIGINT NOT NULL DEFAULT 0,
    hasanat          BIGINT NOT NULL DEFAULT 0,
    page_thousandths BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX user_totals_hasanat ON user_totals (hasanat);

-- Follows; friends are follows both ways.
CREATE TABLE follows (
    follower_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    followee_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX follows_followee ON follows (followee_id);

CREATE TABLE user_groups (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    creator_id   TEXT REFERENCES users(id) ON DELETE SET NULL,
    privacy      TEXT NOT NULL,
    member_limit BIGINT NOT NULL,
    member_count BIGINT NOT NULL DEFAULT 0,
    invite_code  TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX groups_privacy_name ON user_groups (privacy, name);

CREATE TABLE group_members (
    group_id  TEXT NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
    user_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role      TEXT NOT NULL,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id);

CREATE TABLE group_activity (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id      TEXT NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
    user_id       TEXT REFERENCES users(id) ON DELETE SET NULL,
    activity_type TEXT NOT NULL,
    content       TEXT NOT NULL DEFAULT '',
    created_at    BIGINT NOT NULL
);
CREATE INDEX group_activity_group ON group_activity (group_id, id);

CREATE TABLE competitions (
    id                TEXT PRIMARY KEY NOT NULL,
    name              TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    creator_id        TEXT REFERENCES users(id) ON DELETE SET NULL,
    competition_type  TEXT NOT NULL,
    group_id          TEXT REFERENCES user_groups(id) ON DELETE CASCADE,
    metric_type       TEXT NOT NULL,
    start_time        BIGINT NOT NULL,
    end_time          BIGINT NOT NULL,
    invite_code       TEXT,
    participant_count BIGINT NOT NULL DEFAULT 0,
    created_at        BIGINT NOT NULL
);
CREATE INDEX competitions_type_start ON competitions (competition_type, start_time);

CREATE TABLE competition_participants (
    competition_id TEXT NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
    user_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    joined_at      BIGINT NOT NULL,
    PRIMARY KEY (competition_id, user_id)
);
CREATE INDEX competition_participants_user ON competition_participants (user_id);
