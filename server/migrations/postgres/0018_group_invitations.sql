-- Group invitations (PostgreSQL): an admin invites one user to a group; the
-- invitee accepts (and joins, even a private group) or declines, or an
-- admin revokes it. At most one pending invitation per group and invitee
-- (a partial unique index); answered ones stay as history until the
-- group or the invitee's account goes. Idempotent: every statement may
-- run again.
CREATE TABLE IF NOT EXISTS group_invitations (
    id          TEXT PRIMARY KEY NOT NULL,
    group_id    TEXT NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
    invitee_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    inviter_id  TEXT REFERENCES users(id) ON DELETE SET NULL,
    -- `pending`, `accepted`, `declined` or `revoked`.
    status      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    answered_at BIGINT
);
CREATE UNIQUE INDEX IF NOT EXISTS group_invitations_pending ON group_invitations (group_id, invitee_id) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS group_invitations_invitee ON group_invitations (invitee_id, created_at);
