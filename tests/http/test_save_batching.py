"""QuizContestSaveBatch: answers saved at the same moment by several contestants are written
by one statement (lib/qc_combine.h, qc_autosave_batch<n>), yet each save is answered as if it
were alone: saved ones 200 "ok", and one that the batch could not write (a wrong CSRF token,
an option the item does not have, a stale sequence number) the precise 4xx it gets alone, while the
others of its batch are saved. Each process logs at its end (QC00022, LogLevel info) how many
saves it wrote in how many statements. The test Apache here batches at most 4."""
import os
import re
import subprocess
import threading
import time

from qcsite import check_server_number_directive, lines_after_graceful
from test_autosave_checks import started, stored

SITE_OPTIONS = {"extra_conf": "QuizContestSaveBatch 4\n"}

BATCH_LINE = re.compile(r"QC00022: saves batched by (\d+): (\d+) save\(s\) in (\d+) statement\(s\),"
                        r" the largest of (\d+)")

CONTESTANTS = 12
ROUNDS = 8


def batch_counts(site):
    """Restart gracefully; the saves and statements of the processes that ended, and the
    largest batch."""
    seen = lines_after_graceful(site, BATCH_LINE)
    assert all(m.group(1) == "4" for m in seen), [m.group(0) for m in seen]
    return (sum(int(m.group(2)) for m in seen), sum(int(m.group(3)) for m in seen),
            max(int(m.group(4)) for m in seen))


def contestants_with_attempts(site, n):
    return [started(site) for _ in range(n)]


def all_at_once(work):
    """Run each function of `work` in its own thread, released together; their results."""
    results = [None] * len(work)
    go = threading.Barrier(len(work))

    def run(i):
        go.wait()
        results[i] = work[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_saves_that_come_together_are_written_together_and_each_answered(site):
    people = contestants_with_attempts(site, CONTESTANTS)
    batch_counts(site)  # the counts start again with the new processes

    def saver(s, url, q):
        def go():
            answers = []
            for k in range(ROUNDS):
                pos, _, choices, _ = q["questions"][k % len(q["questions"])]
                r = s.post(url + "/luu", data={"csrf": q["csrf"], "seq": str(k + 1),
                                               "position": str(pos),
                                               "choice": choices[k % len(choices)]})
                answers.append((r.status_code, r.text))
            return answers
        return go

    results = all_at_once([saver(*p) for p in people])
    for (s, url, q), answers in zip(people, results):
        for k, (status, text) in enumerate(answers):
            assert status == 200 and f'status="ok" seq="{k + 1}"' in text, (k, status, text)
        # the database holds every contestant's last answer at each position, and seq 8
        sel, seq, _ = stored(site, url)
        assert seq == ROUNDS
        expected = {}
        for k in range(ROUNDS):
            pos, _, choices, _ = q["questions"][k % len(q["questions"])]
            expected[pos] = choices[k % len(choices)]
        assert {p: sel[p] for p in expected} == expected
    saves, statements, largest = batch_counts(site)
    assert saves == CONTESTANTS * ROUNDS
    # saves that came together shared statements, never more than the setting's 4
    assert statements < saves, (saves, statements)
    assert 2 <= largest <= 4


def test_a_refused_save_is_answered_as_alone_and_the_others_of_its_batch_are_saved(site):
    people = contestants_with_attempts(site, CONTESTANTS)
    for s, url, q in people:  # a first save each, so that seq 1 is stale from now on
        pos, _, choices, _ = q["questions"][0]
        r = s.post(url + "/luu", data={"csrf": q["csrf"], "seq": "1", "position": str(pos),
                                       "choice": choices[0]})
        assert r.status_code == 200
    batch_counts(site)

    def saver(i, s, url, q):
        pos, _, choices, _ = q["questions"][1]
        foreign = str(len(choices) + 1)  # a place the item does not have

        def go():
            answers = []
            for k in range(ROUNDS):
                seq, csrf, choice, want = str(k + 2), q["csrf"], choices[k % len(choices)], 200
                kind = (i + k) % 4  # one save in four refused, a different way each time
                if kind == 1:
                    csrf, want = "A" * 43, 403  # the length of a real token
                elif kind == 2:
                    choice, want = foreign, 400
                elif kind == 3:
                    seq, want = "1", 409
                r = s.post(url + "/luu", data={"csrf": csrf, "seq": seq, "position": str(pos),
                                               "choice": choice})
                answers.append((want, r.status_code, r.text, seq, choice))
            return answers
        return go

    results = all_at_once([saver(i, *p) for i, p in enumerate(people)])
    for (s, url, q), answers in zip(people, results):
        last_saved = None
        for want, status, text, seq, choice in answers:
            assert status == want, (want, status, text[:300])
            if want == 200:
                assert f'status="ok" seq="{seq}"' in text, text
                last_saved = (int(seq), choice)
            elif want == 400:
                assert 'status="invalid"' in text, text
            elif want == 409:
                assert 'status="stale"' in text, text
        sel, seq, _ = stored(site, url)
        assert (seq, sel[q["questions"][1][0]]) == last_saved
    saves, statements, _ = batch_counts(site)
    # every save went to the combiner (a token of a real token's length, one id: the batch
    # finds out what is wrong with it); the statements the saves of a refused batch ran
    # again alone are not counted there
    assert saves == CONTESTANTS * ROUNDS
    assert statements < saves, (saves, statements)


def test_saves_held_up_by_row_locks_hold_up_the_others_for_at_most_a_second(site):
    """Another transaction (the secretariat's, a finalisation) holds two attempts' rows. A
    batch holds one of the process's two places for batches while it runs: without a bound,
    the two held saves (alone or with others) would take both places and every save of the
    process would queue until the locks went. A batch waits for a lock at most 1 s; then each
    of its saves is written alone, outside the batches: the others at once, the held ones when
    the locks go."""
    people = contestants_with_attempts(site, CONTESTANTS + 2)
    held, others = people[:2], people[2:]
    ids = ",".join(url.rsplit("/", 1)[1] for _, url, _ in held)
    locker = subprocess.Popen(
        ["mariadb", "--no-defaults", "-S", os.environ["QC_DB_SOCK"], "-uroot", "-N", "-B",
         "--unbuffered", site.db],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        locker.stdin.write(f"BEGIN; SELECT COUNT(*) FROM (SELECT id FROM qc_attempt"
                           f" WHERE id IN ({ids}) FOR UPDATE) x;\n")
        locker.stdin.flush()
        assert locker.stdout.readline().strip() == "2"  # both locks are held from now on
    except BaseException:
        locker.kill()
        raise
    stop_at = time.time() + 4.0
    lock_until = time.time() + 3.5

    def saver(s, url, q):
        def go():
            out, k = [], 0
            pos, _, choices, _ = q["questions"][0]
            while time.time() < stop_at:
                k += 1
                t = time.time()
                r = s.post(url + "/luu", data={"csrf": q["csrf"], "seq": str(k),
                                               "position": str(pos),
                                               "choice": choices[k % len(choices)]})
                out.append((r.status_code, time.time() - t))
            return out
        return go

    def held_save(s, url, q, delay):
        def go():
            time.sleep(delay)  # into the thick of the others' saves
            pos, _, choices, _ = q["questions"][0]
            t = time.time()
            r = s.post(url + "/luu", data={"csrf": q["csrf"], "seq": "1", "position": str(pos),
                                           "choice": choices[0]})
            return r.status_code, time.time() - t
        return go

    def release():
        time.sleep(max(0.0, lock_until - time.time()))
        locker.stdin.write("COMMIT;\n")
        locker.stdin.close()
        locker.wait(timeout=10)

    results = all_at_once([saver(*p) for p in others] +
                          [held_save(*held[0], 0.5), held_save(*held[1], 0.55), release])
    for (status, took), (_, url, _) in zip(results[-3:-1], held):
        assert status == 200 and took >= 2.5, (status, took)  # saved when the lock went
        assert stored(site, url)[1] == 1
    theirs = [x for out in results[:-3] for x in out]
    assert {status for status, _ in theirs} == {200}
    # the others waited about the 1 s bound at most, not the locks' 3 s
    assert max(took for _, took in theirs) < 2.2, max(took for _, took in theirs)


def test_the_directive_is_for_the_whole_server_only_and_a_number_up_to_16(tmp_path):
    check_server_number_directive(tmp_path, "QuizContestSaveBatch", 16, good=("0", "1", "4"))
