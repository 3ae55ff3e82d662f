-- Qur'an Companion local store, version 3: reading goals, and the periods
-- in which each was met (recorded with the day it was met).

CREATE TABLE IF NOT EXISTS goals (
    id         TEXT PRIMARY KEY NOT NULL,
    period     TEXT NOT NULL CHECK (period IN ('daily', 'weekly', 'monthly')),
    measure    TEXT NOT NULL CHECK (measure IN ('pages', 'ayahs', 'minutes', 'hasanat')),
    target     INTEGER NOT NULL CHECK (target >= 1),
    created_at INTEGER NOT NULL,              -- Unix seconds
    removed_at INTEGER                        -- NULL while the goal stands
);

CREATE TABLE IF NOT EXISTS goal_completions (
    goal_id      TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    period_start INTEGER NOT NULL,            -- local day the period starts
    completed_on INTEGER NOT NULL,            -- local day the goal was met
    PRIMARY KEY (goal_id, period_start)
);
