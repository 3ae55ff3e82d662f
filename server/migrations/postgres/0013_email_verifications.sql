-- Email verification (PostgreSQL): the token sent at registration (only its
-- SHA-256 is kept), when it expires, and when the address was verified.
-- A user is verified once `verified_at` is set. Idempotent.
CREATE TABLE IF NOT EXISTS email_verifications (
    user_id     TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    expires_at  BIGINT NOT NULL,
    verified_at BIGINT
);
