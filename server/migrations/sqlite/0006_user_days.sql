-- What each user read on each local day, kept in the push's transaction
-- with the sessions: stats, streaks, Hasanat and history read these rows
-- (one per reading day) instead of every session.
CREATE TABLE user_days (
    user_id          TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    local_day        BIGINT NOT NULL,
    sessions         BIGINT NOT NULL DEFAULT 0,
    seconds          BIGINT NOT NULL DEFAULT 0,
    ayahs            BIGINT NOT NULL DEFAULT 0,
    letters          BIGINT NOT NULL DEFAULT 0,
    hasanat          BIGINT NOT NULL DEFAULT 0,
    page_thousandths BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, local_day)
);
INSERT INTO user_days (user_id, local_day, sessions, seconds, ayahs, letters, hasanat, page_thousandths)
SELECT user_id, local_day, COUNT(*), SUM(duration_seconds), SUM(ayahs_read), SUM(letters),
       SUM(hasanat), SUM(page_thousandths)
FROM reading_sessions GROUP BY user_id, local_day;
-- The sessions of one user's local days (the 24-hours-a-day rule, exports).
CREATE INDEX reading_sessions_user_day ON reading_sessions (user_id, local_day);
