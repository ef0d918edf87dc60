"""The result (score x/N, time mm:ss.mmm, prediction, attempts used and left, the attempt that
counts), whether the correct answers are shown (a contest setting, by default only after the
round closes), and a scan of every response a contestant can get for the answer key."""
import re
import xml.etree.ElementTree as ET

from qcsite import contest_xml


def default_reveal(**kw):
    """A definition that does not say when answers are shown."""
    xml = contest_xml(**kw)
    assert ' reveal-answers="after_round"' in xml
    return xml.replace(' reveal-answers="after_round"', "")


def CONTEST_XML():
    return default_reveal()


def EXTRA_CONTESTS():
    return {"/sau-nop": contest_xml(code="as", reveal="after_submit"),
            "/khong": contest_xml(code="nv", reveal="never"),
            "/dong-dot": default_reveal(code="rc")}


def attempt_id(url):
    return url.rsplit("/", 1)[1]


def play(site, s, right, prediction, base=None):
    """One attempt: the first `right` questions answered right, the rest wrong; submitted."""
    url = site.attempt_url(site.start_attempt(s, base=base))
    q = site.quiz(s, url)
    key = site.answer_key(attempt_id(url))
    form = {"csrf": q["csrf"], "seq": str(q["seq"]), "prediction": str(prediction)}
    for i, (pos, kind, choices, _) in enumerate(q["questions"]):
        form[f"a{pos}"] = key[pos] if i < right else [c for c in choices if c not in key[pos]][:1]
    r = s.post(url + "/nop", data=form, allow_redirects=False)
    assert r.status_code == 303, r.text[:1000]
    return url, site.root + r.headers["Location"]


def mmss(ms):  # minutes:seconds,milliseconds (the Vietnamese decimal comma)
    return "%02d:%02d,%03d" % (ms // 60000, ms // 1000 % 60, ms % 1000)


def test_the_result_page_says_score_time_prediction_attempts_and_the_one_that_counts(site):
    s, _ = site.contestant()
    url1, res1 = play(site, s, right=1, prediction=10)
    url2, res2 = play(site, s, right=4, prediction=20)
    row1, row2 = site.attempt_row(attempt_id(url1)), site.attempt_row(attempt_id(url2))
    assert (row1["score"], row2["score"]) == (1, 4)
    page = s.get(res1).text
    dd = dict(re.findall(r'<dd class="(\w+)">([^<]*)</dd>', page))
    assert dd["score"] == "1/5"
    assert dd["time"] == mmss(row1["time_ms"])
    assert dd["prediction"] == "10"
    assert dd["attempts"] == "Đã thi 2 lượt, còn 1 lượt trong đợt này"
    assert ("Lượt được tính kết quả trong đợt là lượt thứ 2: 4/5 câu đúng, %s."
            % mmss(row2["time_ms"])) in page
    page2 = s.get(res2).text
    assert "Đây là lượt được tính kết quả của bạn trong đợt" in page2
    x = ET.fromstring(s.get(res2 + "?format=xml").content).find("result")
    assert x.get("score") == "4" and x.get("questions") == "5"
    assert x.get("time-ms") == str(row2["time_ms"]) and x.get("prediction") == "20"
    assert x.get("attempts-used") == "2" and x.get("attempts-left") == "1"
    assert x.find("counted").get("attempt-id") == attempt_id(url2)
    # the account page marks the counted attempt too
    acc = s.get(site.base + "/tai-khoan?format=xml").text
    assert re.search(r'<attempt id="%s"[^>]*counted="1"' % attempt_id(url2), acc)
    assert not re.search(r'<attempt id="%s"[^>]*counted="1"' % attempt_id(url1), acc)


def explanations(site, attempt):
    return [e for e in site.sql(
        "SELECT q.explanation FROM qc_attempt_item i JOIN qc_question q ON q.id = i.question_id"
        f" WHERE i.attempt_id={attempt}").splitlines() if e]


def revealed(site, s, res):
    x = ET.fromstring(s.get(res + "?format=xml").content).find("result")
    return x.get("revealed") == "1", x


def check_revealed_key(site, x, attempt):
    key = site.answer_key(attempt)
    for q in x.findall("question"):
        shown = sorted(c.get("id") for c in q.findall("choice") if c.get("correct") == "1")
        assert shown == sorted(key[int(q.get("position"))])


def test_by_default_answers_are_shown_only_after_the_round_closes(site):
    base = site.root + "/dong-dot"
    s, _ = site.contestant(base=base, contest="rc")
    url, res = play(site, s, right=2, prediction=3, base=base)
    shown, x = revealed(site, s, res)
    assert not shown and x.findall("question") == []
    html = s.get(res).text
    assert "Đáp án sẽ được công bố sau khi đợt thi kết thúc." in html
    assert "đáp án đúng" not in html
    # the round closes
    site.change_contest("UPDATE qc_round SET closes_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND"
             f" WHERE contest_id = {site.contest_id('rc')}")
    shown, x = revealed(site, s, res)
    assert shown
    check_revealed_key(site, x, attempt_id(url))
    html = s.get(res).text
    assert html.count("đáp án đúng") >= 5
    assert any(e in html for e in explanations(site, attempt_id(url)))


def test_after_submit_shows_answers_at_once_and_never_never(site):
    s, _ = site.contestant(base=site.root + "/sau-nop", contest="as")
    url, res = play(site, s, right=3, prediction=3, base=site.root + "/sau-nop")
    shown, x = revealed(site, s, res)
    assert shown
    check_revealed_key(site, x, attempt_id(url))
    assert sum(q.get("right") == "1" for q in x.findall("question")) == 3
    s, _ = site.contestant(base=site.root + "/khong", contest="nv")
    url, res = play(site, s, right=3, prediction=3, base=site.root + "/khong")
    site.change_contest("UPDATE qc_round SET closes_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND"
             f" WHERE contest_id = {site.contest_id('nv')}")
    shown, x = revealed(site, s, res)
    assert not shown
    assert "Đáp án không được công bố." in s.get(res).text


# ---- the answer key never leaves the server ------------------------------------------------
def every_response(site):
    """Every kind of response a contestant of the main contest (answers after the round) can
    get while the round is open, with the attempt it concerns."""
    out = []
    anon = site.session()
    for path in ("/", "/?format=xml", "/dang-ky", "/dang-ky?format=xml", "/dang-nhap",
                 "/dang-nhap?format=xml"):
        out.append((path, anon.get(site.base + path)))
    s, data = site.contestant()
    r = site.start_attempt(s)
    url = site.attempt_url(r)
    a = attempt_id(url)
    for path in ("/", "/?format=xml", "/tai-khoan", "/tai-khoan?format=xml"):
        out.append(("in " + path, s.get(site.base + path)))
    out.append(("quiz", s.get(url)))
    out.append(("quiz xml", s.get(url + "?format=xml")))
    q = site.quiz(s, url)
    key = site.answer_key(a)
    p1, _, c1, _ = q["questions"][0]
    p2, _, c2, _ = q["questions"][1]
    wrong = [c for c in c1 if c not in key[p1]][0]
    csrf = q["csrf"]
    saves = [("save right", {"seq": "1", "position": p1, "choice": key[p1]}),
             ("save again", {"seq": "1", "position": p1, "choice": key[p1]}),
             ("save stale", {"seq": "1", "position": p1, "choice": wrong}),
             ("save wrong", {"seq": "2", "position": p2, "choice": c2[0]}),
             ("save invalid", {"seq": "3", "position": p2, "choice": "1"}),
             ("save prediction", {"seq": "3", "prediction": "5"})]
    for name, d in saves:
        out.append((name, s.post(url + "/luu", data=dict(d, csrf=csrf))))
    form = {"csrf": csrf, "seq": "4", f"a{p1}": key[p1], "prediction": ""}
    out.append(("whole form", s.post(url + "/luu", data=dict(form, whole="1"))))
    out.append(("submit without prediction", s.post(url + "/nop", data=dict(form, seq="9"))))
    out.append(("stale form", s.post(url + "/luu", data=dict(form, whole="1", seq="2"))))
    done = s.post(url + "/nop", data=dict(form, seq="10", prediction="5"), allow_redirects=False)
    out.append(("submit", done))
    res = site.root + done.headers["Location"]
    out.append(("result", s.get(res)))
    out.append(("result xml", s.get(res + "?format=xml")))
    out.append(("save after submit", s.post(url + "/luu", data={"csrf": csrf, "seq": "20",
                                                                "position": p1, "choice": wrong})))
    out.append(("quiz after submit", s.get(url)))
    other, _ = site.contestant()
    out.append(("someone else's result", other.get(res)))
    out.append(("someone else's quiz xml", other.get(url + "?format=xml")))
    out.append(("account after", s.get(site.base + "/tai-khoan?format=xml")))
    out.append(("script", s.get(site.root + "/quizcontest-static/quizcontest.js")))
    return out, a, q


def test_the_answer_key_is_in_no_response_a_contestant_gets(site):
    responses, attempt, q = every_response(site)
    assert len(responses) > 25
    secrets = explanations(site, attempt)
    assert len(secrets) == 5
    for name, r in responses:
        assert r.status_code < 500, name
        text = r.text
        for e in secrets:
            assert e not in text, (name, e)
        assert not re.search(r"correct|answer-[01]", text, re.I), \
            (name, re.search(r".{80}(?:correct|answer-[01]).{80}", text, re.I | re.S))
        for h in ("X-Answer", "X-Correct"):
            assert h not in r.headers
    # the choices of a question look all alike, right or wrong: the same attributes, the same
    # markup but for their id and text
    key = site.answer_key(attempt)
    xml = ET.fromstring(dict(responses)["quiz xml"].content)
    for question in xml.iter("question"):
        for c in question.findall("choice"):
            assert set(c.attrib) <= {"id", "selected"}, c.attrib
            assert list(c) == []
    html = dict(responses)["quiz"].text
    for pos, kind, choices, _ in q["questions"]:
        shapes = set()
        for cid in choices:
            label = re.search(r'<label class="choice"><input [^>]*name="a%d" value="%s"[^>]*>'
                              r"<span>[^<]*</span></label>" % (pos, cid), html)
            assert label, (pos, cid)
            shapes.add(re.sub(r'value="\d+"|<span>[^<]*</span>', "", label.group(0)))
        assert len(shapes) == 1, shapes
        assert set(key[pos]) <= set(choices)
