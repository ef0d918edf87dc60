-- mod_quizcontest schema, version 18: a session ends after a time without use as well as at
-- the end of its lifetime. expires_at, which every statement that trusts a session checks,
-- becomes the idle end: a page moves it forward (QuizContestSessionIdle, and never before the
-- end of the contestant's open attempt and its grace), never past ends_at, the end of the
-- lifetime set at login (QuizContestSessionLifetime). A session without ends_at (made before
-- this version) keeps its expires_at.
ALTER TABLE qc_session ADD COLUMN IF NOT EXISTS ends_at DATETIME(3) NULL AFTER expires_at;
