"""The on-stage team contest (Đắk Nông, in person) through the web: judges score each team's
parts from their phones (a score above a maximum, or from someone who is not a judge, is
refused); the presenter's screen draws a question from a chosen topic (never the same one twice;
every draw recorded; an exhausted topic is refused), shows it without its answer until
revealed; a judge records whether the team answered right; the live scoreboard's XML and the
secretariat's results (ranking, prizes, CSV) follow. The shipped dak-nong-2023.xml loads, twice."""
import os
import re

import pytest
import requests

from qcsite import REPO, STAFF, WORK, contest_xml, csrf_at

PASS = "mat-khau-9"
NAME = "jury_stage"

SITE_OPTIONS = {"extra_conf": f"""
<Location /giam-khao>
  SetHandler quizcontest
  QuizContest t
  QuizContestArea jury
  QuizContestStylesheetDir {REPO}/xslt
  AuthType Basic
  AuthName "Giam khao"
  AuthUserFile {WORK}/http/{NAME}/jury.htpasswd
  Require valid-user
</Location>
"""}

STAGE = """
  <jury>
    <judge user="gk1" name="Giám khảo Một"/>
    <judge user="gk2" name="Giám khảo Hai"/>
  </jury>
  <stage title="Hội thi trực tiếp thử" online="average-score" online-weight="2">
    <part code="gioi-thieu" title="Giới thiệu đội">
      <criterion code="noi-dung" title="Nội dung" max="10"/>
      <criterion code="trinh-bay" title="Trình bày" max="5"/>
    </part>
    <part code="kien-thuc" title="Kiến thức (bốc thăm)" points-per-right="10" answer-seconds="20"/>
    <team unit="huyen-1" name="Đội Huyện Một"><member name="Nguyễn Văn An"/><member name="Lê Thị Bình"/></team>
    <team unit="huyen-2"/>
    <prize title="Giải Nhất" count="1"/>
    <prize title="Giải Nhì" count="1"/>
    <prize title="Giải Ba" count="1"/>
  </stage>
</contest>"""

BANK = """<?xml version="1.0" encoding="UTF-8"?>
<question-bank xmlns="urn:quizcontest:question-bank:1" lang="vi">
  <topic code="san-khau" title="Câu hỏi sân khấu">
    <question code="sk-1" kind="single">
      <text>Câu hỏi sân khấu số một?</text>
      <choice correct="true">Đáp án đúng một</choice>
      <choice>Đáp án sai một</choice>
    </question>
    <question code="sk-2" kind="single">
      <text>Câu hỏi sân khấu số hai?</text>
      <choice>Đáp án sai hai</choice>
      <choice correct="true">Đáp án đúng hai</choice>
    </question>
  </topic>
  <topic code="man-chieu" title="Câu hỏi màn chiếu">
    <question code="mc-1" kind="single">
      <text>Câu hỏi trên màn chiếu?</text>
      <choice>Đáp án sai màn chiếu</choice>
      <choice correct="true">Đáp án đúng màn chiếu</choice>
    </question>
  </topic>
</question-bank>
"""


def CONTEST_XML():
    return contest_xml().replace("</contest>", STAGE)


@pytest.fixture(scope="module", autouse=True)
def setup(site):
    import subprocess
    pw = os.path.join(site.dir, "jury.htpasswd")
    for i, u in enumerate(["gk1", "gk2", "nguoi-la"]):
        subprocess.run(["htpasswd", "-b" + ("c" if i == 0 else ""), pw, u, PASS], check=True,
                       capture_output=True)
    os.chmod(pw, 0o644)
    bank = os.path.join(site.dir, "stage-bank.xml")
    with open(bank, "w", encoding="utf-8") as f:
        f.write(BANK)
    site.admin("import-bank", "--contest", "t", bank)
    yield


def who(user):
    s = requests.Session()
    s.auth = (user, PASS) if user != "thuky" else STAFF
    return s


def team_id(site, unit):
    return site.sql("SELECT t.id FROM qc_stage_team t JOIN qc_unit u ON u.id = t.unit_id"
                    f" WHERE u.code = '{unit}' AND t.contest_id = (SELECT id FROM qc_contest"
                    " WHERE code = 't')").strip()


def score(site, user, unit, part, **points):
    s = who(user)
    url = site.root + f"/giam-khao/san-khau/{team_id(site, unit)}/{part}"
    data = {"csrf": csrf_at(s, site.root + "/giam-khao/san-khau")}
    data.update({"diem-" + k.replace("_", "-"): str(v) for k, v in points.items()})
    return s.post(url, data=data, allow_redirects=False)


def board(site):
    """team unit-code -> (total, {part: score}, position, prize) from the public scoreboard XML"""
    xml = requests.get(site.base + "/bang-diem", params={"format": "xml"}).text
    out = {}
    for m in re.finditer(r'<team ([^>]*)>(.*?)</team>', xml, re.S):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', m.group(1)))
        parts = dict(re.findall(r'<score part="([^"]+)"[^>]*>([^<]*)</score>', m.group(2)))
        out[attrs["unit-code"]] = (attrs["total"], parts, attrs.get("position"), attrs.get("prize"))
    return out


def staff_post(site, path, **data):
    s = who("thuky")
    data["csrf"] = csrf_at(s, site.root + "/ban-thu-ky/san-khau/trinh-chieu")
    return s.post(site.root + "/ban-thu-ky/san-khau" + path, data=data, allow_redirects=False)


def draws(site):
    return site.sql("SELECT d.question_code, d.topic_code, IFNULL(d.answered, '-'),"
                    " d.revealed_at IS NOT NULL FROM qc_stage_draw d ORDER BY d.id").splitlines()


def test_the_scoreboard_starts_at_zero(site):
    b = board(site)
    assert set(b) == {"huyen-1", "huyen-2"}
    assert b["huyen-1"][0] == "0.00" and b["huyen-1"][1] == {"gioi-thieu": "0.00", "kien-thuc": "0.00"}
    r = requests.get(site.base + "/bang-diem")
    assert r.status_code == 200 and 'data-poll="3000"' in r.text and "stage.js" in r.text


def test_judges_score_from_their_phones_within_the_maxima(site):
    assert who("nguoi-la").get(site.root + "/giam-khao/san-khau").status_code == 403
    r = score(site, "gk1", "huyen-1", "gioi-thieu", noi_dung=11, trinh_bay=5)
    assert r.status_code == 422 and "vượt quá điểm tối đa" in r.text
    r = score(site, "gk1", "huyen-1", "gioi-thieu", noi_dung=8)
    assert r.status_code == 422
    r = score(site, "gk1", "huyen-1", "kien-thuc", noi_dung=8)
    assert r.status_code == 404     # the questions part is not scored on criteria
    s = who("nguoi-la")
    r = s.post(site.root + f"/giam-khao/san-khau/{team_id(site, 'huyen-1')}/gioi-thieu",
               data={"diem-noi-dung": "1", "diem-trinh-bay": "1"}, allow_redirects=False)
    assert r.status_code == 403 and "Ban Giám khảo" in r.text
    assert site.sql("SELECT COUNT(*) FROM qc_stage_score").strip() == "0"
    assert score(site, "gk1", "huyen-1", "gioi-thieu", noi_dung=8, trinh_bay=4).status_code == 303
    assert board(site)["huyen-1"][1]["gioi-thieu"] == "12.00"
    assert score(site, "gk2", "huyen-1", "gioi-thieu", noi_dung=6, trinh_bay=5).status_code == 303
    assert board(site)["huyen-1"][1]["gioi-thieu"] == "11.50"
    assert score(site, "gk1", "huyen-2", "gioi-thieu", noi_dung=9, trinh_bay=5).status_code == 303
    # the phone page lists the teams and parts to score
    page = who("gk1").get(site.root + "/giam-khao/san-khau").text
    assert "Đội Huyện Một" in page and "Huyện Hai" in page


def test_the_presenter_draws_reveals_and_a_judge_records_the_answer(site):
    tid = team_id(site, "huyen-1")
    r = staff_post(site, "/boc-tham", team=tid, part="kien-thuc", topic="san-khau")
    assert r.status_code == 303
    (first,) = draws(site)
    code, topic, answered, revealed = first.split("\t")
    assert topic == "san-khau" and answered == "-" and revealed == "0"
    page = who("thuky").get(site.root + "/ban-thu-ky/san-khau/trinh-chieu").text
    body = "Câu hỏi sân khấu số một?" if code == "sk-1" else "Câu hỏi sân khấu số hai?"
    assert body in page and 'data-remaining="' in page
    assert 'class="correct"' not in page and "Đáp án:" not in page
    did = re.search(r'data-draw="(\d+)"', page).group(1)
    assert staff_post(site, f"/dap-an/{did}").status_code == 303
    page = who("thuky").get(site.root + "/ban-thu-ky/san-khau/trinh-chieu").text
    assert 'class="correct"' in page and "Đáp án:" in page
    # a judge records it: right
    s = who("gk2")
    r = s.post(site.root + f"/giam-khao/san-khau/luot/{did}",
               data={"csrf": csrf_at(s, site.root + "/giam-khao/san-khau"), "ket-qua": "bay"},
               allow_redirects=False)
    assert r.status_code == 422
    r = s.post(site.root + f"/giam-khao/san-khau/luot/{did}",
               data={"csrf": csrf_at(s, site.root + "/giam-khao/san-khau"), "ket-qua": "dung"},
               allow_redirects=False)
    assert r.status_code == 303
    assert draws(site)[0].split("\t")[2:] == ["right", "1"]
    b = board(site)["huyen-1"]
    assert b[1]["kien-thuc"] == "10.00" and b[0] == "21.50"
    assert "Đội trả lời ĐÚNG" in who("thuky").get(site.root + "/ban-thu-ky/san-khau/trinh-chieu").text


def test_never_the_same_question_twice_and_an_exhausted_topic(site):
    tid = team_id(site, "huyen-2")
    assert staff_post(site, "/boc-tham", team=tid, part="kien-thuc", topic="san-khau").status_code == 303
    codes = [d.split("\t")[0] for d in draws(site)]
    assert sorted(codes) == ["sk-1", "sk-2"]
    r = staff_post(site, "/boc-tham", team=tid, part="kien-thuc", topic="san-khau")
    assert r.status_code == 409 and "đã hết câu hỏi chưa bốc" in r.text
    assert len(draws(site)) == 2
    r = staff_post(site, "/boc-tham", team="999999", part="kien-thuc", topic="san-khau")
    assert r.status_code == 422
    r = staff_post(site, "/boc-tham", team=tid, part="gioi-thieu", topic="san-khau")
    assert r.status_code == 422
    r = staff_post(site, "/boc-tham", team=tid, part="kien-thuc", topic="")
    assert r.status_code == 422
    assert len(draws(site)) == 2
    assert site.sql("SELECT COUNT(*) FROM qc_audit WHERE action = 'stage.draw'").strip() == "2"
    page = who("thuky").get(site.root + "/ban-thu-ky/san-khau/trinh-chieu").text
    assert "(còn 0 câu)" in page


def test_ranking_prizes_and_csv(site):
    # huyen-1: 11.50 + 10 = 21.50; huyen-2: 14 (one judge) + 0
    b = board(site)
    assert b["huyen-1"][2] == "1" and b["huyen-1"][3] == "Giải Nhất"
    assert b["huyen-2"][0] == "14.00" and b["huyen-2"][2] == "2" and b["huyen-2"][3] == "Giải Nhì"
    r = who("thuky").get(site.root + "/ban-thu-ky/san-khau", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    lines = r.text.splitlines()
    assert lines[0] == ('"position","unit","team","gioi-thieu","kien-thuc","online","total",'
                        '"prize","tie_pending"')
    assert lines[1] == '1,"huyen-1","Đội Huyện Một",11.50,10.00,0.00,21.50,"Giải Nhất",0'
    assert lines[2] == '2,"huyen-2","Huyện Hai",14.00,0.00,0.00,14.00,"Giải Nhì",0'
    page = who("thuky").get(site.root + "/ban-thu-ky/san-khau").text
    assert "Nguyễn Văn An, Lê Thị Bình" in page


def test_the_shipped_dak_nong_definition_loads_twice(site):
    path = os.path.join(REPO, "conf", "contests", "dak-nong-2023.xml")
    site.admin("load-contest", path)
    site.admin("load-contest", path)
    n = site.sql("SELECT COUNT(*) FROM qc_stage_team t JOIN qc_contest c ON c.id = t.contest_id"
                 " WHERE c.code = 'dn-chuyendoiso-2023'").strip()
    assert n == "8"
    parts = site.sql("SELECT p.code, IFNULL(p.points_per_right, '-') FROM qc_stage_part p JOIN"
                     " qc_contest c ON c.id = p.contest_id WHERE c.code = 'dn-chuyendoiso-2023'"
                     " ORDER BY p.seq").split()
    assert parts == ["gioi-thieu", "-", "kien-thuc", "10", "tieu-pham", "-"]


def test_browser_presenter_draw_and_live_scoreboard(site):
    """The presenter's screen and the live scoreboard in Chromium (tests/browser/stage_presenter.mjs)."""
    from test_browser_quiz import run_browser
    tid = team_id(site, "huyen-2")
    assert board(site)["huyen-2"][0] == "14.00"

    def on_checkpoint(name, msg):
        rows = [d.split("\t") for d in draws(site)]
        if name == "drawn":
            assert rows[-1] == ["mc-1", "man-chieu", "-", "0"], rows
        elif name == "revealed":
            assert rows[-1][3] == "1", rows
        elif name == "board":
            assert msg["before"] == "14,00"
            s = who("gk1")
            did = site.sql("SELECT id FROM qc_stage_draw WHERE question_code = 'mc-1'").strip()
            r = s.post(site.root + f"/giam-khao/san-khau/luot/{did}",
                       data={"csrf": csrf_at(s, site.root + "/giam-khao/san-khau"), "ket-qua": "dung"},
                       allow_redirects=False)
            assert r.status_code == 303
        return {}

    result = run_browser(site, "stage_presenter.mjs",
                         {"team": tid, "topic": "man-chieu",
                          "expect_question": "Câu hỏi trên màn chiếu?",
                          "expect_answer": "Đáp án đúng màn chiếu", "expect_total": "24,00"},
                         on_checkpoint, name="stage-presenter")
    assert result["after"] == "24,00"
    assert board(site)["huyen-2"][2] == "1"


def test_combined_with_the_online_part(site):
    """online="average-score" online-weight="2": each team adds twice the average counted online
    score of its unit's contestants (the unit's own and those of the units directly below)."""
    ids = []
    for score in (7, 10, 12):
        s, data = site.contestant()          # registered in Xã Một, below Huyện Một
        ids.append((site.sql(f"SELECT id FROM qc_contestant WHERE phone = '{data['phone']}'").strip(), score))
    cid = site.sql("SELECT id FROM qc_contest WHERE code = 't'").strip()
    for contestant, score in ids:
        site.sql("INSERT INTO qc_counted (contest_id, round_id, contestant_id, unit_id, attempt_id,"
                 f" pick_key, score, question_count, time_taken_ms) SELECT {cid}, 0, id, unit_id, 0,"
                 f" 0, {score}, 15, 60000 FROM qc_contestant WHERE id = {contestant}")
    b = board(site)
    # the average is 29/3 = 9.667, twice that 19.33; huyen-1: 11.50 + 10 + 19.33
    assert b["huyen-1"][0] == "40.83", b
    assert b["huyen-2"][0] == "24.00"
    assert b["huyen-1"][2] == "1" and b["huyen-1"][3] == "Giải Nhất"
    xml = requests.get(site.base + "/bang-diem", params={"format": "xml"}).text
    assert re.search(r'<online milli="19333" participants="3">19.33</online>', xml), xml[:3000]
    csv = who("thuky").get(site.root + "/ban-thu-ky/san-khau", params={"format": "csv"}).text
    assert '1,"huyen-1","Đội Huyện Một",11.50,10.00,19.33,40.83,"Giải Nhất",0' in csv


def test_a_tie_between_teams_goes_to_the_committee(site):
    # without online results huyen-1 has 11.50 + 10 = 21.50, huyen-2 14.00 + 10 (the answer
    # the browser test's judge found right) = 24.00; gk2 brings huyen-2's introduction to
    # (14 + 9) / 2 = 11.50: both 21.50, a tie across the first prize
    site.sql("DELETE FROM qc_counted")
    score(site, "gk2", "huyen-2", "gioi-thieu", noi_dung=4, trinh_bay=5)  # (14 + 9) / 2 = 11.50
    b = board(site)
    assert b["huyen-1"][0] == b["huyen-2"][0] == "21.50", b
    assert b["huyen-1"][2] == b["huyen-2"][2] == "1"
    xml = who("thuky").get(site.root + "/ban-thu-ky/san-khau", params={"format": "xml"}).text
    assert xml.count('tie-pending="1"') == 2 and xml.count('prize-pending="1"') == 2
    s = who("thuky")
    token = csrf_at(s, site.root + "/ban-thu-ky/san-khau")
    t1, t2 = team_id(site, "huyen-1"), team_id(site, "huyen-2")
    r = s.post(site.root + f"/ban-thu-ky/san-khau/{t1}/thu-tu", data={"csrf": token, "order": "0"},
               allow_redirects=False)
    assert r.status_code == 422
    for t, order in ((t2, "1"), (t1, "2")):
        r = s.post(site.root + f"/ban-thu-ky/san-khau/{t}/thu-tu",
                   data={"csrf": token, "order": order}, allow_redirects=False)
        assert r.status_code == 303
    b = board(site)
    assert b["huyen-2"][2] == "1" and b["huyen-2"][3] == "Giải Nhất"
    assert b["huyen-1"][2] == "2" and b["huyen-1"][3] == "Giải Nhì"


def test_stage_pages_pass_axe_and_fit_a_phone(site):
    """The judges' pages (as a judge), the secretariat's and the presenter's (as the
    secretariat) and the public scoreboard, through axe-core's WCAG 2.1 AA checks at a phone's
    and a laptop's size, like every other page (test_pages.py)."""
    from test_pages import check_pages
    team = team_id(site, "huyen-1")
    check_pages(site, "stage-judge-pages", [
        ("stage-judge", "/giam-khao/san-khau", 200),
        ("stage-judge-part", f"/giam-khao/san-khau/{team}/gioi-thieu", 200),
    ], credentials=("gk1", PASS), journey=False)
    check_pages(site, "stage-staff-pages", [
        ("stage-staff", "/ban-thu-ky/san-khau", 200),
        ("stage-presenter", "/ban-thu-ky/san-khau/trinh-chieu", 200),
        ("stage-scoreboard", "/cuoc-thi/bang-diem", 200),
    ], journey=False)


def test_closing_the_judging_makes_the_stage_final(site):
    """The secretariat closes the stage's judging (once, in the audit log): from then on no
    judge scores or records an answer and no question is drawn (409, said in Vietnamese), the
    committee may still order a tie, and every page says the results are final. Last in this
    module: a closing is for good."""
    xml = requests.get(site.base + "/bang-diem", params={"format": "xml"}).text
    assert re.search(r'<stage [^>]*closed="0"', xml), xml[:500]
    assert "Kết quả tạm thời, đang chấm điểm" in requests.get(site.base + "/bang-diem").text
    staff_page = who("thuky").get(site.root + "/ban-thu-ky/san-khau").text
    assert 'action="/ban-thu-ky/san-khau/khoa-cham"' in staff_page
    scores_before = site.sql("SELECT team_id, judge_user, criterion_code, points"
                             " FROM qc_stage_score ORDER BY 1, 2, 3")
    did = site.sql("SELECT MAX(id) FROM qc_stage_draw").strip()
    site.expect_log(r"QC00501: refused a secretariat form")
    s = who("thuky")
    r = s.post(site.root + "/ban-thu-ky/san-khau/khoa-cham", data={"csrf": "sai"},
               allow_redirects=False)
    assert r.status_code == 403
    # closed while the public scoreboard is open in Chromium (tests/browser/stage_final.mjs)
    from test_browser_quiz import run_browser

    def on_checkpoint(name, msg):
        assert name == "open"
        assert staff_post(site, "/khoa-cham").status_code == 303
        return {}

    result = run_browser(site, "stage_final.mjs",
                         {"provisional": "Kết quả tạm thời, đang chấm điểm",
                          "final": "Kết quả chính thức"}, on_checkpoint, name="stage-final")
    assert result["after"] == "Kết quả chính thức"
    assert site.sql("SELECT judging_closed_by FROM qc_stage WHERE contest_id ="
                    " (SELECT id FROM qc_contest WHERE code = 't')").strip() == "thuky"
    assert site.sql("SELECT COUNT(*) FROM qc_audit WHERE action = 'stage.close_judging'"
                    " AND actor = 'thuky'").strip() == "1"
    r = staff_post(site, "/khoa-cham")
    assert r.status_code == 409 and "đã khóa chấm điểm" in r.text
    # the judges: no score, no answer recorded
    r = score(site, "gk1", "huyen-2", "gioi-thieu", noi_dung=1, trinh_bay=1)
    assert r.status_code == 409 and "đã khóa chấm điểm phần thi trực tiếp" in r.text, r.text[:300]
    s = who("gk1")
    r = s.post(site.root + f"/giam-khao/san-khau/luot/{did}",
               data={"csrf": csrf_at(s, site.root + "/giam-khao/san-khau"), "ket-qua": "sai"},
               allow_redirects=False)
    assert r.status_code == 409
    assert site.sql("SELECT team_id, judge_user, criterion_code, points FROM qc_stage_score"
                    " ORDER BY 1, 2, 3") == scores_before
    # the presenter: no more draws
    n = site.sql("SELECT COUNT(*) FROM qc_stage_draw").strip()
    r = staff_post(site, "/boc-tham", team=team_id(site, "huyen-1"), part="kien-thuc",
                   topic="man-chieu")
    assert r.status_code == 409
    assert site.sql("SELECT COUNT(*) FROM qc_stage_draw").strip() == n
    # the committee still orders a tie
    token = csrf_at(s := who("thuky"), site.root + "/ban-thu-ky/san-khau")
    r = s.post(site.root + f"/ban-thu-ky/san-khau/{team_id(site, 'huyen-1')}/thu-tu",
               data={"csrf": token, "order": "2"}, allow_redirects=False)
    assert r.status_code == 303
    # and every page says so
    xml = requests.get(site.base + "/bang-diem", params={"format": "xml"}).text
    assert re.search(r'<stage [^>]*closed="1"[^>]*closed-by="thuky"', xml), xml[:500]
    assert "Kết quả chính thức" in requests.get(site.base + "/bang-diem").text
    staff_page = who("thuky").get(site.root + "/ban-thu-ky/san-khau").text
    assert "Đã khóa chấm điểm lúc" in staff_page and "khoa-cham" not in staff_page
    judge_page = who("gk1").get(site.root + "/giam-khao/san-khau").text
    assert "đã khóa chấm điểm phần thi trực tiếp" in judge_page
    assert "<form" not in judge_page.split("<main", 1)[-1]
