import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from qcsite import QcSite, contest_xml  # noqa: E402


def make_site(name, xml=None, **kw):
    site = QcSite(name, **kw)
    site.create_db()
    site.load_contest(xml or contest_xml())
    site.start()
    return site


@pytest.fixture(scope="module")
def site(request):
    """One site per test module, named after it."""
    name = request.module.__name__.replace("test_", "")
    extra = getattr(request.module, "SITE_OPTIONS", {})
    xml = getattr(request.module, "CONTEST_XML", None)
    s = make_site(name, xml() if callable(xml) else xml, **extra)
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
