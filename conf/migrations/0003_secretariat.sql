-- mod_quizcontest schema, version 3: the secretariat area. Every change made there is written
-- to the audit log (who, when, what, before and after); a question-bank upload waits in the
-- staging table between its preview and the secretariat's confirmation.

CREATE TABLE IF NOT EXISTS qc_audit (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id  INT UNSIGNED NOT NULL,
  at          DATETIME(3) NOT NULL,
  actor       VARCHAR(200) NOT NULL,
  client_ip   VARCHAR(45) CHARACTER SET ascii NOT NULL DEFAULT '',
  action      VARCHAR(64) CHARACTER SET ascii NOT NULL,
  object      VARCHAR(300) NOT NULL DEFAULT '',
  before_text MEDIUMTEXT NULL,
  after_text  MEDIUMTEXT NULL,
  KEY ix_audit_contest_at (contest_id, id),
  CONSTRAINT fk_audit_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

-- An uploaded question-bank file between preview and confirmation. The token (random, only
-- its SHA-256 stored) is carried by the confirmation form; rows older than a day are purged.
CREATE TABLE IF NOT EXISTS qc_import_staging (
  token_hash  CHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  contest_id  INT UNSIGNED NOT NULL,
  actor       VARCHAR(200) NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  format      VARCHAR(16) CHARACTER SET ascii NOT NULL,
  filename    VARCHAR(255) NOT NULL DEFAULT '',
  content     LONGBLOB NOT NULL,
  KEY ix_staging_created (created_at),
  CONSTRAINT fk_staging_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;
