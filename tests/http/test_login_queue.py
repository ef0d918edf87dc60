"""Logins that queue (QuizContestPasswordChecks, QuizContestPasswordQueue,
QuizContestPasswordWait): a process checks at most that many passwords (bcrypt) at once, the
other logins wait their turn in arrival order, at most so many of them and at most so long;
a login that cannot wait its turn is answered at once with the login page saying, in
Vietnamese, that it waits (200, Retry-After), never a 5xx, and a contestant already logged in
is served meanwhile without waiting behind the password checks.

The test Apache checks one password at a time, lets one more login wait at most 1 s, and the
accounts' passwords are hashed at bcrypt cost 12 (a quarter of a second a check, where the
site's own registrations use cost 4), so a dozen logins at once overflow the queue."""
import re
import subprocess
import threading
import time

import requests

from qcsite import check_server_number_directive, csrf_in

SITE_OPTIONS = {"extra_conf": "QuizContestPasswordChecks 1\nQuizContestPasswordQueue 1\n"
                              "QuizContestPasswordWait 1\n"}

PASSWORD = "hoa sen no som"


def slow_hash():
    """A bcrypt hash of PASSWORD at cost 12, made by htpasswd (the $2y$ form Apache reads)."""
    out = subprocess.run(["htpasswd", "-nbBC", "12", "u", PASSWORD], check=True,
                         capture_output=True, text=True).stdout.strip()
    return out.split(":", 1)[1]


def accounts(site, n):
    """n contestants whose password takes a cost-12 bcrypt check; their phones."""
    phones = []
    for _ in range(n):
        _, data = site.contestant()
        phones.append(data["phone"])
    h = slow_hash()
    site.sql("UPDATE qc_contestant SET password_hash = '" + h + "' WHERE phone IN ("
             + ",".join("'" + p + "'" for p in phones) + ")")
    return phones


def login_once(site, phone):
    s = requests.Session()
    r = s.get(site.base + "/dang-nhap?format=xml", timeout=30)
    t0 = time.monotonic()
    r = s.post(site.base + "/dang-nhap",
               data={"phone": phone, "password": PASSWORD, "csrf": csrf_in(r.text)},
               allow_redirects=False, timeout=60)
    return s, r, time.monotonic() - t0


def test_a_storm_of_logins_waits_its_turn_and_never_holds_up_a_quiz_page(site):
    # a contestant already answering (registered at cost 4, logged in by the registration)
    s, _ = site.contestant()
    quiz = site.attempt_url(site.start_attempt(s))
    assert s.get(quiz).status_code == 200
    phones = accounts(site, 12)

    answers, errors, page_times = [], [], []
    storm_over = threading.Event()

    def one(phone):
        try:
            answers.append((phone,) + login_once(site, phone))
        except Exception as e:  # noqa: BLE001 -- counted and shown below
            errors.append(repr(e))

    def reader():
        while not storm_over.is_set():
            t0 = time.monotonic()
            r = s.get(quiz, timeout=30)
            page_times.append((r.status_code, time.monotonic() - t0))
            time.sleep(0.05)

    rd = threading.Thread(target=reader)
    rd.start()
    t0 = time.monotonic()
    threads = [threading.Thread(target=one, args=(p,)) for p in phones]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    storm = time.monotonic() - t0
    storm_over.set()
    rd.join()

    assert not errors, errors
    statuses = sorted(r.status_code for _, _, r, _ in answers)
    assert len(answers) == 12
    assert all(st in (200, 303) for st in statuses), statuses
    waiting = [(p, r) for p, _, r, _ in answers if r.status_code == 200]
    logged_in = [r for _, _, r, _ in answers if r.status_code == 303]
    # one check at a time, one more waiting: of twelve at once, some were told to wait
    assert waiting, statuses
    assert logged_in, statuses
    for _, r in waiting:
        assert 'id="login-waiting"' in r.text
        assert "đang chờ đến lượt" in r.text
        assert int(r.headers["Retry-After"]) >= 1
        assert "no-store" in r.headers.get("Cache-Control", "")
        assert PASSWORD not in r.text  # the password is never sent back
    # nobody waited for a check longer than the bound and the checks before it
    assert max(t for _, _, _, t in answers) < 10, [t for _, _, _, t in answers]
    # the contestant already logged in was served all along, and fast
    assert page_times and all(st == 200 for st, _ in page_times), page_times
    assert max(t for _, t in page_times) < 1.0, (storm, sorted(t for _, t in page_times)[-5:])

    # a login told to wait gets in when it tries again (as the page's script does)
    for phone, _ in waiting[:3]:
        for _ in range(20):
            _, r, _ = login_once(site, phone)
            if r.status_code != 200:
                break
            time.sleep(int(r.headers["Retry-After"]))
        assert r.status_code == 303 and r.headers["Location"].endswith("/tai-khoan"), \
            (r.status_code, r.headers.get("Location"))


def test_the_waiting_page_keeps_the_phone_and_the_form(site):
    """Two logins at once against one check and a queue of one with a wait of 1 s: whichever
    is told to wait sees its phone kept, the password field empty, a new form token."""
    phones = accounts(site, 3)
    res = []
    ts = [threading.Thread(target=lambda p=p: res.append((p,) + login_once(site, p)))
          for p in phones]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    told = [(p, r) for p, _, r, _ in res if r.status_code == 200]
    assert len(res) == 3 and all(r.status_code in (200, 303) for _, _, r, _ in res)
    # one checked, one in the queue: the third found the queue full and was told at once
    assert told, [r.status_code for _, _, r, _ in res]
    p, r = told[0]
    assert f'value="{p}"' in r.text
    # the form says the logins queue: its script sends it itself, and again after the wait
    assert 'name="password"' in r.text and 'data-login-queue="1"' in r.text
    assert re.search(r'name="csrf" value="[^"]{20,}"', r.text), r.text[:3000]


def test_the_directives_are_for_the_whole_server_only_and_numbers(tmp_path):
    check_server_number_directive(tmp_path, "QuizContestPasswordChecks", 1024, good=("0", "2"))
    check_server_number_directive(tmp_path, "QuizContestPasswordQueue", 10000, good=("0", "16"))
    check_server_number_directive(tmp_path, "QuizContestPasswordWait", 60, good=("1", "5"))
