"""Every log site has its own tag (QC#####), written once in the sources (STYLE.md, "Log tags")."""
import os
import re
from collections import Counter

REPO = os.environ.get("QC_REPO", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
TAG_AT_START_OF_MESSAGE = re.compile(r'"(QC\d{5}):')


def source_files():
    for top in ("lib", "tools", "."):
        base = os.path.join(REPO, top)
        for dirpath, dirnames, filenames in os.walk(base):
            if top == ".":
                dirnames[:] = []  # the glue only: mod_quizcontest*.c at the top
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if name.endswith((".c", ".h")) and (top != "." or name.startswith("mod_quizcontest")):
                    yield os.path.join(dirpath, name)


def tags_in(text):
    return TAG_AT_START_OF_MESSAGE.findall(text)


def test_each_log_tag_is_written_at_one_site_only():
    counts = Counter()
    for path in source_files():
        with open(path, encoding="utf-8") as f:
            counts.update(tags_in(f.read()))
    assert len(counts) > 50, "the scan found too few tags: is it looking in the right place?"
    repeated = sorted(tag for tag, n in counts.items() if n > 1)
    assert repeated == [], "log tags used at more than one site: %s" % ", ".join(repeated)


def test_the_scan_sees_a_repeated_tag():
    planted = 'ap_log_error(APLOG_MARK, "QC00001: a"); qc_log_error("QC00001: b");'
    assert Counter(tags_in(planted))["QC00001"] == 2
