"""The results pages in a real browser (tests/browser/results_pages.mjs): the secretariat's
ranking, unit statistics, print page and certificates, the public results and the contest's home
page, at 360, 375, 1366 and 1920 px, axe clean, no column clipped, no code shown, each ranking
reason checked against its row's figures from the page's own XML; the print page and the
certificates as A4 PDF with the heading of an official document. Screenshots at 375 and 1366 px
go to .work/screens/. The contest and its population are test_results.py's."""
import os

from qcsite import STAFF, WORK
from test_browser_quiz import run_browser
from test_results import contest, pop, rows  # noqa: F401 (pop is a fixture)

CONTEST_XML = contest
SCREENS = os.path.join(WORK, "screens")

PAGES = [
    {"name": "secretariat-ranking-round1", "path": "/ban-thu-ky/ket-qua?vong=1", "ranking": True},
    {"name": "secretariat-ranking-overall-group1", "path": "/ban-thu-ky/ket-qua?vong=0&nhom=1",
     "ranking": True},
    {"name": "secretariat-units", "path": "/ban-thu-ky/don-vi"},
    {"name": "print-round1", "path": "/ban-thu-ky/ket-qua/in?vong=1", "pdf": "portrait"},
    {"name": "certificates-round1", "path": "/ban-thu-ky/ket-qua/giay-chung-nhan?vong=1",
     "pdf": "landscape"},
    {"name": "public-results-round1", "path": "/cuoc-thi/ket-qua-chung?vong=1", "ranking": True},
    {"name": "home", "path": "/cuoc-thi/"},
]


def test_results_pages_read_right_at_every_width(site, pop):  # noqa: F811
    ids = pop["ids"]
    # F, G, H: a three-way tie the committee orders, with its reason; then round 1 is published
    site.admin("committee-order", "--contest", "t", "--round", "1", "--by", "thuky",
               "--reason", "Biên bản họp Ban Tổ chức số 5", ",".join([ids["H"], ids["F"], ids["G"]]))
    site.admin("publish", "--contest", "t", "--round", "1", "--by", "thuky")
    res = run_browser(site, "results_pages.mjs",
                      {"staff": {"user": STAFF[0], "password": STAFF[1]}, "pages": PAGES,
                       "shots": SCREENS}, name="results-pages", timeout_s=540)
    assert res["pages"] == [p["name"] for p in PAGES]
    # the two staff rankings and the public one: every row's reason checked
    assert res["reasons"] > 400, res["reasons"]
    for name in ("print-round1", "certificates-round1"):
        assert res["pdf"][name]["bytes"] > 10_000, res["pdf"]
    print("screenshots:", *res["shots"], sep="\n  ")
    print("PDF:", res["pdf"])
