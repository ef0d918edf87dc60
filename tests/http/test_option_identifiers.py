"""What identifies an option to the browser says nothing about its place in the bank. The bank
here is the worst case: every question's right answer is the file's first option (question
writers put it first more often than chance). Many real attempts are started; for each item the
option identifiers are read from the page's XML and from its HTML (they must be the same), and
every signal of the bank's order is measured: how often the option with the lowest identifier
(and the first in the page, and the last) is the bank's first option, and the score of the
strategy "always pick the lowest identifier", saved by the script's autosave for some attempts
and by the whole form without script for the others. Under a fair shuffle each of these is a
binomial draw with p = 1/4 (four options); the test fails when one of them falls outside the
range that holds with probability 1 - 1e-6 (so it does not flake), on either side."""
import math
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from qcsite import contest_xml

QUESTIONS = 10  # per attempt
ATTEMPTS = 48
CHOICES = 4
BANK = 24
TAIL = 1e-6  # the probability, on each side, of a fair shuffle failing the test


def EXTRA_CONTESTS():
    return {"/cong-bang": contest_xml(code="fa", questions=QUESTIONS, attempts=3)}


def first_right_bank(path):
    """BANK single-answer questions of CHOICES options, the first one right; an option's text
    says its place in the file ("... lựa chọn k.0" is the first)."""
    qs = "".join(
        f'<question code="dau-{k}" kind="single"><text>Câu hỏi công bằng {k}?</text>'
        + "".join(('<choice correct="true">' if c == 0 else "<choice>")
                  + f"Câu {k} lựa chọn {k}.{c}</choice>" for c in range(CHOICES))
        + "</question>" for k in range(BANK))
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<question-bank xmlns="urn:quizcontest:'
                'question-bank:1" lang="vi"><topic code="dau" title="Đáp án đầu">'
                + qs + "</topic></question-bank>\n")


def bank_place(text):
    """The place in the bank file (0 = first) of the option whose text is `text`."""
    m = re.search(r"lựa chọn \d+\.(\d+)$", text.strip())
    assert m, text
    return int(m.group(1))


def binomial_range(n, p, tail):
    """(lo, hi): a count of a Binomial(n, p) is below lo, or above hi, each with probability
    under `tail`."""
    pmf = [math.comb(n, k) * p ** k * (1 - p) ** (n - k) for k in range(n + 1)]
    lo, acc = 0, 0.0
    while acc + pmf[lo] < tail:
        acc += pmf[lo]
        lo += 1
    hi, acc = n, 0.0
    while acc + pmf[hi] < tail:
        acc += pmf[hi]
        hi -= 1
    return lo, hi


class QuizInputs(HTMLParser):
    """The quiz page's inputs of each question (name a<position>), in the page's order, with
    the text of the label each one is in."""

    def __init__(self):
        super().__init__()
        self.inputs = {}  # position -> [[value, label text]]
        self.current = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and re.fullmatch(r"a\d+", a.get("name") or ""):
            self.current = [a.get("value"), ""]
            self.inputs.setdefault(int(a["name"][1:]), []).append(self.current)
        elif tag == "label":
            self.current = None

    def handle_endtag(self, tag):
        if tag == "label":
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current[1] += data


def page_options(s, url):
    """{position: [(identifier, bank place)] in the order shown}, csrf, next seq, read from the
    page's XML and checked against its HTML (the same identifiers, the same order)."""
    r = s.get(url + "?format=xml")
    assert r.status_code == 200, r.text[:500]
    root = ET.fromstring(r.content)
    quiz = root.find("quiz")
    shown = {}
    for q in quiz.findall("question"):
        shown[int(q.get("position"))] = [(c.get("id"), bank_place(c.text or ""))
                                         for c in q.findall("choice")]
    html = s.get(url)
    assert html.status_code == 200
    parser = QuizInputs()
    parser.feed(html.text)
    assert {p: [(v, bank_place(t)) for v, t in opts] for p, opts in parser.inputs.items()} == shown, \
        "the HTML's options are not the XML's"
    return shown, root.findtext("csrf"), int(quiz.get("next-seq"))


def lowest(options):
    return min(options, key=lambda o: int(o[0]))


def test_option_identifiers_say_nothing_about_the_bank_order(site):
    base = site.root + "/cong-bang"
    cid = site.contest_id("fa")
    path = os.path.join(site.dir, "first-right.xml")
    first_right_bank(path)
    site.admin("import-bank", "--contest", "fa", path)
    site.change_contest(f"UPDATE qc_question SET retired = 1 WHERE contest_id={cid}"
                        " AND code NOT LIKE 'dau-%'")
    items = lowest_first = shown_first = shown_last = score = 0
    attempts = []
    for n in range(ATTEMPTS):
        s, _ = site.contestant(base=base, contest="fa")
        url = site.attempt_url(site.start_attempt(s, base=base))
        shown, csrf, seq = page_options(s, url)
        assert len(shown) == QUESTIONS
        for pos, options in shown.items():
            assert len(options) == CHOICES
            assert sorted(p for _, p in options) == list(range(CHOICES))
            items += 1
            lowest_first += lowest(options)[1] == 0
            shown_first += options[0][1] == 0
            shown_last += options[-1][1] == 0
        picks = {pos: lowest(options)[0] for pos, options in shown.items()}
        if n % 2 == 0:  # the page's script: one autosave per question, then "Nộp bài"
            for pos, pick in picks.items():
                r = s.post(url + "/luu", data={"csrf": csrf, "seq": str(seq), "position": str(pos),
                                               "choice": pick})
                assert r.status_code == 200, r.text
                seq += 1
            form = {"csrf": csrf, "seq": str(seq), "prediction": "7"}
        else:  # without script: the whole form
            form = {"csrf": csrf, "seq": str(seq), "prediction": "7"}
        form.update({f"a{pos}": pick for pos, pick in picks.items()})
        r = s.post(url + "/nop", data=form, allow_redirects=False)
        assert r.status_code == 303 and "/ket-qua/" in r.headers["Location"], r.text[:500]
        row = site.attempt_row(url.rsplit("/", 1)[1])
        assert row["state"] == "submitted"
        attempts.append(row["score"])
        score += row["score"]
    lo, hi = binomial_range(items, 1 / CHOICES, TAIL)
    print(f"{ATTEMPTS} attempts, {items} items: the lowest identifier is the bank's first option"
          f" {lowest_first} times, the first shown {shown_first}, the last shown {shown_last};"
          f" picking the lowest identifier scored {score}/{items} (fair range {lo}..{hi});"
          f" scores {attempts}")
    assert lo <= shown_first <= hi, ("the shuffle shows the bank's first option first", shown_first)
    assert lo <= shown_last <= hi, ("the shuffle shows the bank's first option last", shown_last)
    assert lo <= lowest_first <= hi, \
        f"the lowest identifier names the bank's first option {lowest_first} times of {items}"
    assert lo <= score <= hi, \
        f"picking the lowest identifier scored {score} of {items} (chance: {items // CHOICES})"
