-- Group khatmah (SQLite): a group reads the whole Qur'an together, split
-- in 30 juz or 60 hizb portions that members claim (or an admin assigns)
-- and finish. At most one khatmah of a group runs at a time (a partial
-- unique index); finished and cancelled ones stay as history.
-- `reminded_at` is claimed by the first server that tells the members of
-- unfinished portions that the deadline is near, so it is told once.
-- Completion posts may be for one group: `feed_post_groups` names it.
-- Idempotent: every statement may run again.
CREATE TABLE IF NOT EXISTS khatmahs (
    id          TEXT PRIMARY KEY NOT NULL,
    group_id    TEXT NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
    -- The group's first, second, ... khatmah.
    number      BIGINT NOT NULL,
    started_by  TEXT REFERENCES users(id) ON DELETE SET NULL,
    -- `juz` (30 portions) or `hizb` (60).
    division    TEXT NOT NULL,
    -- `running`, `completed` or `cancelled`.
    status      TEXT NOT NULL,
    deadline    BIGINT,
    started_at  BIGINT NOT NULL,
    ended_at    BIGINT,
    reminded_at BIGINT
);
CREATE UNIQUE INDEX IF NOT EXISTS khatmahs_one_running ON khatmahs (group_id) WHERE status = 'running';
CREATE UNIQUE INDEX IF NOT EXISTS khatmahs_group ON khatmahs (group_id, number);

CREATE TABLE IF NOT EXISTS khatmah_portions (
    khatmah_id  TEXT NOT NULL REFERENCES khatmahs(id) ON DELETE CASCADE,
    number      BIGINT NOT NULL,
    assignee_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    assigned_at BIGINT,
    done_at     BIGINT,
    -- `marked` (by hand) or `reading` (from synced reading).
    done_how    TEXT,
    PRIMARY KEY (khatmah_id, number)
);
CREATE INDEX IF NOT EXISTS khatmah_portions_open ON khatmah_portions (assignee_id) WHERE done_at IS NULL;

CREATE TABLE IF NOT EXISTS feed_post_groups (
    post_id  BIGINT PRIMARY KEY NOT NULL REFERENCES feed_posts(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE
);
