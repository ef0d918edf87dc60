-- mod_quizcontest schema, version 16: results published at the plan's hour, and recusal. When a contest's
-- results_publish_at has passed, the module publishes (as the system) every closed round and
-- the whole contest whose rankings have no tie awaiting the organising committee at a prize,
-- once: the moment is kept here, so a withdrawal by the secretariat afterwards stands.
ALTER TABLE qc_contest ADD COLUMN IF NOT EXISTS results_auto_published_at DATETIME(3) NULL;

-- Recusal: a judge's total for an entry of the judge's own unit (or the unit above it) is left
-- out of the clip's mean unless the definition says <clips count-own-unit="true">.
ALTER TABLE qc_clip_part ADD COLUMN IF NOT EXISTS count_own_unit TINYINT(1) NOT NULL DEFAULT 0;
