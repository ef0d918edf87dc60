"""The XML arena's unit suite (tests/unit/test_xmlarena.c) under valgrind: no invalid access and
no memory definitely lost.

A document freed inside an arena is not walked node by node (qc_xmlarena_free_doc): only what
holds a reference to a dictionary lets go of it, because an XSLT result's dictionary refers to
the compiled stylesheet's. Forgetting one of those references (the ID table an HTML result
gets for its id attributes, say) changes no page, but leaves the stylesheet's dictionary
referenced for ever; the suite renders quiz pages inside arenas and then frees its stylesheets,
so such a slip shows here as memory definitely lost."""
import os
import re
import shutil
import subprocess

import pytest

UNIT = os.path.join(os.environ["QC_REPO"], "tests", "unit", "qc_unit_tests")


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_the_arena_suite_is_clean_under_valgrind():
    env = dict(os.environ, CK_FORK="no", CK_RUN_SUITE="xmlarena")
    r = subprocess.run(["valgrind", "--leak-check=full", "--errors-for-leak-kinds=definite",
                        "--error-exitcode=9", UNIT], capture_output=True, text=True, env=env,
                       timeout=300)
    assert re.search(r"Checks: [1-9]\d*, Failures: 0, Errors: 0", r.stdout), r.stdout + r.stderr
    assert r.returncode == 0, r.stderr[-4000:]
    assert "ERROR SUMMARY: 0 errors" in r.stderr, r.stderr[-4000:]
