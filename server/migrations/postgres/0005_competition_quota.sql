-- How many competitions a user created lately (the daily quota,
-- domain::competitions::create).
CREATE INDEX competitions_creator ON competitions (creator_id, created_at);
