-- mod_quizcontest schema, version 16: results published at the plan's hour. When a contest's
-- results_publish_at has passed, the module publishes (as the system) every closed round and
-- the whole contest whose rankings have no tie awaiting the organising committee at a prize,
-- once: the moment is kept here, so a withdrawal by the secretariat afterwards stands.
ALTER TABLE qc_contest ADD COLUMN IF NOT EXISTS results_auto_published_at DATETIME(3) NULL;
