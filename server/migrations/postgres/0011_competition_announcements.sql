-- Competition announcements (PostgreSQL): which phases of a competition (`start`,
-- `end`) have been told to its participants. A row is claimed before the
-- telling, so two servers (or two ticks) never tell twice. Idempotent.
CREATE TABLE IF NOT EXISTS competition_announcements (
    competition_id TEXT NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
    phase          TEXT NOT NULL,
    announced_at   BIGINT NOT NULL,
    PRIMARY KEY (competition_id, phase)
);
