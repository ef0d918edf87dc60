"""The directive table in mod_quizcontest.c and the reference in conf/quizcontest.conf must
name the same directives, each documented with Syntax, Default, Context and a description."""
import os
import re

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def directives_in_code():
    src = open(os.path.join(REPO, "mod_quizcontest.c"), encoding="utf-8").read()
    return re.findall(r'AP_INIT_\w+\("(\w+)"', src)


def documented():
    text = open(os.path.join(REPO, "conf", "quizcontest.conf"), encoding="utf-8").read()
    blocks = {}
    for m in re.finditer(r"^# Directive: (\w+)\n((?:#.*\n)+)", text, re.M):
        blocks[m.group(1)] = m.group(2)
    return blocks


def test_every_directive_is_documented_and_nothing_else():
    code = directives_in_code()
    docs = documented()
    assert len(code) >= 10
    assert len(code) == len(set(code)), "a directive is declared twice"
    assert set(code) == set(docs), (
        f"in the code only: {sorted(set(code) - set(docs))}; "
        f"in conf/quizcontest.conf only: {sorted(set(docs) - set(code))}")


def test_each_documentation_block_is_complete():
    for name, block in documented().items():
        for field in ("Syntax:", "Default:", "Context:"):
            assert field in block, f"{name}: no {field} line"
        assert re.search(r"# Syntax:\s+" + name + r"\b", block), f"{name}: Syntax names another directive"
        description = [l for l in block.splitlines()
                       if not re.match(r"#\s*(Syntax|Default|Context|Example):", l) and l.strip("# ")]
        assert description, f"{name}: no description"
