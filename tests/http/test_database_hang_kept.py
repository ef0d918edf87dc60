"""test_database_hang.py's pause of MariaDB under load, with every worker thread keeping its
database connection (QuizContestKeepConnections): a kept connection whose statement got no
answer is closed and replaced, and a thread with a kept connection answers 503 at once while
the outage lasts, like the others."""
from test_database_hang import BOUND, pause_under_load

SITE_OPTIONS = {"extra_conf": f"DBDMax 40\nQuizContestKeepConnections 30\n"
                              f"QuizContestDatabaseTimeout {BOUND}\n"}


def test_a_paused_database_gives_fast_503s_and_recovers_with_kept_connections(site):
    pause_under_load(site)
