"""Directives merge per directory: a location inherits what an enclosing one sets and
overrides it field by field; a webmaster changes texts with a partial messages file and adds
the portal's CSS, for one location only."""
import os
import tempfile

import requests
from qcsite import REPO

OVERRIDE_DIR = tempfile.mkdtemp(prefix="qc-merge-")
os.chmod(OVERRIDE_DIR, 0o755)
OVERRIDE = os.path.join(OVERRIDE_DIR, "messages-portal.xml")
with open(OVERRIDE, "w", encoding="utf-8") as f:
    f.write('<messages><m key="login.title">Vào phòng thi</m></messages>\n')
os.chmod(OVERRIDE, 0o644)

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
