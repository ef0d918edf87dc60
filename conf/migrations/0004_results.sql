-- mod_quizcontest schema, version 4: results. Each contestant's counted attempt per round (and
-- over the whole contest, round_id 0), kept up to date in the transaction that finalises an
-- attempt, so a ranking reads one indexed row per contestant instead of every attempt; the
-- organising committee's order for ties; the publication of each round's results.

-- pick_key orders a contestant's attempts under the contest's counted_attempt rule, the highest
-- counting: best = score * 10^10 + (10^10 - 1 - time_taken_ms) (higher score, then shorter
-- time; on equal keys the earlier attempt stays); first = -(round seq * 10^5 + attempt_no);
-- last = round seq * 10^5 + attempt_no. The same key serves the whole-contest row. unit_id is
-- the contestant's unit and group_id their group (0: none) when the attempt was finalised, for
-- the unit statistics and group rankings (a unit or group changed later is picked up by the
-- next finalised attempt or by `quizcontest-admin results --rebuild`).
CREATE TABLE IF NOT EXISTS qc_counted (
  contest_id     INT UNSIGNED NOT NULL,
  round_id       INT UNSIGNED NOT NULL,
  contestant_id  INT UNSIGNED NOT NULL,
  unit_id        INT UNSIGNED NOT NULL,
  group_id       INT UNSIGNED NOT NULL DEFAULT 0,
  attempt_id     BIGINT UNSIGNED NOT NULL,
  pick_key       BIGINT NOT NULL,
  score          SMALLINT UNSIGNED NOT NULL,
  question_count SMALLINT UNSIGNED NOT NULL,
  time_taken_ms  INT UNSIGNED NOT NULL,
  prediction     BIGINT NULL,
  attempts       INT UNSIGNED NOT NULL DEFAULT 1,
  PRIMARY KEY (contest_id, round_id, contestant_id),
  KEY ix_counted_rank (contest_id, round_id, score DESC, time_taken_ms, contestant_id),
  KEY ix_counted_group_rank (contest_id, round_id, group_id, score DESC, time_taken_ms,
    contestant_id),
  KEY ix_counted_contestant (contestant_id),
  KEY ix_counted_unit (contest_id, unit_id, round_id, score, attempts)
) ENGINE=InnoDB;

-- The committee's order for contestants tied on score, time and prediction, per ranking
-- (round_id 0: the whole contest; group_code '': everyone).
CREATE TABLE IF NOT EXISTS qc_committee_order (
  contest_id    INT UNSIGNED NOT NULL,
  round_id      INT UNSIGNED NOT NULL,
  group_code    VARCHAR(32) NOT NULL DEFAULT '',
  contestant_id INT UNSIGNED NOT NULL,
  ord           SMALLINT UNSIGNED NOT NULL,
  reason        TEXT NOT NULL,
  decided_by    VARCHAR(100) NOT NULL,
  decided_at    DATETIME(3) NOT NULL,
  PRIMARY KEY (contest_id, round_id, group_code, contestant_id),
  CONSTRAINT fk_committee_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

-- Unit statistics count accounts per unit without reading the rows.
ALTER TABLE qc_contestant
  ADD INDEX IF NOT EXISTS ix_contestant_contest_unit (contest_id, unit_id, created_at);

-- A round's results are shown to contestants and the public only once published.
ALTER TABLE qc_round
  ADD COLUMN IF NOT EXISTS results_published_at DATETIME(3) NULL,
  ADD COLUMN IF NOT EXISTS results_published_by VARCHAR(100) NULL;

-- Attempts finalised before this version.
INSERT IGNORE INTO qc_counted (contest_id, round_id, contestant_id, unit_id, group_id, attempt_id,
  pick_key, score, question_count, time_taken_ms, prediction, attempts)
SELECT contest_id, IF(scope = 0, 0, round_id), contestant_id, unit_id, group_id, id, pick_key, score,
  question_count, time_taken_ms, prediction, n
FROM (
  SELECT s.scope, a.contest_id, a.round_id, a.contestant_id, ct.unit_id,
    COALESCE(ct.group_id, 0) AS group_id, a.id, a.score,
    a.question_count,
    a.time_taken_ms, a.prediction,
    CASE c.counted_attempt
      WHEN 'best' THEN a.score * 10000000000 + (9999999999 - a.time_taken_ms)
      WHEN 'first' THEN -(r.seq * 100000 + a.attempt_no)
      ELSE r.seq * 100000 + a.attempt_no END AS pick_key,
    ROW_NUMBER() OVER (PARTITION BY s.scope, a.contestant_id, IF(s.scope = 0, 0, a.round_id)
      ORDER BY CASE c.counted_attempt
        WHEN 'best' THEN a.score * 10000000000 + (9999999999 - a.time_taken_ms)
        WHEN 'first' THEN -(r.seq * 100000 + a.attempt_no)
        ELSE r.seq * 100000 + a.attempt_no END DESC, r.seq, a.attempt_no) AS rn,
    COUNT(*) OVER (PARTITION BY s.scope, a.contestant_id, IF(s.scope = 0, 0, a.round_id)) AS n
  FROM qc_attempt a JOIN qc_contest c ON c.id = a.contest_id
  JOIN qc_round r ON r.id = a.round_id JOIN qc_contestant ct ON ct.id = a.contestant_id
  JOIN (SELECT 0 AS scope UNION ALL SELECT 1) s
  WHERE a.state <> 'open' AND a.score IS NOT NULL AND a.time_taken_ms IS NOT NULL
) x WHERE rn = 1;
