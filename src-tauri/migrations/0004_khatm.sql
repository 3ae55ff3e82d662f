-- Qur'an Companion local store, version 4: the khatm plan (one at a time).

CREATE TABLE IF NOT EXISTS khatm_plans (
    id          TEXT PRIMARY KEY NOT NULL,
    first_index INTEGER NOT NULL CHECK (first_index BETWEEN 0 AND 6235),
    last_index  INTEGER NOT NULL CHECK (last_index BETWEEN first_index AND 6235),
    end_day     INTEGER NOT NULL,             -- the plan's last local day
    created_at  INTEGER NOT NULL,             -- Unix seconds; reading counts from here
    ended_at    INTEGER                       -- replaced or removed
);
