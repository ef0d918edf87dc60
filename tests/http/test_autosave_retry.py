"""An autosave is idempotent: the same request sent again (a retry after a lost response) is
answered as the first time, while a different answer with an old sequence number is refused."""
import re

from qcsite import csrf_in


def quiz(site):
    s, _ = site.contestant()
    r = site.start_attempt(s)
    loc = site.root + r.headers["Location"]
    x = s.get(loc + "?format=xml").text
    csrf = csrf_in(x)
    q = re.search(r'<question position="1" kind="\w+">.*?<choice id="(\d+)">.*?<choice id="(\d+)">',
                  x, re.S)
    return s, loc, csrf, q.group(1), q.group(2)


def test_same_save_twice_is_ok_and_changes_nothing(site):
    s, loc, csrf, c1, _ = quiz(site)
    data = {"csrf": csrf, "seq": "1", "position": "1", "choice": c1}
    first = s.post(loc + "/luu", data=data)
    again = s.post(loc + "/luu", data=data)
    assert first.status_code == 200 and 'status="ok"' in first.text
    assert again.status_code == 200 and 'status="ok"' in again.text
    attempt = loc.rsplit("/", 1)[1]
    assert site.stored_places(attempt)[1] == c1
    assert site.sql(f"SELECT answer_seq FROM qc_attempt WHERE id={attempt}").strip() == "1"


def test_other_answer_with_the_same_sequence_is_stale(site):
    s, loc, csrf, c1, c2 = quiz(site)
    assert s.post(loc + "/luu", data={"csrf": csrf, "seq": "1", "position": "1", "choice": c1}).status_code == 200
    r = s.post(loc + "/luu", data={"csrf": csrf, "seq": "1", "position": "1", "choice": c2})
    assert r.status_code == 409 and 'status="stale"' in r.text
    attempt = loc.rsplit("/", 1)[1]
    assert site.stored_places(attempt)[1] == c1


def test_same_prediction_twice_is_ok(site):
    s, loc, csrf, _, _ = quiz(site)
    data = {"csrf": csrf, "seq": "1", "prediction": "4242"}
    assert s.post(loc + "/luu", data=data).status_code == 200
    assert s.post(loc + "/luu", data=data).status_code == 200
    r = s.post(loc + "/luu", data={"csrf": csrf, "seq": "1", "prediction": "1"})
    assert r.status_code == 409
