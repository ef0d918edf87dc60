"""The secretariat area: served only behind Apache authentication, its forms carry a CSRF
token, the question bank can be browsed, previewed (with its key, staff only) and a question
retired, and every change lands in the audit log with who, when, what, before and after."""
import re

import requests

from qcsite import csrf_in, staff_session, places


def a_question_id(site, used=False):
    return site.sql("SELECT id FROM qc_question WHERE retired = 0 ORDER BY id LIMIT 1").strip()


def test_every_secretariat_page_needs_authentication(site):
    for path in ("/", "/cau-hoi", "/nhat-ky", "/cau-hoi/1"):
        assert requests.get(site.root + "/ban-thu-ky" + path).status_code == 401
    site.expect_log(r"QC00007: refused /khong-bao-ve/cau-hoi")
    r = requests.get(site.root + "/khong-bao-ve/cau-hoi")
    assert r.status_code == 403


def test_question_list_filters_by_topic_and_text(site):
    s = staff_session()
    r = s.get(site.root + "/ban-thu-ky/cau-hoi", params={"format": "xml"})
    assert r.status_code == 200
    total = int(site.sql("SELECT COUNT(*) FROM qc_question WHERE retired = 0"))
    assert f'count="{total}"' in r.text
    topic = site.sql("SELECT code FROM qc_topic ORDER BY code LIMIT 1").strip()
    in_topic = int(site.sql(
        f"SELECT COUNT(*) FROM qc_question q JOIN qc_topic t ON t.id = q.topic_id "
        f"WHERE t.code = '{topic}' AND q.retired = 0"))
    assert 0 < in_topic < total
    r = s.get(site.root + "/ban-thu-ky/cau-hoi", params={"format": "xml", "chu-de": topic})
    assert f'count="{in_topic}"' in r.text
    # a word of one stem finds it; the HTML page shows it
    body = site.sql(f"SELECT body FROM qc_question WHERE id = {a_question_id(site)}").strip()
    word = body.split()[3]
    r = s.get(site.root + "/ban-thu-ky/cau-hoi", params={"tim": word})
    assert r.status_code == 200 and "<table" in r.text
    assert body[:30] in r.text


def test_question_preview_shows_the_key_to_staff_only(site):
    s = staff_session()
    qid = a_question_id(site)
    right = site.sql(f"SELECT body FROM qc_choice WHERE question_id = {qid} AND is_correct = 1"
                     " ORDER BY seq LIMIT 1").strip()
    r = s.get(site.root + f"/ban-thu-ky/cau-hoi/{qid}", params={"format": "xml"})
    assert r.status_code == 200
    assert re.search(r'<choice seq="\d+" correct="1"[^>]*>' + re.escape(right[:20]), r.text)
    assert s.get(site.root + "/ban-thu-ky/cau-hoi/999999").status_code == 404
    assert s.get(site.root + "/ban-thu-ky/cau-hoi/abc").status_code == 404


def test_retire_needs_csrf_and_is_audited(site):
    s = staff_session()
    qid = a_question_id(site)
    code = site.sql(f"SELECT code FROM qc_question WHERE id = {qid}").strip()
    site.expect_log(r"QC00501: refused a secretariat form")
    r = s.post(site.root + f"/ban-thu-ky/cau-hoi/{qid}/ngung-dung", data={"csrf": "x" * 43},
               allow_redirects=False)
    assert r.status_code == 403
    assert site.sql(f"SELECT retired FROM qc_question WHERE id = {qid}").strip() == "0"

    csrf = site.staff_csrf(s, f"/cau-hoi/{qid}")
    r = s.post(site.root + f"/ban-thu-ky/cau-hoi/{qid}/ngung-dung", data={"csrf": csrf},
               allow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    assert site.sql(f"SELECT retired FROM qc_question WHERE id = {qid}").strip() == "1"
    # the list no longer shows it unless asked; the audit log names who and what
    r = s.get(site.root + "/ban-thu-ky/cau-hoi", params={"format": "xml", "tim": code})
    assert 'count="0"' in r.text
    r = s.get(site.root + "/ban-thu-ky/cau-hoi",
              params={"format": "xml", "tim": code, "ca-cau-da-ngung": "1"})
    assert 'count="1"' in r.text and 'retired="1"' in r.text
    r = s.get(site.root + "/ban-thu-ky/nhat-ky", params={"format": "xml"})
    entry = re.search(r'<entry [^>]*action="question.retire"[^>]*>.*?</entry>', r.text, re.S)
    assert entry, r.text[:1000]
    assert 'actor="thuky"' in entry.group(0) and 'ip="127.0.0.1"' in entry.group(0)
    assert code in entry.group(0)
    assert "<before>đang dùng</before>" in entry.group(0)
    html = s.get(site.root + "/ban-thu-ky/nhat-ky").text
    assert "Ngừng dùng câu hỏi" in html and "thuky" in html
    # retiring twice changes nothing and writes no second entry
    n = site.sql("SELECT COUNT(*) FROM qc_audit").strip()
    r = s.post(site.root + f"/ban-thu-ky/cau-hoi/{qid}/ngung-dung", data={"csrf": csrf},
               allow_redirects=False)
    assert r.status_code == 303
    assert site.sql("SELECT COUNT(*) FROM qc_audit").strip() == n


def test_a_retired_question_is_never_drawn_again(site):
    qid = a_question_id(site)
    site.change_contest(f"UPDATE qc_question SET retired = 1 WHERE id <> {qid}")
    try:
        s = staff_session()
        csrf = site.staff_csrf(s, f"/cau-hoi/{qid}")
        assert s.post(site.root + f"/ban-thu-ky/cau-hoi/{qid}/ngung-dung", data={"csrf": csrf},
                      allow_redirects=False).status_code == 303
        c, _ = site.contestant()
        site.expect_log(r"QC00301: contest t: the question bank \(0 active questions\)")
        r = site.start_attempt(c)
        # nothing left to draw: the start is refused, not served with retired questions
        assert r.status_code != 303 or "bai-thi" not in r.headers.get("Location", "")
    finally:
        site.change_contest("UPDATE qc_question SET retired = 0")


def test_audit_log_pages_by_fifty(site):
    cid = site.sql("SELECT id FROM qc_contest").strip()
    site.sql("INSERT INTO qc_audit (contest_id, at, actor, action, object) "
             f"SELECT {cid}, UTC_TIMESTAMP(3), 'test', 'contest.update', CONCAT('mục ', seq) "
             "FROM seq_1_to_60")
    s = staff_session()
    r = s.get(site.root + "/ban-thu-ky/nhat-ky", params={"format": "xml"})
    assert r.text.count("<entry ") == 50
    older = re.search(r'<audit older="(\d+)"', r.text).group(1)
    r = s.get(site.root + "/ban-thu-ky/nhat-ky", params={"format": "xml", "truoc": older})
    assert r.text.count("<entry ") >= 10
    assert s.get(site.root + "/ban-thu-ky/nhat-ky", params={"truoc": "x"}).status_code == 400


def test_question_statistics_put_a_question_everyone_misses_first(site):
    keep = site.sql("SELECT GROUP_CONCAT(id) FROM (SELECT id FROM qc_question WHERE retired = 0"
                    " AND kind = 'single' ORDER BY id LIMIT 5) k").strip()
    site.change_contest(f"UPDATE qc_question SET retired = 1 WHERE id NOT IN ({keep})")
    try:
        target = keep.split(",")[2]
        wrong = site.sql(f"SELECT id FROM qc_choice WHERE question_id = {target} AND is_correct = 0"
                         " ORDER BY seq LIMIT 1").strip()
        for _ in range(3):
            c, _ = site.contestant()
            r = site.start_attempt(c)
            assert r.status_code == 303, r.text[:500]
            loc = site.root + r.headers["Location"]
            x = c.get(loc + "?format=xml").text
            token = csrf_in(x)
            pos, order = site.sql(f"SELECT position, choice_order FROM qc_attempt_item"
                                  f" WHERE question_id = {target}"
                                  f" AND attempt_id = {loc.rsplit('/', 1)[1]}").strip().split("\t")
            # the page names the option by its place in the order it shows
            r = c.post(loc + "/luu", data={"csrf": token, "seq": "1", "position": pos,
                                           "choice": places(order, wrong)[0]})
            assert r.status_code == 200, r.text
        s = staff_session()
        r = s.get(site.root + "/ban-thu-ky/thong-ke-cau-hoi", params={"format": "xml"})
        assert r.status_code == 200
        first = re.search(r'<question id="(\d+)"[^>]*drawn="(\d+)" answered="(\d+)" right="(\d+)"',
                          r.text)
        assert first.groups() == (target, "3", "3", "0"), r.text[:800]
        r = s.get(site.root + f"/ban-thu-ky/cau-hoi/{target}", params={"format": "xml"})
        seq = site.sql(f"SELECT seq FROM qc_choice WHERE id = {wrong}").strip()
        assert re.search(rf'<choice seq="{seq}" correct="0" picked="3">', r.text), r.text[:1500]
        assert 'right="0"' in r.text and 'drawn="3"' in r.text
        assert "Thống kê câu hỏi" in s.get(site.root + "/ban-thu-ky/thong-ke-cau-hoi").text
    finally:
        site.change_contest("UPDATE qc_question SET retired = 0")
