-- Qur'an Companion local store, version 5: what the stats, streak and
-- achievements read, kept as reading counts (so five years of reading is
-- a few thousand rows to read, not hundreds of thousands), excused days
-- and unlocked achievements.

-- What each local day read; written with every ayah that counts.
CREATE TABLE IF NOT EXISTS reading_days (
    local_day INTEGER PRIMARY KEY NOT NULL,
    ayahs     INTEGER NOT NULL CHECK (ayahs >= 0),
    letters   INTEGER NOT NULL CHECK (letters >= 0),
    pages     REAL NOT NULL CHECK (pages >= 0),
    seconds   REAL NOT NULL CHECK (seconds >= 0)
);

INSERT OR IGNORE INTO reading_days (local_day, ayahs, letters, pages, seconds)
    SELECT local_day, COUNT(*), SUM(letters), SUM(pages), SUM(seconds)
    FROM read_ayahs GROUP BY local_day;

-- Every ayah read at least once, with the first day it was read.
CREATE TABLE IF NOT EXISTS ayahs_read (
    surah     INTEGER NOT NULL CHECK (surah BETWEEN 1 AND 114),
    ayah      INTEGER NOT NULL CHECK (ayah >= 1 AND ayah <= 286),
    first_day INTEGER NOT NULL,
    PRIMARY KEY (surah, ayah)
) WITHOUT ROWID;

INSERT OR IGNORE INTO ayahs_read (surah, ayah, first_day)
    SELECT surah, ayah, MIN(local_day) FROM read_ayahs GROUP BY surah, ayah;

-- Days the reader excused (illness, travel, menstruation): private, never
-- synced; they pause the streak.
CREATE TABLE IF NOT EXISTS excused_days (
    local_day  INTEGER PRIMARY KEY NOT NULL,
    created_at INTEGER NOT NULL
);

-- Achievements unlocked, each once, with its local day.
CREATE TABLE IF NOT EXISTS achievements (
    id          TEXT PRIMARY KEY NOT NULL,
    unlocked_on INTEGER NOT NULL,
    unlocked_at INTEGER NOT NULL              -- Unix seconds
);

-- The day each khatm plan was completed.
CREATE TABLE IF NOT EXISTS khatm_completions (
    plan_id      TEXT PRIMARY KEY NOT NULL REFERENCES khatm_plans (id),
    completed_on INTEGER NOT NULL
);
