-- mod_quizcontest schema, version 12: the secretariat closes the judging of the on-stage
-- contest, as it closes the judging of the clips: after that no judge changes a score or
-- records an answer, no question is drawn, and the stage's results are final.
ALTER TABLE qc_stage
  ADD COLUMN IF NOT EXISTS judging_closed_at DATETIME(3) NULL,
  ADD COLUMN IF NOT EXISTS judging_closed_by VARCHAR(200) NULL;
