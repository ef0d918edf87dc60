"""Real-browser tests: Debian's Chromium (/usr/bin/chromium) driven by playwright-core from the
Node scripts in tests/browser/, against this module's own site (its database and Apache).

Each test starts one script with the site's URL and its parameters in the environment; the
script prints one JSON line at each checkpoint and waits for the answer, so the test can look at
the database while the browser is in a given state (offline, say); the script's last line is its
result. Screenshots at 375x812 and 1366x768 of every page visited go to
.work/results/screenshots/. tests/browser/install.sh installs what these tests need; when it is
missing the tests fail and say so."""
import datetime
import glob
import json
import os
import queue
import re
import shutil
import subprocess
import threading
import time
import uuid

import pytest

from qcsite import REPO, STAFF, WORK, places

BROWSER_DIR = os.path.join(REPO, "tests", "browser")
CHROMIUM = "/usr/bin/chromium"
SHOTS = os.path.join(WORK, "results", "screenshots")
SCRIPT_TIMEOUT_S = 150  # a whole journey; every wait inside a script is 30 s at most


# ---- running a browser script ----------------------------------------------------------------
def prerequisites():
    missing = []
    node = shutil.which("node")
    if not node:
        missing.append("node is not installed (Debian package nodejs)")
    else:
        version = subprocess.run([node, "-p", "process.versions.node"], capture_output=True,
                                 text=True).stdout.strip()
        if int(version.split(".")[0] or 0) < 20:
            missing.append(f"playwright-core needs Node.js 20 or newer, not {version}")
    if not os.path.isfile(os.path.join(BROWSER_DIR, "node_modules", "playwright-core", "package.json")):
        missing.append(f"{BROWSER_DIR}/node_modules has no playwright-core")
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"{CHROMIUM} is missing (Debian package chromium)")
    if missing:
        pytest.fail("the browser tests cannot run: " + "; ".join(missing)
                    + ". Run tests/browser/install.sh (as root).", pytrace=False)
    return node


def run_browser(site, script, params, on_checkpoint=None, name=None, timeout_s=SCRIPT_TIMEOUT_S):
    """Run tests/browser/<script>; on_checkpoint(name, message) answers each checkpoint (a dict,
    or None for {}); an assertion in it stops the script (which screenshots the page) and
    fails the test. Returns the script's result (its last line), which must say ok."""
    node = prerequisites()
    name = name or os.path.splitext(script)[0]
    env = dict(os.environ, QC_BASE=site.base, QC_SHOTS=SHOTS, QC_NAME=name,
               QC_PARAMS=json.dumps(params), PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1",
               QC_CHROMIUM=CHROMIUM)
    log_path = os.path.join(site.dir, f"browser-{name}.log")
    for old in glob.glob(os.path.join(SHOTS, f"{name}-*.png")):   # a former run's pictures
        os.unlink(old)
    started = time.monotonic()
    deadline = started + timeout_s
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen([node, os.path.join(BROWSER_DIR, script)], cwd=BROWSER_DIR,
                                env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=log, text=True, encoding="utf-8")
    lines = queue.Queue()

    def reader():
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=reader, daemon=True).start()

    def browser_log():
        with open(log_path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-40:])

    def stop():
        """SIGTERM first: playwright then closes the browser it started."""
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    result, failure, other = None, None, []
    try:
        while True:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                line = queue.Empty
            if line is queue.Empty:
                stop()
                pytest.fail(f"{script} did not finish within {timeout_s} s\n"
                            "--- browser log ---\n" + browser_log(), pytrace=False)
            if line is None:
                break
            try:
                msg = json.loads(line)
            except ValueError:
                msg = None
            if not isinstance(msg, dict):
                other.append(line.rstrip())
            elif "checkpoint" in msg:
                if failure is None:
                    try:
                        answer = (on_checkpoint(msg["checkpoint"], msg) if on_checkpoint else None) or {}
                    except BaseException as e:  # noqa: BLE001 - raised once the browser is closed
                        failure = e
                if failure is not None:
                    answer = {"abort": f"{type(failure).__name__} at {msg['checkpoint']}"}
                try:
                    proc.stdin.write(json.dumps(answer) + "\n")
                    proc.stdin.flush()
                except OSError:
                    pass   # the script is gone: its end is read below
            else:
                result = msg
        try:
            proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            stop()
    finally:
        stop()
        proc.stdin.close()
    elapsed = time.monotonic() - started
    print(f"{script}: {elapsed:.1f} s")
    if failure is not None:
        raise failure
    if not result or not result.get("ok"):
        pytest.fail(f"{script} failed ({elapsed:.1f} s): "
                    f"{(result or {}).get('error', 'no result line')}\n"
                    f"url: {(result or {}).get('url')}\n"
                    + (f"other output: {other[-5:]}\n" if other else "")
                    + "--- browser log ---\n" + browser_log(), pytrace=False)
    result["wall_s"] = elapsed
    return result


# ---- contestants, attempts and what the database says ------------------------------------
def person():
    n = uuid.uuid4().int
    return {
        "full_name": "Phạm Thị Trình Duyệt",
        "dob": "1990-05-17",
        "phone": "09" + f"{n % 10 ** 8:08d}",
        "cccd": "001" + f"{(n // 10 ** 8) % 10 ** 9:09d}",
        "email": f"thi.sinh.{n % 10 ** 6}@example.vn",
        "unit_label": "Xã Một", "unit_code": "xa-1",
        "group_label": "Nhóm 2: Người dân", "group_code": "2",
        "password": "MatKhau-Trinh9",
    }


def rows(site, query):
    return [line.split("\t") for line in site.sql(query).splitlines() if line]


def assert_registered(site, who):
    got = rows(site, "SELECT c.full_name, c.dob, c.phone, IFNULL(c.cccd,''), IFNULL(c.email,''),"
                     " u.code, IFNULL(g.code,'') FROM qc_contestant c JOIN qc_unit u ON u.id = c.unit_id"
                     " LEFT JOIN qc_group g ON g.id = c.group_id"
                     f" WHERE c.phone = '{who['phone']}'")
    assert got == [[who["full_name"], who["dob"], who["phone"], who["cccd"], who["email"],
                    who["unit_code"], who["group_code"]]], got


def contestant_attempts(site, who):
    return rows(site, "SELECT a.id, a.state FROM qc_attempt a JOIN qc_contestant c"
                      f" ON c.id = a.contestant_id WHERE c.phone = '{who['phone']}' ORDER BY a.id")


def items(site, attempt):
    """position -> {kind, order, key, selected} (options as lists of their places, as the page
    names them; selected None if unset)"""
    out = {}
    for pos, kind, order, key, sel in rows(
            site, "SELECT i.position, q.kind, i.choice_order, i.correct_key, IFNULL(i.selected, '-')"
                  " FROM qc_attempt_item i JOIN qc_question q ON q.id = i.question_id"
                  f" WHERE i.attempt_id = {int(attempt)} ORDER BY i.position"):
        # options as the page names them: their places in the order shown ("1".."n")
        out[int(pos)] = {"kind": kind, "order": [str(k + 1) for k in range(len(order.split(",")))],
                         "key": places(order, key),
                         "selected": None if sel == "-" else places(order, sel)}
    return out


def attempt_row(site, attempt):
    (row,) = rows(site, "SELECT state, IFNULL(score, '-'), IFNULL(prediction, '-'), answer_seq,"
                        " question_count FROM qc_attempt WHERE id = " + str(int(attempt)))
    return {"state": row[0], "score": None if row[1] == "-" else int(row[1]),
            "prediction": None if row[2] == "-" else row[2], "answer_seq": int(row[3]),
            "questions": int(row[4])}


def db_score(site, attempt):
    """The number of questions whose saved selection is the answer key."""
    return int(site.sql("SELECT COUNT(*) FROM qc_attempt_item WHERE selected = correct_key"
                        f" AND attempt_id = {int(attempt)}").strip())


def make_plan(its, right):
    """What to choose: the answer key at the positions in `right`, one wrong choice elsewhere."""
    plan = {}
    for pos, it in its.items():
        if pos in right:
            plan[pos] = list(it["key"])
        else:
            plan[pos] = [next(c for c in it["order"] if c not in it["key"])]
    return plan


def same(a, b):
    return sorted(a or [], key=int) == sorted(b or [], key=int)


def server_left_ms(site, attempt):
    return int(site.sql("SELECT TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), deadline_at) DIV 1000"
                        f" FROM qc_attempt WHERE id = {int(attempt)}").strip())


# ---- 1. offline autosave journey -------------------------------------------------------------
def test_offline_answers_are_kept_and_saved_when_back_online(site):
    who = person()
    state = {}
    right = {1, 3, 5}   # answered right; 2 and 4 wrong

    def on(name, msg):
        if name == "quiz":
            attempt = state["attempt"] = msg["attempt"]
            its = items(site, attempt)
            assert len(its) == 5
            assert {str(p): sorted(it["order"], key=int) for p, it in its.items()} == \
                {p: sorted(s["choices"], key=int) for p, s in msg["shown"].items()}, \
                "the page shows other questions or choices than the attempt's draw"
            assert all(it["selected"] is None for it in its.values())
            state["plan"] = make_plan(its, right)
            return {"plan": state["plan"]}
        attempt, plan = state["attempt"], state["plan"]
        its = items(site, attempt)
        row = attempt_row(site, attempt)
        if name == "online-saved":
            assert msg["state"]["state"] == "saved"
            for pos in (1, 2):
                assert same(its[pos]["selected"], plan[pos]), (pos, its[pos], plan[pos])
            for pos in (3, 4, 5):
                assert its[pos]["selected"] is None
            assert row["prediction"] is None and row["state"] == "open"
        elif name == "offline":
            assert msg["state"]["state"] == "offline"
            for pos in (3, 4, 5):
                assert same(msg["checked"][str(pos)]["checked"], plan[pos])
            # chosen in the page, not on the server
            for pos in (1, 2):
                assert same(its[pos]["selected"], plan[pos])
            for pos in (3, 4, 5):
                assert its[pos]["selected"] is None, \
                    f"question {pos} was saved while the browser was offline: {its[pos]}"
            assert row["prediction"] is None, "the prediction was saved while offline"
            state["seq_offline"] = row["answer_seq"]
        elif name == "reconnected":
            for pos in range(1, 6):
                assert same(its[pos]["selected"], plan[pos]), \
                    f"question {pos}: saved {its[pos]['selected']}, chosen {plan[pos]}"
            assert row["prediction"] == "2026", row
            assert row["state"] == "open"
            assert row["answer_seq"] > state["seq_offline"]
        return None

    res = run_browser(site, "offline_autosave.mjs", {"who": who, "prediction": "2026"}, on)
    attempt = state["attempt"]
    assert_registered(site, who)
    row = attempt_row(site, attempt)
    assert row["state"] == "submitted", row
    expected = db_score(site, attempt)
    assert expected == len(right), "the saved answers are not the ones chosen"
    assert res["result"]["score"] == expected and res["result"]["questions"] == 5, res["result"]
    assert row["score"] == expected
    assert res["url"].endswith(f"/ket-qua/{attempt}")


# ---- 2. the countdown follows the server's clock ------------------------------------------
def shown_seconds(text):
    """The seconds a countdown text such as " (Còn lại 1:02:03)" or "(Còn lại 29:59)" shows."""
    m = re.search(r"(?:(\d+):)?(\d\d):(\d\d)\)?\s*$", text)
    assert m, f"no h:mm:ss in the countdown {text!r}"
    return int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + int(m.group(3))


def test_countdown_follows_the_server_even_after_reload(site):
    who = person()
    seen = []

    def on(name, msg):
        r, attempt = msg["reading"], msg["attempt"]
        server = server_left_ms(site, attempt)      # the database's clock, right now
        seen.append((name, r["left_ms"], server))
        assert abs(r["left_ms"] - server) <= 2000, \
            f"{name}: the page counts {r['left_ms']} ms left, the server {server} ms"
        assert abs(shown_seconds(r["text"]) - r["left_ms"] // 1000) <= 1, r
        deadline_ms = int(site.sql(
            "SELECT ROUND(UNIX_TIMESTAMP(CONVERT_TZ(deadline_at, '+00:00', @@session.time_zone)) * 1000)"
            f" FROM qc_attempt WHERE id = {int(attempt)}").strip())
        shown = datetime.datetime.fromisoformat(r["deadline_iso"]).timestamp() * 1000
        assert abs(shown - deadline_ms) < 1000, (name, r["deadline_iso"], deadline_ms)
        if name == "opened":
            assert 1_790_000 <= server <= 1_800_000, server   # a fresh 30-minute attempt
            # the server's deadline moves: the reloaded page must follow it, not its old count
            site.sql("UPDATE qc_attempt SET deadline_at = UTC_TIMESTAMP(3) + INTERVAL 754 SECOND"
                     f" WHERE id = {int(attempt)}")
        else:
            assert server <= 754_000, server
        return None

    res = run_browser(site, "timer.mjs", {"who": who}, on)
    print("countdown readings (checkpoint, page ms, server ms):", seen)
    assert [s[0] for s in seen] == ["opened", "reloaded", "running"], seen
    assert attempt_row(site, res["attempt"])["state"] == "open"


# ---- 3. without JavaScript --------------------------------------------------------------------
def test_whole_contest_works_without_javascript(site):
    who = person()
    state = {}
    right = {2, 3}

    def on(name, msg):
        attempt = msg["attempt"]
        its = items(site, attempt)
        if name == "quiz":
            state["attempt"] = attempt
            assert {str(p): sorted(it["order"], key=int) for p, it in its.items()} == \
                {p: sorted(s["choices"], key=int) for p, s in msg["shown"].items()}
            state["plan"] = make_plan(its, right)
            return {"plan": state["plan"]}
        assert name == "saved"
        plan = state["plan"]
        row = attempt_row(site, attempt)
        assert row["state"] == "open" and row["prediction"] == "31337", row
        for pos, it in its.items():
            assert same(it["selected"], plan[pos]), f"question {pos}: saved {it['selected']}, chosen {plan[pos]}"
            # the page shown after saving is what the server has
            assert same(msg["checked"][str(pos)]["checked"], plan[pos]), (pos, msg["checked"][str(pos)])
        assert msg["prediction"] == "31337"
        return None

    res = run_browser(site, "no_javascript.mjs", {"who": who, "prediction": "31337"}, on)
    attempt = state["attempt"]
    assert_registered(site, who)
    assert contestant_attempts(site, who) == [[attempt, "submitted"]]
    row = attempt_row(site, attempt)
    assert row["state"] == "submitted" and row["prediction"] == "31337", row
    for pos, it in items(site, attempt).items():
        assert same(it["selected"], state["plan"][pos]), pos
    assert db_score(site, attempt) == len(right)
    assert res["result"]["score"] == len(right) == row["score"], (res["result"], row)
    assert res["prediction_shown"] == "31337"


# ---- 4. keyboard only -------------------------------------------------------------------------
def test_register_answer_and_submit_with_the_keyboard_only(site):
    who = dict(person(), dob="1991-06-06")   # day = month: typed the same in any date order
    res = run_browser(site, "keyboard.mjs", {"who": who, "prediction": "4096"})
    attempt = res["attempt"]
    assert_registered(site, who)
    assert contestant_attempts(site, who) == [[attempt, "submitted"]]
    row = attempt_row(site, attempt)
    assert row["state"] == "submitted" and row["prediction"] == "4096", row
    its = items(site, attempt)
    assert len(its) == 5
    for pos, it in its.items():
        chosen = res["chosen"][str(pos)]
        assert len(chosen["checked"]) == 1 and same(it["selected"], chosen["checked"]), (pos, it, chosen)
    assert res["result"]["score"] == db_score(site, attempt) == row["score"], (res["result"], row)


# ---- 5. a slow connection: the newer choice wins ----------------------------------------------
def test_a_change_made_while_a_save_is_on_its_way_is_saved(site):
    who = person()
    seen = {}

    def on(name, msg):
        assert name == "saved"
        its = items(site, msg["attempt"])
        seen["selected"] = its[msg["position"]]["selected"]
        assert same(its[msg["position"]]["selected"], [msg["second"]]), \
            f"the page said saved, but question {msg['position']} holds {its[msg['position']]['selected']}, " \
            f"not the newer choice {msg['second']}"
        return None

    res = run_browser(site, "slow_save.mjs", {"who": who}, on)
    assert res["second"] != res["first"]
    assert same(seen["selected"], [res["second"]])


def test_secretariat_imports_a_bank_and_reads_the_results(site, tmp_path):
    """In the browser: the upload form, the preview with its rejected question, the tick box the
    confirmation needs, the import stored once; then the ranking on the results page."""
    bank = tmp_path / "ngan-hang.gift"
    bank.write_text(
        "$CATEGORY: $course$/top/Chữ ký số\n\n"
        "::b1:: Chữ ký số công cộng do tổ chức nào cung cấp dịch vụ? {=Tổ chức cung cấp dịch vụ"
        " chứng thực chữ ký số công cộng ~Ủy ban nhân dân xã ~Ngân hàng thương mại}\n\n"
        "::b2:: Chữ ký số có dùng được trong giao dịch điện tử với cơ quan nhà nước không?"
        " {=Có, theo Luật Giao dịch điện tử ~Không}\n\n"
        "::b3:: Câu hỏi lỗi không có đáp án đúng {~một ~hai}\n", encoding="utf-8")
    os.chmod(tmp_path, 0o755)
    os.chmod(bank, 0o644)
    before = int(site.sql("SELECT COUNT(*) FROM qc_question"))
    # a contestant hands in, so the ranking has a row
    s, _ = site.contestant()
    r = site.start_attempt(s)
    loc = site.root + r.headers["Location"]
    r = s.post(loc + "/nop", data={"csrf": site.page_csrf(s), "prediction": "9", "seq": "1"},
               allow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    seen = {}

    def on(name, msg):
        seen[name] = msg
        if name == "previewed":  # nothing stored by the preview, nor by a click without the tick
            assert int(site.sql("SELECT COUNT(*) FROM qc_question")) == before
        if name == "imported":
            assert int(site.sql("SELECT COUNT(*) FROM qc_question")) == before + 2
        return None

    res = run_browser(site, "secretariat_import.mjs",
                      {"staff": {"user": STAFF[0], "password": STAFF[1]}, "file": str(bank),
                       "expect": {"accepted": 2, "rejected": 1}}, on)
    assert "Đã thêm 2 câu" in res["done"]
    assert res["rows"] >= 1
    assert "/5" in res["first"]  # a score out of the 5 questions
    assert set(seen) == {"previewed", "imported"}
