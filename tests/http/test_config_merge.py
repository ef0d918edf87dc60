"""Directives merge per directory: a location inherits what an enclosing one sets and
overrides it field by field; a webmaster changes texts with a partial messages file and adds
the portal's CSS, for one location only. The portal's whole look is one layout stylesheet
(QuizContestLayout, a copy of layout.xsl), one CSS file (QuizContestThemeCSS) and one messages
file (QuizContestMessages): with the three, every page of every area has the portal's header
and texts."""
import os
import re
import tempfile
import uuid

import requests
from qcsite import REPO, WORK, csrf_in, staff_session

OVERRIDE_DIR = tempfile.mkdtemp(prefix="qc-merge-")
os.chmod(OVERRIDE_DIR, 0o755)
OVERRIDE = os.path.join(OVERRIDE_DIR, "messages-portal.xml")
PORTAL_FOOTER = "Cổng thông tin điện tử tỉnh Thử Nghiệm – Bản quyền thuộc Sở Thông tin và Truyền thông"
PORTAL_HOME = "Về trang Cuộc thi của tỉnh"
with open(OVERRIDE, "w", encoding="utf-8") as f:
    f.write('<messages><m key="login.title">Vào phòng thi</m>\n'
            f'<m key="site.footer">{PORTAL_FOOTER}</m>\n'
            f'<m key="nav.home">{PORTAL_HOME}</m></messages>\n')
os.chmod(OVERRIDE, 0o644)

# The webmaster's layout: a copy of the shipped layout.xsl with the portal's banner in the header.
PORTAL_BANNER = "Cổng Thông tin điện tử Tỉnh Thử Nghiệm"
LAYOUT = os.path.join(OVERRIDE_DIR, "portal-layout.xsl")
with open(os.path.join(REPO, "xslt", "layout.xsl"), encoding="utf-8") as f:
    shipped = f.read()
assert '<header class="site-header">' in shipped
with open(LAYOUT, "w", encoding="utf-8") as f:
    f.write(shipped.replace(
        '<header class="site-header">',
        f'<header class="site-header portal-header"><p class="portal-banner">{PORTAL_BANNER}</p>', 1))
os.chmod(LAYOUT, 0o644)
THEME_CSS = os.path.join(OVERRIDE_DIR, "theme.css")
with open(THEME_CSS, "w", encoding="utf-8") as f:
    f.write(":root { --qc-primary: #0b4f8a; --qc-primary-dark: #083a66; }\n"
            ".portal-banner { margin: 0; padding: .3rem 1rem; background: #062b4c; }\n")
os.chmod(THEME_CSS, 0o644)
HTPASSWD = os.path.join(WORK, "http", "config_merge", "htpasswd")   # written by qcsite

SITE_OPTIONS = {"extra_conf": f"""
<Location /thi-thu>
  SetHandler quizcontest
  QuizContest t
  QuizContestStylesheetDir {REPO}/xslt
  QuizContestMessages {OVERRIDE}
  QuizContestThemeCSS /portal/theme.css
</Location>
<Location /thi-thu/thu-ky>
  QuizContestArea secretariat
</Location>
<Location /cong-tinh>
  SetHandler quizcontest
  QuizContest t
  QuizContestStylesheetDir {REPO}/xslt
  QuizContestLayout {LAYOUT}
  QuizContestMessages {OVERRIDE}
  QuizContestThemeCSS /portal/theme.css
</Location>
<Location /cong-tinh-btk>
  SetHandler quizcontest
  QuizContest t
  QuizContestArea secretariat
  QuizContestStylesheetDir {REPO}/xslt
  QuizContestLayout {LAYOUT}
  QuizContestMessages {OVERRIDE}
  QuizContestThemeCSS /portal/theme.css
  AuthType Basic
  AuthName "Ban Thu ky"
  AuthUserFile {HTPASSWD}
  Require valid-user
</Location>
Alias /portal {OVERRIDE_DIR}
<Directory {OVERRIDE_DIR}>
  Require all granted
</Directory>
"""}


def test_messages_override_applies_to_its_location_only(site):
    themed = requests.get(site.root + "/thi-thu/dang-nhap")
    plain = requests.get(site.base + "/dang-nhap")
    assert themed.status_code == plain.status_code == 200
    assert "Vào phòng thi" in themed.text
    assert "Vào phòng thi" not in plain.text
    # keys the override does not name keep their shipped text
    assert "Số điện thoại di động" in themed.text
    assert '<link rel="stylesheet" href="/portal/theme.css">' in themed.text
    assert "/portal/theme.css" not in plain.text


def test_links_use_the_location_they_are_served_from(site):
    themed = requests.get(site.root + "/thi-thu/dang-nhap")
    assert 'action="/thi-thu/dang-nhap"' in themed.text
    assert 'action="/cuoc-thi/dang-nhap"' in requests.get(site.base + "/dang-nhap").text


def test_nested_location_inherits_contest_and_overrides_area(site):
    site.expect_log(r"QC00007: refused /thi-thu/thu-ky/")
    r = requests.get(site.root + "/thi-thu/thu-ky/")
    assert r.status_code == 403  # the secretariat area, without authentication
    assert "Cuộc thi" in r.text or "xác thực" in r.text


def portal_pages(site):
    """Every page of both areas, served with the portal's layout, CSS and messages:
    name -> response."""
    base = site.root + "/cong-tinh"
    pages = {"home": requests.get(base + "/"), "register": requests.get(base + "/dang-ky"),
             "login": requests.get(base + "/dang-nhap"),
             "not-found": requests.get(base + "/khong-co-trang-nay")}
    s = requests.Session()
    csrf = csrf_in(s.get(base + "/dang-ky?format=xml").text)
    pages["register-errors"] = s.post(base + "/dang-ky", data={"csrf": csrf, "phone": "12"})
    phone = "09" + str(uuid.uuid4().int)[:8]
    r = s.post(base + "/dang-ky", data={
        "csrf": csrf, "full_name": "Nguyễn Thị Cổng", "dob": "1990-05-17", "phone": phone,
        "cccd": "", "email": "", "unit_id": site.unit_id(), "group_id": site.group_id(),
        "password": "hoa sen no som", "password2": "hoa sen no som"})
    pages["account"] = s.get(base + "/tai-khoan")
    assert r.status_code == 200 and r.url.endswith("/tai-khoan"), r.text[:500]
    csrf = csrf_in(s.get(base + "/tai-khoan?format=xml").text)
    quiz = s.post(base + "/bai-thi", data={"csrf": csrf})
    pages["quiz"] = quiz
    assert re.search(r"/bai-thi/\d+$", quiz.url), quiz.url
    pages["result"] = s.post(quiz.url + "/nop", data={"csrf": csrf, "prediction": "5", "seq": "1"})
    assert "/ket-qua/" in pages["result"].url, pages["result"].url
    pages["error-403"] = s.post(base + "/dang-xuat", data={"csrf": "x" * 43})
    staff = staff_session()
    question = site.sql("SELECT MIN(id) FROM qc_question").strip()
    for name, path in (("staff-home", "/"), ("staff-questions", "/cau-hoi"),
                       ("staff-question", f"/cau-hoi/{question}"), ("staff-audit", "/nhat-ky")):
        pages[name] = staff.get(site.root + "/cong-tinh-btk" + path)
    return pages


def test_one_layout_one_css_one_messages_file_restyle_every_page(site):
    shipped_footer = "Mọi thời gian trên trang theo giờ Việt Nam"
    pages = portal_pages(site)
    expected = {"not-found": 404, "register-errors": 422, "error-403": 403}
    for name, r in pages.items():
        assert r.status_code == expected.get(name, 200), (name, r.status_code, r.text[:300])
        html = r.text
        assert f'<p class="portal-banner">{PORTAL_BANNER}</p>' in html, name     # the layout
        css = [m.group(1) for m in re.finditer(r'<link rel="stylesheet" href="([^"]+)"', html)]
        assert css[-1] == "/portal/theme.css" and css[0].endswith("/quizcontest.css"), (name, css)
        assert PORTAL_FOOTER in html and shipped_footer not in html, name           # messages
        assert PORTAL_HOME in html, name
    # the pages keep what the layout does not change: the contest's title, their own content
    assert "Cuộc thi thử nghiệm t" in pages["home"].text
    assert "Vào phòng thi" in pages["login"].text
    assert 'data-position="1"' in pages["quiz"].text
    # the theme's CSS is the portal's file, served by Apache
    r = requests.get(site.root + "/portal/theme.css")
    assert r.status_code == 200 and "--qc-primary: #0b4f8a" in r.text
    # the shipped look stays where nothing is overridden
    plain = requests.get(site.base + "/").text
    assert PORTAL_BANNER not in plain and PORTAL_FOOTER not in plain and shipped_footer in plain
    assert "/portal/theme.css" not in plain
