-- mod_quizcontest schema, version 1: contests, their rounds, units, groups, exclusion list and
-- study documents; the question bank; contestants, sessions and the login throttle; attempts.
-- Times are DATETIME(3) in UTC. Text is utf8mb4 with Vietnamese collation.
-- Applied by `quizcontest-admin migrate`, which records it in qc_schema_migration.

CREATE TABLE IF NOT EXISTS qc_contest (
  id                    INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code                  VARCHAR(64) NOT NULL,
  title                 VARCHAR(300) NOT NULL,
  theme                 VARCHAR(300) NOT NULL DEFAULT '',
  organiser             VARCHAR(300) NOT NULL DEFAULT '',
  rules_text            TEXT NOT NULL,
  opens_at              DATETIME(3) NOT NULL,
  closes_at             DATETIME(3) NOT NULL,
  questions_per_attempt SMALLINT UNSIGNED NOT NULL DEFAULT 15,
  time_limit_s          INT UNSIGNED NOT NULL DEFAULT 1800,
  attempts_per_round    SMALLINT UNSIGNED NOT NULL DEFAULT 3,
  grace_s               INT UNSIGNED NOT NULL DEFAULT 10,
  reveal_answers        ENUM('never','after_submit','after_round') NOT NULL DEFAULT 'after_round',
  prediction_question   VARCHAR(500) NOT NULL DEFAULT '',
  min_age               TINYINT UNSIGNED NOT NULL DEFAULT 0,
  cccd_mode             ENUM('off','optional','required') NOT NULL DEFAULT 'optional',
  email_mode            ENUM('off','optional','required') NOT NULL DEFAULT 'optional',
  tz_offset_min         SMALLINT NOT NULL DEFAULT 420,
  results_published     TINYINT UNSIGNED NOT NULL DEFAULT 0,
  created_at            DATETIME(3) NOT NULL DEFAULT UTC_TIMESTAMP(3),
  updated_at            DATETIME(3) NOT NULL DEFAULT UTC_TIMESTAMP(3),
  UNIQUE KEY uq_contest_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

-- A round is one window; recurring windows (weekly rounds) are expanded into one row each.
CREATE TABLE IF NOT EXISTS qc_round (
  id               INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id       INT UNSIGNED NOT NULL,
  seq              SMALLINT UNSIGNED NOT NULL,
  title            VARCHAR(200) NOT NULL,
  opens_at         DATETIME(3) NOT NULL,
  closes_at        DATETIME(3) NOT NULL,
  attempts_allowed SMALLINT UNSIGNED NULL,
  UNIQUE KEY uq_round_seq (contest_id, seq),
  KEY ix_round_window (contest_id, opens_at, closes_at),
  CONSTRAINT fk_round_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

CREATE TABLE IF NOT EXISTS qc_group (
  id         INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id INT UNSIGNED NOT NULL,
  code       VARCHAR(32) NOT NULL,
  title      VARCHAR(300) NOT NULL,
  seq        SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  UNIQUE KEY uq_group_code (contest_id, code),
  CONSTRAINT fk_group_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

-- The unit tree (province > district > commune, or department > office).
CREATE TABLE IF NOT EXISTS qc_unit (
  id         INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id INT UNSIGNED NOT NULL,
  parent_id  INT UNSIGNED NULL,
  code       VARCHAR(64) NOT NULL,
  name       VARCHAR(300) NOT NULL,
  kind       VARCHAR(64) NOT NULL DEFAULT '',
  headcount  INT UNSIGNED NULL,
  reg_quota  INT UNSIGNED NULL,
  seq        INT UNSIGNED NOT NULL DEFAULT 0,
  UNIQUE KEY uq_unit_code (contest_id, code),
  KEY ix_unit_parent (parent_id),
  CONSTRAINT fk_unit_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE,
  CONSTRAINT fk_unit_parent FOREIGN KEY (parent_id) REFERENCES qc_unit (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

CREATE TABLE IF NOT EXISTS qc_document (
  id         INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id INT UNSIGNED NOT NULL,
  seq        SMALLINT UNSIGNED NOT NULL,
  title      VARCHAR(500) NOT NULL,
  url        VARCHAR(1000) NOT NULL DEFAULT '',
  UNIQUE KEY uq_document_seq (contest_id, seq),
  CONSTRAINT fk_document_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

-- People who may not take part (organising committee, secretariat, question writers, jury).
-- Matched at registration by phone or by citizen ID.
CREATE TABLE IF NOT EXISTS qc_exclusion (
  id         INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id INT UNSIGNED NOT NULL,
  full_name  VARCHAR(200) NOT NULL,
  phone      CHAR(10) NULL,
  cccd       CHAR(12) NULL,
  role       VARCHAR(100) NOT NULL DEFAULT '',
  KEY ix_exclusion_phone (contest_id, phone),
  KEY ix_exclusion_cccd (contest_id, cccd),
  CONSTRAINT fk_exclusion_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

CREATE TABLE IF NOT EXISTS qc_topic (
  id         INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id INT UNSIGNED NOT NULL,
  code       VARCHAR(64) NOT NULL,
  title      VARCHAR(300) NOT NULL,
  quota      SMALLINT UNSIGNED NULL,
  UNIQUE KEY uq_topic_code (contest_id, code),
  CONSTRAINT fk_topic_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

-- A question is never changed once drawn: an edit makes a new version, the old one is retired.
CREATE TABLE IF NOT EXISTS qc_question (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id  INT UNSIGNED NOT NULL,
  topic_id    INT UNSIGNED NOT NULL,
  code        VARCHAR(64) NOT NULL,
  version     SMALLINT UNSIGNED NOT NULL DEFAULT 1,
  kind        ENUM('single','multiple') NOT NULL DEFAULT 'single',
  body        TEXT NOT NULL,
  explanation TEXT NOT NULL,
  retired     TINYINT UNSIGNED NOT NULL DEFAULT 0,
  content_hash CHAR(64) CHARACTER SET ascii NOT NULL DEFAULT '',
  created_at  DATETIME(3) NOT NULL DEFAULT UTC_TIMESTAMP(3),
  UNIQUE KEY uq_question_version (contest_id, code, version),
  KEY ix_question_bank (contest_id, retired, topic_id),
  CONSTRAINT fk_question_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE,
  CONSTRAINT fk_question_topic FOREIGN KEY (topic_id) REFERENCES qc_topic (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

CREATE TABLE IF NOT EXISTS qc_choice (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  question_id INT UNSIGNED NOT NULL,
  seq         TINYINT UNSIGNED NOT NULL,
  body        TEXT NOT NULL,
  is_correct  TINYINT UNSIGNED NOT NULL DEFAULT 0,
  UNIQUE KEY uq_choice_seq (question_id, seq),
  CONSTRAINT fk_choice_question FOREIGN KEY (question_id) REFERENCES qc_question (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

-- One account per person: the phone is unique per contest, and so is the citizen ID when given.
CREATE TABLE IF NOT EXISTS qc_contestant (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id    INT UNSIGNED NOT NULL,
  full_name     VARCHAR(200) NOT NULL,
  dob           DATE NOT NULL,
  phone         CHAR(10) NOT NULL,
  cccd          CHAR(12) NULL,
  email         VARCHAR(254) NULL,
  unit_id       INT UNSIGNED NOT NULL,
  group_id      INT UNSIGNED NULL,
  password_hash VARCHAR(100) NOT NULL,
  password_set_by_secretariat TINYINT UNSIGNED NOT NULL DEFAULT 0,
  created_at    DATETIME(3) NOT NULL DEFAULT UTC_TIMESTAMP(3),
  UNIQUE KEY uq_contestant_phone (contest_id, phone),
  UNIQUE KEY uq_contestant_cccd (contest_id, cccd),
  KEY ix_contestant_unit (unit_id),
  CONSTRAINT fk_contestant_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE,
  CONSTRAINT fk_contestant_unit FOREIGN KEY (unit_id) REFERENCES qc_unit (id),
  CONSTRAINT fk_contestant_group FOREIGN KEY (group_id) REFERENCES qc_group (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

-- Sessions: only the SHA-256 of the token is stored, so a leaked table opens no session.
CREATE TABLE IF NOT EXISTS qc_session (
  token_hash    CHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  contest_id    INT UNSIGNED NOT NULL,
  contestant_id INT UNSIGNED NOT NULL,
  csrf_token    CHAR(43) CHARACTER SET ascii NOT NULL,
  created_at    DATETIME(3) NOT NULL,
  expires_at    DATETIME(3) NOT NULL,
  KEY ix_session_contestant (contestant_id),
  KEY ix_session_expiry (expires_at),
  CONSTRAINT fk_session_contestant FOREIGN KEY (contestant_id) REFERENCES qc_contestant (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Failed logins, counted per account (phone) and per client address over a window.
CREATE TABLE IF NOT EXISTS qc_login_failure (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id INT UNSIGNED NOT NULL,
  phone      VARCHAR(32) NOT NULL,
  client_ip  VARCHAR(45) CHARACTER SET ascii NOT NULL,
  failed_at  DATETIME(3) NOT NULL,
  KEY ix_failure_phone (contest_id, phone, failed_at),
  KEY ix_failure_ip (client_ip, failed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

-- An attempt. open_marker is 1 while the attempt is open and NULL after: the unique key on
-- (contestant_id, open_marker) lets the database itself refuse a second open attempt, and the
-- unique key on (contestant_id, round_id, attempt_no) refuses an attempt beyond the limit even
-- when two starts race.
CREATE TABLE IF NOT EXISTS qc_attempt (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id     INT UNSIGNED NOT NULL,
  round_id       INT UNSIGNED NOT NULL,
  contestant_id  INT UNSIGNED NOT NULL,
  attempt_no     SMALLINT UNSIGNED NOT NULL,
  state          ENUM('open','submitted','expired') NOT NULL DEFAULT 'open',
  open_marker    TINYINT AS (IF(state = 'open', 1, NULL)) PERSISTENT,
  started_at     DATETIME(3) NOT NULL,
  deadline_at    DATETIME(3) NOT NULL,
  finished_at    DATETIME(3) NULL,
  time_taken_ms  INT UNSIGNED NULL,
  question_count SMALLINT UNSIGNED NOT NULL,
  score          SMALLINT UNSIGNED NULL,
  prediction     BIGINT NULL,
  answer_seq     BIGINT UNSIGNED NOT NULL DEFAULT 0,
  UNIQUE KEY uq_attempt_no (contestant_id, round_id, attempt_no),
  UNIQUE KEY uq_attempt_open (contestant_id, open_marker),
  KEY ix_attempt_open_deadline (state, deadline_at),
  KEY ix_attempt_round_rank (round_id, state, score, time_taken_ms),
  CONSTRAINT fk_attempt_contestant FOREIGN KEY (contestant_id) REFERENCES qc_contestant (id) ON DELETE CASCADE,
  CONSTRAINT fk_attempt_round FOREIGN KEY (round_id) REFERENCES qc_round (id)
) ENGINE=InnoDB;

-- The draw of an attempt: which question at which position, the choices in the order shown,
-- the answer key captured at draw time (never sent to a browser), and the saved selection.
-- choice_order, correct_key and selected are comma-separated choice ids; the last two sorted.
CREATE TABLE IF NOT EXISTS qc_attempt_item (
  attempt_id   BIGINT UNSIGNED NOT NULL,
  position     SMALLINT UNSIGNED NOT NULL,
  question_id  INT UNSIGNED NOT NULL,
  choice_order VARCHAR(200) CHARACTER SET ascii NOT NULL,
  correct_key  VARCHAR(200) CHARACTER SET ascii NOT NULL,
  selected     VARCHAR(200) CHARACTER SET ascii NULL,
  saved_at     DATETIME(3) NULL,
  PRIMARY KEY (attempt_id, position),
  KEY ix_item_question (question_id),
  CONSTRAINT fk_item_attempt FOREIGN KEY (attempt_id) REFERENCES qc_attempt (id) ON DELETE CASCADE,
  CONSTRAINT fk_item_question FOREIGN KEY (question_id) REFERENCES qc_question (id)
) ENGINE=InnoDB;
