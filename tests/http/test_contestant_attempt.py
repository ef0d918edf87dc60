"""The attempt: started only inside an open round, within the round's attempt limit and never
beside another one in progress (the database enforces it: 20 parallel starts make one attempt);
a stored random draw (question order, choice order, a count per topic) that a reload or another
device shows again with the saved answers; the prediction required before submitting; scoring
and time on the server; a double submit (also in parallel) gives one result; a stale tab cannot
overwrite newer answers."""
import collections
import datetime
import re
import threading

from qcsite import contest_xml, now


def EXTRA_CONTESTS():
    later = now() + datetime.timedelta(days=2)
    earlier = now() - datetime.timedelta(days=2)
    return {
        "/chua-mo": contest_xml(code="fu", opens=later, closes=later + datetime.timedelta(days=5)),
        # open when the test's contestant registers (registration closes with the contest),
        # closed behind the module's back before the contestant tries to start
        "/da-dong": contest_xml(code="cl", opens=earlier - datetime.timedelta(days=5),
                                closes=later),
        "/chu-de": contest_xml(code="tp", questions=6,
                               topics_xml='<topics><topic code="ctcds" quota="2"/>'
                                          '<topic code="attt" quota="3"/></topics>'),
    }


def attempt_id(url):
    return url.rsplit("/", 1)[1]


def attempts_of(site, s, base=None):
    me = re.search(r'<user id="(\d+)"', s.get((base or site.base) + "/tai-khoan?format=xml").text)
    return site.sql(f"SELECT id FROM qc_attempt WHERE contestant_id={me.group(1)} ORDER BY id").split()


def save(site, s, url, csrf, seq, position=None, choices=(), prediction=None):
    data = {"csrf": csrf, "seq": str(seq)}
    if position is not None:
        data["position"] = str(position)
        data["choice"] = list(choices) or [""]
    if prediction is not None:
        data["prediction"] = str(prediction)
    return s.post(url + "/luu", data=data)


def submit(site, s, url, prediction="1234", **extra):
    """Submit the form as a browser sends it: the choices shown checked, the prediction."""
    q = site.quiz(s, url)
    data = {"csrf": q["csrf"], "seq": str(q["seq"]), "prediction": prediction}
    data.update({f"a{pos}": sel for pos, _, _, sel in q["questions"] if sel})
    data.update(extra)
    return s.post(url + "/nop", data=data, allow_redirects=False)


def close_contest(site, code):
    site.change_contest(
        "UPDATE qc_round r JOIN qc_contest c ON c.id = r.contest_id"
        " SET r.opens_at = UTC_TIMESTAMP(3) - INTERVAL 7 DAY,"
        "     r.closes_at = UTC_TIMESTAMP(3) - INTERVAL 2 DAY"
        f" WHERE c.code = '{code}';\n"
        "UPDATE qc_contest SET opens_at = UTC_TIMESTAMP(3) - INTERVAL 7 DAY,"
        f" closes_at = UTC_TIMESTAMP(3) - INTERVAL 2 DAY WHERE code = '{code}'")


def test_start_only_inside_an_open_round(site):
    for path, code in (("/chua-mo", "fu"), ("/da-dong", "cl")):
        base = site.root + path
        s, _ = site.contestant(base=base, contest=code)
        if code == "cl":
            close_contest(site, code)
            assert 'status="closed"' in s.get(base + "/?format=xml").text
        r = site.start_attempt(s, base=base)
        assert r.status_code == 303 and r.headers["Location"].endswith("?notice=no-round"), path
        page = s.get(site.root + r.headers["Location"])
        assert "Hiện không có đợt thi nào đang mở." in page.text
        assert "Bắt đầu làm bài" not in page.text
        assert attempts_of(site, s, base) == []


def test_attempts_per_round_are_limited(site):
    s, _ = site.contestant()
    for n in range(1, 4):
        url = site.attempt_url(site.start_attempt(s))
        assert site.quiz(s, url)["root"].find("quiz").get("attempt-no") == str(n)
        assert submit(site, s, url).status_code == 303
    r = site.start_attempt(s)
    assert r.status_code == 303 and r.headers["Location"].endswith("?notice=no-attempts")
    page = s.get(site.root + r.headers["Location"])
    assert "Bạn đã dùng hết số lượt thi của đợt này." in page.text
    assert "Bắt đầu làm bài" not in page.text
    xml = s.get(site.base + "/tai-khoan?format=xml").text
    assert re.search(r'<current-round [^>]*attempts-allowed="3" attempts-used="3" attempts-left="0"',
                     xml), xml
    assert len(attempts_of(site, s)) == 3


def test_a_second_start_resumes_the_attempt_in_progress(site):
    s, _ = site.contestant()
    first = site.attempt_url(site.start_attempt(s))
    again = site.attempt_url(site.start_attempt(s))
    assert first == again
    assert len(attempts_of(site, s)) == 1
    page = s.get(site.base + "/tai-khoan").text
    assert "Bạn đang có một lượt thi chưa nộp." in page and "Tiếp tục làm bài" in page


def test_twenty_parallel_starts_create_exactly_one_attempt(site):
    s, _ = site.contestant()
    csrf = site.page_csrf(s)
    barrier = threading.Barrier(20)
    answers = []

    def start():
        barrier.wait()
        r = s.post(site.base + "/bai-thi", data={"csrf": csrf}, allow_redirects=False)
        answers.append((r.status_code, r.headers.get("Location")))

    threads = [threading.Thread(target=start) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = attempts_of(site, s)
    assert len(ids) == 1, ids
    assert site.sql(f"SELECT COUNT(*) FROM qc_attempt_item WHERE attempt_id={ids[0]}").strip() == "5"
    # every request was answered with that attempt
    assert collections.Counter(answers) == {(303, f"/cuoc-thi/bai-thi/{ids[0]}"): 20}, answers


def bank_order(site, question_id):
    return site.sql(f"SELECT id FROM qc_choice WHERE question_id={question_id} ORDER BY seq").split()


def choice_body(site, choice_id):
    return site.sql(f"SELECT body FROM qc_choice WHERE id={choice_id}").rstrip("\n")


def test_the_draw_is_random_stored_and_shown_again_the_same(site):
    draws = []
    shuffled = 0
    for _ in range(3):
        s, _ = site.contestant()
        url = site.attempt_url(site.start_attempt(s))
        a = attempt_id(url)
        q = site.quiz(s, url)
        assert [p for p, *_ in q["questions"]] == [1, 2, 3, 4, 5]
        stored = site.sql(f"SELECT position, question_id, choice_order FROM qc_attempt_item"
                          f" WHERE attempt_id={a} ORDER BY position").splitlines()
        assert len({line.split()[1] for line in stored}) == 5  # five different questions
        texts = [[c.text for c in x.findall("choice")] for x in q["root"].find("quiz").findall("question")]
        for (pos, kind, shown, _), line, text in zip(q["questions"], stored, texts):
            _, question, order = line.split("\t")
            order = order.split(",")
            # each option named by its place in the order shown, never by its choice id
            assert shown == [str(k + 1) for k in range(len(order))]
            assert text == [choice_body(site, c) for c in order]  # shown in the stored order
            assert sorted(order) == sorted(bank_order(site, question))  # every choice, once
            shuffled += order != bank_order(site, question)
        draws.append([line.split()[1] for line in stored])
        # a reload shows the very same page
        assert site.quiz(s, url)["questions"] == q["questions"]
    assert shuffled > 0, "the choices are never shuffled"
    assert len({tuple(d) for d in draws}) == 3, "three draws gave the same questions in order"


def test_a_count_per_topic_is_drawn(site):
    base = site.root + "/chu-de"
    for _ in range(2):
        s, _ = site.contestant(base=base, contest="tp")
        url = site.attempt_url(site.start_attempt(s, base=base))
        rows = site.sql("SELECT t.code, COUNT(*) FROM qc_attempt_item i JOIN qc_question q ON"
                        " q.id = i.question_id JOIN qc_topic t ON t.id = q.topic_id"
                        f" WHERE i.attempt_id={attempt_id(url)} GROUP BY t.code").split("\n")
        counts = dict(line.split("\t") for line in rows if line)
        assert counts.get("ctcds") == "2" and counts.get("attt") == "3", counts
        assert sum(map(int, counts.values())) == 6


def test_resume_on_a_second_device_shows_the_same_questions_order_and_answers(site):
    s, data = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    q = site.quiz(s, url)
    (p1, _, c1, _), (p2, k2, c2, _) = q["questions"][:2]
    assert save(site, s, url, q["csrf"], 1, p1, [c1[2]]).status_code == 200
    assert save(site, s, url, q["csrf"], 2, p2, c2[:2] if k2 == "multiple" else [c2[0]]).status_code == 200
    assert save(site, s, url, q["csrf"], 3, prediction=777).status_code == 200
    # another device logs in: it is sent to the same attempt, which it sees as it was left
    other, r = site.login(data["phone"])
    assert r.status_code == 303
    acc = other.get(site.base + "/tai-khoan?format=xml").text
    assert f'<open-attempt id="{attempt_id(url)}"' in acc
    again = site.attempt_url(site.start_attempt(other))
    assert again == url
    q2 = site.quiz(other, url)
    assert [(p, k, c) for p, k, c, _ in q2["questions"]] == [(p, k, c) for p, k, c, _ in q["questions"]]
    assert q2["questions"][0][3] == [c1[2]]
    assert sorted(q2["questions"][1][3]) == sorted(c2[:2] if k2 == "multiple" else [c2[0]])
    assert all(sel == [] for *_, sel in q2["questions"][2:])
    assert q2["prediction"] == "777" and q2["seq"] == 4
    html = other.get(url).text
    assert len(re.findall(r"<input[^>]*\bchecked\b", html)) == len(q2["questions"][0][3]) + len(q2["questions"][1][3])
    assert 'value="777"' in html


def test_the_prediction_is_required_before_submitting(site):
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    r = submit(site, s, url, prediction="")
    assert r.status_code == 422
    assert "Vui lòng trả lời câu hỏi dự đoán trước khi nộp bài." in r.text
    r = submit(site, s, url, prediction="nhiều lắm")
    assert r.status_code == 422
    assert "phải là một số nguyên không âm" in r.text
    assert site.attempt_row(attempt_id(url))["state"] == "open"
    r = submit(site, s, url, prediction="1500")
    assert r.status_code == 303 and "/ket-qua/" in r.headers["Location"]
    row = site.attempt_row(attempt_id(url))
    assert row["state"] == "submitted" and row["prediction"] == 1500


def answer_all(site, s, url, right):
    """Answer the first `right` questions with the key, the others wrongly; return the quiz."""
    q = site.quiz(s, url)
    key = site.answer_key(attempt_id(url))
    seq = q["seq"]
    for i, (pos, kind, choices, _) in enumerate(q["questions"]):
        pick = key[pos] if i < right else [c for c in choices if c not in key[pos]][:1]
        r = save(site, s, url, q["csrf"], seq, pos, pick)
        assert r.status_code == 200, r.text
        seq += 1
    assert save(site, s, url, q["csrf"], seq, prediction=42).status_code == 200
    return q


def test_submit_is_scored_and_timed_on_the_server(site):
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    answer_all(site, s, url, right=3)
    # what the form sends besides (a score, a time) is not listened to
    r = submit(site, s, url, prediction="42", score="5", time_taken_ms="1")
    assert r.status_code == 303
    row = site.attempt_row(attempt_id(url))
    assert row["state"] == "submitted" and row["score"] == 3
    assert row["time_ms"] == row["finished"] - row["started"]
    assert 0 < row["time_ms"] < 60000
    res = s.get(site.root + r.headers["Location"]).text
    assert "3/5" in res
    t = row["time_ms"]
    assert "%02d:%02d,%03d" % (t // 60000, t // 1000 % 60, t % 1000) in res  # Vietnamese decimal


def test_a_double_submit_gives_one_result(site):
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    answer_all(site, s, url, right=2)
    first = submit(site, s, url, prediction="42")
    row = site.attempt_row(attempt_id(url))
    again = s.post(url + "/nop", data={"csrf": site.page_csrf(s), "seq": "99",
                                       "prediction": "43"}, allow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"]
    assert site.attempt_row(attempt_id(url)) == row


def test_parallel_submits_give_one_result(site):
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    q = site.quiz(s, url)
    key = site.answer_key(attempt_id(url))
    # the whole form, as a browser without script sends it, ten times at once
    form = {"csrf": q["csrf"], "seq": str(q["seq"]), "prediction": "99"}
    form.update({f"a{pos}": key[pos] for pos, *_ in q["questions"]})
    barrier = threading.Barrier(10)
    answers = []

    def go():
        barrier.wait()
        r = s.post(url + "/nop", data=form, allow_redirects=False)
        answers.append((r.status_code, r.headers.get("Location")))

    threads = [threading.Thread(target=go) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    a = attempt_id(url)
    assert collections.Counter(answers) == {(303, f"/cuoc-thi/ket-qua/{a}"): 10}, answers
    row = site.attempt_row(a)
    assert row["state"] == "submitted" and row["score"] == 5 and row["prediction"] == 99


def test_a_stale_tab_cannot_overwrite_newer_answers(site):
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    tab_b = site.quiz(s, url)  # opened first, then left alone
    pos, kind, choices, _ = tab_b["questions"][0]
    a = attempt_id(url)
    # tab A saves answers up to sequence 5
    for seq in range(1, 6):
        assert save(site, s, url, tab_b["csrf"], seq, pos, [choices[seq % 2]]).status_code == 200
    newest = choices[5 % 2]
    # tab B, still at sequence 2, tries another answer
    r = save(site, s, url, tab_b["csrf"], 2, pos, [choices[2]])
    assert r.status_code == 409
    assert re.fullmatch(r'<\?xml[^>]*\?>\s*<saved status="stale" seq="5"/>\s*', r.text), r.text
    assert site.stored_places(a)[pos] == newest
    r = save(site, s, url, tab_b["csrf"], 3, prediction=5)
    assert r.status_code == 409 and site.attempt_row(a)["prediction"] is None
    # the same tab without script: the whole form with its old sequence number
    r = s.post(url + "/luu", data={"csrf": tab_b["csrf"], "whole": "1", "seq": str(tab_b["seq"]),
                                   f"a{pos}": choices[3], "prediction": "8"})
    # it is told, and shown what is saved now (not told "saved")
    assert r.status_code == 422
    assert "Bài thi đã được lưu từ một cửa sổ hoặc thiết bị khác" in r.text
    assert "Đã lưu các câu trả lời." not in r.text
    assert re.search(r'<input[^>]*value="%s"[^>]*checked' % newest, r.text)
    # nor does its "Nộp bài" hand in what it shows
    r = s.post(url + "/nop", data={"csrf": tab_b["csrf"], "seq": str(tab_b["seq"]),
                                   f"a{pos}": choices[3], "prediction": "8"}, allow_redirects=False)
    assert r.status_code == 422 and site.attempt_row(a)["state"] == "open"
    assert site.stored_places(a)[pos] == newest
    assert site.attempt_row(a)["prediction"] is None
    assert site.attempt_row(a)["seq"] == 5
    # a newer sequence number is taken
    assert save(site, s, url, tab_b["csrf"], 6, pos, [choices[3]]).status_code == 200
    assert site.stored_places(a)[pos] == choices[3]
    assert save(site, s, url, tab_b["csrf"], 7, prediction=8).status_code == 200
    # an old form that only repeats what is saved (the script saved it all) hands in fine
    r = s.post(url + "/nop", data={"csrf": tab_b["csrf"], "seq": str(tab_b["seq"]),
                                   f"a{pos}": choices[3], "prediction": "8"}, allow_redirects=False)
    assert r.status_code == 303 and site.attempt_row(a)["state"] == "submitted"


def test_bad_saves_are_precise_4xx(site):
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    q = site.quiz(s, url)
    pos, kind, choices, _ = q["questions"][0]
    beyond = str(len(choices) + 1)
    raw = site.sql(f"SELECT MAX(id) + 1 FROM qc_choice").strip()
    for data in ({"seq": "1", "position": str(pos), "choice": beyond},     # not this question's
                 {"seq": "1", "position": str(pos), "choice": "0"},
                 {"seq": "1", "position": str(pos), "choice": raw},        # a choice id is no option
                 {"seq": "1", "position": str(pos), "choice": "B"},
                 {"seq": "1", "position": "99", "choice": choices[0]},     # no such position
                 {"seq": "0", "position": str(pos), "choice": choices[0]},
                 {"seq": "x", "position": str(pos), "choice": choices[0]},
                 {"seq": "1", "prediction": "-3"},
                 {"seq": "1"}):
        r = s.post(url + "/luu", data=dict(data, csrf=q["csrf"]))
        assert r.status_code == 400 and 'status="invalid"' in r.text, (data, r.status_code)
    # somebody else's attempt does not exist for this contestant
    t, _ = site.contestant()
    assert t.get(url).status_code == 404
    r = t.post(url + "/luu", data={"csrf": site.page_csrf(t), "seq": "1", "position": str(pos),
                                   "choice": choices[0]})
    assert r.status_code in (400, 404)
    assert site.sql(f"SELECT COUNT(*) FROM qc_attempt_item WHERE attempt_id={attempt_id(url)}"
                    " AND selected IS NOT NULL").strip() == "0"
