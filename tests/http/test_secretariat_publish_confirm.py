"""Publishing and withdrawing results ask first (issue 19): the ranking page's button posts
the decision, which answers with a page saying what would become public or withdrawn (the
round, how many contestants it ranks, the ties still awaiting the committee) and a form that
posts it again with confirm=1 and the same token, plus a link back. Only that second POST acts,
and it is audit-logged as before."""
import datetime
import re
from html import unescape

import pytest
import requests

from qcsite import STAFF as AUTH, csrf_in, local, now
from test_results import Q, contest as results_contest, rows


def CONTEST_XML():
    n = now()
    return results_contest("t", [("Đợt 1", n - datetime.timedelta(days=3), n - datetime.timedelta(days=1)),
                                 ("Đợt 2", n - datetime.timedelta(hours=1), n + datetime.timedelta(days=5))])


@pytest.fixture(scope="module")
def ranked(site):
    """Three contestants in the closed round 1: A first, B and C tied on everything (a tie
    awaiting the committee)."""
    r1 = rows(site, "SELECT id FROM qc_round WHERE seq = 1")[0][0]
    unit = site.unit_id("huyen-2")
    for name, phone, ms in (("A", "0911000001", 100), ("B", "0911000002", 200),
                            ("C", "0911000003", 200)):
        site.sql("INSERT INTO qc_contestant (contest_id, full_name, dob, phone, unit_id,"
                 f" password_hash) SELECT id, 'Người {name}', '1990-01-01', '{phone}', {unit}, '!'"
                 " FROM qc_contest")
        cid = rows(site, f"SELECT id FROM qc_contestant WHERE phone = '{phone}'")[0][0]
        site.sql("INSERT INTO qc_attempt (contest_id, round_id, contestant_id, attempt_no,"
                 " state, started_at, deadline_at, finished_at, time_taken_ms, question_count,"
                 f" score, prediction) SELECT contest_id, id, {cid}, 1, 'submitted', opens_at,"
                 f" closes_at, opens_at, {ms}, {Q}, {Q}, 3 FROM qc_round WHERE id = {r1}")
    site.admin("results", "--contest", "t", "--rebuild", "--round", "1")


def staff():
    s = requests.Session()
    s.auth = AUTH
    return s


def audit_actions(site, s):
    audit = s.get(f"{site.root}/ban-thu-ky/nhat-ky", params={"format": "xml"}).text
    return re.findall(r'<entry [^>]*action="(results\.[a-z]+)"', audit)


def test_publish_asks_first_then_acts_on_confirm(site, ranked):
    s = staff()
    pub = f"{site.root}/ban-thu-ky/ket-qua/cong-bo"
    public = f"{site.base}/ket-qua-chung"
    token = csrf_in(s.get(f"{site.root}/ban-thu-ky/ket-qua", params={"vong": 1, "format": "xml"}).text)
    before = audit_actions(site, s)
    # the button's POST: a page that asks, nothing published
    r = s.post(pub + "?format=xml", data={"csrf": token, "vong": "1", "hanh-dong": "cong-bo"},
               allow_redirects=False)
    assert r.status_code == 200, r.text[:500]
    assert 'name="results-confirm"' in r.text, r.text[:500]
    m = re.search(r"<confirm [^>]*/>", r.text)
    assert m, r.text[:800]
    c = m.group(0)
    assert 'action="cong-bo"' in c and 'round="1"' in c and 'round-title="Đợt 1"' in c
    assert 'total="3"' in c and 'pending="2"' in c and 'published="0"' in c
    assert csrf_in(r.text) == token
    assert requests.get(public, params={"vong": 1}).status_code == 404
    assert audit_actions(site, s) == before
    # the page as HTML: what, how many, the ties, a confirm form with the token, a cancel link
    r = s.post(pub, data={"csrf": token, "vong": "1", "hanh-dong": "cong-bo"}, allow_redirects=False)
    assert r.status_code == 200
    html = unescape(r.text)
    assert "Xác nhận công bố kết quả" in html
    assert "bảng xếp hạng của Đợt 1 sẽ được công bố" in html
    assert re.search(r'<dd class="total">3</dd>', html)
    assert "2 thí sinh bằng nhau cả điểm, thời gian và dự đoán" in html
    assert "còn trường hợp bằng nhau chưa có quyết định" in html
    form = re.search(r'<form method="post" action="/[^"]*ket-qua/cong-bo" class="publish-confirm">(.*?)</form>',
                     html, re.S)
    assert form, html
    f = form.group(1)
    assert f'name="csrf" value="{token}"' in f and 'name="confirm" value="1"' in f
    assert 'name="vong" value="1"' in f and 'name="hanh-dong" value="cong-bo"' in f
    assert re.search(r'<a class="cancel" href="/[^"]*/ket-qua\?vong=1">Hủy', f)
    # the confirm form without the token is refused
    r = s.post(pub, data={"csrf": "x" * 43, "vong": "1", "hanh-dong": "cong-bo", "confirm": "1"},
               allow_redirects=False)
    assert r.status_code == 403
    site.expect_log(r"QC00501")
    assert requests.get(public, params={"vong": 1}).status_code == 404
    # confirmed: published and logged
    r = s.post(pub, data={"csrf": token, "vong": "1", "hanh-dong": "cong-bo", "confirm": "1"},
               allow_redirects=False)
    assert r.status_code == 303 and "thong-bao=da-cong-bo" in r.headers["Location"]
    site.expect_log(r"QC00310")
    assert requests.get(public, params={"vong": 1}).status_code == 200
    assert audit_actions(site, s)[:1] == ["results.publish"]
    assert len(audit_actions(site, s)) == len(before) + 1


def test_withdraw_asks_first_then_acts_on_confirm(site, ranked):
    s = staff()
    pub = f"{site.root}/ban-thu-ky/ket-qua/cong-bo"
    public = f"{site.base}/ket-qua-chung"
    token = csrf_in(s.get(f"{site.root}/ban-thu-ky/ket-qua", params={"vong": 1, "format": "xml"}).text)
    if requests.get(public, params={"vong": 1}).status_code != 200:
        r = s.post(pub, data={"csrf": token, "vong": "1", "hanh-dong": "cong-bo", "confirm": "1"},
                   allow_redirects=False)
        assert r.status_code == 303
        site.expect_log(r"QC00310")
    before = audit_actions(site, s)
    r = s.post(pub, data={"csrf": token, "vong": "1", "hanh-dong": "thu-hoi"}, allow_redirects=False)
    assert r.status_code == 200
    html = unescape(r.text)
    assert "Xác nhận thu hồi kết quả" in html
    assert "kết quả đã công bố của Đợt 1 sẽ được thu hồi" in html
    assert re.search(r'<dd class="published">Đã công bố</dd>', html)
    assert 'name="hanh-dong" value="thu-hoi"' in html and 'name="confirm" value="1"' in html
    assert "Xác nhận thu hồi</button>" in html
    assert requests.get(public, params={"vong": 1}).status_code == 200
    assert audit_actions(site, s) == before
    r = s.post(pub, data={"csrf": token, "vong": "1", "hanh-dong": "thu-hoi", "confirm": "1"},
               allow_redirects=False)
    assert r.status_code == 303 and "thong-bao=da-thu-hoi" in r.headers["Location"]
    site.expect_log(r"QC00310")
    assert requests.get(public, params={"vong": 1}).status_code == 404
    assert audit_actions(site, s)[:1] == ["results.withdraw"]


def test_open_round_and_bad_input(site, ranked):
    s = staff()
    pub = f"{site.root}/ban-thu-ky/ket-qua/cong-bo"
    token = csrf_in(s.get(f"{site.root}/ban-thu-ky/ket-qua", params={"vong": 2, "format": "xml"}).text)
    # a round still open: nothing to confirm, back to the ranking with the notice
    r = s.post(pub, data={"csrf": token, "vong": "2", "hanh-dong": "cong-bo"}, allow_redirects=False)
    assert r.status_code == 303 and "thong-bao=chua-dong" in r.headers["Location"]
    r = s.post(pub, data={"csrf": token, "vong": "x", "hanh-dong": "cong-bo"}, allow_redirects=False)
    assert r.status_code == 400
    r = s.post(pub, data={"csrf": token, "vong": "1", "hanh-dong": "xoa"}, allow_redirects=False)
    assert r.status_code == 400
    r = s.post(pub, data={"csrf": token, "vong": "9", "hanh-dong": "cong-bo"}, allow_redirects=False)
    assert r.status_code == 404
    # without the token, not even the question
    r = s.post(pub, data={"vong": "1", "hanh-dong": "cong-bo"}, allow_redirects=False)
    assert r.status_code == 403
    site.expect_log(r"QC00501")
