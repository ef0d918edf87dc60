"""Sessions and protection: a random token of at least 128 bits, only its hash in the database,
a new token at every login, logout that ends the session on the server, cookie attributes; a
CSRF token on every form, forged POSTs refused; failed logins throttled per account and client
address with a message saying when to try again, never for hours (tests/http/test_contestant_logins.py:
failures from other addresses)."""
import base64
import concurrent.futures
import hashlib
import re
import uuid


COOKIE = "qc_session"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def phone():
    return "09" + str(uuid.uuid4().int)[:8]


def token_of(r):
    m = re.search(COOKIE + r"=([^;]*)", r.headers.get("Set-Cookie", ""))
    return m.group(1) if m else None


def logged_in(site, s):
    r = s.get(site.base + "/tai-khoan", allow_redirects=False)
    return r.status_code == 200


def test_login_sets_a_new_random_token_whose_hash_only_is_stored(site):
    _, data = site.contestant()
    s = site.session()
    # a token planted by someone else is never adopted
    s.cookies.set(COOKIE, "A" * 43, domain="127.0.0.1", path="/cuoc-thi")
    s, r = site.login(data["phone"], s=s)
    assert r.status_code == 303 and r.headers["Location"].endswith("/tai-khoan")
    token = token_of(r)
    assert token and token != "A" * 43
    assert len(base64.urlsafe_b64decode(token + "=")) * 8 >= 128
    cookie = [c for c in r.headers["Set-Cookie"].split(", ") if c.startswith(COOKIE + "=")][0]
    for attr in ("HttpOnly", "SameSite=Lax", "Path=/cuoc-thi"):
        assert attr in cookie, cookie
    assert "Secure" not in cookie  # plain http here; tests/http/test_secure_cookies.py for https
    digest = hashlib.sha256(token.encode()).hexdigest()
    assert site.sql(f"SELECT COUNT(*) FROM qc_session WHERE token_hash='{digest}'").strip() == "1"
    assert site.sql(f"SELECT COUNT(*) FROM qc_session WHERE token_hash='{token}'"
                    f" OR csrf_token='{token}'").strip() == "0"
    # a second login gets another token, and the first session is ended by it
    s2, r2 = site.login(data["phone"], s=s)
    assert token_of(r2) not in (None, token)
    old = site.session()
    old.cookies.set(COOKIE, token)
    assert not logged_in(site, old)
    assert logged_in(site, s2)


def test_logout_ends_the_session_on_the_server(site):
    _, data = site.contestant()
    s, r = site.login(data["phone"])
    token = token_of(r)
    assert logged_in(site, s)
    r = s.post(site.base + "/dang-xuat", data={"csrf": site.page_csrf(s)}, allow_redirects=False)
    assert r.status_code == 303
    digest = hashlib.sha256(token.encode()).hexdigest()
    assert site.sql(f"SELECT COUNT(*) FROM qc_session WHERE token_hash='{digest}'").strip() == "0"
    # the old cookie, replayed, opens nothing
    replay = site.session()
    replay.cookies.set(COOKIE, token)
    r = replay.get(site.base + "/tai-khoan", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].endswith("/dang-nhap")
    assert replay.post(site.base + "/bai-thi", data={"csrf": "x" * 43},
                       allow_redirects=False).status_code == 403


def forms_of(html):
    return re.findall(r"<form\b[^>]*>.*?</form>", html, re.S)


def test_every_post_form_carries_a_csrf_token(site):
    s, _ = site.contestant()
    pages = [site.base + "/dang-ky", site.base + "/dang-nhap", site.base + "/",
             site.base + "/tai-khoan"]
    quiz = site.attempt_url(site.start_attempt(s))
    pages.append(quiz)
    anon = site.session()
    seen = 0
    for url in pages:
        for who in (anon, s):
            html = who.get(url).text
            for form in forms_of(html):
                if 'method="post"' not in form:
                    continue
                seen += 1
                m = re.search(r'<input type="hidden" name="csrf" value="([^"]*)"', form)
                assert m and len(m.group(1)) == 43, (url, form[:300])
    assert seen >= 6


def test_forged_posts_are_refused_and_change_nothing(site):
    s, data = site.contestant()
    good = site.page_csrf(s)
    quiz = site.attempt_url(site.start_attempt(s))
    attempt = quiz.rsplit("/", 1)[1]
    q = site.quiz(s, quiz)
    pos, _, choices, _ = q["questions"][0]
    other, _ = site.contestant()
    foreign = site.page_csrf(other)  # a real token, of another session
    for bad in (None, "", "x" * 43, foreign):
        extra = {} if bad is None else {"csrf": bad}
        posts = [
            (site.base + "/bai-thi", {}),
            (quiz + "/luu", {"seq": "1", "position": str(pos), "choice": choices[0]}),
            (quiz + "/luu", {"whole": "1", "seq": "1", f"a{pos}": choices[0], "prediction": "5"}),
            (quiz + "/nop", {"seq": "1", f"a{pos}": choices[0], "prediction": "5"}),
            (site.base + "/dang-xuat", {}),
        ]
        for url, form in posts:
            r = s.post(url, data=dict(form, **extra), allow_redirects=False, headers=FORM)
            assert r.status_code == 403, (bad, url, r.status_code)
            assert "mã bảo vệ" in r.text
    row = site.attempt_row(attempt)
    assert row["state"] == "open" and row["seq"] == 0 and row["prediction"] is None
    assert site.sql(f"SELECT COUNT(*) FROM qc_attempt_item WHERE attempt_id={attempt}"
                    " AND selected IS NOT NULL").strip() == "0"
    assert logged_in(site, s)  # the forged logout did not log out
    # forms of anonymous visitors too
    anon = site.session()
    anon.get(site.base + "/dang-ky")  # has an anonymous token cookie now
    r = anon.post(site.base + "/dang-nhap", data={"phone": data["phone"], "password": "hoa sen no som",
                                                   "csrf": "y" * 43}, allow_redirects=False)
    assert r.status_code == 403
    p = phone()
    r = anon.post(site.base + "/dang-ky", data={"full_name": "Giả Mạo", "dob": "1990-01-01",
                                                 "phone": p, "unit_id": site.unit_id(),
                                                 "group_id": site.group_id(),
                                                 "password": "hoa sen no som",
                                                 "password2": "hoa sen no som"},
                  allow_redirects=False)
    assert r.status_code == 403
    assert site.sql(f"SELECT COUNT(*) FROM qc_contestant WHERE phone='{p}'").strip() == "0"
    # the right token works
    r = s.post(quiz + "/luu", data={"csrf": good, "seq": "1", "position": str(pos),
                                    "choice": choices[0]})
    assert r.status_code == 200


def test_a_planted_csrf_cookie_does_not_pass_for_a_session(site):
    s, data = site.contestant()
    good = site.page_csrf(s)
    planted = "P" * 43
    s.cookies.set(COOKIE + "_csrf", planted, domain="127.0.0.1", path="/cuoc-thi")
    for url in (site.base + "/bai-thi", site.base + "/dang-xuat"):
        r = s.post(url, data={"csrf": planted}, allow_redirects=False, headers=FORM)
        assert r.status_code == 403, (url, r.status_code)
        assert "mã bảo vệ" in r.text
    assert site.sql("SELECT COUNT(*) FROM qc_attempt a JOIN qc_contestant c"
                    f" ON c.id = a.contestant_id WHERE c.phone='{data['phone']}'").strip() == "0"
    # a login while logged in, with the planted pair, is refused too
    r = s.post(site.base + "/dang-nhap", data={"csrf": planted, "phone": data["phone"],
                                               "password": "hoa sen no som"},
               allow_redirects=False)
    assert r.status_code == 403
    r = s.get(site.base + "/tai-khoan", allow_redirects=False)
    assert r.status_code == 200  # still logged in: the forged logout did nothing
    # the session's own token works, cookie or not
    r = s.post(site.base + "/dang-xuat", data={"csrf": good}, allow_redirects=False)
    assert r.status_code == 303
    # without a session the double-submit cookie is what anonymous forms use
    anon = site.session()
    anon.cookies.set(COOKIE + "_csrf", planted, domain="127.0.0.1", path="/cuoc-thi")
    r = anon.post(site.base + "/dang-nhap", data={"csrf": planted, "phone": data["phone"],
                                                  "password": "hoa sen no som"},
                  allow_redirects=False)
    assert r.status_code == 303


def throttle_of(r):
    m = re.search(r'<throttle retry-at-ms="(\d+)" retry-at-local="([^"]+)"[^>]*retry-in-s="(\d+)"',
                  r.text)
    return m


def test_failed_logins_of_one_account_are_throttled_with_the_time_to_retry(site):
    _, data = site.contestant()
    for i in range(6):
        _, r = site.login(data["phone"], "saiMatKhau1")
        assert r.status_code == 422, i
        assert "Số điện thoại hoặc mật khẩu không đúng." in r.text
    # now even the right password must wait; the page says until when
    s, r = site.login(data["phone"])
    assert r.status_code == 429
    wait = int(r.headers["Retry-After"])
    assert 20 <= wait <= 30
    m = re.search(r"Vui lòng thử lại sau (\d\d/\d\d/\d{4} \d\d:\d\d:\d\d) \(khoảng (\d+) giây nữa\)",
                  r.text)
    assert m, r.text[-3000:]
    assert abs(int(m.group(2)) - wait) <= 1
    xml = s.post(site.base + "/dang-nhap?format=xml",
                 data={"phone": data["phone"], "password": "hoa sen no som",
                       "csrf": site.csrf(s, "/dang-nhap")})
    assert xml.status_code == 429
    t = throttle_of(xml)
    assert t and t.group(2) == m.group(1)
    # another account is not affected
    _, other = site.contestant()
    assert site.login(other["phone"])[1].status_code == 303
    # the window passes (failures aged by 15 minutes): the real user gets in, and the count
    # starts again from zero
    site.sql(f"UPDATE qc_login_failure SET failed_at = failed_at - INTERVAL 16 MINUTE"
             f" WHERE phone='{data['phone']}'")
    assert site.login(data["phone"])[1].status_code == 303
    assert site.sql(f"SELECT COUNT(*) FROM qc_login_failure WHERE phone='{data['phone']}'"
                    ).strip() == "0"


def test_the_wait_is_never_longer_than_fifteen_minutes(site):
    _, data = site.contestant()
    cid = site.contest_id()
    # from this address: refused, at most the window
    site.sql("INSERT INTO qc_login_failure (contest_id, phone, client_ip, failed_at) SELECT "
             f"{cid}, '{data['phone']}', '127.0.0.1', UTC_TIMESTAMP(3) FROM seq_1_to_200")
    s, r = site.login(data["phone"])
    assert r.status_code == 429
    assert 800 <= int(r.headers["Retry-After"]) <= 900
    assert "Đăng nhập sai quá nhiều lần" in r.text
    # from elsewhere: the account's failures only delay its logins, two minutes at most
    site.sql(f"UPDATE qc_login_failure SET client_ip = '192.0.2.1' WHERE phone='{data['phone']}'")
    s, r = site.login(data["phone"])
    assert r.status_code == 429
    assert 100 <= int(r.headers["Retry-After"]) <= 120
    assert "vừa bị đăng nhập sai nhiều lần từ nhiều nơi" in r.text
    site.sql(f"DELETE FROM qc_login_failure WHERE phone='{data['phone']}'")


def test_a_secretariat_reset_ends_every_session_and_lifts_the_throttle(site):
    s, data = site.contestant()
    other, _ = site.login(data["phone"])
    for _ in range(7):
        site.login(data["phone"], "saiMatKhau1")
    assert site.login(data["phone"])[1].status_code == 429
    out = site.admin("set-password", "--contest", "t", "--phone", data["phone"],
                     input="ngay moi mua xuan\n")
    assert "password of" in out.stdout
    assert not logged_in(site, s) and not logged_in(site, other)
    assert site.login(data["phone"])[1].status_code == 422  # the old password
    s, r = site.login(data["phone"], "ngay moi mua xuan")
    # a password someone else set opens only its change (test_contestant_password.py)
    assert r.status_code == 303 and r.headers["Location"].endswith("/tai-khoan/mat-khau")
    assert not logged_in(site, s)
    missing = site.admin("set-password", "--contest", "t", "--phone", phone(),
                         input="ngay moi mua xuan\n", check=False)
    assert missing.returncode == 1 and "no account" in missing.stderr


def test_an_unknown_phone_takes_as_long_as_a_wrong_password(site):
    """Timing must not tell who has an account: the unknown phone costs one bcrypt at the
    configured cost (4 here), like a wrong password."""
    import statistics
    import time
    _, data = site.contestant()
    s = site.session()
    csrf = site.csrf(s, "/dang-nhap")
    known, unknown = [], []
    try:
        for i in range(9):
            for who, out in ((data["phone"], known), (phone(), unknown)):
                t = time.perf_counter()
                r = s.post(site.base + "/dang-nhap", data={"phone": who, "password": "saiMatKhau1",
                                                           "csrf": csrf})
                out.append(time.perf_counter() - t)
                assert r.status_code in (422, 429)
            site.sql(f"DELETE FROM qc_login_failure WHERE phone='{data['phone']}'")
    finally:
        site.sql("DELETE FROM qc_login_failure WHERE client_ip='127.0.0.1'")
    k, u = statistics.median(known), statistics.median(unknown)
    assert u < 2 * k + 0.015, (k, u)


def test_failed_logins_from_one_address_shut_nobody_else_out(site):
    """An office behind one NAT address: others' failures for other phones refuse nobody who
    types the right password; the busy address only makes each of its phones wait after one
    failure instead of five."""
    _, data = site.contestant()
    try:
        def fail(i):
            _, r = site.login(phone(), "khongDung1")
            return r.status_code

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(fail, range(51)))
        assert codes.count(422) == 51, codes
        # 51 failures from this address, each for another phone: the owner still gets in
        assert site.login(data["phone"])[1].status_code == 303
        # but guessing from this busy address waits after the first failure of a phone
        _, victim = site.contestant()
        assert site.login(victim["phone"], "khongDung1")[1].status_code == 422
        assert site.login(victim["phone"], "khongDung1")[1].status_code == 422
        s, r = site.login(victim["phone"])
        assert r.status_code == 429
        assert "Vui lòng thử lại sau" in r.text
        assert 20 <= int(r.headers["Retry-After"]) <= 30
    finally:
        site.sql("DELETE FROM qc_login_failure WHERE client_ip='127.0.0.1'")
    assert site.login(data["phone"])[1].status_code == 303


def test_wrong_phone_and_wrong_password_get_the_same_answer(site):
    _, data = site.contestant()
    _, a = site.login(data["phone"], "saiMatKhau1")
    _, b = site.login(phone(), "saiMatKhau1")
    assert a.status_code == b.status_code == 422
    strip = lambda t: re.sub(r'value="[^"]*"|<time[^>]*>[^<]*</time>', "", t)  # noqa: E731
    assert strip(a.text) == strip(b.text)
    site.sql(f"DELETE FROM qc_login_failure WHERE phone='{data['phone']}'")
