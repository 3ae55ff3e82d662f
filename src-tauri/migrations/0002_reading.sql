-- Qur'an Companion local store, version 2: reading sessions, the ayahs
-- each one counted (as they count, so a crash loses nothing), and the
-- outbox of sync events for the server.

-- One session of reading; `id` is the client id of its sync events.
CREATE TABLE IF NOT EXISTS reading_sessions (
    id           TEXT PRIMARY KEY NOT NULL,
    started_at   INTEGER NOT NULL,            -- Unix seconds
    last_read_at INTEGER NOT NULL,            -- when an ayah last counted
    ended_at     INTEGER                      -- NULL while open
);

CREATE INDEX IF NOT EXISTS reading_sessions_open
    ON reading_sessions (ended_at) WHERE ended_at IS NULL;

-- Each ayah counts at most once per session, on the local day it was read.
CREATE TABLE IF NOT EXISTS read_ayahs (
    session_id TEXT NOT NULL REFERENCES reading_sessions (id) ON DELETE CASCADE,
    surah      INTEGER NOT NULL CHECK (surah BETWEEN 1 AND 114),
    ayah       INTEGER NOT NULL CHECK (ayah >= 1 AND ayah <= 286),
    read_at    INTEGER NOT NULL,               -- Unix seconds
    local_day  INTEGER NOT NULL,               -- days since 1970-01-01, local
    letters    INTEGER NOT NULL CHECK (letters >= 0),
    pages      REAL NOT NULL CHECK (pages >= 0),  -- its share of its page
    seconds    REAL NOT NULL CHECK (seconds >= 0), -- reading time it needs
    how        TEXT NOT NULL CHECK (how IN ('dwell', 'recited', 'marked')),
    PRIMARY KEY (session_id, surah, ayah)
);

CREATE INDEX IF NOT EXISTS read_ayahs_by_day ON read_ayahs (local_day);

-- Sync events waiting for the server, in the format of /api/v1/sync/push.
CREATE TABLE IF NOT EXISTS outbox (
    id         TEXT PRIMARY KEY NOT NULL,
    event_type TEXT NOT NULL,
    data       TEXT NOT NULL,                  -- JSON
    created_at INTEGER NOT NULL,
    sent_at    INTEGER
);
