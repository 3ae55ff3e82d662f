-- Qur'an Companion local store, version 6: Focus Mode sessions. A running
-- session is stored as it stands (start, plan, pauses), so a restart or a
-- crash resumes it with the right time left, or settles it if it ended
-- meanwhile.

CREATE TABLE IF NOT EXISTS focus_sessions (
    id              TEXT PRIMARY KEY NOT NULL,
    session         TEXT NOT NULL,             -- JSON: core's FocusSession
    target          TEXT,                      -- JSON: what to read, if chosen
    started_at      INTEGER NOT NULL,          -- Unix seconds
    ended_at        INTEGER,                   -- NULL while running or paused
    focused_seconds INTEGER,
    completed       INTEGER CHECK (completed IN (0, 1))
);

CREATE INDEX IF NOT EXISTS focus_sessions_open
    ON focus_sessions (ended_at) WHERE ended_at IS NULL;

-- What was read during a session is read by time.
CREATE INDEX IF NOT EXISTS read_ayahs_by_time ON read_ayahs (read_at);
