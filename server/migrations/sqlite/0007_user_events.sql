-- Live events (SQLite): everything a user's devices are told over the
-- WebSocket, kept so a device that was away gets what it missed.
-- `users.event_seq` is the last number given to one of the user's events;
-- it is bumped under the user's row lock in the transaction that stores the
-- event, so each user's numbers rise strictly and commit in order.
ALTER TABLE users ADD COLUMN event_seq BIGINT NOT NULL DEFAULT 0;

CREATE TABLE user_events (
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    seq        BIGINT NOT NULL,
    kind       TEXT NOT NULL,
    data       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, seq)
);
CREATE INDEX user_events_created ON user_events (created_at);
