"""The secretariat's menu leads to the clip page (video) and the stage page (san-khau) when the
contest has those parts, and only then (issue 19): the contest's parts are in the page's XML
(<contest><parts clips=".." stage=".."/>), and the menu follows a reloaded definition."""
import datetime
import re

import requests

from qcsite import STAFF, contest_xml, local, now

JURY = """
  <jury><judge user="gk1" name="Giám khảo Một"/></jury>"""
CLIPS = """
  <clips title="Phần thi video clip" deadline="{deadline}" max-size-mb="1">
    <criterion code="noi-dung" title="Nội dung" max="50"/>
    <prize title="Giải Nhất" count="1"/>
  </clips>"""
STAGE = """
  <stage title="Hội thi trực tiếp thử">
    <part code="gioi-thieu" title="Giới thiệu đội">
      <criterion code="noi-dung" title="Nội dung" max="10"/>
    </part>
    <team unit="huyen-1" name="Đội Huyện Một"/>
    <prize title="Giải Nhất" count="1"/>
  </stage>"""


def with_parts(clips, stage):
    extra = JURY
    if clips:
        extra += CLIPS.format(deadline=local(now() + datetime.timedelta(days=2)))
    if stage:
        extra += STAGE
    return contest_xml().replace("</contest>", extra + "\n</contest>")


CONTEST_XML = contest_xml


def menu(site, path="/"):
    """The links of the secretariat's menu on page `path`: [(href, text, current)]."""
    s = requests.Session()
    s.auth = STAFF
    r = s.get(site.root + "/ban-thu-ky" + path)
    assert r.status_code == 200, r.text[:500]
    nav = re.search(r'<nav class="site-nav".*?</nav>', r.text, re.S)
    assert nav, r.text[:1000]
    return [(h, t, bool(c)) for h, c, t in
            re.findall(r'<a href="([^"]*)"( aria-current="page")?>([^<]*)</a>', nav.group(0))]


def parts_xml(site):
    s = requests.Session()
    s.auth = STAFF
    x = s.get(site.root + "/ban-thu-ky/", params={"format": "xml"}).text
    m = re.search(r"<parts [^>]*/>", x)
    assert m, x[:800]
    return m.group(0)


def test_no_parts_no_links(site):
    links = menu(site)
    hrefs = [h for h, _, _ in links]
    assert "/ban-thu-ky/ket-qua" in hrefs  # the menu is there ...
    assert "/ban-thu-ky/video" not in hrefs and "/ban-thu-ky/san-khau" not in hrefs  # ... without them
    assert parts_xml(site) == '<parts clips="0" stage="0"/>'


def test_both_parts_both_links(site):
    site.load_contest(with_parts(clips=True, stage=True))
    assert parts_xml(site) == '<parts clips="1" stage="1"/>'
    links = menu(site)
    assert ("/ban-thu-ky/video", "Video dự thi", False) in links
    assert ("/ban-thu-ky/san-khau", "Sân khấu", False) in links
    # each page is marked as the current one in its own menu
    assert ("/ban-thu-ky/video", "Video dự thi", True) in menu(site, "/video")
    assert ("/ban-thu-ky/san-khau", "Sân khấu", True) in menu(site, "/san-khau")


def test_only_the_stage(site):
    site.load_contest(with_parts(clips=False, stage=True))
    assert parts_xml(site) == '<parts clips="0" stage="1"/>'
    hrefs = [h for h, _, _ in menu(site)]
    assert "/ban-thu-ky/san-khau" in hrefs and "/ban-thu-ky/video" not in hrefs
    # and the page it no longer leads to says there is no such part
    s = requests.Session()
    s.auth = STAFF
    assert s.get(site.root + "/ban-thu-ky/video").status_code == 404
