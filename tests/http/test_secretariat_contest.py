"""The secretariat's contest pages: the contest-definition file (download; upload validated
against the schema with the line of each error, DOCTYPE refused, previewed, stored only after
confirmation, audited), the settings form (every field checked, input kept, scoring rules
changed after attempts only with a confirmation, every change audited), a contestant's
password reset (old password and sessions end, the temporary one works), and the admin
tool's export-contest / import-contest, which round-trip the four contest plans row for row."""
import glob
import os
import hashlib
import re
import subprocess
import tempfile

import pytest
import requests

from qcsite import DB_PASS, DB_SOCK, DB_USER, REPO, csrf_in, mariadb, staff_session

SCHEMA = os.path.join(REPO, "conf", "schema", "contest.rng")


def url(site, path):
    return site.root + "/ban-thu-ky" + path


def field(xml, name):
    """(value, error) of <field name=..> in a page's XML."""
    m = re.search(r'<field name="%s"(?: error="([^"]*)")?>([^<]*)</field>|<field name="%s"'
                  r'(?: error="([^"]*)")?/>' % (name, name), xml)
    assert m, f"no field {name} in {xml[:1500]}"
    if m.group(2) is not None or m.group(1) is not None:
        return m.group(2) or "", m.group(1)
    return "", m.group(3)


def settings_form(site, s):
    """The settings form as the page fills it in, ready to post back."""
    r = s.get(url(site, "/cuoc-thi"), params={"format": "xml"})
    assert r.status_code == 200, r.text[:500]
    data = {}
    for name in ("title", "theme", "organiser", "rules", "opens", "closes", "questions",
                 "time_limit", "attempts", "grace", "reveal", "counted", "prediction"):
        data[name] = unescape(field(r.text, name)[0])
    data["csrf"] = csrf_in(r.text)
    return data


def unescape(s):
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&#10;", "\n").replace("&amp;", "&"))


def contest_row(site, cols):
    return site.sql(f"SELECT {cols} FROM qc_contest WHERE code = 't'").rstrip("\n").split("\t")


def audit_entries(site, action):
    return site.sql(f"SELECT actor, object, before_text, after_text FROM qc_audit "
                    f"WHERE action = '{action}' ORDER BY id").splitlines()


def upload(site, s, content, csrf=None, name="cuoc-thi.xml"):
    csrf = csrf or site.staff_csrf(s, "/dinh-nghia")
    return s.post(url(site, "/dinh-nghia"), params={"format": "xml"}, data={"csrf": csrf},
                  files={"tep": (name, content.encode("utf-8"), "application/xml")},
                  allow_redirects=False)


def download(site, s):
    r = s.get(url(site, "/dinh-nghia/tai-ve"))
    assert r.status_code == 200, r.text[:500]
    return r


def validates(path):
    r = subprocess.run(["xmllint", "--noout", "--relaxng", SCHEMA, path], capture_output=True,
                       text=True)
    return r.returncode == 0, r.stderr


# ---- access and CSRF ---------------------------------------------------------------------------

def test_contest_pages_need_authentication(site):
    for path in ("/cuoc-thi", "/dinh-nghia", "/dinh-nghia/tai-ve", "/thi-sinh?sdt=0912345678"):
        assert requests.get(url(site, path)).status_code == 401, path
    assert requests.post(url(site, "/cuoc-thi"), data={"title": "x"}).status_code == 401
    assert requests.post(url(site, "/thi-sinh/1/mat-khau")).status_code == 401
    site.expect_log(r"QC00007: refused /khong-bao-ve/cuoc-thi")
    assert requests.get(site.root + "/khong-bao-ve/cuoc-thi").status_code == 403


def test_forms_without_csrf_are_refused(site):
    s = staff_session()
    _, data = site.contestant()
    cid = site.sql(f"SELECT id FROM qc_contestant WHERE phone = '{data['phone']}'").strip()
    hash_before = site.sql(f"SELECT password_hash FROM qc_contestant WHERE id = {cid}")
    title = contest_row(site, "title")
    site.expect_log(r"QC00501: refused a secretariat form")
    form = settings_form(site, s)
    form["title"] = "Tên bị chặn"
    form["csrf"] = "x" * 43
    assert s.post(url(site, "/cuoc-thi"), data=form, allow_redirects=False).status_code == 403
    del form["csrf"]
    assert s.post(url(site, "/cuoc-thi"), data=form, allow_redirects=False).status_code == 403
    assert s.post(url(site, f"/thi-sinh/{cid}/mat-khau"), data={"x": "1"},
                  allow_redirects=False).status_code == 403
    assert upload(site, s, "<x/>", csrf="y" * 43).status_code == 403
    assert s.post(url(site, "/dinh-nghia/xac-nhan"), data={"token": "abc"},
                  allow_redirects=False).status_code == 403
    assert contest_row(site, "title") == title
    assert site.sql(f"SELECT password_hash FROM qc_contestant WHERE id = {cid}") == hash_before


def test_a_planted_token_cookie_gives_no_token_that_passes(site):
    """The secretariat's form token is an HMAC of the installation's secret, the user Apache
    authenticated and the browser's token cookie: someone who can plant the cookie (a sibling
    subdomain, plain HTTP) knows its value but still cannot make a token that passes."""
    s = staff_session()
    title = contest_row(site, "title")
    site.expect_log(r"QC00501: refused a secretariat form")
    settings_form(site, s)      # the page sets the token cookie; plant another value in it
    cookie = next(c for c in s.cookies if c.name.endswith("_csrf"))
    planted = "p" * 43

    def plant(value):
        s.cookies.set(cookie.name, value, domain=cookie.domain, path=cookie.path)

    plant(planted)
    form = settings_form(site, s)
    assert form["csrf"] != planted and len(form["csrf"]) == 64
    form["title"] = "Tên bị chặn"
    form["csrf"] = planted      # the old double-submit: form token equals the cookie
    assert s.post(url(site, "/cuoc-thi"), data=form, allow_redirects=False).status_code == 403
    assert contest_row(site, "title") == title
    # the token the page gives with that cookie does pass: it is bound to it and to the user
    form["csrf"] = site.staff_csrf(s, "/cuoc-thi")
    form["title"] = title[0]
    assert s.post(url(site, "/cuoc-thi"), data=form, allow_redirects=False).status_code == 303
    # and with another cookie the same token fails
    plant("q" * 43)
    assert s.post(url(site, "/cuoc-thi"), data=form, allow_redirects=False).status_code == 403


# ---- the settings form ----------------------------------------------------------------------------

def test_settings_form_shows_current_values(site):
    s = staff_session()
    r = s.get(url(site, "/cuoc-thi"), params={"format": "xml"})
    assert field(r.text, "title")[0] == "Cuộc thi thử nghiệm t"
    assert field(r.text, "questions")[0] == "5"
    assert field(r.text, "time_limit")[0] == "30"
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", field(r.text, "opens")[0])
    html = s.get(url(site, "/cuoc-thi")).text
    assert "Thiết lập cuộc thi" in html and 'name="time_limit"' in html
    # the secretariat's navigation links the new pages
    assert 'href="/ban-thu-ky/cuoc-thi"' in html and 'href="/ban-thu-ky/dinh-nghia"' in html
    assert 'href="/ban-thu-ky/thi-sinh"' in html


def test_settings_errors_are_precise_and_input_is_kept(site):
    s = staff_session()
    before = contest_row(site, "title, opens_at, closes_at, questions_per_attempt, time_limit_s")
    form = settings_form(site, s)
    bad = dict(form, title="", opens="31/02/2026 08:00", questions="mười", time_limit="0",
               attempts="101", grace="-1", reveal="sometimes", counted="worst",
               prediction="x" * 501, theme="Chủ đề <mới> & \"khác\"")
    r = s.post(url(site, "/cuoc-thi"), params={"format": "xml"}, data=bad, allow_redirects=False)
    assert r.status_code == 422, r.text[:800]
    expected = {
        "title": "staff.settings.err.required",
        "opens": "staff.settings.err.datetime",
        "questions": "staff.settings.err.questions",
        "time_limit": "staff.settings.err.time_limit",
        "attempts": "staff.settings.err.attempts",
        "grace": "staff.settings.err.grace",
        "reveal": "staff.settings.err.choice",
        "counted": "staff.settings.err.choice",
        "prediction": "staff.settings.err.prediction_long",
    }
    for name, key in expected.items():
        assert field(r.text, name)[1] == key, (name, field(r.text, name))
    # what was typed comes back, even where it was wrong
    assert field(r.text, "opens")[0] == "31/02/2026 08:00"
    assert field(r.text, "questions")[0] == "mười"
    assert unescape(field(r.text, "theme")[0]) == "Chủ đề <mới> & \"khác\""
    assert field(r.text, "theme")[1] is None
    # the HTML page says it in Vietnamese, next to the field
    html = s.post(url(site, "/cuoc-thi"), data=bad, allow_redirects=False).text
    assert "Số câu hỏi phải là số nguyên từ 1 đến 200." in html
    assert 'id="opens-error"' in html and "ngày/tháng/năm giờ:phút" in html
    assert 'value="mười"' in html
    # closing before opening, and a window that no longer holds the round
    r = s.post(url(site, "/cuoc-thi"), params={"format": "xml"},
               data=dict(form, closes="01/01/2001 08:00"), allow_redirects=False)
    assert r.status_code == 422
    assert field(r.text, "closes")[1] == "staff.settings.err.closes_before_opens"
    r = s.post(url(site, "/cuoc-thi"), params={"format": "xml"},
               data=dict(form, opens="01/01/2001 08:00", closes="02/01/2001 24:00"),
               allow_redirects=False)
    assert field(r.text, "closes")[1] == "staff.settings.err.round_after"
    assert contest_row(site, "title, opens_at, closes_at, questions_per_attempt, "
                             "time_limit_s") == before


def test_settings_change_is_saved_and_audited(site):
    s = staff_session()
    form = settings_form(site, s)
    old_theme = form["theme"]
    r = s.post(url(site, "/cuoc-thi"), data=dict(form, theme="Chủ đề sửa lại", grace="15"),
               allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    assert r.headers["Location"].endswith("/ban-thu-ky/cuoc-thi?da-luu=1")
    assert contest_row(site, "theme, grace_s") == ["Chủ đề sửa lại", "15"]
    entry = audit_entries(site, "contest.update")[-1].split("\t")
    assert entry[0] == "thuky" and entry[1] == "t"
    assert f"theme: {old_theme}" in entry[2] and "quiz.grace-s: 10" in entry[2]
    assert "theme: Chủ đề sửa lại" in entry[3] and "quiz.grace-s: 15" in entry[3]
    assert "title" not in entry[2]  # only what changed
    r = s.get(url(site, "/nhat-ky"))
    assert "Sửa thiết lập cuộc thi" in r.text and "Chủ đề sửa lại" in r.text
    # rules over several lines: the browser's CRLF is kept as LF
    form = settings_form(site, s)
    assert s.post(url(site, "/cuoc-thi"), data=dict(form, rules="Điều 1.\r\nĐiều 2."),
                  allow_redirects=False).status_code == 303
    assert site.sql("SELECT HEX(rules_text) FROM qc_contest WHERE code = 't'").strip() == \
        "Điều 1.\nĐiều 2.".encode().hex().upper()
    # posting the same values again (as a browser does, CRLF) changes nothing, writes no entry
    n = len(audit_entries(site, "contest.update"))
    form = settings_form(site, s)
    assert form["rules"] == "Điều 1.\nĐiều 2."
    form["rules"] = form["rules"].replace("\n", "\r\n")
    assert s.post(url(site, "/cuoc-thi"), data=form, allow_redirects=False).status_code == 303
    assert len(audit_entries(site, "contest.update")) == n
    s.post(url(site, "/cuoc-thi"), data=dict(settings_form(site, s), theme=old_theme, grace="10",
                                             rules="Thể lệ thử nghiệm."),
           allow_redirects=False)


def test_scoring_change_after_an_attempt_needs_confirmation(site):
    c, _ = site.contestant()
    assert site.start_attempt(c).status_code == 303
    attempts = site.sql("SELECT COUNT(*) FROM qc_attempt").strip()
    assert int(attempts) >= 1
    s = staff_session()
    form = settings_form(site, s)
    r = s.post(url(site, "/cuoc-thi"), params={"format": "xml"},
               data=dict(form, questions="6", time_limit="25"), allow_redirects=False)
    assert r.status_code == 422, r.text[:800]
    assert 'warning="staff.settings.warn.scoring"' in r.text
    assert f'warning-attempts="{attempts}"' in r.text
    assert field(r.text, "questions")[0] == "6"
    html = s.post(url(site, "/cuoc-thi"), data=dict(form, questions="6"),
                  allow_redirects=False).text
    assert f"Đã có {attempts} lượt thi." in html and 'name="confirm"' in html
    assert contest_row(site, "questions_per_attempt, time_limit_s") == ["5", "1800"]
    # a change that does not touch scoring needs no confirmation
    r = s.post(url(site, "/cuoc-thi"), data=dict(form, organiser="Ban Tổ chức mới"),
               allow_redirects=False)
    assert r.status_code == 303
    # confirmed: saved, and the audit entry names the scoring rules before and after
    form = settings_form(site, s)
    r = s.post(url(site, "/cuoc-thi"), data=dict(form, questions="6", time_limit="25",
                                                 confirm="1"), allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    assert contest_row(site, "questions_per_attempt, time_limit_s") == ["6", "1500"]
    entry = audit_entries(site, "contest.update")[-1].split("\t")
    assert "scoring" in entry[1]
    assert "quiz.questions: 5" in entry[2] and "quiz.time-limit-s: 1800" in entry[2]
    assert "quiz.questions: 6" in entry[3] and "quiz.time-limit-s: 1500" in entry[3]
    # put the rules back for the other tests
    form = settings_form(site, s)
    assert s.post(url(site, "/cuoc-thi"), data=dict(form, questions="5", time_limit="30",
                                                    confirm="1"),
                  allow_redirects=False).status_code == 303


# ---- the definition file -------------------------------------------------------------------------

def test_download_is_a_valid_definition(site):
    s = staff_session()
    r = download(site, s)
    assert r.headers["Content-Type"].startswith("application/xml")
    assert 'attachment; filename="t.xml"' in r.headers.get("Content-Disposition", "")
    assert 'code="t"' in r.text and "<title>Cuộc thi thử nghiệm t</title>" in r.text
    with tempfile.NamedTemporaryFile("wb", suffix=".xml", delete=False) as f:
        f.write(r.content)
    try:
        ok, err = validates(f.name)
        assert ok, err
    finally:
        os.unlink(f.name)
    page = s.get(url(site, "/dinh-nghia")).text
    assert 'href="/ban-thu-ky/dinh-nghia/tai-ve"' in page
    assert 'enctype="multipart/form-data"' in page


def test_upload_with_a_schema_error_names_the_line_and_changes_nothing(site):
    s = staff_session()
    text = download(site, s).text
    lines = text.splitlines()
    n = next(i for i, l in enumerate(lines) if "<quiz " in l)
    lines[n] = lines[n].replace('questions="5"', 'questions="nhiều"')
    bad = "\n".join(lines) + "\n"
    before = site.sql("SELECT COUNT(*), MAX(id) FROM qc_audit")
    r = upload(site, s, bad)
    assert r.status_code == 422, r.text[:800]
    assert 'error="staff.def.err.invalid"' in r.text
    assert f'<error line="{n + 1}">' in r.text, r.text[:1500]
    html = s.post(url(site, "/dinh-nghia"), data={"csrf": site.staff_csrf(s, "/dinh-nghia")},
                  files={"tep": ("a.xml", bad.encode(), "application/xml")}).text
    assert f"Dòng {n + 1}:" in html and "Tệp không hợp lệ" in html
    assert "<preview" not in r.text
    assert site.sql("SELECT COUNT(*), MAX(id) FROM qc_audit") == before
    assert contest_row(site, "questions_per_attempt") == ["5"]
    # not XML at all, a file of another contest, and no file
    r = upload(site, s, "<contest")
    assert r.status_code == 422 and '<error line="1">' in r.text
    r = upload(site, s, text.replace('code="t"', 'code="other"', 1))
    assert r.status_code == 422 and 'error="staff.def.err.code"' in r.text
    assert 'file-code="other"' in r.text
    r = s.post(url(site, "/dinh-nghia"), params={"format": "xml"},
               data={"csrf": site.staff_csrf(s, "/dinh-nghia")},
               files={"other": ("x.xml", b"<x/>", "application/xml")})
    assert r.status_code == 422 and "staff.def.err.nofile" in r.text


@pytest.mark.parametrize("link", ["javascript:alert(document.cookie)", " JavaScript:alert(1)",
                                  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                                  "vbscript:msgbox(1)", "//evil.example/x"])
def test_a_document_link_that_is_not_http_is_refused(site, link):
    """The home page shows a definition's documents as links: only http(s) or a path here."""
    s = staff_session()
    text = download(site, s).text
    doc = f'<documents><document url="{link}">Thể lệ</document></documents>'
    if "<documents" in text:
        bad = re.sub(r"<documents.*?</documents>|<documents/>", doc, text, count=1, flags=re.S)
    else:
        bad = text.replace("</units>", "</units>\n  " + doc, 1)
    assert link in bad
    r = upload(site, s, bad)
    assert r.status_code == 422, r.text[:800]
    assert "must be an http:// or https:// address" in r.text
    assert "<preview" not in r.text


def test_a_doctype_or_entity_is_refused(site):
    s = staff_session()
    text = download(site, s).text
    head, rest = text.split("\n", 1)
    evil = (head + '\n<!DOCTYPE contest [\n  <!ENTITY x "Tên từ thực thể">\n'
            '  <!ENTITY f SYSTEM "file:///etc/passwd">\n]>\n'
            + re.sub(r"<title>[^<]*</title>", "<title>&x;&f;</title>", rest))
    r = upload(site, s, evil)
    assert r.status_code == 422, r.text[:800]
    assert "DOCTYPE" in r.text and '<error line="2">' in r.text
    assert "root:" not in r.text
    assert contest_row(site, "title") == ["Cuộc thi thử nghiệm t"]
    # the tool refuses it the same way
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False, encoding="utf-8") as f:
        f.write(evil)
    try:
        out = site.admin("import-contest", "--dry-run", f.name, check=False)
        assert out.returncode == 1 and "DOCTYPE" in out.stderr
    finally:
        os.unlink(f.name)


def test_upload_preview_confirm_and_round_trip(site):
    s = staff_session()
    original = download(site, s).text
    changed = (original.replace("<title>Cuộc thi thử nghiệm t</title>",
                                "<title>Cuộc thi đã sửa qua tệp</title>")
               .replace('grace-s="10"', 'grace-s="20"'))
    assert changed != original
    r = upload(site, s, changed)
    assert r.status_code == 200, r.text[:1500]
    change = re.search(r'<change setting="title">\s*<before>([^<]*)</before>\s*<after>([^<]*)</after>',
                       r.text)
    assert change and change.groups() == ("Cuộc thi thử nghiệm t", "Cuộc thi đã sửa qua tệp")
    assert re.search(r'<change setting="quiz.grace-s">\s*<before>10</before>\s*<after>20</after>',
                     r.text)
    assert '<changes count="2">' in r.text
    token = re.search(r'<preview token="([^"]+)"', r.text).group(1)
    # nothing is stored before the confirmation
    assert contest_row(site, "title, grace_s") == ["Cuộc thi thử nghiệm t", "10"]
    html = s.post(url(site, "/dinh-nghia"), data={"csrf": site.staff_csrf(s, "/dinh-nghia")},
                  files={"tep": ("sua.xml", changed.encode(), "application/xml")}).text
    assert "Xác nhận nhập tệp" in html and "Cuộc thi đã sửa qua tệp" in html
    csrf = site.staff_csrf(s, "/dinh-nghia")
    r = s.post(url(site, "/dinh-nghia/xac-nhan"), data={"csrf": csrf, "token": token},
               allow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    assert r.headers["Location"].endswith("/ban-thu-ky/dinh-nghia?da-nhap=1")
    assert contest_row(site, "title, grace_s") == ["Cuộc thi đã sửa qua tệp", "20"]
    entry = audit_entries(site, "contest.import")[-1].split("\t")
    assert entry[0] == "thuky" and entry[1].startswith("t (")
    assert "title: Cuộc thi thử nghiệm t" in entry[2] and "quiz.grace-s: 10" in entry[2]
    assert "title: Cuộc thi đã sửa qua tệp" in entry[3] and "quiz.grace-s: 20" in entry[3]
    assert "Nhập tệp định nghĩa cuộc thi" in s.get(url(site, "/nhat-ky")).text
    # the token is spent
    r = s.post(url(site, "/dinh-nghia/xac-nhan"), params={"format": "xml"},
               data={"csrf": csrf, "token": token}, allow_redirects=False)
    assert r.status_code == 422 and "staff.def.err.expired" in r.text
    # export -> import -> export gives the same file
    assert download(site, s).text == changed
    # and the original comes back the same way
    r = upload(site, s, original)
    token = re.search(r'<preview token="([^"]+)"', r.text).group(1)
    r = s.post(url(site, "/dinh-nghia/xac-nhan"), params={"format": "xml"},
               data={"csrf": site.staff_csrf(s, "/dinh-nghia"), "token": token},
               allow_redirects=False)
    assert r.status_code == 303, r.text[-1500:]
    assert download(site, s).text == original


def test_a_definition_over_a_mebibyte_is_stored_whole(site):
    """The preview keeps the file as a BLOB and the confirmation reads it back: the driver cuts a
    value at its field size (1 MiB by default), so a 5 MiB file must come back whole."""
    s = staff_session()
    original = download(site, s).text
    padding = "<!-- " + ("Thể lệ cuộc thi, phần đệm. " * 200000)[:5 * 1024 * 1024] + " -->\n"
    big = original.replace("<title>Cuộc thi thử nghiệm t</title>",
                           "<title>Cuộc thi lớn hơn một MiB</title>" + padding)
    assert len(big.encode("utf-8")) > 5 * 1024 * 1024
    r = upload(site, s, big)
    assert r.status_code == 200, r.text[:1500]
    token = re.search(r'<preview token="([^"]+)"', r.text).group(1)
    r = s.post(url(site, "/dinh-nghia/xac-nhan"), params={"format": "xml"},
               data={"csrf": site.staff_csrf(s, "/dinh-nghia"), "token": token},
               allow_redirects=False)
    assert r.status_code == 303, r.text[-1500:]
    assert contest_row(site, "title") == ["Cuộc thi lớn hơn một MiB"]
    # the confirmed upload is gone from the staging table (other tests' previews may remain)
    spent = hashlib.sha256(token.encode()).hexdigest()
    assert site.sql("SELECT COUNT(*) FROM qc_import_staging "
                    f"WHERE token_hash = '{spent}'").strip() == "0"
    r = upload(site, s, original)
    token = re.search(r'<preview token="([^"]+)"', r.text).group(1)
    r = s.post(url(site, "/dinh-nghia/xac-nhan"), params={"format": "xml"},
               data={"csrf": site.staff_csrf(s, "/dinh-nghia"), "token": token},
               allow_redirects=False)
    assert r.status_code == 303, r.text[-1500:]
    assert download(site, s).text == original


def test_upload_refuses_overlapping_rounds(site):
    s = staff_session()
    text = download(site, s).text
    m = re.search(r'<round title="[^"]*" opens="([^"]+)" closes="([^"]+)"/>', text)
    if not m:
        pytest.fail("the test contest has a round")
    two = m.group(0) + m.group(0).replace('title="', 'title="B ')
    r = upload(site, s, text.replace(m.group(0), two))
    assert r.status_code == 422
    assert "overlaps round 1" in r.text


# ---- password reset ------------------------------------------------------------------------------

def test_password_reset_by_the_secretariat(site):
    c, data = site.contestant()
    phone = data["phone"]
    cid = site.sql(f"SELECT id FROM qc_contestant WHERE phone = '{phone}'").strip()
    assert c.get(site.base + "/tai-khoan", allow_redirects=False).status_code == 200
    s = staff_session()
    r = s.get(url(site, "/thi-sinh"), params={"sdt": phone, "format": "xml"})
    assert r.status_code == 200, r.text[:800]
    assert f'<contestant id="{cid}" phone="{phone}" attempts="0"' in r.text
    assert "<name>Nguyễn Thị Thử</name>" in r.text and "<unit>Xã Một</unit>" in r.text
    assert "registered-local=" in r.text
    stored = site.sql(f"SELECT password_hash FROM qc_contestant WHERE id = {cid}").strip()
    html = s.get(url(site, "/thi-sinh"), params={"sdt": phone}).text
    assert "Nguyễn Thị Thử" in html and "Đặt lại mật khẩu" in html
    assert stored not in html and "$2y$" not in html and "$2y$" not in r.text
    # bad and unknown phones
    r = s.get(url(site, "/thi-sinh"), params={"sdt": "12345", "format": "xml"})
    assert r.status_code == 422 and 'error="err.phone.format"' in r.text
    r = s.get(url(site, "/thi-sinh"), params={"sdt": "0399999999", "format": "xml"})
    assert r.status_code == 404 and 'none="0399999999"' in r.text
    # reset: the temporary password is shown once
    csrf = site.staff_csrf(s, "/thi-sinh")
    r = s.post(url(site, f"/thi-sinh/{cid}/mat-khau"), params={"format": "xml"},
               data={"csrf": csrf}, allow_redirects=False)
    assert r.status_code == 200, r.text[:800]
    temp = re.search(r'<reset sender="secretariat" password="([^"]+)"', r.text).group(1)
    assert re.fullmatch(r"[a-hjkmnp-z2-9]{16}", temp) and re.search(r"\d", temp)
    # the old session ended, the old password no longer works, the new one does
    assert c.get(site.base + "/tai-khoan", allow_redirects=False).status_code == 303
    _, r = site.login(phone, data["password"])
    assert r.status_code == 422
    _, r = site.login(phone, temp)
    assert r.status_code == 303, r.text[:500]
    assert r.headers["Location"].endswith("/tai-khoan/mat-khau")  # to be changed first
    assert site.sql(f"SELECT password_set_by_secretariat FROM qc_contestant "
                    f"WHERE id = {cid}").strip() == "1"
    # audited, without the password
    entry = audit_entries(site, "contestant.password")[-1]
    assert phone in entry and "thuky" in entry and temp not in entry
    assert "sender=secretariat" in entry
    # the HTML page shows a second reset's password once; it works, the first no longer does
    html = s.post(url(site, f"/thi-sinh/{cid}/mat-khau"), data={"csrf": csrf}).text
    temp2 = re.search(r'<code class="password">([^<]+)</code>', html).group(1)
    assert temp2 != temp and "Mật khẩu tạm thời:" in html
    assert site.login(phone, temp)[1].status_code == 422
    assert site.login(phone, temp2)[1].headers["Location"].endswith("/tai-khoan/mat-khau")
    assert "Đặt lại mật khẩu thí sinh" in s.get(url(site, "/nhat-ky")).text
    # an unknown contestant
    r = s.post(url(site, "/thi-sinh/999999/mat-khau"), data={"csrf": csrf},
               allow_redirects=False)
    assert r.status_code == 404


# ---- quizcontest-admin export-contest / import-contest --------------------------------------------

TABLES = {
    "contest": "SELECT code, title, theme, organiser, rules_text, opens_at, closes_at,"
               " questions_per_attempt, time_limit_s, attempts_per_round, grace_s, reveal_answers,"
               " prediction_question, min_age, cccd_mode, email_mode, tz_offset_min,"
               " counted_attempt, prediction_target, prediction_value, reg_quota_deadline,"
               " results_publish_at, ceremony_at, prize_one_per, collective_formula,"
               " collective_unit_kind,"
               " collective_description FROM qc_contest ORDER BY code",
    "round": "SELECT c.code, r.seq, r.title, r.opens_at, r.closes_at, r.attempts_allowed"
             " FROM qc_round r JOIN qc_contest c ON c.id = r.contest_id ORDER BY c.code, r.seq",
    "group": "SELECT c.code, g.code, g.title, g.seq FROM qc_group g"
             " JOIN qc_contest c ON c.id = g.contest_id ORDER BY c.code, g.seq",
    "unit": "SELECT c.code, u.code, p.code, u.name, u.kind, u.headcount, u.reg_quota, u.seq"
            " FROM qc_unit u JOIN qc_contest c ON c.id = u.contest_id"
            " LEFT JOIN qc_unit p ON p.id = u.parent_id ORDER BY c.code, u.seq",
    "document": "SELECT c.code, d.seq, d.title, d.url FROM qc_document d"
                " JOIN qc_contest c ON c.id = d.contest_id ORDER BY c.code, d.seq",
    "exclusion": "SELECT c.code, x.full_name, x.phone, x.cccd, x.role FROM qc_exclusion x"
                 " JOIN qc_contest c ON c.id = x.contest_id ORDER BY c.code, x.id",
    "topic": "SELECT c.code, t.code, t.title, t.quota FROM qc_topic t"
             " JOIN qc_contest c ON c.id = t.contest_id ORDER BY c.code, t.id",
    "prize": "SELECT c.code, p.kind, p.scope, p.group_code, p.seq, p.title, p.count, p.amount"
             " FROM qc_prize p JOIN qc_contest c ON c.id = p.contest_id"
             " ORDER BY c.code, p.kind, p.scope, p.group_code, p.seq",
}


def fresh_db(site, name):
    mariadb(f"DROP DATABASE IF EXISTS `{name}`")
    mariadb(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci")
    params = (f"sock={DB_SOCK},user={DB_USER},pass={DB_PASS},dbname={name},"
              "reconnect=0,group=quizcontest")
    subprocess.run([site_admin(site), "--db", params, "migrate", "--dir",
                    os.path.join(REPO, "conf", "migrations")], check=True, capture_output=True,
                   env=site.proc_env)
    return params


def site_admin(site):
    from qcsite import ADMIN
    return ADMIN


def admin(site, params, *args, check=True):
    return subprocess.run([site_admin(site), "--db", params, *args], capture_output=True,
                          text=True, check=check, env=site.proc_env)


def rows(db):
    return {name: mariadb(sql, db) for name, sql in TABLES.items()}


PLANS = sorted(glob.glob(os.path.join(REPO, "conf", "contests", "*.xml")))

# Everything a definition can say that the four plans do not: topics with quotas, a manual
# prediction value, a publication date, seconds in the time limit, rounds with their own
# attempts, a person known only by citizen ID, prizes per group and overall, nested units
# with headcount and quota, text that needs escaping.
EVERYTHING = """<?xml version="1.0" encoding="UTF-8"?>
<contest xmlns="urn:quizcontest:contest:1" code="moi-thu" timezone-offset="+07:00">
  <title>Cuộc thi "mọi thứ" &amp; &lt;hơn thế&gt;</title>
  <organiser>Ban Tổ chức</organiser>
  <rules>
    Dòng một.

    Dòng hai &amp; ba.
  </rules>
  <window opens="2025-03-01 07:30:15" closes="2025-04-30 24:00"/>
  <quiz questions="12" time-limit-s="905" attempts-per-round="2" grace-s="0"
        reveal-answers="after_submit" counted-attempt="last"/>
  <prediction target="manual" value="12345">Dự đoán?</prediction>
  <results publish-at="2025-05-05 09:00" ceremony="2025-05-10 08:30"/>
  <registration min-age="18" cccd="required" email="off" quota-deadline="2025-03-15 24:00"/>
  <rounds>
    <round title="Vòng A" opens="2025-03-01 07:30:15" closes="2025-03-31 24:00" attempts="5"/>
    <recurring title="Tuần {n} (tháng 4)" first-opens="2025-04-01 08:00"
               first-closes="2025-04-06 24:00" count="3"/>
  </rounds>
  <groups><group code="g1">Nhóm 1</group><group code="g2">Nhóm 2</group></groups>
  <units>
    <unit code="tinh" name="Tỉnh" kind="tỉnh" headcount="500" quota="100">
      <unit code="h1" name="Huyện 1" kind="huyện" headcount="200">
        <unit code="x1" name="Xã 1" kind="xã" headcount="50" quota="50"/>
      </unit>
      <unit code="h2" name="Huyện 2" kind="huyện"/>
    </unit>
  </units>
  <documents>
    <document url="https://example.invalid/a?b=1&amp;c=2">Tài liệu A</document>
    <document>Tài liệu B</document>
  </documents>
  <exclusions>
    <person name="Người Một" phone="0900000001" role="Ban Tổ chức"/>
    <person name="Người Hai" cccd="001190000002"/>
  </exclusions>
  <topics><topic code="chu-de-1" quota="5"/><topic code="chu-de-2"/></topics>
  <prizes one-per="contest">
    <individual scope="overall" group="g1">
      <prize title="Nhất nhóm 1" count="1" amount="500000"/>
      <prize title="Nhì nhóm 1" count="2"/>
    </individual>
    <individual scope="each-round">
      <prize title="Giải tuần" count="3" amount="100000"/>
    </individual>
    <collective formula="participants" unit-kind="huyện">
      <description>Theo số người tham gia.</description>
      <prize title="Tập thể" count="1" amount="1000000"/>
    </collective>
  </prizes>
</contest>
"""


def plan_file(plan, tmp_path):
    if plan != "everything":
        return plan
    path = tmp_path / "everything.xml"
    path.write_text(EVERYTHING, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("plan", PLANS + [os.path.join(REPO, "conf", "demo", "contest.xml"),
                                          "everything"], ids=os.path.basename)
def test_export_then_import_gives_identical_rows(site, plan, tmp_path):
    a, b = f"quizcontest_t_{site.name}_rt_a", f"quizcontest_t_{site.name}_rt_b"
    pa, pb = fresh_db(site, a), fresh_db(site, b)
    plan = plan_file(plan, tmp_path)
    try:
        admin(site, pa, "load-contest", plan)
        code = re.search(r'<contest [^>]*code="([^"]+)"', open(plan, encoding="utf-8").read()).group(1)
        out = tmp_path / "export.xml"
        admin(site, pa, "export-contest", "--contest", code, "-o", str(out))
        ok, err = validates(str(out))
        assert ok, err
        admin(site, pb, "import-contest", str(out))
        ra, rb = rows(a), rows(b)
        assert ra["contest"].strip() and ra["round"].strip() and ra["unit"].strip()
        if plan.endswith("everything.xml"):
            for table in ("group", "document", "exclusion", "topic", "prize"):
                assert ra[table].strip(), table
            assert "12345" in ra["contest"] and "905" in ra["contest"]
        for table in TABLES:
            assert ra[table] == rb[table], f"{os.path.basename(plan)}: {table} differs"
        # and exporting the copy gives the same file
        again = admin(site, pb, "export-contest", "--contest", code).stdout
        assert again == out.read_text(encoding="utf-8")
    finally:
        mariadb(f"DROP DATABASE IF EXISTS `{a}`")
        mariadb(f"DROP DATABASE IF EXISTS `{b}`")


def test_import_contest_dry_run_and_help(site, tmp_path):
    for cmd in ("export-contest", "import-contest"):
        out = site.admin(cmd, "--help")
        assert out.returncode == 0 and "usage:" in out.stdout and cmd in out.stdout
    exported = site.admin("export-contest", "--contest", "t").stdout
    path = tmp_path / "t.xml"
    path.write_text(exported.replace('attempts-per-round="3"', 'attempts-per-round="4"'),
                    encoding="utf-8")
    before = contest_row(site, "attempts_per_round")
    audits = site.sql("SELECT COUNT(*) FROM qc_audit")
    out = site.admin("import-contest", "--dry-run", str(path))
    assert "valid: contest t" in out.stdout
    assert "quiz.attempts-per-round: 3 -> 4" in out.stdout
    assert "dry run: nothing stored" in out.stdout
    assert contest_row(site, "attempts_per_round") == before
    assert site.sql("SELECT COUNT(*) FROM qc_audit") == audits
    # a schema error is reported with its line, and nothing is stored
    bad = tmp_path / "bad.xml"
    bad.write_text(exported.replace("<units>", "<units><bogus/>", 1), encoding="utf-8")
    out = site.admin("import-contest", "--dry-run", str(bad), check=False)
    line = exported[:exported.index("<units>")].count("\n") + 1
    assert out.returncode == 1 and f"{bad}:{line}:" in out.stderr
    # without --dry-run it is stored, with an audit entry
    out = site.admin("import-contest", str(path))
    assert "contest t imported" in out.stdout
    assert contest_row(site, "attempts_per_round") == ["4"]
    assert audit_entries(site, "contest.import")[-1].split("\t")[0].startswith("quizcontest-admin:")
    path.write_text(exported, encoding="utf-8")
    site.admin("import-contest", str(path))
    assert contest_row(site, "attempts_per_round") == before


JURY_PARTS = ('<jury><judge user="gk-dai" name="{judge}"/></jury>'
              '<clips title="{clips}" deadline="2099-01-01 08:00" max-size-mb="10">'
              '<criterion code="noi-dung" title="{criterion}" max="10"/>'
              '<prize title="{prize}" count="1"/></clips>')


@pytest.mark.parametrize("field,limit", [("judge", 300), ("clips", 300), ("criterion", 300),
                                         ("prize", 200)])
def test_a_jury_text_longer_than_its_column_is_refused_with_its_line(site, field, limit):
    """qc_judge.full_name, qc_clip_part.title, qc_clip_criterion.title VARCHAR(300),
    qc_clip_prize.title VARCHAR(200): one character over is refused before anything is stored
    (it was a 500 from MariaDB's error 1406), at the limit it passes the checks."""
    s = staff_session()
    text = download(site, s).text
    if "<units" not in text or "<jury" in text or "<clips" in text:
        pytest.skip("the test contest's definition already has a jury")
    values = {"judge": "Giám khảo", "clips": "Video", "criterion": "Nội dung", "prize": "Giải"}
    values[field] = "Đ" * (limit + 1)
    bad = text.replace("</units>", "</units>\n  " + JURY_PARTS.format(**values), 1)
    before = site.sql("SELECT COUNT(*), MAX(id) FROM qc_audit")
    r = upload(site, s, bad)
    assert r.status_code == 422, r.text[:800]
    assert f"is longer than {limit} characters" in r.text, r.text[:1500]
    assert re.search(r'<error line="\d+">', r.text), r.text[:1500]
    assert "<preview" not in r.text
    assert site.sql("SELECT COUNT(*), MAX(id) FROM qc_audit") == before
    values[field] = "Đ" * limit
    ok = text.replace("</units>", "</units>\n  " + JURY_PARTS.format(**values), 1)
    r = upload(site, s, ok)
    assert "is longer than" not in r.text, r.text[:1500]


def test_a_definition_file_name_over_200_characters_is_422(site):
    s = staff_session()
    text = download(site, s).text
    r = upload(site, s, text, name="cuộc-thi-" + "ư" * 300 + ".xml")
    assert r.status_code == 422, r.text[:800]
    assert 'error="staff.def.err.filename_long"' in r.text and "<preview" not in r.text
    html = s.post(url(site, "/dinh-nghia"), data={"csrf": site.staff_csrf(s, "/dinh-nghia")},
                  files={"tep": ("ư" * 201 + ".xml", text.encode(), "application/xml")}).text
    assert "Tên tệp dài quá 200 ký tự" in html


@pytest.mark.parametrize("name,limit,key", [
    ("title", 300, "staff.settings.err.title_long"),
    ("theme", 300, "staff.settings.err.text_long_300"),
    ("organiser", 300, "staff.settings.err.text_long_300"),
    ("prediction", 500, "staff.settings.err.prediction_long"),
    ("rules", 20000, "staff.settings.err.rules_long")])
def test_each_settings_text_is_checked_against_its_column(site, name, limit, key):
    """qc_contest.title, theme, organiser VARCHAR(300), prediction_question VARCHAR(500),
    rules_text TEXT: one character over is 422 next to the field, the input kept; nothing
    changes."""
    s = staff_session()
    before = contest_row(site, "title, theme, organiser, prediction_question")
    form = settings_form(site, s)
    value = ("Đ" if limit <= 500 else "d") * (limit + 1)
    r = s.post(url(site, "/cuoc-thi"), params={"format": "xml"}, data=dict(form, **{name: value}),
               allow_redirects=False)
    assert r.status_code == 422, r.text[:800]
    assert field(r.text, name)[1] == key, field(r.text, name)
    assert unescape(field(r.text, name)[0]) == value
    assert contest_row(site, "title, theme, organiser, prediction_question") == before
