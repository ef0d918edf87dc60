"""How long a login lasts (QuizContestSessionLifetime, QuizContestSessionIdle; migration 0018):
at most its lifetime (ends_at), and it ends after the idle time without a page (expires_at,
which a page moves forward at most once a minute, never past ends_at, never back); starting
an attempt keeps the login at least to the attempt's deadline and grace. The site here has an
idle time of 300 s (the least); the test moves the session's clock in the database instead
of waiting."""
import hashlib

SITE_OPTIONS = {"location_conf": "QuizContestSessionIdle 300\n"}


def digest(s):
    return hashlib.sha256(s.cookies.get("qc_session").encode()).hexdigest()


def left(site, s):
    """Seconds to the idle end and to the lifetime's end of s's session."""
    row = site.sql("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(3), expires_at),"
                   " TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(3), ends_at) FROM qc_session"
                   f" WHERE token_hash = '{digest(s)}'").split()
    return int(row[0]), int(row[1])


def set_left(site, s, idle, end=None):
    site.sql(f"UPDATE qc_session SET expires_at = UTC_TIMESTAMP(3) + INTERVAL {idle} SECOND"
             + (f", ends_at = UTC_TIMESTAMP(3) + INTERVAL {end} SECOND" if end is not None else "")
             + f" WHERE token_hash = '{digest(s)}'")


def logged_in(site, s):
    r = s.get(site.base + "/tai-khoan", allow_redirects=False)
    assert r.status_code in (200, 303), r.status_code
    return r.status_code == 200


def test_a_login_ends_after_the_idle_time_and_a_page_moves_that_forward(site):
    s, _ = site.contestant()
    idle, end = left(site, s)
    # at login: the idle end 300 s away, the lifetime's end 8 hours (the default)
    assert 295 <= idle <= 300, idle
    assert 28795 <= end <= 28800, end
    # less than a minute since the last move: a page changes nothing
    set_left(site, s, 280)
    assert logged_in(site, s)
    assert 275 <= left(site, s)[0] <= 280
    # more than a minute: the page moves the idle end to 300 s from now
    set_left(site, s, 100)
    assert logged_in(site, s)
    assert 295 <= left(site, s)[0] <= 300
    # never past the lifetime's end
    set_left(site, s, 100, end=150)
    assert logged_in(site, s)
    idle, end = left(site, s)
    assert 145 <= idle <= 150 and idle <= end, (idle, end)
    # idle past its end: logged out (the account page sends to the login)
    set_left(site, s, -1)
    assert not logged_in(site, s)


def test_an_attempt_keeps_the_login_to_its_deadline_and_grace(site):
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    aid = url.rsplit("/", 1)[1]
    deadline = int(site.sql(
        "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(3), a.deadline_at + INTERVAL c.grace_s SECOND)"
        f" FROM qc_attempt a JOIN qc_contest c ON c.id = a.contest_id WHERE a.id = {aid}"))
    assert deadline > 600, deadline  # the contest's time limit, 30 minutes, far past 300 s
    idle, _ = left(site, s)
    assert deadline - 5 <= idle <= deadline, (idle, deadline)
