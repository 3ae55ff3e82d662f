-- Qur'an Companion local store, version 1.
-- Settings and the last reading position are small JSON documents by key.
CREATE TABLE IF NOT EXISTS settings (
    key        TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS bookmarks (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    surah      INTEGER NOT NULL CHECK (surah BETWEEN 1 AND 114),
    ayah       INTEGER NOT NULL CHECK (ayah >= 1 AND ayah <= 286),
    note       TEXT CHECK (note IS NULL OR length(note) <= 2000),
    created_at TEXT NOT NULL,
    UNIQUE (surah, ayah)
);
