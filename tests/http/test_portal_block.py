"""The block the department's portal includes or frames (issue 17, "On the portal's menu"):
<location>/khung gives the contest's name, its status as the home page computes it, the time
left until the open round closes or the next one opens (computed by the server, in
Vietnamese), and links to register (only while registration is open), log in and the
published results. Only this page may be framed by the origins QuizContestFrameAncestors
lists; every other page keeps frame-ancestors 'self'. Dates are shifted from now."""
import datetime
import re
import time

import requests

from qcsite import apache_syntax_check, contest_xml, now

D = datetime.timedelta
PORTAL = "https://portal.example.gov.vn http://127.0.0.1:8080"
SITE_OPTIONS = {"location_conf": f'QuizContestFrameAncestors "{PORTAL}"'}
# the open round of /cuoc-thi closes 2 days, 3 hours and 30 minutes after the site starts
CLOSES = now() + D(days=2, hours=3, minutes=30)


def CONTEST_XML():
    t = now()
    return contest_xml(opens=t - D(days=3), closes=CLOSES,
                       rounds=[("Vòng 1", t - D(days=3), t - D(days=1), None),
                               ("Vòng 2", t - D(hours=12), CLOSES, None)])


def EXTRA_CONTESTS():
    t = now()
    return {
        # before opening: opens in 1 day and 2 hours
        "/sap-mo": contest_xml(code="sm", opens=t + D(days=1, hours=2), closes=t + D(days=10),
                               rounds=[("Vòng 1", t + D(days=1, hours=2), t + D(days=10), None)]),
        # between the rounds: the second opens in 5 hours
        "/giua": contest_xml(code="gv", opens=t - D(days=3), closes=t + D(days=5),
                             rounds=[("Vòng 1", t - D(days=3), t - D(days=1), None),
                                     ("Vòng 2", t + D(hours=5), t + D(days=5), None)]),
        # over: published by the test
        "/da-xong": contest_xml(code="dx", opens=t - D(days=5), closes=t - D(days=1),
                                rounds=[("Vòng 1", t - D(days=5), t - D(days=1), None)]),
    }


def block(site, path="/cuoc-thi"):
    r = requests.get(site.root + path + "/khung")
    assert r.status_code == 200, r.text[:2000]
    x = requests.get(site.root + path + "/khung?format=xml")
    assert x.status_code == 200 and "<block" in x.text, x.text[:2000]
    return r, re.search(r"<block\b[^>]*>.*?</block>|<block\b[^>]*/>", x.text, re.S).group(0)


def links(html):
    return {(href, target) for href, target in
            re.findall(r'<a [^>]*href="([^"]*)"[^>]*target="([^"]*)"', html)}


def time_left(xml, html, sentence, planned_min):
    """The block's time left, in minutes: the time from now to the moment the block names
    (closes-ms or opens-ms), rounded up to whole minutes, and never more than the definition
    planned when the site started (planned_min; the test may run long after that); and the
    sentence the page writes from the same days, hours and minutes."""
    m = re.search(r'<left [^>]*days="(\d+)" hours="(\d+)" minutes="(\d+)"', xml)
    assert m, xml
    days, hours, minutes = map(int, m.groups())
    assert hours < 24 and minutes < 60, m.groups()
    total = days * 1440 + hours * 60 + minutes
    target = re.search(r'<left [^>]*(?:closes|opens)-ms="(\d+)"', xml)
    assert target, xml
    expected = -(-(int(target.group(1)) - int(time.time() * 1000)) // 60000)
    assert expected - 1 <= total <= expected + 1, (total, expected)
    assert total <= planned_min, (total, planned_min)
    words = (f"{days} ngày " if days else "") + (f"{hours} giờ " if days or hours else "") + \
        f"{minutes} phút"
    assert f"{sentence} <strong>{words}</strong>" in html, html
    return days, hours, minutes


def frame_ancestors(r):
    csp = r.headers.get("Content-Security-Policy", "")
    m = re.search(r"frame-ancestors ([^;]*)(;|$)", csp)
    assert m, csp
    return m.group(1).strip()


def test_open_round_the_status_the_time_left_and_the_links(site):
    r, xml = block(site)
    html = r.text
    assert "Cuộc thi thử nghiệm t" in html
    assert 'status="open"' in xml and 'round-seq="2"' in xml, xml
    assert "Đang mở vòng 2" in html
    # the time left: computed by the server, in whole minutes rounded up
    assert "closes-iso" in xml, xml
    time_left(xml, html, "Vòng thi đóng sau", (2 * 24 + 3) * 60 + 30)
    # the closing moment in Vietnam time, as the home page writes it
    local = CLOSES.astimezone(datetime.timezone(D(hours=7))).strftime("%d/%m/%Y %H:%M")
    assert f"(lúc {local})" in html, html
    # the links open in the whole window: register (registration is open), log in; no results
    assert links(html) == {("/cuoc-thi/", "_top"), ("/cuoc-thi/dang-ky", "_top"),
                           ("/cuoc-thi/dang-nhap", "_top")}, links(html)
    assert "Đăng ký dự thi" in html and "Đăng nhập" in html
    # the same status as the home page computes
    home = requests.get(site.base + "/?format=xml").text
    assert re.search(r'<home [^>]*status="open"', home), home[:1500]
    # its own style sheet, nothing of the layout's
    assert "portal-block.css" in html and "quizcontest.css" not in html
    css = requests.get(site.root + "/quizcontest-static/portal-block.css")
    assert css.status_code == 200 and ".qc-links" in css.text


def test_before_opening(site):
    r, xml = block(site, "/sap-mo")
    html = r.text
    assert 'status="upcoming"' in xml and "round-seq" not in xml, xml
    assert "Chưa mở" in html
    assert "opens-iso" in xml and "closes-iso" not in xml, xml
    time_left(xml, html, "Vòng thi tiếp theo mở sau", 26 * 60)
    assert ("/sap-mo/dang-ky", "_top") in links(html)
    assert not any("ket-qua" in h for h, _ in links(html))


def test_between_rounds(site):
    r, xml = block(site, "/giua")
    assert 'status="between"' in xml, xml
    assert "Giữa các vòng thi" in r.text
    time_left(xml, r.text, "Vòng thi tiếp theo mở sau", 5 * 60)


def test_over_then_published(site):
    r, xml = block(site, "/da-xong")
    assert 'status="closed"' in xml and "<left" not in xml, xml
    assert "Đã kết thúc" in r.text
    # registration closed with the contest: only the login
    assert links(r.text) == {("/da-xong/", "_top"), ("/da-xong/dang-nhap", "_top")}, links(r.text)
    site.admin("publish", "--contest", "dx", "--round", "1", "--by", "thuky")
    r, xml = block(site, "/da-xong")
    assert 'status="published"' in xml and 'results="1"' in xml, xml  # round 1's results
    assert "Đã công bố kết quả" in r.text and "Đã kết thúc" not in r.text
    assert links(r.text) == {("/da-xong/", "_top"), ("/da-xong/dang-nhap", "_top"),
                             ("/da-xong/ket-qua-chung?vong=1", "_top")}, links(r.text)
    assert "Xem kết quả" in r.text
    assert requests.get(site.root + "/da-xong/ket-qua-chung?vong=1").status_code == 200


def test_the_directive_lets_the_portal_frame_the_block_only(site):
    for path in ("/khung", "/khung?format=xml"):
        r = requests.get(site.base + path)
        assert frame_ancestors(r) == "'self' " + PORTAL, r.headers
        assert "X-Frame-Options" not in r.headers, r.headers
    # every other page keeps its protection: only the site itself may frame it
    for path in ("/", "/", "/dang-nhap", "/dang-ky", "/ket-qua-chung", "/?format=xml"):
        r = requests.get(site.base + path)
        assert frame_ancestors(r) == "'self'", (path, r.headers)
        assert "portal.example" not in r.headers["Content-Security-Policy"]
    r = requests.get(site.root + "/ban-thu-ky/", auth=("thuky", "secret-pass"))
    assert r.status_code == 200 and frame_ancestors(r) == "'self'", r.headers


def test_without_the_directive_only_the_site_frames_the_block(site):
    r = requests.get(site.root + "/sap-mo/khung")
    assert r.status_code == 200 and frame_ancestors(r) == "'self'", r.headers


def test_the_directive_takes_origins_only(tmp_path):
    def check(value):
        return apache_syntax_check(
            tmp_path, f'<Location /x>\n  QuizContestFrameAncestors {value}\n</Location>\n')

    for good in ('"https://portal.example.gov.vn"', "http://127.0.0.1:8080",
                 '"https://a.example.vn http://b.example.vn:8443"'):
        r = check(good)
        assert r.returncode == 0, (good, r.stderr)
    for bad in ('"https://portal.example.gov.vn/trang-chu"', "https://portal.example.gov.vn/",
                "'*'", "\"'none'\"", "portal.example.gov.vn", "ftp://portal.example.gov.vn",
                "https://portal.example.gov.vn:0", "https://portal.example.gov.vn:70000",
                "https://", "https://a..vn", '""', '"https://a.vn *"',
                "https://user@portal.example.gov.vn"):
        r = check(bad)
        assert r.returncode != 0, bad
        assert "QuizContestFrameAncestors" in r.stderr, (bad, r.stderr)
