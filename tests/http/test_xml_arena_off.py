"""QuizContestXmlArena Off, the escape hatch: the module builds pages with plain malloc, says so
at start-up, and serves the contestant's pages as with the arena."""
SITE_OPTIONS = {"extra_conf": "QuizContestXmlArena Off\n"}


def test_without_the_arena_pages_are_built_with_malloc_and_served(site):
    log = open(site.error_log, encoding="utf-8", errors="replace").read()
    ready = [line for line in log.splitlines() if "QC00013" in line][-1]
    assert "page memory from malloc (no arenas)" in ready, ready
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    q = site.quiz(s, url)
    html = s.get(url)
    assert html.status_code == 200 and html.text.count("<fieldset") == len(q["questions"]) > 0
    pos, _, choices, _ = q["questions"][0]
    r = s.post(url + "/luu", data={"csrf": q["csrf"], "seq": "1", "position": str(pos),
                                  "choice": choices[0]})
    assert r.status_code == 200 and 'status="ok"' in r.text, r.text
