-- Notifications (PostgreSQL): each user's inbox, newest first by id, and the
-- kinds they turned off. A kind is on unless `notifications_off` holds
-- it; a kind turned off is neither stored nor delivered. Idempotent: every
-- statement may run again.
CREATE TABLE IF NOT EXISTS notifications (
    id         BIGSERIAL PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    -- The notification's JSON, as its live event carries it.
    data       TEXT NOT NULL,
    read_at    BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS notifications_user ON notifications (user_id, id);
CREATE INDEX IF NOT EXISTS notifications_unread ON notifications (user_id, read_at);

CREATE TABLE IF NOT EXISTS notifications_off (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
);
