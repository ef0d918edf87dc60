"""The busiest writes of a round (tests/bench measures them). An autosave that saves is one
statement: the UPDATE itself checks the session, its CSRF token, the attempt's owner and state,
the sequence number and the choices; when it changes nothing the ordinary path says why, with
the same answers as before (403, 404, 400 "invalid", 409 "stale", 410 "closed"). A start draws
from the process's copy of the bank, renewed when the contest's revision changes, and stores
its items with their answer keys in one statement."""
import hashlib
import re

from qcsite import contest_xml


def EXTRA_CONTESTS():
    return {"/ngan-hang": contest_xml(code="bk", questions=5),
            "/sau-lua-chon": contest_xml(code="m6", questions=5)}


def six_choice_bank(path):
    """Five multiple-answer questions of six choices each (the demo bank has four)."""
    qs = "".join(
        f'<question code="sau-{k}" kind="multiple"><text>Câu hỏi sáu lựa chọn {k}?</text>'
        + "".join(('<choice correct="true">' if c < 3 else "<choice>") + f"Lựa chọn {k}.{c}</choice>"
                  for c in range(6))
        + "<explanation>Ba lựa chọn đầu đúng.</explanation></question>" for k in range(5))
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<question-bank xmlns="urn:quizcontest:'
                'question-bank:1" lang="vi"><topic code="sau" title="Sáu lựa chọn">'
                + qs + "</topic></question-bank>\n")


def started(site, base=None, contest=None):
    s, _ = site.contestant(base=base, contest=contest)
    url = site.attempt_url(site.start_attempt(s, base=base))
    return s, url, site.quiz(s, url)


def attempt_id(url):
    return url.rsplit("/", 1)[1]


def save(s, url, csrf, seq, position=None, choices=(), prediction=None):
    data = {"csrf": csrf, "seq": str(seq)}
    if position is not None:
        data["position"] = str(position)
        data["choice"] = list(choices) or [""]
    if prediction is not None:
        data["prediction"] = str(prediction)
    return s.post(url + "/luu", data=data)


def stored(site, url):
    """{position: selected (as the page names the options: their places)}, the attempt's
    answer_seq and prediction, from the database."""
    a = attempt_id(url)
    sel = site.stored_places(a)
    row = site.attempt_row(a)
    return sel, row["seq"], row["prediction"]


def nothing_saved(site, url):
    sel, seq, prediction = stored(site, url)
    return not any(sel.values()) and seq == 0 and prediction is None


def statements_of_one_request(site, do):
    """The prepared statements MariaDB executed for the connection that served `do()` (its
    general log), without the once-a-minute sweep that may follow a response."""
    site.sql("TRUNCATE mysql.general_log")
    site.sql("SET GLOBAL log_output = 'TABLE'; SET GLOBAL general_log = 1")
    try:
        r = do()
    finally:
        site.sql("SET GLOBAL general_log = 0")
    rows = site.sql("SELECT thread_id, command_type, REPLACE(REPLACE(argument, '\\n', ' '),"
                    " '\\t', ' ') FROM mysql.general_log WHERE command_type = 'Execute'"
                    " ORDER BY event_time").splitlines()
    sweep = ("qc_attempt a JOIN qc_contest c ON c.id = a.contest_id WHERE a.state = 'open' AND"
             " a.deadline_at <", "DELETE FROM qc_session WHERE expires_at",
             "DELETE FROM qc_login_failure WHERE failed_at")
    out = [line.split("\t", 2)[2] for line in rows
           if not any(s in line for s in sweep)]
    return r, out


def test_a_save_is_one_statement(site):
    s, url, q = started(site)
    pos, kind, choices, _ = q["questions"][0]
    r, stmts = statements_of_one_request(site, lambda: save(s, url, q["csrf"], 1, pos, [choices[0]]))
    assert r.status_code == 200 and 'status="ok" seq="1"' in r.text
    assert len(stmts) == 1, stmts
    # one id: the statement without the question's kind (qc_autosave_single, here in its form
    # for a batch of one, whose lock wait is bounded), the attempt first in the join (MariaDB
    # then keeps one temporary table, not two)
    assert stmts[0].startswith("SET STATEMENT innodb_lock_wait_timeout = 1 FOR"
                               " UPDATE qc_attempt a JOIN qc_attempt_item i"), stmts
    assert "qc_question" not in stmts[0], stmts
    assert stored(site, url)[0][pos] == choices[0] and stored(site, url)[1] == 1
    r, stmts = statements_of_one_request(site, lambda: save(s, url, q["csrf"], 2, prediction=77))
    assert r.status_code == 200 and len(stmts) == 1, stmts
    assert stored(site, url)[2] == 77


def test_two_ids_on_a_multiple_answer_question_read_the_order_then_save_in_one_statement(site):
    """The page names options by their places; the stored selection is their ids, sorted, so
    a save of several reads the item's order first (one primary-key read), then saves with
    every check in one statement that reads the question's kind."""
    for _ in range(10):
        s, url, q = started(site)
        multiple = [x for x in q["questions"] if x[1] == "multiple"]
        if multiple:
            break
    assert multiple, "the test contest's bank has multiple-answer questions"
    pos, _, choices, _ = multiple[0]
    r, stmts = statements_of_one_request(site, lambda: save(s, url, q["csrf"], 1, pos,
                                                             choices[:2]))
    assert r.status_code == 200 and 'status="ok"' in r.text, r.text
    assert len(stmts) == 2, stmts
    assert stmts[0].startswith("SELECT i.choice_order, q.kind FROM qc_attempt_item i"), stmts
    assert "JOIN qc_question q" in stmts[1] and "q.kind = 'multiple'" in stmts[1], stmts
    assert stored(site, url)[0][pos] == ",".join(sorted(choices[:2], key=int))


def test_a_wrong_csrf_token_is_refused_and_saves_nothing(site):
    s, url, q = started(site)
    pos, _, choices, _ = q["questions"][0]
    token = q["csrf"]
    swapped = token.swapcase()  # the database compares byte for byte, not case-blind
    assert swapped != token
    for bad in ("A" * 43, swapped, token[:-1], ""):
        r = save(s, url, bad, 1, pos, [choices[0]])
        assert r.status_code == 403, (bad, r.status_code, r.text[:300])
        r = save(s, url, bad, 1, prediction=5)
        assert r.status_code == 403, (bad, r.status_code)
    assert nothing_saved(site, url)
    assert save(s, url, token, 1, pos, [choices[0]]).status_code == 200


def test_a_foreign_attempt_is_not_found_and_saves_nothing(site):
    s, url, q = started(site)
    pos, _, choices, _ = q["questions"][0]
    t, _, tq = started(site)  # another contestant, logged in with an attempt of their own
    r = save(t, url, tq["csrf"], 1, pos, [choices[0]])
    assert r.status_code == 404, (r.status_code, r.text[:300])
    r = save(t, url, tq["csrf"], 1, prediction=5)
    assert r.status_code == 404
    # nor with the owner's CSRF token (it belongs to the owner's session, not to t's)
    assert save(t, url, q["csrf"], 1, pos, [choices[0]]).status_code == 403
    assert nothing_saved(site, url)


def test_a_choice_not_drawn_for_the_item_is_invalid(site):
    s, url, q = started(site)
    pos, _, choices, _ = q["questions"][0]
    beyond = str(len(choices) + 1)  # a place the item does not have
    eleven = [str(int(choices[0]) + k) for k in range(11)]  # more places than any question has
    # a raw choice id is no option either (the page never shows one)
    raw = site.sql(f"SELECT MAX(id) + 1 FROM qc_choice").strip()
    for bad in ([beyond], [choices[0], beyond], ["999999"], eleven, ["0"], ["-1"], ["x"],
                ["1.0"], [raw], ["1000"]):
        r = save(s, url, q["csrf"], 1, pos, bad)
        assert r.status_code == 400 and 'status="invalid"' in r.text, (bad, r.status_code)
    assert nothing_saved(site, url)
    # no choice at all is a valid answer ("not answered")
    assert save(s, url, q["csrf"], 1, pos, [choices[0]]).status_code == 200
    r = save(s, url, q["csrf"], 2, pos, [])
    assert r.status_code == 200 and stored(site, url)[0][pos] == ""


def test_two_choices_on_a_single_answer_question_are_invalid(site):
    for _ in range(10):
        s, url, q = started(site)
        single = [x for x in q["questions"] if x[1] == "single"]
        multiple = [x for x in q["questions"] if x[1] == "multiple"]
        if single:
            break
    pos, _, choices, _ = single[0]
    r = save(s, url, q["csrf"], 1, pos, choices[:2])
    assert r.status_code == 400 and 'status="invalid"' in r.text
    # the same choice twice is one choice
    assert save(s, url, q["csrf"], 1, pos, [choices[1], choices[1]]).status_code == 200
    assert stored(site, url)[0][pos] == choices[1]
    if multiple:
        mpos, _, mchoices, _ = multiple[0]
        assert save(s, url, q["csrf"], 2, mpos, mchoices[:2]).status_code == 200
        assert stored(site, url)[0][mpos] == ",".join(sorted(mchoices[:2], key=int))


def test_an_expired_session_is_refused(site):
    s, url, q = started(site)
    pos, _, choices, _ = q["questions"][0]
    token = s.cookies.get("qc_session")
    digest = hashlib.sha256(token.encode()).hexdigest()
    site.sql("UPDATE qc_session SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND"
             f" WHERE token_hash = '{digest}'")
    r = save(s, url, q["csrf"], 1, pos, [choices[0]])
    assert r.status_code == 403, (r.status_code, r.text[:300])
    assert save(s, url, q["csrf"], 1, prediction=5).status_code == 403
    assert nothing_saved(site, url)


def test_stale_closed_and_the_same_save_again_are_told_apart(site):
    s, url, q = started(site)
    pos, _, choices, _ = q["questions"][0]
    assert save(s, url, q["csrf"], 3, pos, [choices[0]]).status_code == 200
    r = save(s, url, q["csrf"], 3, pos, [choices[0]])  # a retry: answered as the first time
    assert r.status_code == 200 and 'status="ok" seq="3"' in r.text
    r = save(s, url, q["csrf"], 2, pos, [choices[1]])
    assert r.status_code == 409 and 'status="stale" seq="3"' in r.text
    site.sql("UPDATE qc_attempt SET started_at = UTC_TIMESTAMP(3) - INTERVAL 2 DAY,"
             " deadline_at = UTC_TIMESTAMP(3) - INTERVAL 1 DAY"
             f" WHERE id = {attempt_id(url)}")
    r = save(s, url, q["csrf"], 4, pos, [choices[1]])
    assert r.status_code == 410 and 'status="closed"' in r.text
    assert stored(site, url)[0][pos] == choices[0]


def test_a_start_draws_from_the_current_bank_with_its_answer_keys(site):
    base = site.root + "/ngan-hang"
    cid = site.contest_id("bk")
    # a first start fills the process's copy of the bank
    started(site, base=base, contest="bk")
    keep = site.sql(f"SELECT id FROM qc_question WHERE contest_id={cid} AND retired=0"
                    " ORDER BY id DESC LIMIT 5").split()
    # the bank changes behind the module's back (the revision raised, as every writer does)
    site.change_contest(f"UPDATE qc_question SET retired = 1 WHERE contest_id={cid}"
                        f" AND id NOT IN ({','.join(keep)})")
    for _ in range(3):
        s, url, q = started(site, base=base, contest="bk")
        a = attempt_id(url)
        rows = site.sql("SELECT position, question_id, choice_order, correct_key"
                        f" FROM qc_attempt_item WHERE attempt_id={a} ORDER BY position").splitlines()
        assert [int(r.split("\t")[0]) for r in rows] == [1, 2, 3, 4, 5]
        assert sorted(r.split("\t")[1] for r in rows) == sorted(keep)
        for r in rows:
            _, qid, order, key = r.split("\t")
            ids = site.sql(f"SELECT id FROM qc_choice WHERE question_id={qid}").split()
            assert sorted(order.split(","), key=int) == sorted(ids, key=int)
            right = site.sql(f"SELECT id FROM qc_choice WHERE question_id={qid} AND is_correct=1"
                             " ORDER BY id").split()
            assert key == ",".join(right)
        # the quiz page shows those questions, each option named by its place in the drawn
        # order (never by its id)
        assert [x[2] for x in q["questions"]] == \
            [[str(k + 1) for k in range(len(r.split("\t")[2].split(",")))] for r in rows]


def test_a_selection_beyond_the_statements_slots_is_checked_and_saved_the_ordinary_way(site):
    import os
    cid = site.contest_id("m6")
    path = os.path.join(site.dir, "six-choices.xml")
    six_choice_bank(path)
    site.admin("import-bank", "--contest", "m6", path)
    site.change_contest(f"UPDATE qc_question SET retired = 1 WHERE contest_id={cid}"
                        " AND code NOT LIKE 'sau-%'")
    s, url, q = started(site, base=site.root + "/sau-lua-chon", contest="m6")
    pos, kind, choices, _ = q["questions"][0]
    assert kind == "multiple" and len(choices) == 6
    five = choices[:5]
    r = save(s, url, q["csrf"], 1, pos, five)
    assert r.status_code == 200 and 'status="ok" seq="1"' in r.text, r.text
    assert stored(site, url)[0][pos] == ",".join(sorted(five, key=int))
    r = save(s, url, q["csrf"], 2, pos, five[:4] + ["7"])  # six choices: no place 7
    assert r.status_code == 400 and 'status="invalid"' in r.text
    assert stored(site, url)[1] == 1
