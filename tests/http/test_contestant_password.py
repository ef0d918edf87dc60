"""Passwords as OWASP ASVS 4.0 V2.1 asks (lib/rules/qc_validate.c): at least 12 characters, a
phrase welcome, no composition rule, common passwords and the account's own phone refused,
each with its Vietnamese message beside the field; a contestant changes their password with the
current one (tai-khoan/mat-khau), which ends their other sessions; the secretariat's temporary
password must be changed at its first use (nothing else works before) and expires after 72
hours."""
import re

import requests

from test_contestant_session import logged_in, phone
from qcsite import staff_session
from test_secretariat_contest import url


def error_of(html, name):
    m = re.search(r'<p class="field-error" id="%s-error" role="alert">\s*([^<]*)</p>' % name, html)
    return m.group(1).strip() if m else None


def change(site, s, current, new, new2=None, csrf=None):
    csrf = csrf or site.csrf(s, "/tai-khoan/mat-khau")
    return s.post(site.base + "/tai-khoan/mat-khau",
                  data={"current_password": current, "password": new,
                        "password2": new if new2 is None else new2, "csrf": csrf},
                  allow_redirects=False)


# ---- the rule at registration ---------------------------------------------------------------

def test_weak_passwords_are_refused_at_registration_with_their_message(site):
    number = phone()
    cases = [
        ("password1", "Mật khẩu phải có từ 12 ký tự trở lên"),
        ("12345678a", "Mật khẩu phải có từ 12 ký tự trở lên"),
        ("Passw0rd", "Mật khẩu phải có từ 12 ký tự trở lên"),
        ("matkhau123456", "Mật khẩu này quá phổ biến"),
        ("Anh Yeu Em 2024", "Mật khẩu này quá phổ biến"),
        ("iloveyouiloveyou", "Mật khẩu này quá phổ biến"),
        ("123456789012", "dãy phím, chữ cái hoặc chữ số liên tiếp"),
        ("aaaaaaaaaaaaaa", "một ký tự lặp lại"),
        ("qwertyuiopasdf", "dãy phím"),
        ("so cua toi " + number, "số điện thoại hay số căn cước công dân của bạn"),
    ]
    for password, message in cases:
        s, r, sent = site.register(phone=number, password=password, password2=password)
        assert r.status_code == 422, (password, r.status_code)
        assert message in (error_of(r.text, "password") or ""), (password, r.text[-3000:])
        assert password not in r.text.replace(number, "")  # never sent back
        # what was typed elsewhere is kept
        assert re.search(r'name="phone"[^>]*value="%s"' % number, r.text)
    assert site.sql(f"SELECT COUNT(*) FROM qc_contestant WHERE phone = '{number}'").strip() == "0"
    # the form says what is asked
    html = site.session().get(site.base + "/dang-ky").text
    assert "Từ 12 ký tự trở lên; nên dùng một cụm từ dễ nhớ" in html


def test_a_passphrase_of_twelve_characters_or_more_is_accepted(site):
    for password in ("sáng nay trời mưa", "con mèo nhà bên", "ngua phi duong xa"):
        s, r, data = site.register(password=password, password2=password)
        assert r.status_code == 303, (password, r.text[-2000:])
        assert r.headers["Location"].endswith("/tai-khoan")
        s.cookies.clear()
        _, r = site.login(data["phone"], password)
        assert r.status_code == 303 and r.headers["Location"].endswith("/tai-khoan"), password
    # spaces are kept: the same phrase without them is another password
    _, r = site.login(data["phone"], "nguaphiduongxa")
    assert r.status_code == 422


# ---- the contestant's change of password --------------------------------------------------------

def test_change_needs_the_current_password_and_ends_the_other_sessions(site):
    s, data = site.contestant()
    other, _ = site.login(data["phone"])
    assert logged_in(site, other)
    page = s.get(site.base + "/tai-khoan").text
    assert 'href="/t/tai-khoan/mat-khau"' in page or "/tai-khoan/mat-khau" in page
    assert s.get(site.base + "/tai-khoan/mat-khau").status_code == 200
    # anonymous: to the login page
    anon = requests.get(site.base + "/tai-khoan/mat-khau", allow_redirects=False)
    assert anon.status_code == 303 and anon.headers["Location"].endswith("/dang-nhap")
    # a forged post
    r = change(site, s, data["password"], "mot cau moi that dai", csrf="x" * 43)
    assert r.status_code == 403
    # the wrong current password
    r = change(site, s, "khong phai mat khau", "mot cau moi that dai")
    assert r.status_code == 422
    assert error_of(r.text, "current_password") == "Mật khẩu hiện tại không đúng."
    assert "khong phai mat khau" not in r.text and "mot cau moi that dai" not in r.text
    r = change(site, s, "", "mot cau moi that dai")
    assert error_of(r.text, "current_password") == "Vui lòng nhập mật khẩu hiện tại."
    # the new one by the rule, and its confirmation
    r = change(site, s, data["password"], "matkhau123456")
    assert r.status_code == 422 and "quá phổ biến" in error_of(r.text, "password")
    r = change(site, s, data["password"], "ngan qua")
    assert "từ 12 ký tự trở lên" in error_of(r.text, "password")
    r = change(site, s, data["password"], "mot cau moi that dai", "mot cau moi that dai!")
    assert error_of(r.text, "password") == "Hai lần nhập mật khẩu không khớp."
    assert logged_in(site, other)  # nothing changed yet
    # the change
    r = change(site, s, data["password"], "mot cau moi that dai")
    assert r.status_code == 303 and r.headers["Location"].endswith("/tai-khoan?notice=password")
    assert "Đã đổi mật khẩu" in s.get(site.base + "/tai-khoan?notice=password").text
    assert logged_in(site, s) and not logged_in(site, other)
    assert site.login(data["phone"])[1].status_code == 422  # the old one
    assert site.login(data["phone"], "mot cau moi that dai")[1].status_code == 303
    # audited, never the password; the log says it too
    entry = site.sql("SELECT actor, object, after_text FROM qc_audit"
                     " WHERE action = 'contestant.password_changed' ORDER BY id DESC LIMIT 1")
    assert data["phone"] in entry and "mot cau moi" not in entry and "other sessions=ended" in entry
    assert any("QC00403" in line for line in site.new_log_lines())
    assert not any("mot cau moi" in line for line in site.new_log_lines())


def test_wrong_current_passwords_are_throttled_like_logins(site):
    s, data = site.contestant()
    csrf = site.csrf(s, "/tai-khoan/mat-khau")
    codes = [change(site, s, "sai mat khau %d" % i, "mot cau moi that dai", csrf=csrf).status_code
             for i in range(8)]
    assert codes[0] == 422 and codes[-1] == 429, codes
    r = change(site, s, data["password"], "mot cau moi that dai", csrf=csrf)
    assert r.status_code == 429 and "Retry-After" in r.headers
    assert "Nhập sai mật khẩu quá nhiều lần" in r.text


# ---- the secretariat's temporary password ------------------------------------------------------------

def reset(site, data):
    cid = site.sql(f"SELECT id FROM qc_contestant WHERE phone = '{data['phone']}'").strip()
    st = staff_session()
    r = st.post(url(site, f"/thi-sinh/{cid}/mat-khau"), params={"format": "xml"},
                data={"csrf": site.staff_csrf(st, "/thi-sinh")}, allow_redirects=False)
    assert r.status_code == 200, r.text[:800]
    return cid, re.search(r'<reset sender="secretariat" password="([^"]+)"', r.text).group(1)


def test_a_reset_password_must_be_changed_at_its_first_use(site):
    s, data = site.contestant()
    cid, temp = reset(site, data)
    assert len(temp) == 16
    t, r = site.login(data["phone"], temp)
    assert r.status_code == 303 and r.headers["Location"].endswith("/tai-khoan/mat-khau")
    # no session: nothing of the contest works, every page leads to the change
    assert site.sql(f"SELECT COUNT(*) FROM qc_session WHERE contestant_id = {cid}").strip() == "0"
    r = t.get(site.base + "/tai-khoan", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].endswith("/tai-khoan/mat-khau")
    r = t.get(site.base + "/dang-nhap", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].endswith("/tai-khoan/mat-khau")
    page = t.get(site.base + "/tai-khoan/mat-khau")
    assert page.status_code == 200 and "mật khẩu tạm thời do Ban Thư ký cấp" in page.text
    csrf = site.csrf(t, "/tai-khoan/mat-khau")
    r = t.post(site.base + "/bai-thi", data={"csrf": csrf}, allow_redirects=False)
    assert r.status_code in (303, 403) and "/bai-thi/" not in r.headers.get("Location", "")
    assert site.sql(f"SELECT COUNT(*) FROM qc_attempt WHERE contestant_id = {cid}").strip() == "0"
    # the change: the temporary password is the current one; then a session
    r = change(site, t, temp, "mua thu ha noi dep")
    assert r.status_code == 303 and r.headers["Location"].endswith("/tai-khoan?notice=password")
    assert logged_in(site, t)
    assert site.sql(f"SELECT password_set_by_secretariat, temp_password_expires_at IS NULL"
                    f" FROM qc_contestant WHERE id = {cid}").split() == ["0", "1"]
    assert site.sql(f"SELECT COUNT(*) FROM qc_password_change WHERE contestant_id = {cid}"
                    ).strip() == "0"
    assert site.login(data["phone"], temp)[1].status_code == 422
    _, r = site.login(data["phone"], "mua thu ha noi dep")
    assert r.status_code == 303 and r.headers["Location"].endswith("/tai-khoan")


def test_a_temporary_password_expires_after_72_hours(site):
    s, data = site.contestant()
    cid, temp = reset(site, data)
    left = site.sql(f"SELECT TIMESTAMPDIFF(MINUTE, UTC_TIMESTAMP(3), temp_password_expires_at)"
                    f" FROM qc_contestant WHERE id = {cid}").strip()
    assert 72 * 60 - 2 <= int(left) <= 72 * 60
    site.sql(f"UPDATE qc_contestant SET temp_password_expires_at = UTC_TIMESTAMP(3) - INTERVAL 1"
             f" SECOND WHERE id = {cid}")
    t, r = site.login(data["phone"], temp)
    assert r.status_code == 422
    assert "Mật khẩu tạm thời này đã hết hạn" in r.text and "Ban Thư ký" in r.text
    assert not logged_in(site, t)
    assert site.sql(f"SELECT COUNT(*) FROM qc_password_change WHERE contestant_id = {cid}"
                    ).strip() == "0"
    # a wrong password still says only that it is wrong
    _, r = site.login(data["phone"], "khong phai mat khau")
    assert r.status_code == 422 and "hết hạn" not in r.text
    # a new reset gives a new 72 hours
    cid, temp2 = reset(site, data)
    assert site.login(data["phone"], temp2)[1].headers["Location"].endswith("/tai-khoan/mat-khau")
