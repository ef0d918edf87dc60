-- mod_quizcontest schema, version 13: a password the secretariat set (a reset's temporary
-- password) expires 72 hours after it was set and must be changed at its first use. A login
-- with it opens no session: it gets a change ticket (qc_password_change) that only the
-- change-password page accepts, so nothing else of the contest works until the contestant
-- has chosen a password of their own.
ALTER TABLE qc_contestant
  ADD COLUMN IF NOT EXISTS temp_password_expires_at DATETIME(3) NULL AFTER password_set_by_secretariat;

-- the temporary passwords already handed out get their 72 hours from now
UPDATE qc_contestant SET temp_password_expires_at = UTC_TIMESTAMP(3) + INTERVAL 72 HOUR
  WHERE password_set_by_secretariat = 1 AND temp_password_expires_at IS NULL;

CREATE TABLE IF NOT EXISTS qc_password_change (
  token_hash    CHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  contest_id    INT UNSIGNED NOT NULL,
  contestant_id INT UNSIGNED NOT NULL,
  csrf_token    CHAR(43) CHARACTER SET ascii NOT NULL,
  created_at    DATETIME(3) NOT NULL,
  expires_at    DATETIME(3) NOT NULL,
  KEY ix_password_change_contestant (contestant_id),
  KEY ix_password_change_expiry (expires_at),
  CONSTRAINT fk_password_change_contestant FOREIGN KEY (contestant_id)
    REFERENCES qc_contestant (id) ON DELETE CASCADE
) ENGINE=InnoDB;
