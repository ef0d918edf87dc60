"""What a process keeps for itself, and how it meets a burst, shown to change nothing a visitor
sees: the public home page is served from a one-second per-process cache (and says so to shared
caches), never for a logged-in contestant, and a process without a copy renders it once for a
burst; a quiz page is read in one statement; a settings change or a changed question text is
seen by the next request; a connection prepares only the statements it uses; and a burst of
different contestants starting at the same moment all get their attempt (a start that held the
table's AUTO-INC lock across a read would make MariaDB refuse most of a burst with error 1467,
and the contestants would see a 500)."""
import glob
import os
import re
import threading
import time
import xml.etree.ElementTree as ET

from qcsite import contest_xml, mariadb


def EXTRA_CONTESTS():
    # a second contest whose home page nobody has asked for yet (see the burst test below)
    return {"/khac": contest_xml(code="kh")}


def home_xml(site, s=None):
    r = (s or site.session()).get(site.base + "/?format=xml")
    assert r.status_code == 200
    return ET.fromstring(r.content).find("home")


def test_public_home_page_is_cacheable_for_a_second(site):
    r1 = site.session().get(site.base + "/")
    r2 = site.session().get(site.base + "/")
    for r in (r1, r2):
        assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
        assert r.headers["Cache-Control"] == "public, max-age=1"
        assert "Cookie" in r.headers["Vary"]
        assert "Set-Cookie" not in r.headers
    assert r1.text == r2.text


def test_cached_home_page_is_renewed_after_a_second(site):
    before = site.session().get(site.base + "/").text
    count = int(re.search(r'registered="(\d+)"',
                          site.session().get(site.base + "/?format=xml").text).group(1))
    site.contestant()
    time.sleep(1.3)
    after = site.session().get(site.base + "/").text
    now = int(re.search(r'registered="(\d+)"',
                        site.session().get(site.base + "/?format=xml").text).group(1))
    assert now == count + 1
    assert after != before  # the page shows the new count once its copy expired
    assert str(now) in after


def test_logged_in_home_page_is_personal_and_never_cached(site):
    s, data = site.contestant()
    site.session().get(site.base + "/")  # a public copy in the cache
    r = s.get(site.base + "/")
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == "no-store"
    assert data["full_name"] in r.text
    # and the personal page never reaches anyone else
    for _ in range(3):
        anon = site.session().get(site.base + "/")
        assert data["full_name"] not in anon.text
        assert "dang-xuat" not in anon.text


def test_other_pages_are_not_cached(site):
    for path in ("/dang-nhap", "/dang-ky"):
        r = site.session().get(site.base + path)
        assert r.headers["Cache-Control"] == "no-store", path
    s, _ = site.contestant()
    assert s.get(site.base + "/tai-khoan").headers["Cache-Control"] == "no-store"


def test_a_burst_of_starts_all_get_their_attempt(site):
    # Apache may say that the burst found every thread busy (requests queued, none refused),
    # or that it came within MinSpareThreads of that
    site.expect_log(r"AH00484|AH10159")
    people = [site.contestant()[0] for _ in range(48)]
    tokens = [site.page_csrf(s) for s in people]
    results = [None] * len(people)
    gate = threading.Barrier(len(people))

    def start(k):
        fresh = site.session()  # a new connection: the old one may have timed out meanwhile
        fresh.cookies.update(people[k].cookies)
        gate.wait()
        results[k] = fresh.post(site.base + "/bai-thi", data={"csrf": tokens[k]},
                                allow_redirects=False)

    threads = [threading.Thread(target=start, args=(k,)) for k in range(len(people))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = set()
    for r in results:
        assert r.status_code == 303, (r.status_code, r.text[:300])
        ids.add(site.attempt_url(r).rsplit("/", 1)[1])
    assert len(ids) == len(people)
    for attempt in ids:
        row = site.attempt_row(attempt)
        assert row["state"] == "open" and row["deadline"] - row["started"] == 1800 * 1000
        assert site.sql(f"SELECT attempt_no, question_count FROM qc_attempt"
                        f" WHERE id={attempt}").split() == ["1", "5"]
        assert site.sql(f"SELECT COUNT(*) FROM qc_attempt_item"
                        f" WHERE attempt_id={attempt}").strip() == "5"


# ---- what a request costs the database (the contest and question-text caches) -------------

def statements_executed():
    return int(mariadb("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'").split()[1])


def test_a_quiz_page_costs_one_statement(site):
    """A quiz page of a live session and an open attempt is read in one statement (the
    contest's revision, the clock, the session, the attempt and its items); the contest and
    the questions' texts come from the process's copies."""
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    assert s.get(url).status_code == 200  # texts and contest now cached
    n = 20
    before = statements_executed()
    for _ in range(n):
        r = s.get(url)
        assert r.status_code == 200 and r.text.count('class="question"') == 5
    per_page = (statements_executed() - before) / n
    # the module's housekeeping (sweeps every few seconds) may add a statement or two
    assert per_page <= 1.2, per_page


def test_a_settings_change_is_seen_by_the_next_request(site):
    """Every writer raises the contest's revision; the next request of any process reloads."""
    cid = site.contest_id()
    title = site.sql(f"SELECT title FROM qc_contest WHERE id={cid}").strip()
    assert title in site.session().get(site.base + "/dang-nhap").text
    # behind the module's back, without raising the revision: the cached contest stays
    site.sql(f"UPDATE qc_contest SET title = 'Tên tạm thời' WHERE id={cid}")
    try:
        assert title in site.session().get(site.base + "/dang-nhap").text
        site.sql(f"UPDATE qc_contest SET revision = revision + 1 WHERE id={cid}")
        assert "Tên tạm thời" in site.session().get(site.base + "/dang-nhap").text
    finally:
        site.change_contest(f"UPDATE qc_contest SET title = '{title}' WHERE id={cid}")
    assert title in site.session().get(site.base + "/dang-nhap").text


def test_a_question_text_cached_under_its_id_is_checked_against_its_content(site):
    """A question's text never changes under its id, so a process keeps it; an entry is also
    keyed by the content hash, so a database rebuilt under a running server (same id, other
    text) is read afresh rather than shown with the old text."""
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    aid = url.rsplit("/", 1)[1]
    qid, body = site.sql(f"SELECT q.id, q.body FROM qc_attempt_item i JOIN qc_question q"
                         f" ON q.id = i.question_id WHERE i.attempt_id={aid} AND i.position=1"
                         ).strip().split("\t", 1)
    assert body in s.get(url).text  # now cached
    site.sql(f"UPDATE qc_question SET body = CONCAT(body, ' (sửa)'),"
             f" content_hash = SHA2(CONCAT(content_hash, 'x'), 256) WHERE id={qid}")
    try:
        assert body + " (sửa)" in s.get(url).text
    finally:
        site.sql(f"UPDATE qc_question SET body = '{body}' WHERE id={qid}")


def test_a_connection_prepares_only_the_statements_it_uses(site):
    """Statements are prepared on their first use on a connection, not the whole catalogue on
    every connection: with the catalogue prepared everywhere, a few Apache nodes exhaust the
    server's max_prepared_stmt_count (16,382 by default) and every new connection fails."""
    catalogue = sum(len(re.findall(r'^\s*\{"qc_\w+",', open(path, encoding="utf-8").read(), re.M))
                    for path in glob.glob(os.path.join(os.environ["QC_REPO"], "lib", "store", "*.c")))
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    for _ in range(5):
        assert s.get(url).status_code == 200
    connections = int(mariadb("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                              f" WHERE DB = '{site.db}'").strip())
    prepared = int(mariadb("SHOW GLOBAL STATUS LIKE 'Prepared_stmt_count'").split()[1])
    assert connections >= 1
    assert catalogue > 150
    # a contestant's requests use a few dozen statements, not the catalogue
    assert prepared < connections * catalogue / 3, (prepared, connections, catalogue)


def test_a_burst_on_a_home_page_without_a_copy_renders_it_once(site):
    """A process that has no copy of the home page yet (just started) renders it for the
    first request while the others of a burst wait for that copy, instead of each thread
    running the page's statements (its counts read every contestant)."""
    n = 48
    gate = threading.Barrier(n)
    results = [None] * n

    def get(k):
        s = site.session()
        gate.wait()
        results[k] = s.get(site.root + "/khac/")

    before = statements_executed()
    threads = [threading.Thread(target=get, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    executed = statements_executed() - before
    assert all(r.status_code == 200 and "<h1" in r.text for r in results)
    # one rendering is a few statements (8 seen); a rendering per request, 47 seen
    assert executed < 20, executed
