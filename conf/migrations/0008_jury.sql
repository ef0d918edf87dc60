-- mod_quizcontest schema, version 8: jury-scored entries (a contest's video-clip part). The
-- clip part's settings and its judging criteria, judges and prizes come from the contest
-- definition; each unit has at most one entry (uq_clip_entry_unit), which it may replace until
-- the deadline; every judge scores every entry on every criterion, alone, until the
-- secretariat closes judging; the gallery is public once the secretariat publishes it.

CREATE TABLE IF NOT EXISTS qc_clip_part (
  contest_id        INT UNSIGNED NOT NULL PRIMARY KEY,
  title             VARCHAR(300) NOT NULL,
  deadline_at       DATETIME(3) NOT NULL,
  max_bytes         BIGINT UNSIGNED NOT NULL,
  drop_extremes     TINYINT UNSIGNED NOT NULL DEFAULT 0,
  unit_kind         VARCHAR(100) NOT NULL DEFAULT '',
  judging_closed_at DATETIME(3) NULL,
  judging_closed_by VARCHAR(200) NULL,
  published_at      DATETIME(3) NULL,
  published_by      VARCHAR(200) NULL,
  CONSTRAINT fk_clip_part_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

CREATE TABLE IF NOT EXISTS qc_clip_criterion (
  contest_id INT UNSIGNED NOT NULL,
  code       VARCHAR(64) CHARACTER SET ascii NOT NULL,
  seq        SMALLINT UNSIGNED NOT NULL,
  title      VARCHAR(300) NOT NULL,
  max_points SMALLINT UNSIGNED NOT NULL,
  PRIMARY KEY (contest_id, code),
  CONSTRAINT fk_clip_criterion_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

CREATE TABLE IF NOT EXISTS qc_clip_prize (
  contest_id INT UNSIGNED NOT NULL,
  seq        SMALLINT UNSIGNED NOT NULL,
  title      VARCHAR(200) NOT NULL,
  count      SMALLINT UNSIGNED NOT NULL,
  amount     BIGINT UNSIGNED NULL,
  PRIMARY KEY (contest_id, seq),
  CONSTRAINT fk_clip_prize_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

-- A judge: the user name Apache authenticates in the jury area, and the unit (organisation)
-- the judge belongs to ('' when none), to flag a judge scoring the entry of their own unit.
CREATE TABLE IF NOT EXISTS qc_judge (
  contest_id INT UNSIGNED NOT NULL,
  user_name  VARCHAR(200) NOT NULL,
  full_name  VARCHAR(300) NOT NULL,
  unit_code  VARCHAR(64) CHARACTER SET ascii NOT NULL DEFAULT '',
  PRIMARY KEY (contest_id, user_name),
  CONSTRAINT fk_judge_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

-- A unit's entry: an uploaded file (stored under QuizContestClipDir as file_name) or a link.
CREATE TABLE IF NOT EXISTS qc_clip_entry (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id    INT UNSIGNED NOT NULL,
  unit_id       INT UNSIGNED NOT NULL,
  title         VARCHAR(300) NOT NULL,
  description   TEXT NOT NULL,
  kind          ENUM('file','link') NOT NULL,
  file_name     VARCHAR(200) CHARACTER SET ascii NULL,
  media_type    VARCHAR(40) CHARACTER SET ascii NULL,
  size_bytes    BIGINT UNSIGNED NULL,
  link_url      VARCHAR(1000) NULL,
  submitted_by  VARCHAR(200) NOT NULL,
  created_at    DATETIME(3) NOT NULL,
  updated_at    DATETIME(3) NOT NULL,
  status        ENUM('submitted','rejected') NOT NULL DEFAULT 'submitted',
  reject_reason TEXT NULL,
  committee_ord SMALLINT UNSIGNED NULL,
  UNIQUE KEY uq_clip_entry_unit (contest_id, unit_id),
  CONSTRAINT fk_clip_entry_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE,
  CONSTRAINT fk_clip_entry_unit FOREIGN KEY (unit_id) REFERENCES qc_unit (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

CREATE TABLE IF NOT EXISTS qc_clip_score (
  entry_id       INT UNSIGNED NOT NULL,
  judge_user     VARCHAR(200) NOT NULL,
  criterion_code VARCHAR(64) CHARACTER SET ascii NOT NULL,
  points         SMALLINT UNSIGNED NOT NULL,
  scored_at      DATETIME(3) NOT NULL,
  PRIMARY KEY (entry_id, judge_user, criterion_code),
  CONSTRAINT fk_clip_score_entry FOREIGN KEY (entry_id) REFERENCES qc_clip_entry (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

-- The on-stage team contest (Đắk Nông, in person): its parts (scored by the judges on
-- criteria, or knowledge questions drawn by lot: points for each right answer), the teams of
-- the units with their members, the judges' scores and every draw. A question is drawn at
-- most once in the event (uq_stage_draw_question, by the question's code).
CREATE TABLE IF NOT EXISTS qc_stage (
  contest_id    INT UNSIGNED NOT NULL PRIMARY KEY,
  title         VARCHAR(300) NOT NULL,
  drop_extremes TINYINT UNSIGNED NOT NULL DEFAULT 0,
  -- combined with the online part: none, or each team adds its unit's average counted online
  -- score (contestants of the unit and of the units directly below it) times online_weight
  online_mode   ENUM('none','average-score') NOT NULL DEFAULT 'none',
  online_weight SMALLINT UNSIGNED NOT NULL DEFAULT 1,
  CONSTRAINT fk_stage_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

CREATE TABLE IF NOT EXISTS qc_stage_part (
  contest_id       INT UNSIGNED NOT NULL,
  code             VARCHAR(64) CHARACTER SET ascii NOT NULL,
  seq              SMALLINT UNSIGNED NOT NULL,
  title            VARCHAR(300) NOT NULL,
  points_per_right SMALLINT UNSIGNED NULL,
  answer_seconds   SMALLINT UNSIGNED NULL,
  PRIMARY KEY (contest_id, code),
  CONSTRAINT fk_stage_part_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

CREATE TABLE IF NOT EXISTS qc_stage_criterion (
  contest_id INT UNSIGNED NOT NULL,
  part_code  VARCHAR(64) CHARACTER SET ascii NOT NULL,
  code       VARCHAR(64) CHARACTER SET ascii NOT NULL,
  seq        SMALLINT UNSIGNED NOT NULL,
  title      VARCHAR(300) NOT NULL,
  max_points SMALLINT UNSIGNED NOT NULL,
  PRIMARY KEY (contest_id, part_code, code),
  CONSTRAINT fk_stage_criterion_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

CREATE TABLE IF NOT EXISTS qc_stage_prize (
  contest_id INT UNSIGNED NOT NULL,
  seq        SMALLINT UNSIGNED NOT NULL,
  title      VARCHAR(200) NOT NULL,
  count      SMALLINT UNSIGNED NOT NULL,
  amount     BIGINT UNSIGNED NULL,
  PRIMARY KEY (contest_id, seq),
  CONSTRAINT fk_stage_prize_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

CREATE TABLE IF NOT EXISTS qc_stage_team (
  id         INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id INT UNSIGNED NOT NULL,
  unit_id    INT UNSIGNED NOT NULL,
  name       VARCHAR(300) NOT NULL,
  seq        SMALLINT UNSIGNED NOT NULL,
  committee_ord SMALLINT UNSIGNED NULL,  -- the committee's order within a tie
  UNIQUE KEY uq_stage_team_unit (contest_id, unit_id),
  CONSTRAINT fk_stage_team_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE,
  CONSTRAINT fk_stage_team_unit FOREIGN KEY (unit_id) REFERENCES qc_unit (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

CREATE TABLE IF NOT EXISTS qc_stage_member (
  team_id   INT UNSIGNED NOT NULL,
  seq       SMALLINT UNSIGNED NOT NULL,
  full_name VARCHAR(200) NOT NULL,
  PRIMARY KEY (team_id, seq),
  CONSTRAINT fk_stage_member_team FOREIGN KEY (team_id) REFERENCES qc_stage_team (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

CREATE TABLE IF NOT EXISTS qc_stage_score (
  team_id        INT UNSIGNED NOT NULL,
  part_code      VARCHAR(64) CHARACTER SET ascii NOT NULL,
  judge_user     VARCHAR(200) NOT NULL,
  criterion_code VARCHAR(64) CHARACTER SET ascii NOT NULL,
  points         SMALLINT UNSIGNED NOT NULL,
  scored_at      DATETIME(3) NOT NULL,
  PRIMARY KEY (team_id, part_code, judge_user, criterion_code),
  CONSTRAINT fk_stage_score_team FOREIGN KEY (team_id) REFERENCES qc_stage_team (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;

CREATE TABLE IF NOT EXISTS qc_stage_draw (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id    INT UNSIGNED NOT NULL,
  team_id       INT UNSIGNED NOT NULL,
  part_code     VARCHAR(64) CHARACTER SET ascii NOT NULL,
  topic_code    VARCHAR(64) NOT NULL,
  question_id   INT UNSIGNED NOT NULL,
  question_code VARCHAR(64) NOT NULL,
  drawn_at      DATETIME(3) NOT NULL,
  drawn_by      VARCHAR(200) NOT NULL,
  revealed_at   DATETIME(3) NULL,
  answered      ENUM('right','wrong') NULL,
  judged_by     VARCHAR(200) NULL,
  UNIQUE KEY uq_stage_draw_question (contest_id, question_code),
  KEY ix_stage_draw_team (team_id),
  CONSTRAINT fk_stage_draw_contest FOREIGN KEY (contest_id) REFERENCES qc_contest (id) ON DELETE CASCADE,
  CONSTRAINT fk_stage_draw_team FOREIGN KEY (team_id) REFERENCES qc_stage_team (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci;
