-- Qur'an Companion local store, version 7: rounds of dhikr kept from the
-- counter (each also a `dhikr_session` sync event).

CREATE TABLE IF NOT EXISTS dhikr_rounds (
    id        TEXT PRIMARY KEY NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('after_prayer', 'morning', 'evening', 'free')),
    count     INTEGER NOT NULL CHECK (count >= 0),
    completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
    seconds   INTEGER NOT NULL CHECK (seconds >= 0),
    kept_at   INTEGER NOT NULL,                -- Unix seconds
    local_day INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS dhikr_rounds_by_day ON dhikr_rounds (local_day);
