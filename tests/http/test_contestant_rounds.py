"""The public contest home (title, theme, organiser, timeline with each round's window, rules,
documents, status with a countdown, participants so far, links to register and log in), and
rounds: several windows each with its own attempt limit, and weekly recurring rounds (Bến Tre:
08:00 Monday to 24:00 Sunday, Asia/Ho_Chi_Minh)."""
import datetime
import os
import re
import time
import xml.etree.ElementTree as ET

import requests

from qcsite import REPO, VN, contest_xml, local, location_conf, now

D = datetime.timedelta
NOW = now()
ROUNDS = [("Đợt một", NOW - D(days=10), NOW - D(days=3), None),
          ("Đợt hai", NOW - D(days=1), NOW + D(days=5), 2),
          ("Đợt ba", NOW + D(days=6), NOW + D(days=12), None)]


def CONTEST_XML():
    return contest_xml(opens=NOW - D(days=10), closes=NOW + D(days=12), rounds=ROUNDS)


def EXTRA_CONTESTS():
    weekly = ('<rounds><recurring title="Tuần {n}" first-opens="%s" first-closes="%s"'
              ' every-days="7" count="3" attempts="1"/></rounds>'
              % (local(NOW - D(days=8)), local(NOW - D(days=1))))
    return {
        "/sap-mo": contest_xml(code="up", opens=NOW + D(days=2), closes=NOW + D(days=9)),
        "/da-xong": contest_xml(code="done", opens=NOW - D(days=9), closes=NOW - D(days=2)),
        "/giua": contest_xml(code="gap", opens=NOW - D(days=5), closes=NOW + D(days=2), rounds=[("A", NOW - D(days=5), NOW - D(days=4), None),
                                                 ("B", NOW + D(days=1), NOW + D(days=2), None)]),
        "/hang-tuan": contest_xml(code="wk", opens=NOW - D(days=8), closes=NOW + D(days=13),
                                  rounds_xml=weekly),
    }


SITE_OPTIONS = {"extra_conf": location_conf("/ben-tre", "bt-congdoan-2024")}


def vn(dt):
    return dt.astimezone(VN).strftime("%d/%m/%Y %H:%M")


def home(site, base=None, s=None):
    base = base or site.base
    g = (s or requests).get
    return g(base + "/"), ET.fromstring(g(base + "/?format=xml").content).find("home")


def test_the_home_page_tells_everything_about_the_contest(site):
    r, h = home(site)
    html = r.text
    assert r.status_code == 200
    for text in ("Cuộc thi thử nghiệm t", "Chủ đề: Chủ đề thử", "Ban Tổ chức thử nghiệm",
                 "Thể lệ", "Thể lệ thử nghiệm.", "Tài liệu tham khảo"):
        assert text in html, text
    assert '<a href="https://example.invalid/luat">Luật Giao dịch điện tử</a>' in html
    # the timeline: the contest's window and every round's
    assert "Từ %s đến %s." % (vn(NOW - D(days=10)), vn(NOW + D(days=12))) in html
    for title, opens, closes, _ in ROUNDS:
        row = re.search(r"<tr class=\"round-\w+\"><th scope=\"row\">%s</th>(.*?)</tr>" % title, html)
        assert row, title
        assert vn(opens) in row.group(1) and vn(closes) in row.group(1), (title, row.group(1))
    assert [x.get("state") for x in h.find("rounds")] == ["past", "open", "upcoming"]
    # status with a countdown to the current round's close
    assert "Cuộc thi đang diễn ra." in html
    m = re.search(r'Đợt thi hiện tại đóng vào lúc <time datetime="([^"]+)" data-countdown-ms="(\d+)">'
                  r"\s*([^<]+?)\s*</time>", html)
    assert m, html
    left = int(m.group(2))
    assert abs(left - (ROUNDS[1][2] - now()).total_seconds() * 1000) < 60000
    assert m.group(3) == vn(ROUNDS[1][2])
    assert 'href="/cuoc-thi/dang-ky"' in html and 'href="/cuoc-thi/dang-nhap"' in html
    assert re.search(r"Đã có \d+ người dự thi \(\d+ tài khoản đăng ký\)\.", html)


def test_the_home_page_counts_participants_so_far(site):
    _, h = home(site)
    before = (int(h.get("participants")), int(h.get("registered")))
    s, _ = site.contestant()
    _, h = home(site)
    assert (int(h.get("participants")), int(h.get("registered"))) == (before[0], before[1] + 1)
    url = site.attempt_url(site.start_attempt(s))
    q = site.quiz(s, url)
    s.post(url + "/nop", data={"csrf": q["csrf"], "seq": str(q["seq"]), "prediction": "1"})
    # the public page may come from the module's one-second cache of the public home page: a second later
    # it shows the new counts
    time.sleep(1.2)
    r, h = home(site)
    assert (int(h.get("participants")), int(h.get("registered"))) == (before[0] + 1, before[1] + 1)
    assert f"Đã có {before[0] + 1} người dự thi ({before[1] + 1} tài khoản đăng ký)." in r.text
    # a logged-in contestant is sent to their attempts instead of the register / log in links
    html = s.get(site.base + "/").text
    assert "Vào bài thi của tôi" in html


def test_the_status_before_between_and_after(site):
    r, h = home(site, site.root + "/sap-mo")
    assert h.get("status") == "upcoming" and "Cuộc thi chưa bắt đầu." in r.text
    assert re.search(r"Mở vào lúc <time [^>]*data-countdown-ms=\"(\d+)\">\s*%s" % vn(NOW + D(days=2)),
                     r.text)
    r, h = home(site, site.root + "/giua")
    assert h.get("status") == "between"
    assert "Đợt thi trước đã kết thúc; đợt tiếp theo chưa mở." in r.text
    assert "Đợt tiếp theo mở vào lúc" in r.text
    r, h = home(site, site.root + "/da-xong")
    assert h.get("status") == "closed" and "Cuộc thi đã kết thúc." in r.text
    assert "data-countdown-ms" not in r.text


def play_once(site, s, base):
    url = site.attempt_url(site.start_attempt(s, base=base))
    q = site.quiz(s, url)
    r = s.post(url + "/nop", data={"csrf": q["csrf"], "seq": str(q["seq"]), "prediction": "1"},
               allow_redirects=False)
    assert r.status_code == 303
    return url


def test_each_round_has_its_own_attempt_limit(site):
    s, _ = site.contestant()
    for _ in range(2):
        play_once(site, s, site.base)
    r = site.start_attempt(s)
    assert r.headers["Location"].endswith("?notice=no-attempts")  # round two allows 2, not 3
    acc = s.get(site.base + "/tai-khoan?format=xml").text
    assert re.search(r'<current-round [^>]*attempts-allowed="2" attempts-used="2" attempts-left="0"',
                     acc), acc


def test_weekly_rounds_each_with_its_own_attempt_limit(site):
    base = site.root + "/hang-tuan"
    cid = site.contest_id("wk")
    assert site.sql(f"SELECT title FROM qc_round WHERE contest_id={cid} ORDER BY seq").split("\n")[:3] \
        == ["Tuần 1", "Tuần 2", "Tuần 3"]
    s, _ = site.contestant(base=base, contest="wk")
    first = play_once(site, s, base)
    r = site.start_attempt(s, base=base)
    assert r.headers["Location"].endswith("?notice=no-attempts")
    res = s.get(first.replace("/bai-thi/", "/ket-qua/") + "?format=xml").text
    assert 'round-title="Tuần 2"' in res and 'attempts-left="0"' in res
    # a week later (the rounds moved back by 7 days): week 3 is open, with its own attempt
    site.change_contest(f"UPDATE qc_round SET opens_at = opens_at - INTERVAL 7 DAY,"
             f" closes_at = closes_at - INTERVAL 7 DAY WHERE contest_id={cid}")
    try:
        url = site.attempt_url(site.start_attempt(s, base=base))
        x = site.quiz(s, url)["root"].find("quiz")
        assert x.get("round-title") == "Tuần 3" and x.get("attempt-no") == "1"
        q = site.quiz(s, url)
        s.post(url + "/nop", data={"csrf": q["csrf"], "seq": str(q["seq"]), "prediction": "1"})
        assert site.start_attempt(s, base=base).headers["Location"].endswith("?notice=no-attempts")
        rounds = site.sql("SELECT r.title, COUNT(*) FROM qc_attempt a JOIN qc_round r"
                          f" ON r.id = a.round_id WHERE a.contest_id={cid} GROUP BY r.title")
        assert sorted(rounds.split("\n")[:2]) == ["Tuần 2\t1", "Tuần 3\t1"]
    finally:
        site.change_contest(f"UPDATE qc_round SET opens_at = opens_at + INTERVAL 7 DAY,"
                 f" closes_at = closes_at + INTERVAL 7 DAY WHERE contest_id={cid}")


def test_ben_tre_weeks_run_from_monday_0800_to_sunday_2400_in_viet_nam(site):
    site.admin("load-contest", os.path.join(REPO, "conf", "contests", "ben-tre-2024.xml"))
    rows = site.sql("SELECT r.title, DATE_FORMAT(r.opens_at, '%Y-%m-%d %H:%i:%s'),"
                    " DATE_FORMAT(r.closes_at, '%Y-%m-%d %H:%i:%s') FROM qc_round r JOIN"
                    " qc_contest c ON c.id = r.contest_id WHERE c.code='bt-congdoan-2024'"
                    " ORDER BY r.seq").strip().split("\n")
    assert len(rows) == 5
    for n, line in enumerate(rows):
        title, opens, closes = line.split("\t")
        o = datetime.datetime.fromisoformat(opens).replace(tzinfo=datetime.timezone.utc).astimezone(VN)
        c = datetime.datetime.fromisoformat(closes).replace(tzinfo=datetime.timezone.utc).astimezone(VN)
        assert title == f"Tuần {n + 1}"
        assert (o.weekday(), o.hour, o.minute) == (0, 8, 0), opens       # Monday 08:00
        assert (c.weekday(), c.hour, c.minute) == (0, 0, 0), closes      # Sunday 24:00
        assert c - o == D(days=6, hours=16)
        assert o.date() == datetime.date(2024, 6, 10) + D(weeks=n)
    html = requests.get(site.root + "/ben-tre/").text
    assert "10/06/2024 08:00" in html and "16/06/2024 24:00" in html
    assert "14/07/2024 24:00" in html
