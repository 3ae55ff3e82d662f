-- Per-user preferences of the planning API (SQLite): Focus Mode's
-- defaults, and whether others may see one's achievements (private until
-- the user shares them). A missing row is the defaults. Idempotent.
CREATE TABLE IF NOT EXISTS focus_preferences (
    user_id          TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    default_minutes  BIGINT NOT NULL,
    -- 1: hold notifications while a session runs.
    quiet            BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS achievement_settings (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- 1: shown to those who may see the user's reading.
    shared  BIGINT NOT NULL
);
