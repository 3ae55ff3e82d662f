-- The Daily Deen feed (SQLite): reflections and milestone posts, newest
-- first by id; one reaction per person per post; each author's choice of
-- who sees the posts the server makes for them (private unless they opt
-- in). Idempotent: every statement may run again.
CREATE TABLE IF NOT EXISTS feed_posts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    visibility    TEXT NOT NULL,
    body          TEXT NOT NULL,
    -- A reflection's ayah, its text read from the bundled Qur'an.
    surah         BIGINT,
    ayah          BIGINT,
    ayah_text     TEXT,
    -- A milestone's name (`khatm`, `streak_30`, ...) and what it counts.
    milestone     TEXT,
    milestone_value BIGINT,
    -- A milestone is posted once: `streak_30:<first day>`, `khatm:1`.
    milestone_key TEXT,
    created_at    BIGINT NOT NULL,
    UNIQUE (author_id, milestone_key)
);
CREATE INDEX IF NOT EXISTS feed_posts_author ON feed_posts (author_id, id);

CREATE TABLE IF NOT EXISTS feed_reactions (
    post_id    BIGINT NOT NULL REFERENCES feed_posts(id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reaction   TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (post_id, user_id)
);

CREATE TABLE IF NOT EXISTS feed_settings (
    user_id    TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- Who sees the milestone posts the server makes: `private` by default.
    milestones TEXT NOT NULL
);
