"""quizcontest-admin import-questions / export-questions against the real MariaDB: a dry run
stores nothing, a file with a bad question is refused whole (unless --skip-rejected), an
unchanged file changes nothing, an edited question becomes a new version while an attempt that
drew the old one scores as before, and an export read back gives the same bank."""
import csv
import io
import os
import re
import subprocess

from qcsite import ADMIN, REPO, csrf_in, local, now

MESSAGES = os.path.join(REPO, "xslt", "messages.xml")
FIXTURES = os.path.join(REPO, "tests", "unit", "fixtures", "qbank")


def imp(site, path, *extra, contest="t", check=False):
    return site.admin("import-questions", "--contest", contest, "--messages", MESSAGES, *extra,
                      str(path), check=check)


def export(site, fmt, contest="t"):
    r = subprocess.run([ADMIN, "--db", site.params(), "export-questions", "--contest", contest,
                        "--format", fmt], capture_output=True, env=site.proc_env)
    assert r.returncode == 0, r.stderr
    return r.stdout


def bank_rows(site, contest="t"):
    return site.sql("SELECT q.id, q.code, q.version, q.retired, q.content_hash, t.code "
                    "FROM qc_question q JOIN qc_contest c ON c.id = q.contest_id "
                    "JOIN qc_topic t ON t.id = q.topic_id "
                    f"WHERE c.code = '{contest}' ORDER BY q.id")


def counts(site):
    return site.sql("SELECT (SELECT COUNT(*) FROM qc_question), (SELECT COUNT(*) FROM qc_topic),"
                    " (SELECT COUNT(*) FROM qc_choice)")


CSV_GOOD_AND_BAD = ("\ufefftopic,question,kind,A,B,C,correct,explanation\r\n"
                    "Thử nghiệm nhập,Câu thử thứ nhất về chuyển đổi số?,single,Một,Hai,Ba,A,\r\n"
                    "Thử nghiệm nhập,Câu thử có hai đáp án đúng mà là single?,single,Một,Hai,Ba,\"A,B\",\r\n"
                    "Thử nghiệm nhập,Câu thử thứ ba về chính phủ số?,multiple,Một,Hai,Ba,\"B,C\",\r\n")


def test_help_of_the_new_subcommands():
    for c in ("import-questions", "export-questions"):
        r = subprocess.run([ADMIN, c, "--help"], capture_output=True, text=True)
        assert r.returncode == 0, c
        assert r.stdout.startswith("usage: quizcontest-admin"), c
        assert c in r.stdout
    top = subprocess.run([ADMIN, "--help"], capture_output=True, text=True).stdout
    assert "import-questions" in top and "export-questions" in top


def test_dry_run_stores_nothing(site, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text(CSV_GOOD_AND_BAD.replace(CSV_GOOD_AND_BAD.splitlines()[2] + "\r\n", ""),
                    encoding="utf-8")
    before = counts(site)
    r = imp(site, path, "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "format csv; 2 question(s) accepted, 0 rejected, 0 duplicate(s)" in r.stdout
    assert "dry run, nothing stored" in r.stdout and "2 question(s) added" in r.stdout
    assert counts(site) == before


def test_a_bad_question_refuses_the_whole_file(site, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(CSV_GOOD_AND_BAD, encoding="utf-8")
    before = counts(site)
    r = imp(site, path)
    assert r.returncode == 1
    assert "2 question(s) accepted, 1 rejected" in r.stdout
    assert re.search(r"line 3: rejected: Câu hỏi một đáp án nhưng có 2 phương án được đánh dấu "
                     r"đúng \(A, B\)", r.stdout), r.stdout
    assert "nothing stored" in r.stderr
    assert counts(site) == before
    dry = imp(site, path, "--dry-run")
    assert dry.returncode == 1 and "would be refused" in dry.stderr
    assert counts(site) == before
    # --skip-rejected stores the accepted questions only
    r = imp(site, path, "--skip-rejected")
    assert r.returncode == 0, r.stderr
    assert "1 topic(s); 2 question(s) added" in r.stdout
    assert site.sql("SELECT COUNT(*) FROM qc_question q JOIN qc_topic t ON t.id = q.topic_id "
                    "WHERE t.title = 'Thử nghiệm nhập'").strip() == "2"


def test_refused_files_store_nothing(site):
    before = counts(site)
    for name, words in (("utf16.csv", "UTF-16"), ("cp1258.csv", "Windows-1258"),
                        ("doctype_bomb.xml", "DOCTYPE"), ("doctype_external.xml", "DOCTYPE")):
        r = imp(site, os.path.join(FIXTURES, name), "--dry-run")
        assert r.returncode == 1, name
        assert "file refused" in r.stderr and words in r.stderr, r.stderr
        r = imp(site, os.path.join(FIXTURES, name))
        assert r.returncode == 1, name
    assert counts(site) == before


def test_unchanged_file_changes_nothing(site, tmp_path):
    for fmt, ext in (("csv", "csv"), ("moodle", "xml"), ("native", "xml")):
        path = tmp_path / f"bank-{fmt}.{ext}"
        path.write_bytes(export(site, fmt))
        before = bank_rows(site)
        r = imp(site, path)
        assert r.returncode == 0, r.stderr
        n = int(site.sql("SELECT COUNT(*) FROM qc_question WHERE retired = 0").strip())
        assert f"0 question(s) added, 0 changed (new version), {n} unchanged" in r.stdout, r.stdout
        assert bank_rows(site) == before, fmt


def answer_everything_right(site, s, loc, attempt):
    csrf = csrf_in(s.get(loc + "?format=xml").text)
    items = sorted(site.answer_key(attempt).items())
    for seq, (position, key) in enumerate(items, 1):
        r = s.post(loc + "/luu", data={"csrf": csrf, "seq": str(seq), "position": str(position),
                                      "choice": key})
        assert r.status_code == 200, r.text[:300]
    r = s.post(loc + "/luu", data={"csrf": csrf, "seq": str(len(items) + 1), "prediction": "100"})
    assert r.status_code == 200, r.text[:300]
    return csrf, len(items)


def test_edited_question_is_a_new_version_and_old_attempts_keep_their_score(site, tmp_path):
    s, _ = site.contestant()
    r = site.start_attempt(s)
    loc = site.root + r.headers["Location"]
    attempt = loc.rsplit("/", 1)[1]
    csrf, n = answer_everything_right(site, s, loc, attempt)
    drawn_id, code = site.sql(
        "SELECT q.id, q.code FROM qc_attempt_item i JOIN qc_question q ON q.id = i.question_id "
        f"WHERE i.attempt_id = {attempt} AND i.position = 1").split()
    # the secretariat edits that question's key (and its explanation) in the exported CSV
    rows = list(csv.reader(io.StringIO(export(site, "csv").decode("utf-8-sig"))))
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("code")] == code:
            letters = [l for l in "ABCDEFGHIJ" if l in header and row[header.index(l)]]
            wrong = [l for l in letters if l not in row[header.index("correct")].split(",")]
            row[header.index("correct")] = wrong[0]
            row[header.index("kind")] = "single"
            row[header.index("explanation")] = "Đáp án đã được Ban Tổ chức sửa."
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "edited.csv"
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    r = imp(site, path)
    assert r.returncode == 0, r.stderr
    assert "0 question(s) added, 1 changed (new version)" in r.stdout, r.stdout
    versions = site.sql("SELECT q.id, q.version, q.retired FROM qc_question q JOIN qc_contest c "
                        f"ON c.id = q.contest_id WHERE c.code = 't' AND q.code = '{code}' "
                        "ORDER BY q.version").splitlines()
    assert versions[-2].split("\t") == [drawn_id, versions[-2].split("\t")[1], "1"]
    assert versions[-1].split("\t")[2] == "0"
    assert int(versions[-1].split("\t")[1]) == int(versions[-2].split("\t")[1]) + 1
    # the attempt still holds the old version and is scored with the old key
    assert site.sql(f"SELECT question_id FROM qc_attempt_item WHERE attempt_id = {attempt} "
                    "AND position = 1").strip() == drawn_id
    # the page's form repeats what the autosaves stored (seq not newer): it submits them
    form = {"csrf": csrf, "seq": str(n + 1), "prediction": "100"}
    for position, selected in site.stored_places(attempt).items():
        form[f"a{position}"] = selected.split(",")
    r = s.post(loc + "/nop", data=form, allow_redirects=False)
    assert r.status_code in (200, 303), r.text[:300]
    assert site.sql(f"SELECT state, score FROM qc_attempt WHERE id = {attempt}").split() == \
        ["submitted", str(n)]
    # the next draw sees only the new version
    assert site.sql(f"SELECT COUNT(*) FROM qc_question q JOIN qc_contest c ON c.id = q.contest_id "
                    f"WHERE c.code = 't' AND q.code = '{code}' AND q.retired = 0").strip() == "1"


def test_export_then_import_gives_the_same_bank(site, tmp_path):
    opens, closes = now(), now()
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<contest xmlns="urn:quizcontest:contest:1" '
           f'code="t2"><title>Cuộc thi chép ngân hàng</title>'
           f'<window opens="{local(opens)}" closes="{local(closes.replace(year=closes.year + 1))}"/>'
           '<units><unit code="u" name="Đơn vị"/></units></contest>\n')
    (tmp_path / "t2.xml").write_text(xml, encoding="utf-8")
    site.admin("load-contest", str(tmp_path / "t2.xml"))
    for fmt, ext in (("native", "xml"), ("moodle", "xml"), ("csv", "csv")):
        original = export(site, fmt)
        path = tmp_path / f"export.{ext}"
        path.write_bytes(original)
        r = imp(site, path, contest="t2")
        assert r.returncode == 0, r.stderr
        assert export(site, fmt, contest="t2") == original, fmt
    # the three imports into t2 were one bank: the first added it, the others changed nothing
    assert site.sql("SELECT COUNT(*) FROM qc_question q JOIN qc_contest c ON c.id = q.contest_id "
                    "WHERE c.code = 't2' AND q.version > 1").strip() == "0"


def test_unknown_contest_and_format_are_refused(site):
    r = imp(site, os.path.join(FIXTURES, "aiken.txt"), "--skip-rejected", contest="no-such")
    assert r.returncode == 1 and "no contest with code no-such" in r.stderr
    r = subprocess.run([ADMIN, "--db", site.params(), "export-questions", "--contest", "no-such",
                        "--format", "csv"], capture_output=True, text=True, env=site.proc_env)
    assert r.returncode == 1 and "no contest with code no-such" in r.stderr
    r = subprocess.run([ADMIN, "--db", site.params(), "export-questions", "--contest", "t",
                        "--format", "gift"], capture_output=True, text=True, env=site.proc_env)
    assert r.returncode == 2
    r = imp(site, os.path.join(FIXTURES, "aiken.txt"), "--format", "pdf")
    assert r.returncode == 1 and "“pdf”" in r.stderr
    # docx is a format now (issue 20): a text file given as one is refused as not a document
    r = imp(site, os.path.join(FIXTURES, "aiken.txt"), "--format", "docx")
    assert r.returncode == 1 and "không phải là văn bản Word (.docx)" in r.stderr
    # a GIFT file read as CSV: its first line is no CSV header
    r = imp(site, os.path.join(FIXTURES, "gift.txt"), "--format", "csv", "--dry-run")
    assert r.returncode == 1 and "dòng tiêu đề" in r.stderr
