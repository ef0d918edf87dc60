"""Question banks kept as an Excel workbook (.xlsx) or a Word document (.docx, issue 20),
imported through the secretariat's page (preview, then confirmation: all or nothing) and
through quizcontest-admin import-questions: the same report and refusals as the CSV, a wrong
answer mark reported with its row or question number, and a file that is not what its name
says refused in Vietnamese, never a 500. The files are built here with Python's zipfile, laid
out as Excel and Word write them."""
import io
import re
import zipfile
from xml.sax.saxutils import escape

from qcsite import staff_session
from test_secretariat_bank import confirm, count, upload

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def col(i):
    return chr(ord("A") + i)


def workbook(rows, shared=True):
    """An .xlsx of one sheet: every text cell a shared string (or an inline one)."""
    strings, sheet = [], []
    for r, row in enumerate(rows, start=1):
        cells = []
        for i, v in enumerate(row):
            ref = f"{col(i)}{r}"
            if v == "":
                continue
            if isinstance(v, int):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif shared:
                strings.append(v)
                cells.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
        sheet.append(f'<row r="{r}">{"".join(cells)}</row>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}">'
                   '<sheets><sheet name="Ngân hàng" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                   f'Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'
                   + "".join(sheet) + "</sheetData></worksheet>")
        if shared:
            z.writestr("xl/sharedStrings.xml",
                       f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}">'
                       + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
    return buf.getvalue()


HEADER = ["code", "topic", "question", "A", "B", "C", "D", "correct", "explanation"]
ROWS = [HEADER,
        ["xl-1", "Chuyển đổi số", "Ngày Chuyển đổi số quốc gia là ngày nào?",
         "10/10", "2/9", "19/5", "1/6", "A", "Quyết định 505/QĐ-TTg"],
        ["xl-2", "Chuyển đổi số", "Năm nào Chính phủ phê duyệt Chương trình Chuyển đổi số quốc gia?",
         2018, 2019, 2020, 2021, "C", ""],
        # a wrong answer mark: there is no option F
        ["xl-3", "Chuyển đổi số", "Câu có đáp án không tồn tại?", "Một", "Hai", "Ba", "Bốn", "F", ""]]


def test_xlsx_preview_reports_the_wrong_mark_then_confirm_stores_all_or_nothing(site):
    s = staff_session()
    before = count(site, "1")
    r = upload(site, s, "Ngan-hang.xlsx", workbook(ROWS))
    assert r.status_code == 200, r.text[:1000]
    assert 'format="xlsx"' in r.text and 'accepted="2"' in r.text
    rej = re.findall(r'<reject line="(\d+)" what="([^"]*)" key="([^"]+)"', r.text)
    assert rej == [("4", "xl-3", "qbank.reject.unknown_letter")], rej
    assert 'added="2"' in r.text
    assert count(site, "1") == before            # a preview stores nothing
    html = upload(site, s, "Ngan-hang.xlsx", workbook(ROWS, shared=False), xml=False).text
    assert "Dòng" in html and ">4<" in html and "F" in html
    token = re.search(r'token="([^"]+)"', r.text).group(1)
    r = confirm(site, s, token)                  # a reject not ticked away: nothing stored
    assert r.status_code == 422 and "rejects_unconfirmed" in r.text
    assert count(site, "1") == before
    r = confirm(site, s, token, skip=True)
    assert r.status_code == 200, r.text[:1000]
    assert 'added="2"' in r.text and 'skipped="1"' in r.text
    assert count(site, "1") == before + 2
    assert site.sql("SELECT body FROM qc_question WHERE code = 'xl-2' AND retired = 0").strip() \
        == "Năm nào Chính phủ phê duyệt Chương trình Chuyển đổi số quốc gia?"
    assert site.sql("SELECT COUNT(*) FROM qc_question WHERE code = 'xl-3'").strip() == "0"


def test_a_file_that_is_not_what_its_name_says_is_refused(site):
    s = staff_session()
    before = count(site, "1")
    # a CSV renamed .xlsx: refused as not a workbook, not guessed as CSV
    r = upload(site, s, "bank.xlsx", "question,A,B,correct\nHỏi?,Có,Không,A\n", xml=False)
    assert r.status_code == 422
    assert "không phải là sổ tính Excel (.xlsx)" in r.text
    # a zip without a worksheet
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "không có trang tính")
    r = upload(site, s, "bank.xlsx", buf.getvalue(), xml=False)
    assert r.status_code == 422 and "không có trang tính" in r.text
    # a workbook whose header is not the CSV's
    r = upload(site, s, "bank.xlsx", workbook([["Câu", "Đáp án 1"], ["Hỏi?", "Có"]]), xml=False)
    assert r.status_code == 422 and "dòng tiêu đề" in r.text
    # a workbook sent with the format CSV chosen
    r = upload(site, s, "bank.bin", workbook(ROWS), fmt="csv", xml=False)
    assert r.status_code == 422 and "tệp nén" in r.text
    assert count(site, "1") == before


def test_cli_imports_an_xlsx_with_the_same_report(site, tmp_path):
    from test_admin_questions import imp
    rows = [HEADER] + [[c.replace("xl-", "cli-") if isinstance(c, str) and c.startswith("xl-")
                        else c for c in row] for row in ROWS[1:]]
    rows[1][2] = "Cổng Dịch vụ công quốc gia ra mắt năm nào?"
    rows[2][2] = "Đề án 06 của Chính phủ về lĩnh vực nào?"
    path = tmp_path / "ngan-hang.xlsx"
    path.write_bytes(workbook(rows))
    before = count(site, "1")
    r = imp(site, path)
    assert r.returncode == 1
    assert "format xlsx; 2 question(s) accepted, 1 rejected, 0 duplicate(s)" in r.stdout
    assert "line 4" in r.stdout and "cli-3" in r.stdout
    assert count(site, "1") == before
    r = imp(site, path, "--skip-rejected")
    assert r.returncode == 0, r.stderr
    assert "2 question(s) added" in r.stdout
    assert count(site, "1") == before + 2
    bad = tmp_path / "van-ban.xlsx"
    bad.write_text("question,A,B,correct\nHỏi?,Có,Không,A\n", encoding="utf-8")
    r = imp(site, bad)
    assert r.returncode == 1 and "không phải là sổ tính Excel" in r.stderr


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def para(text, bold=None):
    """A paragraph; `bold` is the part of it (after `text`) in a bold run."""
    runs = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    if bold:
        runs += f'<w:r><w:rPr><w:b/></w:rPr><w:t>{escape(bold)}</w:t></w:r>'
    return f"<w:p>{runs}</w:p>"


def document(paragraphs):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'
                   + "".join(paragraphs) + "</w:body></w:document>")
    return buf.getvalue()


DOCX = [para("ĐỀ THI TRẮC NGHIỆM"),
        para("Câu 1. Cổng thông tin điện tử của tỉnh do cơ quan nào quản lý?"),
        para("A. Sở Tài chính"), para("B. ", "Văn phòng UBND tỉnh"), para("C. Sở Nội vụ"),
        para("Câu 2. Hội nghị trực tuyến dùng phần mềm nào của tỉnh?"),
        para("A. Phần mềm A"), para("*B. Phần mềm B"), para("C. Phần mềm C"),
        para("Câu 3. Câu hỏi có hai đáp án được đánh dấu?"),
        para("A. ", "Một"), para("B. Hai *"), para("C. Ba")]


def test_docx_preview_refuses_two_marks_by_number_then_confirm(site):
    s = staff_session()
    before = count(site, "1")
    r = upload(site, s, "De-thi.docx", document(DOCX))
    assert r.status_code == 200, r.text[:1000]
    assert 'format="docx"' in r.text and 'accepted="2"' in r.text
    rej = re.findall(r'<reject line="(\d+)" what="([^"]*)" key="([^"]+)"', r.text)
    assert rej == [("10", "Câu 3", "qbank.reject.single_many")], rej
    assert count(site, "1") == before
    token = re.search(r'token="([^"]+)"', r.text).group(1)
    r = confirm(site, s, token, skip=True)
    assert r.status_code == 200, r.text[:1000]
    assert 'added="2"' in r.text
    assert count(site, "1") == before + 2
    assert site.sql("SELECT c.body FROM qc_choice c JOIN qc_question q ON q.id = c.question_id"
                    " WHERE q.body LIKE 'Hội nghị trực tuyến%' AND c.is_correct = 1").strip() \
        == "Phần mềm B"
    # a text file named .docx, and a workbook named .docx
    r = upload(site, s, "de-thi.docx", "Câu 1. Hỏi?\nA. Có\n*B. Không\n", xml=False)
    assert r.status_code == 422 and "không phải là văn bản Word (.docx)" in r.text
    r = upload(site, s, "de-thi.docx", workbook(ROWS), xml=False)
    assert r.status_code == 422 and "word/document.xml" in r.text
    assert count(site, "1") == before + 2


def test_cli_imports_a_docx(site, tmp_path):
    from test_admin_questions import imp
    path = tmp_path / "de-thi.docx"
    path.write_bytes(document([para("1. Trung tâm Phục vụ hành chính công đặt tại đâu?"),
                               para("A. ", "Thành phố"), para("B. Huyện"),
                               para("2. Câu không có đáp án?"), para("A. X"), para("B. Y")]))
    before = count(site, "1")
    r = imp(site, path)
    assert r.returncode == 1
    assert "format docx; 1 question(s) accepted, 1 rejected" in r.stdout
    assert "line 4" in r.stdout and "Câu 2" in r.stdout
    assert count(site, "1") == before
    r = imp(site, path, "--skip-rejected")
    assert r.returncode == 0, r.stderr
    assert count(site, "1") == before + 1
