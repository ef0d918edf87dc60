-- mod_quizcontest schema, version 11: the day (or the moment) of the contest's closing and
-- awards ceremony, as a contest definition gives it (<results ceremony="...">); shown to
-- contestants on the contest's home page with the publication of the results.
ALTER TABLE qc_contest
  ADD COLUMN IF NOT EXISTS ceremony_at DATETIME(3) NULL AFTER results_publish_at;
