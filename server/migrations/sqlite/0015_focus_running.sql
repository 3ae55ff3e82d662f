-- The focus session a user started through the API and has not completed
-- (SQLite): one per user; completing it records a `focus_session` sync
-- event and removes the row. Idempotent.
CREATE TABLE IF NOT EXISTS focus_running (
    user_id         TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    started_at      BIGINT NOT NULL,
    planned_minutes BIGINT NOT NULL
);
