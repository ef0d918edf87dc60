-- mod_quizcontest schema, version 15: an exclusion given by name only. The contest plans list
-- the organising committee, the jury and the helpers by name and position, seldom with a phone
-- or a citizen ID: such an entry keeps its name and, where the plan says it, the unit's code.
-- Registration refuses a phone or citizen-ID match; a name (and unit) match is kept and shown
-- to the secretariat, flagged in the ranking, for a person to confirm.
ALTER TABLE qc_exclusion ADD COLUMN IF NOT EXISTS unit_code VARCHAR(64) NULL AFTER role;
ALTER TABLE qc_exclusion ADD KEY IF NOT EXISTS ix_exclusion_name (contest_id, full_name);
