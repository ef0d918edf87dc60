"""Pages people like to use: every page passes axe-core's WCAG 2.1 AA checks at a phone's and
a laptop's size and is photographed there (.work/results/screenshots/pages-*.png); none is
wider than a phone; results print black on white without navigation; the quiz page of 15
questions is small once compressed; the CSS and JavaScript are static files with cache headers,
compressed, and no page loads anything from another site."""
import gzip
import re

import requests

from qcsite import STAFF, contest_xml, csrf_in, staff_session
from test_browser_quiz import person, run_browser

QUESTIONS = 15
GZIP_LIMIT = 30 * 1024


def CONTEST_XML():  # noqa: N802 - the name conftest.py looks for
    return contest_xml(questions=QUESTIONS, reveal="after_submit")


# Every page reached by a plain GET, for the accessibility check: (name, path, HTTP status).
# A new page is one more line here; {question} is an active question's id. The contestant's
# are visited anonymously, then tests/browser/pages_a11y.mjs walks the pages only actions reach
# (forms sent back with errors, the quiz, the result, the account, an error page). The staff's
# are visited once a contestant has handed in and a question was retired, so that their tables
# have rows.
CONTESTANT_PAGES = [
    ("home", "/cuoc-thi/", 200),
    ("register", "/cuoc-thi/dang-ky", 200),
    ("login", "/cuoc-thi/dang-nhap", 200),
    ("portal-block", "/cuoc-thi/khung", 200),  # the block the portal frames
    ("not-found", "/cuoc-thi/khong-co-trang-nay", 404),
]
STAFF_PAGES = [
    ("staff-home", "/ban-thu-ky/", 200),
    ("staff-questions", "/ban-thu-ky/cau-hoi", 200),
    ("staff-question", "/ban-thu-ky/cau-hoi/{question}", 200),
    ("staff-audit", "/ban-thu-ky/nhat-ky", 200),
    ("staff-question-new", "/ban-thu-ky/cau-hoi/moi", 200),
    ("staff-question-edit", "/ban-thu-ky/cau-hoi/{question}/sua", 200),
    ("staff-question-stats", "/ban-thu-ky/thong-ke-cau-hoi", 200),
    ("staff-import", "/ban-thu-ky/nhap-cau-hoi", 200),
    ("staff-contest", "/ban-thu-ky/cuoc-thi", 200),
    ("staff-definition", "/ban-thu-ky/dinh-nghia", 200),
    ("staff-contestants", "/ban-thu-ky/thi-sinh", 200),
    ("staff-results", "/ban-thu-ky/ket-qua", 200),
    ("staff-results-round", "/ban-thu-ky/ket-qua?vong=1", 200),
    ("staff-units", "/ban-thu-ky/don-vi", 200),
    ("staff-progress", "/ban-thu-ky/tien-do", 200),
    ("staff-results-print", "/ban-thu-ky/ket-qua/in?vong=0", 200),
    ("staff-certificates", "/ban-thu-ky/ket-qua/giay-chung-nhan?vong=0", 200),
]
JOURNEY_PAGES = ["register-errors", "login-error", "quiz", "result", "account", "error-403"]


def retire_one_question(site):
    """A staff action, so the audit log has a row to show."""
    s = staff_session()
    qid = site.sql("SELECT MAX(id) FROM qc_question WHERE retired = 0").strip()
    r = s.get(site.root + f"/ban-thu-ky/cau-hoi/{qid}", params={"format": "xml"})
    csrf = csrf_in(r.text)
    r = s.post(site.root + f"/ban-thu-ky/cau-hoi/{qid}/ngung-dung", data={"csrf": csrf},
               allow_redirects=False)
    assert r.status_code == 303, r.text[:500]


def check_pages(site, name, pages, credentials=STAFF, **params):
    """axe and a phone's width on each (name, path, status) of `pages`, as the user
    `credentials` (Apache's Basic authentication, for the areas that ask for it)."""
    question = site.sql("SELECT MIN(id) FROM qc_question WHERE retired = 0").strip()
    listed = [{"name": n, "url": site.root + p.format(question=question), "status": st}
              for (n, p, st) in pages]
    res = run_browser(site, "pages_a11y.mjs", dict(
        params, pages=listed,
        staff_credentials={"username": credentials[0], "password": credentials[1]}),
        name=name)
    names = [v["name"] for v in res["visited"]]
    print(f"pages checked in {res['wall_s']:.0f} s (axe {res['timing']['axe']} ms,"
          f" screenshots {res['timing']['shots']} ms):", names)
    print("moderate/minor axe findings (not failing):", res["minor"])
    for n, _, _ in pages:
        assert n in names, n
    return res, names


def test_contestant_pages_pass_axe_fit_a_phone_and_print_clean(site):
    res, names = check_pages(site, "pages", CONTESTANT_PAGES, who=person(), journey=True)
    for n in JOURNEY_PAGES:
        assert n in names, n
    state = site.sql(f"SELECT state FROM qc_attempt WHERE id = {int(res['attempt'])}").strip()
    assert state == "submitted"
    assert res["result"]["questions"] == QUESTIONS


def test_secretariat_pages_pass_axe_and_fit_a_phone(site):
    retire_one_question(site)
    s, url = quiz_page(site)      # a contestant hands in: the results have a row
    r = s.post(url + "/nop", data={"csrf": site.page_csrf(s), "prediction": "7",
                                                    "seq": "1"}, allow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    check_pages(site, "staff-pages", STAFF_PAGES, journey=False)


def quiz_page(site):
    s, _ = site.contestant()
    r = site.start_attempt(s)
    assert r.status_code == 303, r.text[:500]
    location = r.headers["Location"]
    return s, location if location.startswith("http") else site.root + location


def test_quiz_page_of_15_questions_is_under_30_kb_compressed(site):
    s, url = quiz_page(site)
    r = s.get(url, headers={"Accept-Encoding": "gzip"}, stream=True)
    assert r.status_code == 200
    assert r.headers.get("Content-Encoding") == "gzip", r.headers
    assert "Accept-Encoding" in r.headers.get("Vary", ""), r.headers
    wire = r.raw.read(decode_content=False)     # the bytes as sent
    html = gzip.decompress(wire).decode("utf-8")
    assert html.count('<fieldset data-position="') == QUESTIONS
    # one charset declaration (two are invalid HTML), first thing in the head
    assert len(re.findall(r"<meta[^>]*charset", html, re.I)) == 1, html[:400]
    print(f"quiz page of {QUESTIONS} questions: {len(wire)} bytes gzip, {len(html.encode())} bytes HTML")
    assert len(wire) < GZIP_LIMIT, f"{len(wire)} bytes compressed"
    # and what a webmaster would see without compression too: well under the limit is the point
    assert len(html.encode()) < 3 * GZIP_LIMIT


def test_css_and_javascript_are_static_cached_and_compressed(site):
    for name, media in (("quizcontest.css", "text/css"), ("quizcontest.js", "text/javascript")):
        r = requests.get(site.root + "/quizcontest-static/" + name, headers={"Accept-Encoding": "gzip"})
        assert r.status_code == 200, name
        assert r.headers["Content-Type"].startswith(media), r.headers
        assert re.search(r"max-age=\d{4,}", r.headers.get("Cache-Control", "")), r.headers
        assert r.headers.get("Content-Encoding") == "gzip", (name, r.headers)
        assert "ETag" in r.headers or "Last-Modified" in r.headers
    # pages with a contestant's state or a form are never cached (the anonymous home page may
    # be, for a second: tests/http/test_caches_and_bursts.py)
    r = requests.get(site.base + "/dang-ky")
    assert r.headers["Cache-Control"] == "no-store"


def test_no_page_loads_anything_from_another_site(site):
    s, url = quiz_page(site)
    texts = [s.get(url).text, requests.get(site.base + "/").text,
             requests.get(site.base + "/dang-ky").text,
             staff_session().get(site.root + "/ban-thu-ky/cau-hoi").text]
    css = requests.get(site.root + "/quizcontest-static/quizcontest.css").text
    for t in texts:
        for ref in re.findall(r'<(?:link|script|img)\b[^>]*\b(?:href|src)="([^"]*)"', t):
            assert not re.match(r"(?i)(https?:)?//", ref), ref
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css)
    assert "@font-face" not in css   # system fonts only: nothing downloaded


def test_the_navigation_marks_the_page_shown_for_screen_readers(site):
    """aria-current="page" on the navigation link of the page shown, and on no other."""
    def current(html):
        nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
        return re.findall(r'<a href="([^"]*)"[^>]*aria-current="page"', nav)

    assert current(requests.get(site.base + "/dang-nhap").text) == ["/cuoc-thi/dang-nhap"]
    assert current(requests.get(site.base + "/dang-ky").text) == ["/cuoc-thi/dang-ky"]
    assert current(requests.get(site.base + "/").text) == ["/cuoc-thi/"]
    assert current(requests.get(site.base + "/khong-co-trang-nay").text) == []
    staff = site.root + "/ban-thu-ky"
    assert current(requests.get(staff + "/cau-hoi", auth=STAFF).text) == ["/ban-thu-ky/cau-hoi"]
    assert current(requests.get(staff + "/nhat-ky", auth=STAFF).text) == ["/ban-thu-ky/nhat-ky"]
    s, _ = site.contestant()
    assert current(s.get(site.base + "/tai-khoan").text) == ["/cuoc-thi/tai-khoan"]
