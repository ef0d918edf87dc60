"""A database that stops answering: the private MariaDB is paused (SIGSTOP) for 20 s under a
bounded load of answers saved and quiz pages, then resumed. No request may wait longer than
QuizContestDatabaseTimeout (2 s here) and a small margin, none may get a 500; once the outage
is logged (QC00002), requests answer 503 with Retry-After at once; the error log of the outage
is a few dozen lines, not thousands; and service comes back by itself after SIGCONT.
test_database_hang_kept.py runs the same with QuizContestKeepConnections."""
import os
import signal
import threading
import time

import requests
from qcsite import WORK

BOUND = 2  # QuizContestDatabaseTimeout of the site
SITE_OPTIONS = {"extra_conf": f"QuizContestDatabaseTimeout {BOUND}\n"}
# the longest any request may take: the bound and the noise of a shared two-core machine
MARGIN = 1.0
PAUSE = 20.0
WORKERS = 8
# an outage's log: QC00002 once per process, QC00102 for each statement the pause cut off
# (one per request in flight, at most WORKERS), mod_dbd's word on each dead connection it
# discards after the outage (at most its pool, DBDMax 25 per process, 40 with kept ones), and
# QC00003: bounded by those, whatever the outage's length
MAX_LOG_LINES = 120


def mariadbd_pid():
    with open(os.path.join(WORK, "mysqld.pid")) as f:
        return int(f.read().strip())


class Load:
    """WORKERS threads, each with a contestant of its own, that save an answer and load the
    quiz page in turn as fast as they are answered; every request is noted as (start, end,
    status, Retry-After)."""

    def __init__(self, site):
        self.site = site
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.done = []
        self.errors = []
        self.users = []
        for _ in range(WORKERS):
            s, _ = site.contestant()
            url = site.attempt_url(site.start_attempt(s))
            self.users.append((s, url, site.quiz(s, url)))
        self.threads = [threading.Thread(target=self.run, args=(u,), daemon=True)
                        for u in self.users]

    def run(self, user):
        s, url, q = user
        seq = q["seq"]
        n = 0
        while not self.stop.is_set():
            n += 1
            pos, _, options, _ = q["questions"][n % len(q["questions"])]
            t0 = time.monotonic()
            try:
                kind = "save" if n % 2 else "page"
                if n % 2:
                    r = s.post(url + "/luu", timeout=60,
                               data={"csrf": q["csrf"], "seq": str(seq), "position": str(pos),
                                     "choice": options[n % len(options)]})
                    seq += 1
                else:
                    r = s.get(url, timeout=60)
                status, retry = r.status_code, r.headers.get("Retry-After")
            except requests.RequestException as e:
                kind, status, retry = "?", None, None
                with self.lock:
                    self.errors.append(repr(e))
            with self.lock:
                self.done.append((t0, time.monotonic(), status, retry, kind))

    def start(self):
        for t in self.threads:
            t.start()

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join(70)

    def between(self, a, b):
        """The requests that started in [a, b)."""
        with self.lock:
            return [d for d in self.done if a <= d[0] < b]

    def all_ok_since(self, t):
        got = self.between(t, float("inf"))
        return len(got) >= WORKERS and all(d[2] == 200 for d in got)


def pause_under_load(site):
    """The outage; returns the figures (and asserts the guarantees)."""
    load = Load(site)
    site.log_mark()
    # mod_dbd's word on a connection its ping found dead (AH00639) or could not open, the
    # outage (once per process), and statements the pause cut off
    # QC00113: a request whose time for the database ran out while it waited (the pause)
    for p in (r"\[dbd:", r"QC00002", r"QC00102", r"QC00113", r"QC01011"):
        site.expect_log(p)
    pid = mariadbd_pid()
    load.start()
    try:
        time.sleep(2)
        assert load.all_ok_since(time.monotonic() - 1.5), "the load fails before the pause"
        t_stop = time.monotonic()
        os.kill(pid, signal.SIGSTOP)
        try:
            time.sleep(PAUSE)
        finally:
            t_cont = time.monotonic()
            os.kill(pid, signal.SIGCONT)
        deadline = time.monotonic() + 20
        back = None
        while time.monotonic() < deadline:
            time.sleep(0.5)
            if load.all_ok_since(time.monotonic() - 1.0):
                back = time.monotonic()
                break
    finally:
        os.kill(pid, signal.SIGCONT)
        load.finish()
    lines = site.new_log_lines()
    assert not load.errors, load.errors[:5]
    assert back is not None, "no recovery within 20 s of SIGCONT: " + repr(
        [d[2] for d in load.between(t_cont, float("inf"))][-20:])

    # every request that was in flight at the pause or started during it
    during = [d for d in load.done if d[1] > t_stop and d[0] < t_cont]
    slowest = max(during, key=lambda d: d[1] - d[0])
    longest = slowest[1] - slowest[0]
    statuses = {d[2] for d in during}
    assert statuses <= {200, 503}, statuses
    assert all(int(d[3]) > 0 for d in during if d[2] == 503), "a 503 without Retry-After"
    assert longest <= BOUND + MARGIN, f"a request took {longest:.2f} s during the pause"
    first_503 = min((d[1] for d in during if d[2] == 503), default=None)
    assert first_503 is not None, "no 503 during a 20 s pause"
    to_first_503 = first_503 - t_stop
    assert to_first_503 <= BOUND + MARGIN, f"the first 503 came {to_first_503:.2f} s after the pause"
    # once the breaker is open, requests answer at once: all but the probes (one at a time
    # per process, at most one a second, each waiting up to the connect-timeout)
    settled = [d for d in load.between(first_503 + 0.5, t_cont - BOUND - MARGIN)]
    slow = [d for d in settled if d[1] - d[0] > 0.3]
    assert len(settled) > 100, f"only {len(settled)} requests in the outage"
    assert len(slow) <= 2 * PAUSE, f"{len(slow)} of {len(settled)} requests were slow"
    assert all(d[2] == 503 for d in settled), "a 200 while MariaDB was paused?"

    outage_log = [l for l in lines if ":notice]" not in l or "QC00003" in l]
    assert any("QC00002" in l for l in lines)
    assert any("QC00003" in l for l in lines), "the recovery was not logged"
    assert len(outage_log) <= MAX_LOG_LINES, (
        f"{len(outage_log)} log lines for one outage:\n" + "\n".join(outage_log[:40]))
    figures = {"longest_s": round(longest, 2), "first_503_s": round(to_first_503, 2),
               "log_lines": len(outage_log), "requests": len(during),
               "fast_503_share": round(1 - len(slow) / len(settled), 3),
               "back_after_sigcont_s": round(back - t_cont, 2),
               "slowest": (slowest[4], slowest[2], round(slowest[0] - t_stop, 2))}
    print("\nFIGURES", figures)
    return figures


def test_a_paused_database_gives_fast_503s_and_recovers(site):
    pause_under_load(site)


def test_the_directive_is_for_the_whole_server_only_and_a_number(tmp_path):
    from qcsite import check_server_number_directive
    check_server_number_directive(tmp_path, "QuizContestDatabaseTimeout", 300)
