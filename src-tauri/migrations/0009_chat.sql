-- Chat messages written on this device that the sync server has not taken
-- yet (offline, or it could not be reached): sent in the order written when
-- it can be, each with its client id, so a resend is never a duplicate.
CREATE TABLE IF NOT EXISTS chat_outbox (
    client_id       TEXT PRIMARY KEY,
    -- The account that wrote it: another one signing in never sends it.
    user_id         TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    body            TEXT NOT NULL,
    -- Unix seconds.
    created_at      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS chat_outbox_by_conversation ON chat_outbox (user_id, conversation_id);
