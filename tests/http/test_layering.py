"""The layers of lib/ (docs/architecture.md) hold: tests/check-layers finds nothing in the tree,
and it, and the build's include paths, do catch a violation planted in a copy of the tree."""
import os
import shutil
import subprocess

from qcsite import REPO

CHECK = os.path.join(REPO, "tests", "check-layers")


def check_layers(repo):
    return subprocess.run(["/usr/bin/python3", CHECK, repo], capture_output=True, text=True)


def test_the_tree_keeps_its_layers():
    r = check_layers(REPO)
    assert r.returncode == 0, r.stdout[-3000:]
    assert "0 problems" in r.stdout


def planted_copy(tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(os.path.join(REPO, "lib"), copy / "lib",
                    ignore=shutil.ignore_patterns("*.o", "*.lo", "*.la", ".libs", ".deps"))
    for name in os.listdir(REPO):
        if name.startswith("mod_quizcontest") and name.endswith((".c", ".h")):
            shutil.copy(os.path.join(REPO, name), copy / name)
    return copy


def append(path, text):
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)


def test_check_layers_catches_an_upward_include_a_cycle_and_a_query_in_a_page(tmp_path):
    copy = planted_copy(tmp_path)
    assert check_layers(str(copy)).returncode == 0
    append(copy / "lib" / "rules" / "qc_rank.c", '\n#include "qc_db.h"\n')
    append(copy / "lib" / "store" / "qc_planted_a.h", '#include "qc_planted_b.h"\n')
    append(copy / "lib" / "store" / "qc_planted_b.h", '#include "qc_planted_a.h"\n')
    append(copy / "lib" / "web" / "qc_page_home.c",
           '\nstatic void planted(qc_ctx_t *ctx) { qc_rows_t *r;'
           ' qc_db_select(ctx->db, ctx->p, "qc_contest_counts", 0, NULL, &r); }\n')
    append(copy / "mod_quizcontest.c", "\nstatic int planted(qc_rows_t *r) "
           "{ return qc_rows_get(r, 0, 0) != 0; }\n")
    r = check_layers(str(copy))
    assert r.returncode == 1
    out = r.stdout
    assert "lib/rules/qc_rank.c includes qc_db.h of the layer above it (lib/store/)" in out
    assert "include cycle: qc_planted_a -> qc_planted_b -> qc_planted_a" in out or \
        "include cycle: qc_planted_b -> qc_planted_a -> qc_planted_b" in out
    assert "lib/web/qc_page_home.c:" in out and "qc_db_select( belongs in lib/store" in out
    assert "mod_quizcontest.c:" in out and "qc_rows_get( belongs in lib/store" in out
    assert "4 problems" in out, out


def make_variable(name):
    r = subprocess.run(["make", "-s", "-C", REPO, "--eval", "print-%: ; @echo $($*)",
                        f"print-{name}"], capture_output=True, text=True, check=True)
    return r.stdout.split()


def test_the_build_refuses_a_rule_that_includes_the_store(tmp_path):
    flags = make_variable("QC_RULES_INCLUDES") + make_variable("QC_DEP_CPPFLAGS")
    source = os.path.join(REPO, "lib", "rules", "qc_rank.c")
    ok = subprocess.run(["gcc", "-fsyntax-only", *flags, source], capture_output=True, text=True,
                        cwd=REPO)
    assert ok.returncode == 0, ok.stderr[-2000:]
    planted = tmp_path / "qc_rank.c"
    with open(source, encoding="utf-8") as f:
        planted.write_text('#include "qc_db.h"\n' + f.read(), encoding="utf-8")
    bad = subprocess.run(["gcc", "-fsyntax-only", "-iquote", os.path.join(REPO, "lib", "rules"),
                          *flags, str(planted)], capture_output=True, text=True, cwd=REPO)
    assert bad.returncode != 0
    assert "qc_db.h: No such file or directory" in bad.stderr
