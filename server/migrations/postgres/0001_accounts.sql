-- Accounts and sessions (PostgreSQL). Times are Unix seconds (UTC); flags
-- are 0/1 integers so both backends read them the same way.
CREATE TABLE users (
    id            TEXT PRIMARY KEY NOT NULL,
    email         TEXT NOT NULL UNIQUE,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    bio           TEXT NOT NULL DEFAULT '',
    time_zone     TEXT NOT NULL DEFAULT 'UTC',
    -- Private by default: a user appears on leaderboards only if they opt in.
    leaderboard_visible BIGINT NOT NULL DEFAULT 0,
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    last_login    BIGINT
);

-- Refresh tokens are stored hashed. Each login starts a family; every
-- refresh replaces the token with a new one in the same family. Using a
-- replaced token again revokes the whole family (the token was stolen).
CREATE TABLE refresh_tokens (
    token_hash  TEXT PRIMARY KEY NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    family_id   TEXT NOT NULL,
    expires_at  BIGINT NOT NULL,
    replaced    BIGINT NOT NULL DEFAULT 0,
    revoked     BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
