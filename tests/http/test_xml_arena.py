"""The per-request arena libxml2 allocates from (lib/qc_xmlarena.h, QuizContestXmlArena): the
test Apache runs with it and with poisoning on (qcsite sets QC_XMLARENA_POISON), so every other
test of the suite is also a test that nothing of a request's documents outlives it; here, that
it is really on, that pages are the same after many requests on the same threads, and that the
directive is refused where it cannot apply."""
import re

from qcsite import apache_syntax_check, get_in_parallel, page_without_clock




def test_the_test_apache_builds_pages_in_arenas(site):
    log = open(site.error_log, encoding="utf-8", errors="replace").read()
    assert "QC00013" in log
    ready = [line for line in log.splitlines() if "QC00013" in line][-1]
    assert "page memory from per-request arenas" in ready, ready


def test_quiz_pages_stay_identical_across_many_requests_in_parallel(site):
    """Forty quiz pages on eight threads: each thread's arena is reused request after request;
    a stale pointer into a closed (poisoned) arena would change a page or crash a process."""
    s, _ = site.contestant()
    quiz = site.attempt_url(site.start_attempt(s))
    first = s.get(quiz)
    assert first.status_code == 200 and "<form" in first.text
    cookies = s.cookies.get_dict()
    pages, errors = get_in_parallel(quiz, cookies, 8, 5)
    assert not errors
    assert len(pages) == 40
    # only the remaining time moves between two renders of the same attempt
    assert {page_without_clock(p) for p in pages} == {page_without_clock(first.text)}
    # (a crashed child or a failed render would also be an unexpected log line: qcsite)


def test_the_directive_is_for_the_whole_server_only(tmp_path):
    def check(body):
        return apache_syntax_check(tmp_path, body)

    assert check("QuizContestXmlArena Off\n").returncode == 0
    assert check("QuizContestXmlArena On\n").returncode == 0
    bad = check("<Location /x>\n  QuizContestXmlArena Off\n</Location>\n")
    assert bad.returncode != 0
    assert "QuizContestXmlArena not allowed in <Location> context" in bad.stderr, bad.stderr
    vhost = check("<VirtualHost 127.0.0.1:1>\n  QuizContestXmlArena Off\n</VirtualHost>\n")
    assert vhost.returncode != 0
    assert "cannot occur within <VirtualHost> section" in vhost.stderr, vhost.stderr
    assert check("QuizContestXmlArena maybe\n").returncode != 0
