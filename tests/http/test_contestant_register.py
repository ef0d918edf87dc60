"""Registration: every field checked with its own Vietnamese message beside it, the typed values
kept (never the password), one account per person (phone, citizen ID), the exclusion list, the
minimum age on the contest's opening day, fields per contest setting, bcrypt with the configured
cost, names stored in NFC and shown exactly, metacharacters harmless."""
import datetime
import re
import threading
import unicodedata
import uuid
import xml.etree.ElementTree as ET

from qcsite import VN, contest_xml, csrf_at, now

OPENS = now() - datetime.timedelta(days=1)


def CONTEST_XML():
    return contest_xml(opens=OPENS)


def EXTRA_CONTESTS():
    # cccd and e-mail required, no groups
    return {"/da-ket-thuc": contest_xml(code="over", opens=now() - datetime.timedelta(days=10),
                                        closes=now() - datetime.timedelta(days=1),
                                        exclusions=False),
            "/bat-buoc": contest_xml(code="req", cccd="required", email="required", groups=False,
                                     exclusions=False),
            # citizen ID and e-mail not collected at all
            "/khong-cccd": contest_xml(code="off", cccd="off", email="off", exclusions=False),
            # an exclusion list written the way people write numbers
            "/ds-loai": contest_xml(code="ex", exclusions=False).replace(
                "</contest>", '<exclusions><person name="Giám Khảo" phone="+84 900 000 005"'
                              ' cccd="001 190 000 005" role="Ban Giám khảo"/></exclusions>'
                              "</contest>")}


def phone():
    return "09" + str(uuid.uuid4().int)[:8]


def cccd():
    return "001" + str(uuid.uuid4().int)[:9]


def fields_of(r):
    """{field name: (value, error key)} of the form in an XML answer."""
    root = ET.fromstring(r.content)
    return {f.get("name"): (f.text or "", f.get("error"))
            for f in root.iter("field")}, root


def count(site, where):
    return int(site.sql(f"SELECT COUNT(*) FROM qc_contestant WHERE {where}").strip())


def test_every_field_is_checked_with_its_message_beside_it_and_the_input_kept(site):
    bad = {"full_name": "Nguyễn Văn 123", "dob": "31/02/1990", "phone": "0123 45",
           "cccd": "12345", "email": "an@", "unit_id": "", "group_id": "",
           "password": "ngan", "password2": "ngan"}
    s, r, _ = site.register(**bad)
    assert r.status_code == 422
    html = r.text
    messages = {
        "full_name": "Họ và tên chỉ gồm chữ cái",
        "dob": "Ngày sinh không hợp lệ",
        "phone": "Số điện thoại phải gồm 10 chữ số",
        "cccd": "Số căn cước công dân phải gồm đúng 12 chữ số",
        "email": "Địa chỉ thư điện tử không hợp lệ",
        "unit_id": "Vui lòng chọn đơn vị.",
        "group_id": "Vui lòng chọn đối tượng dự thi.",
        "password": "Mật khẩu phải có từ 12 ký tự trở lên; nên dùng một cụm từ dễ nhớ.",
    }
    for name, text in messages.items():
        # the message is next to its field: <p id="NAME-error">, which the input points to
        m = re.search(r'<p class="field-error" id="%s-error" role="alert">\s*([^<]*)</p>' % name, html)
        assert m, f"no message beside {name}"
        assert text in m.group(1), (name, m.group(1))
        if name != "group_id":
            tag = re.search(r'<(?:input|select)[^>]*name="%s"[^>]*>' % name, html).group(0)
            assert f"{name}-error" in tag and 'aria-invalid="true"' in tag, tag
    for name in ("full_name", "dob", "phone", "cccd", "email"):
        assert re.search(r'name="%s"[^>]*value="%s"' % (name, re.escape(bad[name])), html), name
    assert 'value="ngan"' not in html  # never the password
    # the same through the XML
    s2 = site.session()
    r2 = s2.post(site.base + "/dang-ky?format=xml", data=dict(bad, csrf=site.csrf(s2)))
    fields, _ = fields_of(r2)
    assert fields["full_name"] == ("Nguyễn Văn 123", "err.name.chars")
    assert fields["phone"][1] == "err.phone.format"
    assert fields["password"] == ("", "err.password.short")
    assert count(site, "full_name = 'Nguyễn Văn 123'") == 0


def test_other_field_rules_each_give_their_own_message(site):
    cases = [({"full_name": ""}, "full_name", "err.name.required"),
             ({"full_name": "A"}, "full_name", "err.name.length"),
             ({"dob": ""}, "dob", "err.dob.required"),
             ({"dob": "2999-01-01"}, "dob", "err.dob.future"),
             ({"dob": "1850-01-01"}, "dob", "err.dob.implausible"),
             ({"phone": ""}, "phone", "err.phone.required"),
             ({"phone": "0212345678"}, "phone", "err.phone.format"),
             ({"cccd": "999123456789"}, "cccd", "err.cccd.format"),
             ({"unit_id": "999999"}, "unit_id", "err.unit.invalid"),
             ({"group_id": "999999"}, "group_id", "err.group.invalid"),
             ({"password": "matkhau123456", "password2": "matkhau123456"}, "password",
              "err.password.common"),
             ({"password": "hoa sen no som", "password2": "hoa sen no sam"}, "password",
              "err.password.mismatch")]
    s = site.session()
    csrf = site.csrf(s)
    for change, field, key in cases:
        data = {"full_name": "Trần Văn Bình", "dob": "1990-05-17", "phone": phone(),
                "cccd": "", "email": "", "unit_id": site.unit_id(), "group_id": site.group_id(),
                "password": "hoa sen no som", "password2": "hoa sen no som"}
        data.update(change)
        data["csrf"] = csrf
        r = s.post(site.base + "/dang-ky?format=xml", data=data)
        assert r.status_code == 422, (change, r.status_code)
        fields, _ = fields_of(r)
        errors = {k: v[1] for k, v in fields.items() if v[1]}
        assert errors == {field: key}, (change, errors)


def test_unit_of_another_contest_is_refused(site):
    other = site.unit_id(contest="req")
    s, r, _ = site.register(unit_id=other)
    assert r.status_code == 422
    assert "Đơn vị đã chọn không thuộc cuộc thi này" in r.text


def test_registration_creates_a_bcrypt_account_and_logs_in(site):
    s, r, data = site.register(phone="091 234 5670", email="Ban.An@Example.VN")
    assert r.status_code == 303 and r.headers["Location"].endswith("/tai-khoan")
    row = site.sql("SELECT phone, password_hash, email, full_name FROM qc_contestant"
                   " WHERE phone='0912345670'").strip().split("\t")
    assert row[0] == "0912345670"  # stored in its canonical form
    assert re.fullmatch(r"\$2y\$04\$[./A-Za-z0-9]{53}", row[1]), row[1]  # QuizContestBcryptCost 4
    assert "hoa sen no som" not in row[1]
    assert row[2] == "Ban.An@example.vn"
    page = s.get(site.base + "/tai-khoan")
    assert page.status_code == 200 and "Nguyễn Thị Thử" in page.text
    _, r = site.login("0912345670")
    assert r.status_code == 303


def test_phone_is_unique_per_contest_in_any_spelling(site):
    p = phone()
    assert site.register(phone=p)[1].status_code == 303
    s, r, _ = site.register(phone="+84 " + p[1:4] + "." + p[4:])
    assert r.status_code == 422
    assert "Số điện thoại này đã được dùng để đăng ký" in r.text
    assert count(site, f"phone = '{p}'") == 1
    # the same phone in another contest is another account
    assert site.register(phone=p, base=site.root + "/khong-cccd", contest="off")[1].status_code == 303


def test_citizen_id_is_unique_when_collected(site):
    c = cccd()
    assert site.register(cccd=c)[1].status_code == 303
    s, r, _ = site.register(cccd=c[:4] + " " + c[4:])
    assert r.status_code == 422
    assert "Số căn cước công dân này đã được dùng để đăng ký." in r.text
    assert count(site, f"cccd = '{c}'") == 1


def test_parallel_registrations_of_one_phone_make_one_account(site):
    p = phone()
    prepared = []
    for i in range(10):
        s = site.session()
        prepared.append((s, {"full_name": "Lê Văn Đua", "dob": "1990-01-01", "phone": p,
                             "cccd": "", "email": "", "unit_id": site.unit_id(),
                             "group_id": site.group_id(), "password": "hoa sen no som",
                             "password2": "hoa sen no som", "csrf": site.csrf(s)}))
    codes = []

    def post(s, data):
        codes.append(s.post(site.base + "/dang-ky", data=data, allow_redirects=False).status_code)

    threads = [threading.Thread(target=post, args=a) for a in prepared]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [303] + [422] * 9, codes
    assert count(site, f"phone = '{p}'") == 1


def test_required_citizen_id_and_email_and_no_groups(site):
    base = site.root + "/bat-buoc"
    s, r, _ = site.register(base=base, contest="req", cccd="", email="", group_id="")
    assert r.status_code == 422
    assert "Vui lòng nhập số căn cước công dân." in r.text
    assert "Vui lòng nhập thư điện tử." in r.text
    assert "đối tượng dự thi" not in r.text.lower()  # the contest has no groups
    c = cccd()
    s, r, _ = site.register(base=base, contest="req", cccd=c, email="a@b.vn", group_id="")
    assert r.status_code == 303, r.text[:3000]
    assert site.sql(f"SELECT group_id IS NULL, email FROM qc_contestant WHERE cccd='{c}'").split() \
        == ["1", "a@b.vn"]


def test_fields_not_collected_are_not_asked_nor_stored(site):
    base = site.root + "/khong-cccd"
    page = site.session().get(base + "/dang-ky")
    assert 'name="cccd"' not in page.text and 'name="email"' not in page.text
    p = phone()
    s, r, _ = site.register(base=base, contest="off", phone=p, cccd="abc", email="x")
    assert r.status_code == 303
    assert site.sql(f"SELECT cccd IS NULL, email IS NULL FROM qc_contestant WHERE phone='{p}'"
                    f" AND contest_id={site.contest_id('off')}").split() == ["1", "1"]


def test_people_on_the_exclusion_list_are_refused_with_a_clear_message(site):
    for change in ({"phone": "0900000001"}, {"cccd": "001190000002"}):
        s, r, _ = site.register(**change)
        assert r.status_code == 422, change
        assert "thành viên Ban Tổ chức, Ban Giám khảo, Tổ Thư ký" in r.text
        assert 'role="alert"' in r.text
    assert count(site, "phone IN ('0900000001', '0900000002')") == 0


def html_text(page):
    """The page's text with character references resolved."""
    import html
    return html.unescape(page)


def test_the_exclusion_list_matches_however_its_numbers_were_written(site):
    base = site.root + "/ds-loai"
    for change in ({"phone": "0900000005"}, {"cccd": "001190000005"}):
        s, r, _ = site.register(base=base, contest="ex", **change)
        assert r.status_code == 422, change
        assert "thành viên Ban Tổ chức, Ban Giám khảo, Tổ Thư ký" in r.text
    assert site.register(base=base, contest="ex")[1].status_code == 303


def years_before(d, years):
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def test_minimum_age_is_counted_on_the_opening_day(site):
    opening_day = OPENS.astimezone(VN).date()
    fifteen = years_before(opening_day, 15)
    s, r, _ = site.register(dob=(fifteen + datetime.timedelta(days=1)).isoformat())
    assert r.status_code == 422
    assert "Bạn chưa đủ độ tuổi tối thiểu theo thể lệ cuộc thi." in r.text
    s, r, _ = site.register(dob=fifteen.isoformat())
    assert r.status_code == 303
    # the form says the rule
    assert "từ đủ 15 tuổi trở lên" in site.session().get(site.base + "/dang-ky").text


def test_names_are_stored_in_nfc_and_shown_exactly(site):
    nfc = "Nguyễn Thị Ánh Tuyết"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    p = phone()
    s, r, _ = site.register(full_name=nfd, phone=p)
    assert r.status_code == 303
    stored = site.sql(f"SELECT HEX(full_name) FROM qc_contestant WHERE phone='{p}'").strip()
    assert bytes.fromhex(stored).decode("utf-8") == nfc
    page = s.get(site.base + "/tai-khoan")
    assert nfc in page.text and nfd not in page.text


def test_metacharacters_are_harmless(site):
    # an apostrophe and a hyphen are part of names: stored and shown as typed
    p = phone()
    name = "Đặng O'Hara-Lê"
    s, r, _ = site.register(full_name=name, phone=p)
    assert r.status_code == 303
    assert site.sql(f"SELECT full_name FROM qc_contestant WHERE phone='{p}'").strip() == name
    assert name in html_text(s.get(site.base + "/tai-khoan").text)
    # markup typed into a field comes back as text, never as markup
    script = '<script>alert("x")</script>'
    s, r, _ = site.register(full_name=script, email='"><img src=x>@a.vn', phone=phone())
    assert r.status_code == 422
    assert "<script>alert" not in r.text and "<img src=x>" not in r.text
    assert "&lt;script&gt;" in r.text
    # SQL in the phone field is a format error, not a query
    s, r, _ = site.register(phone="0912345678' OR '1'='1")
    assert r.status_code == 422 and "Số điện thoại phải gồm 10 chữ số" in r.text
    _, r = site.login("' OR 1=1 -- ", "x' OR '1'='1")
    assert r.status_code == 422
    assert int(site.sql("SELECT COUNT(*) FROM qc_contestant").strip()) > 0


def test_the_chosen_unit_and_group_are_kept_on_a_refused_form(site):
    unit, group = site.unit_id("huyen-2"), site.group_id("2")
    s, r, _ = site.register(unit_id=unit, group_id=group, password="mot cau khac han", password2="x")
    assert r.status_code == 422
    assert re.search(r'<option value="%s" selected>' % unit, r.text)
    assert re.search(r'<input type="radio" name="group_id" value="%s"[^>]*checked' % group, r.text)
    assert len(re.findall(r"<option [^>]*selected", r.text)) == 1


def test_registration_closes_with_the_contest(site):
    """A contest whose last round has closed offers no registration: the home page says so and
    links no form; the form's page and a form sent anyway are refused (403), nothing stored."""
    base = site.root + "/da-ket-thuc"
    s = site.session()
    home = s.get(base + "/")
    assert home.status_code == 200
    assert "Cuộc thi đã kết thúc." in home.text and "Đã hết thời gian đăng ký dự thi." in home.text
    assert 'href="/da-ket-thuc/dang-ky"' not in home.text
    page = s.get(base + "/dang-ky")
    assert page.status_code == 403
    assert "Cuộc thi đã kết thúc nên không nhận đăng ký mới." in page.text
    token = csrf_at(s, base + "/dang-nhap")
    number = phone()
    _, r, _ = site.register(s=s, base=base, contest="over", csrf=token, phone=number)
    assert r.status_code == 403, r.status_code
    assert "không nhận đăng ký mới" in r.text
    assert count(site, f"phone = '{number}'") == 0
    # the open contest still registers
    _, r, _ = site.register()
    assert r.status_code == 303


def test_date_of_birth_typed_the_vietnamese_way(site):
    """dd/mm/yyyy, from a phone's number pad without '/' (ddmmyyyy), and ISO are all taken; the
    form shows the hint and a number pad."""
    form = site.session().get(site.base + "/dang-ky").text
    tag = re.search(r'<input[^>]*name="dob"[^>]*>', form).group(0)
    assert 'type="text"' in tag and 'inputmode="numeric"' in tag and "dob-hint" in tag, tag
    assert "ví dụ 25/08/1990" in form
    for typed in ("25/08/1990", "25081990", "1990-08-25"):
        number = phone()
        _, r, _ = site.register(dob=typed, phone=number)
        assert r.status_code == 303, (typed, r.status_code)
        assert site.sql(f"SELECT dob FROM qc_contestant WHERE phone = '{number}'").strip() \
            == "1990-08-25", typed
    _, r, _ = site.register(dob="25089999")
    assert r.status_code == 422
