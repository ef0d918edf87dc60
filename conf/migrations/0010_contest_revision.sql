-- mod_quizcontest schema, version 10: a revision number for each contest, raised by every
-- change to the contest's settings, rounds, topics or question bank. Each Apache process keeps
-- the contest (and the bank it draws from) in memory and reads only this number per request
-- to know whether its copy is current, on every node of a cluster alike.
ALTER TABLE qc_contest
  ADD COLUMN IF NOT EXISTS revision BIGINT UNSIGNED NOT NULL DEFAULT 0;
