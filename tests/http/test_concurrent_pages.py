"""QuizContestConcurrentPages: at most that many contestant pages of an Apache process are built
at once; the other GETs wait their turn in arrival order (lib/qc_gate.h), POSTs do not wait.
Each process logs at its end (QC00020, LogLevel info) how many pages were built at once, after
waiting, and without a slot. The test Apache here lets one page be built at a time."""
import re

from qcsite import (check_server_number_directive, get_in_parallel, lines_after_graceful,
                    page_without_clock)

SITE_OPTIONS = {"extra_conf": "QuizContestConcurrentPages 1\n"}

GATE_LINE = re.compile(r"QC00020: page gate of (\d+): (\d+) page\(s\) built at once, (\d+) after "
                       r"waiting their turn, (\d+) without a slot")




def graceful_and_gate_counts(site):
    """Restart the site gracefully and add up the QC00020 lines of the processes that ended:
    (built at once, after waiting, without a slot, lines)."""
    seen = lines_after_graceful(site, GATE_LINE)
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
    assert {page_without_clock(p) for p in pages} == {page_without_clock(first.text)}
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
    check_server_number_directive(tmp_path, "QuizContestConcurrentPages", 10000, good=("0", "8"))
