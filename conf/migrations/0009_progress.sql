-- mod_quizcontest schema, version 9: the secretariat's progress chart counts the contestants
-- with a finished attempt per day and unit; this index lets it read only the index.
ALTER TABLE qc_attempt
  ADD INDEX IF NOT EXISTS ix_attempt_contest_finished (contest_id, state, finished_at,
    contestant_id);
