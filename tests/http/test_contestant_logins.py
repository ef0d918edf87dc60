"""Logins against strangers: failures from one address refuse that address only (the owner
elsewhere gets in), the account's failures from many addresses only delay, briefly; and an
over-long field is answered at once, next to the field, before any hash or statement.

Other client addresses are real ones: the client socket is bound to 127.0.0.2, 127.0.0.3, ...
(every 127/8 address is the loopback on Linux), so Apache's r->useragent_ip is that address."""
import re
import time
import uuid

import requests
from requests.adapters import HTTPAdapter

# a real cost (the other suites use 4), so that a skipped hash is plain in the timings
SITE_OPTIONS = {"location_conf": "QuizContestBcryptCost 12"}


class FromAddress(HTTPAdapter):
    """Connections from a given local address."""

    def __init__(self, ip):
        self.ip = ip
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.ip, 0)
        super().init_poolmanager(*args, **kwargs)


def browser(ip):
    s = requests.Session()
    s.mount("http://", FromAddress(ip))
    return s


def phone():
    return "09" + str(uuid.uuid4().int)[:8]


def login_from(site, ip, number, password="hoa sen no som"):
    return site.login(number, password, s=browser(ip))[1]


def failures(site, number, ip=None):
    where = f" AND client_ip='{ip}'" if ip else ""
    return int(site.sql(f"SELECT COUNT(*) FROM qc_login_failure WHERE phone='{number}'{where}"))


def test_the_address_is_the_one_the_server_sees(site):
    """The fixture itself: a failure from 127.0.0.2 is recorded as 127.0.0.2."""
    _, data = site.contestant()
    assert login_from(site, "127.0.0.2", data["phone"], "saiMatKhau1").status_code == 422
    assert failures(site, data["phone"], "127.0.0.2") == 1
    assert login_from(site, "127.0.0.2", data["phone"]).status_code == 303
    assert failures(site, data["phone"]) == 0


def test_a_stranger_guessing_from_one_address_does_not_keep_the_owner_out(site):
    _, data = site.contestant()
    p = data["phone"]
    for i in range(5):
        assert login_from(site, "127.0.0.2", p, "saiMatKhau1").status_code == 422, i
    # the sixth failure starts the stranger's wait ...
    assert login_from(site, "127.0.0.2", p, "saiMatKhau1").status_code == 422
    r = login_from(site, "127.0.0.2", p)
    assert r.status_code == 429 and 20 <= int(r.headers["Retry-After"]) <= 30
    assert "Đăng nhập sai quá nhiều lần" in r.text
    # ... and guessing on at a steady pace from there is refused and counts nothing more
    for _ in range(5):
        assert login_from(site, "127.0.0.2", p, "saiMatKhau1").status_code == 429
    assert failures(site, p, "127.0.0.2") == 6
    # the owner, at another address, gets in at once, every time
    for _ in range(3):
        assert login_from(site, "127.0.0.3", p).status_code == 303
        assert login_from(site, "127.0.0.1", p).status_code == 303
    # the owner's logins do not give the stranger a fresh start
    assert failures(site, p, "127.0.0.2") == 6
    assert login_from(site, "127.0.0.2", p, "saiMatKhau1").status_code == 429
    site.sql(f"DELETE FROM qc_login_failure WHERE phone='{p}'")


def test_guessing_from_many_addresses_only_delays_briefly(site):
    _, data = site.contestant()
    p = data["phone"]
    # 12 failures spread over three addresses (4 each: none of them is refused yet)
    for ip in ("127.0.0.4", "127.0.0.5", "127.0.0.6"):
        for _ in range(4):
            assert login_from(site, ip, p, "saiMatKhau1").status_code == 422
    assert login_from(site, "127.0.0.7", p, "saiMatKhau1").status_code == 422  # the 13th
    # now everyone waits for this account, the owner too, but briefly, and is told so
    r = login_from(site, "127.0.0.8", p)
    assert r.status_code == 429
    wait = int(r.headers["Retry-After"])
    assert 10 <= wait <= 15, wait
    m = re.search(r"vui lòng đợi đến (\d\d/\d\d/\d{4} \d\d:\d\d:\d\d) \(khoảng (\d+) giây nữa\)",
                  r.text)
    assert m and "nhiều nơi" in r.text, r.text[-3000:]
    assert abs(int(m.group(2)) - wait) <= 1
    # tries during the wait are not checked and not counted: the wait does not grow
    for ip in ("127.0.0.4", "127.0.0.9"):
        assert login_from(site, ip, p, "saiMatKhau1").status_code == 429
    assert failures(site, p) == 13
    # however many failures, the delay is two minutes at most
    cid = site.contest_id()
    site.sql("INSERT INTO qc_login_failure (contest_id, phone, client_ip, failed_at) SELECT "
             f"{cid}, '{p}', CONCAT('198.51.100.', seq % 250), UTC_TIMESTAMP(3)"
             " FROM seq_1_to_500")
    r = login_from(site, "127.0.0.8", p)
    assert r.status_code == 429 and 100 <= int(r.headers["Retry-After"]) <= 120
    # once the delay has passed (the failures aged by two minutes), the owner gets in
    site.sql(f"UPDATE qc_login_failure SET failed_at = failed_at - INTERVAL 121 SECOND"
             f" WHERE phone='{p}'")
    assert login_from(site, "127.0.0.8", p).status_code == 303
    site.sql(f"DELETE FROM qc_login_failure WHERE phone='{p}'")


def test_an_office_behind_one_address_is_not_shut_out(site):
    """Many phones from one address with the right password, while others there fail."""
    office = "127.0.0.10"
    people = [site.contestant()[1]["phone"] for _ in range(3)]
    try:
        cid = site.contest_id()
        site.sql("INSERT INTO qc_login_failure (contest_id, phone, client_ip, failed_at) SELECT "
                 f"{cid}, CONCAT('0912', LPAD(seq, 6, '0')), '{office}', UTC_TIMESTAMP(3)"
                 " FROM seq_1_to_300")
        for p in people:
            assert login_from(site, office, p).status_code == 303
        # one typo there is still allowed; the second failure of a phone waits
        p = people[0]
        assert login_from(site, office, p, "saiMatKhau1").status_code == 422
        assert login_from(site, office, p).status_code == 303
        assert login_from(site, office, p, "saiMatKhau1").status_code == 422
        assert login_from(site, office, p, "saiMatKhau1").status_code == 422
        assert login_from(site, office, p).status_code == 429
        # the same person from home is not refused
        assert login_from(site, "127.0.0.11", p).status_code == 303
    finally:
        site.sql(f"DELETE FROM qc_login_failure WHERE client_ip='{office}'")


def timed_login(s, site, csrf, number, password):
    t = time.perf_counter()
    r = s.post(site.base + "/dang-nhap", data={"phone": number, "password": password,
                                               "csrf": csrf}, allow_redirects=False)
    return r, time.perf_counter() - t


def test_an_over_long_login_phone_is_answered_at_once(site):
    _, data = site.contestant()
    s = browser("127.0.0.12")
    csrf = site.csrf(s, "/dang-nhap")
    _, hashed = timed_login(s, site, csrf, data["phone"], "saiMatKhau1")
    assert hashed > 0.08, hashed  # the site's cost is a real one
    long_phone = "0912345678" * 4 + "9"
    for number, password in ((long_phone, "saiMatKhau1"), ("09" + "1" * 5000, "x"),
                             (data["phone"], "a1" * 37)):
        times = []
        for _ in range(8):  # more than any throttle lets through: none of them counts
            r, took = timed_login(s, site, csrf, number, password)
            assert r.status_code == 422, (r.status_code, r.text[-2000:])
            times.append(took)
        assert min(times) < hashed / 3, (times, hashed)
    assert failures(site, data["phone"]) == 1
    assert int(site.sql("SELECT COUNT(*) FROM qc_login_failure WHERE client_ip='127.0.0.12'")) == 1
    # the message next to the field, what was typed kept
    r, _ = timed_login(s, site, csrf, long_phone, "saiMatKhau1")
    assert "Số điện thoại quá dài" in r.text
    assert f'value="{long_phone}"' in r.text
    assert re.search(r'<p class="field-error" id="phone-error" role="alert">\s*Số điện thoại quá dài',
                     r.text)
    r, _ = timed_login(s, site, csrf, data["phone"], "a1" * 37)
    assert re.search(r'id="password-error" role="alert">\s*Mật khẩu quá dài', r.text)
    assert "a1" * 37 not in r.text
    assert login_from(site, "127.0.0.12", data["phone"]).status_code == 303


LONG = {
    "full_name": ("Nguyễn " * 70 + "An", "Họ và tên phải có từ 2 đến 100 ký tự."),
    "dob": ("1990-05-17" + " " * 5 + "0" * 30, "Ngày sinh không hợp lệ"),
    "phone": ("09" + "1" * 40, "Số điện thoại quá dài"),
    "cccd": ("0" * 40, "Số căn cước công dân phải gồm đúng 12 chữ số"),
    "email": ("a" * 250 + "@donvi.gov.vn", "Địa chỉ thư điện tử quá dài"),
    "unit_id": ("1" * 30, "Đơn vị đã chọn không thuộc cuộc thi này"),
    "group_id": ("1" * 30, "Đối tượng dự thi không hợp lệ"),
    "password": ("a1" * 40, "Mật khẩu quá dài"),
}


def test_over_long_registration_fields_are_refused_first(site):
    s = browser("127.0.0.13")
    t = time.perf_counter()
    _, r, _ = site.register(s=s)
    hashed = time.perf_counter() - t  # includes the form's page and one bcrypt
    assert r.status_code == 303
    for field, (value, message) in LONG.items():
        s = browser("127.0.0.13")
        csrf = site.csrf(s)
        fields = {field: value, "csrf": csrf}
        if field == "password":
            fields["password2"] = value
        t = time.perf_counter()
        _, r, sent = site.register(s=s, **fields)
        took = time.perf_counter() - t
        assert r.status_code == 422, (field, r.status_code, r.text[-2000:])
        assert took < hashed, (field, took, hashed)
        assert message in r.text, (field, r.text[-4000:])
        html = r.text
        if field not in ("password", "unit_id", "group_id"):
            assert f'id="{field}-error"' in html, field
            assert 'value="' + value.replace("'", "&#39;") in html or value in html, field
        if field == "password":
            assert value not in html
        assert site.sql(f"SELECT COUNT(*) FROM qc_contestant WHERE phone='{sent['phone']}'"
                        ).strip() == "0", field
    assert "QC0" not in "".join(site.unexpected_log_lines())

