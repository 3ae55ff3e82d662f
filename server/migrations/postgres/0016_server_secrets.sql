-- Secrets the server makes for itself when none is configured (the JWT
-- signing secret), shared by every node on this database. Only roles that
-- may read the database read them; SQLite keeps its secret in a file
-- beside the database instead (mode 0600).
CREATE TABLE IF NOT EXISTS server_secrets (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
