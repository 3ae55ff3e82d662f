-- Qur'an Companion local store, version 8: reminders already shown (so a
-- restart never shows one twice) and when the scheduler last looked.

CREATE TABLE IF NOT EXISTS reminders_fired (
    key      TEXT PRIMARY KEY NOT NULL,        -- e.g. daily_reading:2026-03-08
    fired_at INTEGER NOT NULL                  -- Unix seconds
);

CREATE INDEX IF NOT EXISTS reminders_fired_by_time ON reminders_fired (fired_at);
