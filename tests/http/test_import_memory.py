"""A large web import of a question bank (a file just under the 10 MiB limit) works, and what
the Apache child that served it holds afterwards stays within a few times the file's size:
the preview and the confirmation parse the file in a pool of their own, freed (and given back
to the system) at the end of the request, and every libxml2 document is freed with it.

The resident set (VmRSS in /proc/PID/status) of every child of the test's Apache is read
before and after; the site runs one child (StartServers 1), so the child that served the
import is among them. The figures are printed (pytest -s shows them)."""
import os
import re
import time

from qcsite import staff_session

AREA = "/ban-thu-ky"
TARGET = int(9.9 * 1024 * 1024)


def children_rss(site):
    """{pid: VmRSS in bytes} of every child process of the site's Apache parent."""
    parent = open(os.path.join(site.dir, "httpd.pid")).read().strip()
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            status = open(f"/proc/{pid}/status").read()
        except OSError:
            continue
        if re.search(r"^PPid:\s+%s$" % parent, status, re.M):
            m = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
            if m:
                out[int(pid)] = int(m.group(1)) * 1024
    return out


def big_csv():
    """A CSV bank of about TARGET bytes: distinct questions with long stems and four
    options, in a few topics."""
    rows = ["code;topic;question;A;B;C;D;correct"]
    size = len(rows[0]) + 2
    pad = "nội dung chuyển đổi số, chính phủ số và kinh tế số " * 30
    i = 0
    while size < TARGET - 4096:
        row = (f"m{i:05d};Chủ đề {i % 7};Câu hỏi số {i}: {pad}?;Phương án một {i};"
               f"Phương án hai {i};Phương án ba {i};Phương án bốn {i};A")
        rows.append(row)
        size += len(row.encode("utf-8")) + 2
        i += 1
    data = ("\r\n".join(rows) + "\r\n").encode("utf-8")
    assert len(data) <= 10 * 1024 * 1024
    return data, i


def test_a_10_mib_import_works_and_the_child_gives_the_memory_back(site):
    s = staff_session()
    data, n = big_csv()
    # warm the child up (its stylesheets, its connections) before the first reading
    assert s.get(site.root + AREA + "/nhap-cau-hoi").status_code == 200
    before = children_rss(site)
    assert before, "no Apache child found"
    t0 = time.time()
    csrf = site.staff_csrf(s, "/nhap-cau-hoi")
    r = s.post(site.root + AREA + "/nhap-cau-hoi?format=xml",
               data={"csrf": csrf, "dinh-dang": "auto"},
               files={"tep": ("lon.csv", data)}, allow_redirects=False, timeout=600)
    t_preview = time.time() - t0
    assert r.status_code == 200, r.text[:1000]
    assert f'accepted="{n}"' in r.text and 'left-out="0"' in r.text, r.text[:1000]
    token = re.search(r'token="([^"]+)"', r.text).group(1)
    middle = children_rss(site)
    t1 = time.time()
    r = s.post(site.root + AREA + "/nhap-cau-hoi/xac-nhan?format=xml",
               data={"csrf": site.staff_csrf(s, "/nhap-cau-hoi"), "ma": token},
               allow_redirects=False, timeout=600)
    t_confirm = time.time() - t1
    assert r.status_code == 200, r.text[:1000]
    assert f'added="{n}"' in r.text and 'skipped="0"' in r.text, r.text[:800]
    assert int(site.sql("SELECT COUNT(*) FROM qc_question WHERE code LIKE 'm%' "
                        "AND retired = 0")) == n
    after = children_rss(site)
    common = set(before) & set(after)
    assert common, (before, after)
    growth = max(after[p] - before[p] for p in common)
    print(f"\n10 MiB web import: file {len(data)} bytes, {n} questions; preview {t_preview:.1f} s,"
          f" confirm {t_confirm:.1f} s; child RSS before "
          f"{ {p: v // 1024 for p, v in before.items()} } kB, after preview "
          f"{ {p: v // 1024 for p, v in middle.items()} } kB, after confirm "
          f"{ {p: v // 1024 for p, v in after.items()} } kB; largest growth {growth // 1024} kB")
    assert growth < 4 * len(data), (growth, len(data))
