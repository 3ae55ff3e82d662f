-- The devices that uploaded the history they kept before signing in: for
-- 24 hours from `opened_at`, their pushes may hold sessions older than the
-- 30 days other pushes may (domain::sync, `history_device`).
CREATE TABLE history_uploads (
    user_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device_id TEXT NOT NULL,
    opened_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, device_id)
);
