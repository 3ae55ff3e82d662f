-- Every access token carries the version of its user's tokens at issue;
-- logging out, changing the password and deleting the account bump it,
-- which ends every access token issued before (auth::AuthUser).
ALTER TABLE users ADD COLUMN token_version BIGINT NOT NULL DEFAULT 0;
