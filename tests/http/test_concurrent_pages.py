"""QuizContestConcurrentPages: at most that many contestant pages of an Apache process are built
at once; the other GETs wait their turn in arrival order (lib/qc_gate.h), POSTs do not wait.
Each process logs at its end (QC00020, LogLevel info) how many pages were built at once, after
waiting, and without a slot. The test Apache here lets one page be built at a time."""
import re
import subprocess
import time


from qcsite import apache_syntax_check, get_in_parallel

SITE_OPTIONS = {"extra_conf": "QuizContestConcurrentPages 1\n"}

GATE_LINE = re.compile(r"QC00020: page gate of (\d+): (\d+) page\(s\) built at once, (\d+) after "
                       r"waiting their turn, (\d+) without a slot")


def without_clock(html):
    return re.sub(r'data-remaining-ms="\d+"', "", html)


def graceful_and_gate_counts(site, settle=1.0):
    """Restart the site gracefully and add up the QC00020 lines of the processes that ended:
    (built at once, after waiting, without a slot, lines). Waits until the lines stop coming."""
    site.log_mark()
    subprocess.run(["apache2", "-f", site.conf, "-k", "graceful"], check=True,
                   env=site.proc_env)
    deadline = time.time() + 15
    seen, quiet_since = [], time.time()
    while time.time() < deadline:
        lines = [m for m in map(GATE_LINE.search, site.new_log_lines()) if m]
        if len(lines) != len(seen):
            seen, quiet_since = lines, time.time()
        elif seen and time.time() - quiet_since >= settle:
            break
        time.sleep(0.1)
    assert seen, "no process logged its page gate (QC00020) after a graceful restart"
    assert all(m.group(1) == "1" for m in seen)
    return (sum(int(m.group(2)) for m in seen), sum(int(m.group(3)) for m in seen),
            sum(int(m.group(4)) for m in seen), len(seen))


def test_parallel_quiz_pages_wait_their_turn_and_are_all_served(site):
    s, _ = site.contestant()
    quiz = site.attempt_url(site.start_attempt(s))
    first = s.get(quiz)
    assert first.status_code == 200 and "<form" in first.text
    cookies = s.cookies.get_dict()
    graceful_and_gate_counts(site)  # the counts start again with the new processes
    pages, errors = get_in_parallel(quiz, cookies, 16, 5)
    assert not errors
    assert len(pages) == 80
    assert {without_clock(p) for p in pages} == {without_clock(first.text)}
    at_once, after_wait, without_slot, _ = graceful_and_gate_counts(site)
    # every page passed the gate once; with 16 clients and one slot, some had to wait
    assert at_once + after_wait == 80, (at_once, after_wait)
    assert after_wait >= 1, (at_once, after_wait)
    assert without_slot == 0


def test_saving_answers_does_not_pass_the_gate(site):
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    q = site.quiz(s, url)
    graceful_and_gate_counts(site)
    for i in range(10):
        assert s.get(url).status_code == 200
        r = s.post(url + "/luu", data={"csrf": q["csrf"], "seq": str(i + 1), "position": "1",
                                      "choice": q["questions"][0][2][i % 2]})
        assert r.status_code == 200 and 'status="ok"' in r.text, r.text
    at_once, after_wait, without_slot, _ = graceful_and_gate_counts(site)
    # the ten GETs, not the ten POSTs
    assert (at_once + after_wait, without_slot) == (10, 0), (at_once, after_wait, without_slot)


def test_the_directive_is_for_the_whole_server_only_and_a_number(tmp_path):
    assert apache_syntax_check(tmp_path, "QuizContestConcurrentPages 8\n").returncode == 0
    assert apache_syntax_check(tmp_path, "QuizContestConcurrentPages 0\n").returncode == 0
    for body, message in (
            ("<Location /x>\nQuizContestConcurrentPages 2\n</Location>\n",
             "not allowed in <Location> context"),
            ("<VirtualHost 127.0.0.1:1>\nQuizContestConcurrentPages 2\n</VirtualHost>\n",
             "cannot occur within <VirtualHost> section"),
            ("QuizContestConcurrentPages eight\n", "QuizContestConcurrentPages must be a number from 0 to 10000"),
            ("QuizContestConcurrentPages -1\n", "QuizContestConcurrentPages must be a number from 0 to 10000")):
        r = apache_syntax_check(tmp_path, body)
        assert r.returncode != 0 and message in r.stderr, (body, r.stderr)
