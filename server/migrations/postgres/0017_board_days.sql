-- What each user read on each UTC day (the day of a session's start,
-- start_time / 86400), kept in the push's transaction with the sessions:
-- a board over a window (today, the week) sums the whole days inside it
-- here, one row per reader and day, and reads only the window's partial
-- first day from the sessions. Idempotent: made if missing and filled
-- afresh from the sessions.
CREATE TABLE IF NOT EXISTS board_days (
    day              BIGINT NOT NULL,
    user_id          TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    seconds          BIGINT NOT NULL DEFAULT 0,
    ayahs            BIGINT NOT NULL DEFAULT 0,
    hasanat          BIGINT NOT NULL DEFAULT 0,
    page_thousandths BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, user_id)
);
-- Deleting an account finds its rows.
CREATE INDEX IF NOT EXISTS board_days_user ON board_days (user_id);
DELETE FROM board_days;
INSERT INTO board_days (day, user_id, seconds, ayahs, hasanat, page_thousandths)
SELECT start_time / 86400, user_id, SUM(duration_seconds), SUM(ayahs_read), SUM(hasanat),
       SUM(page_thousandths)
FROM reading_sessions GROUP BY start_time / 86400, user_id;
