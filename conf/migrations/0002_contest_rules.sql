-- mod_quizcontest schema, version 2: the rest of a contest's rules: which attempt counts, the
-- prediction question's target, the registration quota deadline, when results are published,
-- and the prize structures (individual per round / overall / per group, and collective).

ALTER TABLE qc_contest
  ADD COLUMN IF NOT EXISTS counted_attempt ENUM('best','first','last') NOT NULL DEFAULT 'best',
  ADD COLUMN IF NOT EXISTS prediction_target ENUM('participants','attempts','perfect','manual') NOT NULL DEFAULT 'participants',
  ADD COLUMN IF NOT EXISTS prediction_value BIGINT NULL,
  ADD COLUMN IF NOT EXISTS reg_quota_deadline DATETIME(3) NULL,
  ADD COLUMN IF NOT EXISTS results_publish_at DATETIME(3) NULL,
  ADD COLUMN IF NOT EXISTS prize_one_per ENUM('round','contest') NOT NULL DEFAULT 'round',
  ADD COLUMN IF NOT EXISTS collective_formula VARCHAR(64) NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS collective_unit_kind VARCHAR(64) NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS collective_description TEXT NULL;

-- One line of a prize structure: "1 Giải Nhất of 1.000.000 đồng", in rank order (seq).
-- kind individual: scope each_round (every round has these prizes) or overall (once for the
-- contest); group_code '' for everyone or a group's code. kind collective: prizes for units.
CREATE TABLE IF NOT EXISTS qc_prize (
  id         INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id INT UNSIGNED NOT NULL,
  kind       ENUM('individual','collective') NOT NULL,
  scope      ENUM('each_round','overall') NOT NULL DEFAULT 'overall',
  group_code VARCHAR(32) NOT NULL DEFAULT '',
  seq        SMALLINT UNSIGNED NOT NULL,
  title      VARCHAR(200) NOT NULL,
  count      SMALLINT UNSIGNED NOT NULL,
  amount     BIGINT UNSIGNED NULL,
  UNIQUE KEY uq_prize (contest_id, kind, scope, group_code, seq),
  CONSTRAINT fk_prize_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;
