"""The deadline, with a contest whose time limit is 2 s and grace 1 s (no test waits more than a
few seconds): a submission after deadline + grace is finalised with the answers saved up to the
deadline and the time capped at the limit; one inside the grace counts, also capped, but only
with what the page could have sent before the deadline: a save's sequence number is the
milliseconds since the attempt's start when the page numbered it, and in the grace the server
takes only saves numbered at or before the deadline and no longer ago than the grace (one
numbered after the deadline, or held back longer, is refused as "late" and not scored); an
attempt never submitted is finalised when its contestant next arrives, or by
`quizcontest-admin sweep`; saves after the deadline + grace are refused; the page's countdown
and its clock for numbering saves are the server's."""
import re
import time

import pytest

from qcsite import contest_xml

LIMIT_MS = 2000
GRACE_MS = 1000


def EXTRA_CONTESTS():
    return {"/ngan": contest_xml(code="sh", time_limit_s=5, grace_s=1)}


def begin(site, base, contest):
    """A contestant with a started attempt whose first question is answered right."""
    s, data = site.contestant(base=base, contest=contest)
    url = site.attempt_url(site.start_attempt(s, base=base))
    a = url.rsplit("/", 1)[1]
    q = site.quiz(s, url)
    key = site.answer_key(a)
    pos = q["questions"][0][0]
    r = s.post(url + "/luu", data={"csrf": q["csrf"], "seq": "1", "position": str(pos),
                                   "choice": key[pos]})
    assert r.status_code == 200, r.text
    return {"s": s, "url": url, "id": a, "q": q, "key": key, "phone": data["phone"],
            "started": site.attempt_row(a)["started"] / 1000.0}


def sleep_until(t):
    delay = t - time.time()
    if delay > 0:
        time.sleep(delay)


@pytest.fixture(scope="module")
def story(site):
    """Every scenario is started first, then the module waits once."""
    base = site.root + "/ngan"
    # a definition allows 5 s at the least; the test shortens it in the database (and raises
    # the revision, so the module reads it again)
    site.change_contest("UPDATE qc_contest SET time_limit_s = 2, grace_s = 1 WHERE code = 'sh'")
    out = {}
    out["swept"] = begin(site, base, "sh")
    out["late_autosave"] = begin(site, base, "sh")
    out["in_grace"] = begin(site, base, "sh")
    out["late_numbered"] = begin(site, base, "sh")
    out["in_flight"] = begin(site, base, "sh")
    out["held_back"] = begin(site, base, "sh")
    out["long"] = begin(site, site.base, "t")  # 30 minutes: nothing may touch it
    # the page at the start: the countdown is the server's remaining time
    xml = out["in_grace"]["s"].get(out["in_grace"]["url"] + "?format=xml").text
    out["page_at_start"] = xml
    out["page_html_at_start"] = out["in_grace"]["s"].get(out["in_grace"]["url"]).text
    # a submission 0.1 s after the deadline, well inside the grace
    g = out["in_grace"]
    sleep_until(g["started"] + (LIMIT_MS + 100) / 1000.0)
    second = g["q"]["questions"][1][0]
    # numbered 50 ms before the deadline (the page's form, sent as time ran out), arriving after
    form = {"csrf": g["q"]["csrf"], "seq": str(LIMIT_MS - 50), "prediction": "12",
            f"a{g['q']['questions'][0][0]}": g["key"][g["q"]["questions"][0][0]],
            f"a{second}": g["key"][second]}
    out["in_grace_submit"] = g["s"].post(g["url"] + "/nop", data=form, allow_redirects=False)
    # inside the grace too: saves numbered after the deadline (a client that ignores the
    # countdown), then that client's "Nộp bài" with every answer right
    late = out["late_numbered"]
    sleep_until(late["started"] + (LIMIT_MS + 100) / 1000.0)
    second = late["q"]["questions"][1][0]
    out["late_numbered_save"] = late["s"].post(late["url"] + "/luu", data={
        "csrf": late["q"]["csrf"], "seq": str(LIMIT_MS + 100), "position": str(second),
        "choice": late["key"][second]})
    out["late_numbered_prediction"] = late["s"].post(late["url"] + "/luu", data={
        "csrf": late["q"]["csrf"], "seq": str(LIMIT_MS + 110), "prediction": "3"})
    form = {"csrf": late["q"]["csrf"], "seq": str(LIMIT_MS + 120), "prediction": "3"}
    form.update({f"a{pos}": late["key"][pos] for pos, *_ in late["q"]["questions"]})
    out["late_numbered_submit"] = late["s"].post(late["url"] + "/nop", data=form,
                                                 allow_redirects=False)
    # a save numbered 30 ms before the deadline, arriving 100 ms after it: on its way in time
    f = out["in_flight"]
    sleep_until(f["started"] + (LIMIT_MS + 100) / 1000.0)
    second = f["q"]["questions"][1][0]
    out["in_flight_save"] = f["s"].post(f["url"] + "/luu", data={
        "csrf": f["q"]["csrf"], "seq": str(LIMIT_MS - 30), "position": str(second),
        "choice": f["key"][second]})
    # numbered before the deadline but held back longer than the grace (1.5 s and more)
    h = out["held_back"]
    sleep_until(h["started"] + (LIMIT_MS + 100) / 1000.0)
    second = h["q"]["questions"][1][0]
    out["held_back_save"] = h["s"].post(h["url"] + "/luu", data={
        "csrf": h["q"]["csrf"], "seq": "500", "position": str(second),
        "choice": h["key"][second]})
    # started later: not yet overdue when the sweep below runs
    out["arrival"] = begin(site, base, "sh")
    out["late_submit"] = begin(site, base, "sh")
    # the sweep, as cron runs it, once the first ones are past deadline + grace (no request
    # reaches Apache in between, so its own once-a-minute sweep cannot have done it)
    sleep_until(out["swept"]["started"] + (LIMIT_MS + GRACE_MS + 300) / 1000.0)
    out["sweep_output"] = site.admin("sweep").stdout
    out["after_sweep"] = {k: site.attempt_row(v["id"])["state"] for k, v in out.items()
                          if isinstance(v, dict) and "id" in v}
    sleep_until(out["arrival"]["started"] + (LIMIT_MS + GRACE_MS + 300) / 1000.0)
    # the contestant comes back (logs in on another device): the first request after the
    # deadline + grace
    s2, r = site.login(out["arrival"]["phone"], base=base)
    out["arrival_login"] = r
    out["arrival_page"] = s2.get(base + "/tai-khoan?format=xml")
    return out


def test_the_countdown_is_the_servers(site, story):
    quiz = re.search(r"<quiz [^>]*>", story["page_at_start"]).group(0)
    remaining = int(re.search(r'remaining-ms="(\d+)"', quiz).group(1))
    deadline = int(re.search(r'deadline-ms="(\d+)"', quiz).group(1))
    started = int(re.search(r'started-ms="(\d+)"', quiz).group(1))
    assert deadline - started == LIMIT_MS
    assert 0 < remaining <= LIMIT_MS
    # the server's own elapsed time, from which the page numbers its saves
    elapsed = int(re.search(r'elapsed-ms="(\d+)"', quiz).group(1))
    assert elapsed + remaining == LIMIT_MS
    next_seq = int(re.search(r'next-seq="(\d+)"', quiz).group(1))
    form_seq = int(re.search(r'form-seq="(\d+)"', quiz).group(1))
    assert form_seq == max(next_seq, elapsed)
    assert re.search(r'data-elapsed-ms="\d+"', story["page_html_at_start"])
    assert re.search(r'name="seq" value="\d+"', story["page_html_at_start"])


def test_the_sweep_finalises_abandoned_attempts_with_their_saved_answers(site, story):
    assert re.search(r"finalised ([1-9]\d*) overdue attempt", story["sweep_output"]), \
        story["sweep_output"]
    assert story["after_sweep"]["swept"] == "expired"
    row = site.attempt_row(story["swept"]["id"])
    assert row["state"] == "expired" and row["score"] == 1 and row["time_ms"] == LIMIT_MS
    assert row["finished"] == row["deadline"]
    # neither the attempts not yet overdue nor the long one were touched
    assert story["after_sweep"]["arrival"] == "open"
    assert story["after_sweep"]["long"] == "open"
    assert site.attempt_row(story["long"]["id"])["state"] == "open"
    # a second sweep has nothing left to do for these
    assert site.admin("sweep").returncode == 0
    assert site.attempt_row(story["swept"]["id"]) == row


def test_an_abandoned_attempt_is_finalised_when_its_contestant_comes_back(site, story):
    assert story["arrival_login"].status_code == 303
    assert story["after_sweep"]["arrival"] == "open"
    row = site.attempt_row(story["arrival"]["id"])
    assert row["state"] == "expired" and row["score"] == 1 and row["time_ms"] == LIMIT_MS
    page = story["arrival_page"].text
    assert "<open-attempt" not in page
    assert re.search(r'<attempt id="%s"[^>]*state="expired"[^>]*score="1"' % story["arrival"]["id"],
                     page), page


def test_a_submission_after_deadline_and_grace_keeps_only_answers_saved_in_time(site, story):
    late = story["late_submit"]
    q = late["q"]
    # its own deadline + grace is past, however long starting it took on a loaded machine
    sleep_until(late["started"] + (LIMIT_MS + GRACE_MS + 300) / 1000.0)
    form = {"csrf": q["csrf"], "seq": "9", "prediction": "77"}
    for pos, *_ in q["questions"]:
        form[f"a{pos}"] = late["key"][pos]  # all right, but too late
    r = late["s"].post(late["url"] + "/nop", data=form, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].endswith("/ket-qua/" + late["id"])
    row = site.attempt_row(late["id"])
    assert row["state"] == "expired"
    assert row["score"] == 1  # the answer saved before the deadline, nothing of the late form
    assert row["time_ms"] == LIMIT_MS and row["prediction"] is None
    res = late["s"].get(site.root + r.headers["Location"]).text
    assert "Lượt thi đã hết giờ" in res and "1/5" in res and "00:02,000" in res


def test_a_submission_inside_the_grace_counts_with_the_time_capped(site, story):
    r = story["in_grace_submit"]
    assert r.status_code == 303, r.text[:2000]
    row = site.attempt_row(story["in_grace"]["id"])
    assert row["state"] == "submitted"
    assert row["score"] == 2 and row["prediction"] == 12
    assert row["time_ms"] == LIMIT_MS


def test_saves_after_deadline_and_grace_are_refused(site, story):
    late = story["late_autosave"]
    pos, _, choices, _ = late["q"]["questions"][1]
    r = late["s"].post(late["url"] + "/luu", data={"csrf": late["q"]["csrf"], "seq": "2",
                                                     "position": str(pos), "choice": choices[0]})
    assert r.status_code == 410 and 'status="closed"' in r.text
    assert site.sql(f"SELECT selected IS NULL FROM qc_attempt_item WHERE attempt_id={late['id']}"
                    f" AND position={pos}").strip() == "1"
    # the quiz page now leads to the result
    r = late["s"].get(late["url"], allow_redirects=False)
    assert r.status_code == 303 and "/ket-qua/" in r.headers["Location"]
    # and a new start is possible again (the attempt is no longer in progress)
    r = site.start_attempt(late["s"], base=site.root + "/ngan")
    assert site.attempt_url(r) != late["url"]


def selected(site, attempt, pos):
    return site.sql(f"SELECT IFNULL(selected, '-') FROM qc_attempt_item WHERE attempt_id={attempt}"
                    f" AND position={pos}").strip()


def test_saves_numbered_after_the_deadline_are_refused_inside_the_grace(site, story):
    late = story["late_numbered"]
    second = late["q"]["questions"][1][0]
    for r in (story["late_numbered_save"], story["late_numbered_prediction"]):
        assert r.status_code == 410 and 'status="late"' in r.text, (r.status_code, r.text)
    assert selected(site, late["id"], second) == "-"
    # the submit is handed in, with nothing of its late form: only the answer saved in time
    r = story["late_numbered_submit"]
    assert r.status_code == 303 and r.headers["Location"].endswith("/ket-qua/" + late["id"]), \
        (r.status_code, r.text[:1000])
    row = site.attempt_row(late["id"])
    assert row["state"] == "submitted" and row["score"] == 1 and row["prediction"] is None, row
    assert row["time_ms"] == LIMIT_MS


def test_a_save_numbered_before_the_deadline_and_arriving_inside_the_grace_counts(site, story):
    f = story["in_flight"]
    second = f["q"]["questions"][1][0]
    r = story["in_flight_save"]
    assert r.status_code == 200 and f'status="ok" seq="{LIMIT_MS - 30}"' in r.text, r.text
    assert site.attempt_row(f["id"])["seq"] == LIMIT_MS - 30
    assert selected(site, f["id"], second) == ",".join(
        site.sql(f"SELECT correct_key FROM qc_attempt_item WHERE attempt_id={f['id']}"
                 f" AND position={second}").split())
    # past deadline + grace now: finalised with both answers
    r = f["s"].post(f["url"] + "/nop", data={"csrf": f["q"]["csrf"], "seq": "999999",
                                             "prediction": "4"}, allow_redirects=False)
    assert r.status_code == 303
    row = site.attempt_row(f["id"])
    assert row["state"] == "expired" and row["score"] == 2 and row["prediction"] is None, row


def test_a_save_held_back_longer_than_the_grace_is_refused(site, story):
    h = story["held_back"]
    r = story["held_back_save"]
    assert r.status_code == 410 and 'status="late"' in r.text, (r.status_code, r.text)
    assert selected(site, h["id"], h["q"]["questions"][1][0]) == "-"
