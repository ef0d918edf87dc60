"""The secretariat's question bank through the web: upload a file, read the preview (every
rejected question with its line and reason, duplicates, what the import would change), confirm
(all or nothing, audited), export and re-import unchanged, write and edit a question by hand
(an edit is a new version; an attempt that drew the old one keeps it and its score)."""
import re

import requests

from qcsite import csrf_in, staff_session

AREA = "/ban-thu-ky"

GIFT = """// Ngân hàng câu hỏi thử, định dạng GIFT
$CATEGORY: $course$/top/Dịch vụ công trực tuyến

::dvc-1:: Cổng Dịch vụ công quốc gia có địa chỉ nào? {=dichvucong.gov.vn ~chinhphu.vn ~baochinhphu.vn}

::dvc-2:: Mức độ dịch vụ công trực tuyến toàn trình cho phép {
=nộp hồ sơ và nhận kết quả hoàn toàn trên mạng
~chỉ tải biểu mẫu
~chỉ tra cứu thông tin}

::dvc-3:: Câu hỏi lỗi: không có đáp án đúng {~một ~hai ~ba}

::dvc-4:: Chữ ký số có giá trị pháp lý như chữ ký tay theo Luật Giao dịch điện tử. {T}
"""


def upload(site, s, name, content, fmt="auto", xml=True):
    data = {"csrf": site.staff_csrf(s, "/nhap-cau-hoi"), "dinh-dang": fmt}
    files = {"tep": (name, content if isinstance(content, bytes) else content.encode("utf-8"))}
    return s.post(site.root + AREA + "/nhap-cau-hoi" + ("?format=xml" if xml else ""),
                  data=data, files=files, allow_redirects=False)


def confirm(site, s, token, skip=False):
    data = {"csrf": site.staff_csrf(s, "/nhap-cau-hoi"), "ma": token}
    if skip:
        data["bo-qua-cau-loi"] = "1"
    return s.post(site.root + AREA + "/nhap-cau-hoi/xac-nhan?format=xml", data=data,
                  allow_redirects=False)


def count(site, where="retired = 0"):
    return int(site.sql(f"SELECT COUNT(*) FROM qc_question WHERE {where}"))


def test_preview_reports_each_rejected_question_and_stores_nothing(site):
    s = staff_session()
    before = count(site, "1")
    r = upload(site, s, "ngan-hang.gift", GIFT)
    assert r.status_code == 200, r.text[:1000]
    assert 'format="gift"' in r.text and 'accepted="3"' in r.text
    rej = re.findall(r'<reject line="(\d+)" what="([^"]*)" key="([^"]+)"', r.text)
    assert [(line, key) for line, _, key in rej] == [("11", "qbank.reject.single_none")], rej
    assert 'added="3"' in r.text and 'changed="0"' in r.text
    assert count(site, "1") == before            # a preview stores nothing
    html = upload(site, s, "ngan-hang.gift", GIFT, xml=False).text
    assert "Dòng" in html and ">11<" in html     # the report, in Vietnamese, with the line
    assert "Xác nhận nhập 3 câu hỏi" in html


def test_confirm_with_rejects_needs_the_tick_then_stores_all_and_audits(site):
    s = staff_session()
    r = upload(site, s, "ngan-hang.gift", GIFT)
    token = re.search(r'token="([^"]+)"', r.text).group(1)
    before = count(site, "1")
    r = confirm(site, s, token)
    assert r.status_code == 422
    assert "rejects_unconfirmed" in r.text
    assert count(site, "1") == before
    r = confirm(site, s, token, skip=True)
    assert r.status_code == 200, r.text[:1000]
    assert 'added="3"' in r.text and 'skipped="1"' in r.text
    assert count(site, "1") == before + 3
    # GIFT titles only name questions in the report: the stems identify them
    assert site.sql("SELECT COUNT(*) FROM qc_question WHERE retired = 0 AND (body LIKE"
                    " 'Cổng Dịch vụ công quốc gia có địa chỉ nào?' OR body LIKE 'Mức độ dịch vụ%'"
                    " OR body LIKE 'Chữ ký số có giá trị pháp lý%')").strip() == "3"
    assert site.sql("SELECT COUNT(*) FROM qc_question WHERE body LIKE 'Câu hỏi lỗi%'").strip() == "0"
    # a second click on the same confirmation imports nothing twice
    r = confirm(site, s, token, skip=True)
    assert r.status_code == 422 and "err.expired" in r.text
    assert count(site, "1") == before + 3
    audit = s.get(site.root + AREA + "/nhat-ky", params={"format": "xml"}).text
    entry = re.search(r'<entry [^>]*action="bank.import"[^>]*>.*?</entry>', audit, re.S).group(0)
    assert 'actor="thuky"' in entry and "ngan-hang.gift" in entry and "thêm 3" in entry


def test_whole_file_refusals_are_precise_and_change_nothing(site):
    s = staff_session()
    before = count(site, "1")
    r = upload(site, s, "bank.csv", "câu hỏi;A;B;đáp án\nMột?;x;y;A\n".encode("utf-16"), xml=False)
    assert r.status_code == 422
    assert "UTF-16" in r.text and "CSV UTF-8" in r.text
    bomb = ('<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><quiz>&b;</quiz>')
    r = upload(site, s, "bomb.xml", bomb, xml=False)
    assert r.status_code == 422 and "DOCTYPE" in r.text
    r = upload(site, s, "empty.csv", b"", xml=False)
    assert r.status_code == 422 and "không có nội dung" in r.text
    r = s.post(site.root + AREA + "/nhap-cau-hoi",
               data={"csrf": site.staff_csrf(s, "/nhap-cau-hoi")}, allow_redirects=False)
    assert r.status_code == 422 and "Vui lòng chọn tệp" in r.text
    assert count(site, "1") == before


def test_upload_without_csrf_is_refused(site):
    s = staff_session()
    site.expect_log(r"QC00501: refused a secretariat form")
    r = s.post(site.root + AREA + "/nhap-cau-hoi", data={"csrf": "forged"},
               files={"tep": ("a.gift", GIFT.encode())}, allow_redirects=False)
    assert r.status_code == 403


def test_upload_over_the_limit_is_413(site):
    s = staff_session()
    big = b"x" * (10 * 1024 * 1024 + 10)
    r = s.post(site.root + AREA + "/nhap-cau-hoi", data={"csrf": "x"},
               files={"tep": ("big.csv", big)}, allow_redirects=False)
    assert r.status_code == 413


def test_export_then_reimport_changes_nothing(site):
    s = staff_session()
    for fmt, ctype in (("moodle", "application/xml"), ("csv", "text/csv"),
                       ("native", "application/xml")):
        r = s.get(site.root + AREA + "/xuat-cau-hoi", params={"dinh-dang": fmt})
        assert r.status_code == 200 and r.headers["Content-Type"].startswith(ctype)
        assert "attachment" in r.headers["Content-Disposition"]
        if fmt == "csv":
            assert r.content.startswith(b"\xef\xbb\xbf")
        active = count(site)
        p = upload(site, s, f"export.{fmt}", r.content)
        assert p.status_code == 200, (fmt, p.text[:800])
        assert f'accepted="{active}"' in p.text, (fmt, p.text[:800])
        assert 'added="0"' in p.text and 'changed="0"' in p.text, (fmt, p.text[:800])
        assert f'unchanged="{active}"' in p.text
    assert s.get(site.root + AREA + "/xuat-cau-hoi", params={"dinh-dang": "pdf"}).status_code == 400


def test_new_question_form_checks_every_field_and_keeps_input(site):
    s = staff_session()
    token = site.staff_csrf(s, "/cau-hoi/moi")
    data = {"csrf": token, "chu-de": "", "loai": "single", "noi-dung": "Câu <b>thử</b> & 'x'",
            "lua-chon-1": "Đúng", "dung-1": "1", "dung-2": "1", "lua-chon-2": "Sai"}
    r = s.post(site.root + AREA + "/cau-hoi/moi", data=data, allow_redirects=False)
    assert r.status_code == 422
    assert "Vui lòng chọn một chủ đề" in r.text
    assert "chỉ được có đúng một phương án đúng" in r.text
    assert "Câu &lt;b&gt;thử&lt;/b&gt; &amp; 'x'" in r.text  # kept, escaped
    data.update({"chu-de-moi": "Chủ đề do Thư ký thêm", "dung-2": ""})
    r = s.post(site.root + AREA + "/cau-hoi/moi", data=data, allow_redirects=False)
    assert r.status_code == 303, r.text[:1000]
    qid = re.search(r"/cau-hoi/(\d+)\?da-luu=1", r.headers["Location"]).group(1)
    assert site.sql(f"SELECT body FROM qc_question WHERE id = {qid}").strip() == "Câu <b>thử</b> & 'x'"
    assert site.sql(f"SELECT t.title FROM qc_question q JOIN qc_topic t ON t.id = q.topic_id "
                    f"WHERE q.id = {qid}").strip() == "Chủ đề do Thư ký thêm"


def test_editing_a_drawn_question_makes_a_new_version_and_old_scores_stay(site):
    s = staff_session()
    # a contestant's attempt draws every active question? draw one attempt and take its first
    c, _ = site.contestant()
    r = site.start_attempt(c)
    assert r.status_code == 303, r.text[:500]
    attempt = re.search(r"/bai-thi/(\d+)", r.headers["Location"]).group(1)
    qid = site.sql(f"SELECT question_id FROM qc_attempt_item WHERE attempt_id = {attempt} "
                   "AND position = 1").strip()
    code = site.sql(f"SELECT code FROM qc_question WHERE id = {qid}").strip()
    form = s.get(site.root + AREA + f"/cau-hoi/{qid}/sua", params={"format": "xml"}).text
    fields = dict(re.findall(r'<field name="([^"]+)"[^>]*>([^<]*)</field>', form))
    data = {k: v for k, v in fields.items() if k.startswith(("chu-de", "loai", "noi-dung",
                                                             "giai-thich", "lua-chon"))}
    data["chu-de-moi"] = ""
    for n in re.findall(r'<field name="lua-chon-(\d)" n="\d" correct="1"', form):
        data[f"dung-{n}"] = "1"
    data["noi-dung"] = fields["noi-dung"] + " (đã sửa)"
    data["csrf"] = csrf_in(form)
    r = s.post(site.root + AREA + f"/cau-hoi/{qid}/sua", data=data, allow_redirects=False)
    assert r.status_code == 303, r.text[:1000]
    new_id = re.search(r"/cau-hoi/(\d+)\?", r.headers["Location"]).group(1)
    assert new_id != qid
    assert site.sql(f"SELECT retired FROM qc_question WHERE id = {qid}").strip() == "1"
    assert site.sql(f"SELECT code, version > 1, retired FROM qc_question WHERE id = {new_id}"
                    ).split() == [code, "1", "0"]
    # the attempt still holds the old version
    assert site.sql(f"SELECT question_id FROM qc_attempt_item WHERE attempt_id = {attempt} "
                    "AND position = 1").strip() == qid
    audit = s.get(site.root + AREA + "/nhat-ky", params={"format": "xml"}).text
    entry = re.search(r'<entry [^>]*action="question.edit"[^>]*>.*?</entry>', audit, re.S).group(0)
    assert "(đã sửa)" in entry and "<before>" in entry


def test_a_short_file_after_a_long_one_is_read_back_whole(site):
    """The staged file comes back from the database with its own length (the driver does not
    end a blob's value), so a short upload after a long one is not read with stray bytes."""
    s = staff_session()
    long_bank = GIFT + "\n".join(
        f"::x{i}:: Câu hỏi dài số {i} về chính phủ số? {{=đúng {i} ~sai {i}}}\n" for i in range(200))
    assert upload(site, s, "long.gift", long_bank).status_code == 200
    short = "::s1:: Một câu ngắn về chữ ký số? {=có ~không}\n"
    r = upload(site, s, "short.gift", short)
    assert r.status_code == 200 and 'accepted="1"' in r.text, r.text[:500]
    token = re.search(r'token="([^"]+)"', r.text).group(1)
    r = confirm(site, s, token)
    assert r.status_code == 200, r.text[:800]
    assert 'added="1"' in r.text or 'unchanged="1"' in r.text


def test_csv_export_never_writes_a_formula_and_reads_back_the_same(site):
    """A stem or an option that starts with =, +, - or @ is written with a ' before it, so a
    spreadsheet shows it as text (OWASP's CSV injection); the import takes the ' off again."""
    import csv
    import io
    s = staff_session()
    r = s.get(site.root + AREA + "/xuat-cau-hoi", params={"dinh-dang": "csv"})
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    head, first = rows[0], rows[1]
    first[head.index("question")] = '=HYPERLINK("http://evil.example","Bấm vào đây")'
    first[head.index("A")] = "-2+3"
    first[head.index("B")] = "@SUM(1;2)"
    out = io.StringIO()
    csv.writer(out).writerows([head, first])
    p = upload(site, s, "cong-thuc.csv", out.getvalue())
    assert p.status_code == 200, p.text[:800]
    token = re.search(r'token="([^"]+)"', p.text).group(1)
    c = confirm(site, s, token, skip=True)
    assert c.status_code in (200, 303), c.text[:800]
    r = s.get(site.root + AREA + "/xuat-cau-hoi", params={"dinh-dang": "csv"})
    text = r.content.decode("utf-8-sig")
    assert '"\'=HYPERLINK(""http://evil.example"",""Bấm vào đây"")"' in text
    assert '"\'-2+3"' in text and '"\'@SUM(1;2)"' in text
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell[:1] in ("=", "+", "-", "@", "\t", "\r"), cell
    # and the export imports back unchanged, the formula text as it was typed
    active = count(site)
    p = upload(site, s, "export.csv", r.content)
    assert f'unchanged="{active}"' in p.text and 'changed="0"' in p.text, p.text[:800]
    stem = site.sql("SELECT COUNT(*) FROM qc_question WHERE retired = 0 AND body LIKE '=HYPERLINK%'")
    assert stem.strip() == "1"


DUPS = """$CATEGORY: $course$/top/Chuyển đổi số

::cds-1:: Ngày Chuyển đổi số quốc gia là ngày nào? {=10 tháng 10 ~1 tháng 1 ~2 tháng 9}

::cds-2:: Nền tảng định danh điện tử quốc gia là gì? {=VNeID ~Zalo ~Facebook}

::cds-3:: ngày chuyển đổi số   quốc gia là ngày nào? {=10/10 ~1/1}
"""


def test_duplicates_in_the_file_are_refused_like_the_cli_until_ticked(site):
    """The web import follows the CLI's rule (qc_qbank_may_store): a file with a duplicated
    stem stores nothing unless the secretariat ticks that it is left out; the counts say so."""
    s = staff_session()
    before = count(site, "1")
    r = upload(site, s, "trung.gift", DUPS)
    assert r.status_code == 200, r.text[:1000]
    assert 'accepted="2"' in r.text and 'left-out="1"' in r.text, r.text[:1500]
    dup = re.findall(r'<duplicates count="1">\s*<reject line="(\d+)" what="([^"]*)" '
                     r'key="qbank.duplicate">\s*<arg>(\d+)</arg>', r.text)
    assert dup == [("7", "cds-3", "3")], r.text[:2000]
    html = upload(site, s, "trung.gift", DUPS, xml=False).text
    assert "Đề bài trùng với câu hỏi ở dòng 3." in html
    assert "bỏ qua 1 câu lỗi hoặc trùng" in html
    token = re.search(r'token="([^"]+)"', r.text).group(1)
    r = confirm(site, s, token)
    assert r.status_code == 422 and "rejects_unconfirmed" in r.text, r.text[:800]
    assert count(site, "1") == before
    r = confirm(site, s, token, skip=True)
    assert r.status_code == 200, r.text[:800]
    assert 'added="2"' in r.text and 'skipped="1"' in r.text, r.text[:800]
    assert count(site, "1") == before + 2
    assert site.sql("SELECT COUNT(*) FROM qc_question WHERE body LIKE "
                    "'%chuyển đổi số%quốc gia là ngày nào?'").strip() == "1"


def test_a_stem_the_bank_has_under_another_code_is_a_duplicate(site):
    s = staff_session()
    existing = site.sql("SELECT code, body FROM qc_question WHERE retired = 0 "
                        "ORDER BY id LIMIT 1").rstrip("\n").split("\t")
    code, body = existing[0], existing[1]
    assert "{" not in body and "}" not in body and "=" not in body and "~" not in body
    text = ("::moi-1:: Câu hỏi mới hoàn toàn về an toàn thông tin? {=có ~không}\n\n"
            f"::khac-ma:: {body.upper()} {{=một ~hai}}\n")
    before = count(site, "1")
    r = upload(site, s, "ngan-hang-trung.gift", text)
    assert r.status_code == 200, r.text[:1000]
    assert 'accepted="1"' in r.text and 'left-out="1"' in r.text, r.text[:1500]
    dup = re.findall(r'<reject line="(\d+)" what="([^"]*)" key="qbank.duplicate_bank">'
                     r'\s*<arg>([^<]*)</arg>', r.text)
    assert [(line, arg) for line, _, arg in dup] == [("3", code)], r.text[:2000]
    assert 'added="1"' in r.text
    html = upload(site, s, "ngan-hang-trung.gift", text, xml=False).text
    assert f"Đề bài trùng với câu hỏi “{code}” đã có trong ngân hàng câu hỏi." in html
    token = re.search(r'token="([^"]+)"', r.text).group(1)
    r = confirm(site, s, token)
    assert r.status_code == 422 and "rejects_unconfirmed" in r.text
    assert count(site, "1") == before
    r = confirm(site, s, token, skip=True)
    assert r.status_code == 200 and 'added="1"' in r.text and 'skipped="1"' in r.text, r.text[:800]
    assert count(site, "1") == before + 1
    assert site.sql("SELECT COUNT(*) FROM qc_question WHERE code = 'khac-ma'").strip() == "0"


def test_over_long_texts_of_an_imported_file_are_rejected_by_line_not_500(site):
    """qc_question.body, qc_question.explanation and qc_choice.body are TEXT (65,535 bytes);
    qc_topic.title is VARCHAR(300): each question over a limit is put aside with its line and
    the field's reason, before anything reaches the database."""
    s = staff_session()
    long_stem = "Đề bài rất dài " + "ă" * 33000 + "?"          # 66,000+ bytes
    long_choice = "phương án " + "ơ" * 33000
    long_topic = "Chủ đề " + "x" * 300
    text = (f"code;topic;question;A;B;correct;explanation\r\n"
            f"dai-1;Chủ đề dài;{long_stem};có;không;A;\r\n"
            f"dai-2;Chủ đề dài;Câu có phương án dài?;{long_choice};không;A;\r\n"
            f"dai-3;{long_topic};Câu có chủ đề dài?;có;không;A;\r\n"
            f"dai-4;Chủ đề dài;Câu có giải thích dài?;có;không;A;{long_stem}\r\n"
            f"dai-5;Chủ đề dài;Câu hỏi bình thường về chữ ký số?;có;không;A;\r\n")
    before = count(site, "1")
    r = upload(site, s, "dai.csv", text)
    assert r.status_code == 200, r.text[:1000]
    rej = re.findall(r'<reject line="(\d+)" what="([^"]*)" key="([^"]+)"', r.text)
    assert [(line, what, key) for line, what, key in rej] == [
        ("2", "dai-1", "qbank.reject.stem_long"), ("3", "dai-2", "qbank.reject.choice_long"),
        ("4", "dai-3", "qbank.reject.topic_long"), ("5", "dai-4", "qbank.reject.explanation_long"),
    ], rej
    assert 'accepted="1"' in r.text
    html = upload(site, s, "dai.csv", text, xml=False).text
    assert "quá giới hạn 65535 byte" in html and "Phương án A dài" in html
    assert "Tên chủ đề dài quá 300 ký tự." in html
    token = re.search(r'token="([^"]+)"', r.text).group(1)
    r = confirm(site, s, token, skip=True)
    assert r.status_code == 200 and 'added="1"' in r.text and 'skipped="4"' in r.text, r.text[:800]
    assert count(site, "1") == before + 1


def test_question_form_fields_over_their_columns_are_422_next_to_the_field(site):
    s = staff_session()
    base = {"loai": "single", "noi-dung": "Câu hỏi về độ dài?", "lua-chon-1": "có",
            "lua-chon-2": "không", "dung-1": "1", "giai-thich": "", "chu-de": "",
            "chu-de-moi": "Chủ đề thử độ dài"}
    cases = [
        ("chu-de-moi", "Chủ đề " + "d" * 300, "Tên chủ đề mới dài tối đa 300 ký tự."),
        ("lua-chon-2", "ô" * 2001, "Phương án này quá dài"),
        ("giai-thich", "ê" * 2001, "Phần giải thích quá dài"),
        ("noi-dung", "â" * 2001, "Nội dung câu hỏi quá dài"),
        ("chu-de", "x" * 65, "Vui lòng chọn một chủ đề"),
    ]
    before = count(site, "1")
    for field, value, message in cases:
        data = dict(base, csrf=site.staff_csrf(s, "/cau-hoi/moi"))
        data[field] = value
        if field == "chu-de":
            data["chu-de-moi"] = ""
        r = s.post(site.root + AREA + "/cau-hoi/moi", data=data, allow_redirects=False)
        assert r.status_code == 422, (field, r.status_code, r.text[:500])
        assert message in r.text, (field, r.text[:3000])
        assert f'id="{field}-error"' in r.text, field
        if field != "chu-de":                              # (a list: nothing to keep)
            assert value in r.text, field                  # the input is kept
        x = s.post(site.root + AREA + "/cau-hoi/moi?format=xml", data=data,
                   allow_redirects=False).text
        assert re.search(r'<field name="%s"[^>]* error="[^"]+"' % field, x), (field, x[:2000])
    assert count(site, "1") == before


def test_a_file_name_longer_than_its_column_is_422_at_the_file_field(site):
    """qc_import_staging.filename is VARCHAR(255) (and the audit names the file): a name over
    200 characters is refused next to the file field before the file is read."""
    s = staff_session()
    before = site.sql("SELECT COUNT(*) FROM qc_import_staging")
    name = "ngân-hàng-" + "đ" * 300 + ".gift"    # over 255: a 500 from MariaDB before
    r = upload(site, s, name, GIFT)
    assert r.status_code == 422, r.text[:800]
    assert re.search(r'<field name="tep"[^>]* error="staff.import.err.filename_long"', r.text)
    html = upload(site, s, name, GIFT, xml=False).text
    assert "Tên tệp dài quá 200 ký tự" in html
    assert site.sql("SELECT COUNT(*) FROM qc_import_staging") == before
    ok = "đ" * 195 + ".gift"
    r = upload(site, s, ok, GIFT)
    assert r.status_code == 200 and 'accepted="3"' in r.text, r.text[:800]
