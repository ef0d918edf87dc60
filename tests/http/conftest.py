import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from qcsite import QcSite, contest_xml, location_conf, xml_code  # noqa: E402


def make_site(name, xml=None, extra_contests=None, **kw):
    """extra_contests: {location path: contest definition} served by the same Apache, each
    contest loaded (with the demo bank) into the site's database."""
    extra_contests = extra_contests or {}
    if extra_contests:
        kw["extra_conf"] = kw.get("extra_conf", "") + "".join(
            location_conf(path, xml_code(x)) for path, x in extra_contests.items())
    site = QcSite(name, **kw)
    site.create_db()
    site.load_contest(xml or contest_xml())
    for x in extra_contests.values():
        site.load_contest(x)
    site.start()
    return site


@pytest.fixture(scope="module")
def site(request):
    """One site per test module, named after it: CONTEST_XML (the contest at /cuoc-thi),
    EXTRA_CONTESTS ({location: definition}, more contests on the same site) and SITE_OPTIONS
    (QcSite arguments) in the module configure it."""
    name = request.module.__name__.replace("test_", "")
    extra = getattr(request.module, "SITE_OPTIONS", {})
    xml = getattr(request.module, "CONTEST_XML", None)
    more = getattr(request.module, "EXTRA_CONTESTS", None)
    s = make_site(name, xml() if callable(xml) else xml,
                  extra_contests=more() if callable(more) else more, **extra)
    yield s
    s.stop()


@pytest.fixture(autouse=True)
def error_log_is_clean(request):
    """Every test that uses a site ends with an error log free of unannounced problems."""
    if "site" not in request.fixturenames:
        yield
        return
    s = request.getfixturevalue("site")
    s.log_mark()
    yield
    bad = s.unexpected_log_lines()
    assert not bad, "unexpected lines in the Apache error log:\n" + "\n".join(bad)
