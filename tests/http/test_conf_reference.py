"""The directive list in mod_quizcontest_directives.h (the one place the code names a directive:
the command table, the setters, the defaults and the merge are generated from it) and the
reference in conf/quizcontest.conf must name the same directives, each documented with Syntax,
Default, Context and a description; the documented default and context must be the list's."""
import os
import re

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HEADER = os.path.join(REPO, "mod_quizcontest_directives.h")
KINDS = ("TEXT", "CHOICE", "PATH", "URL", "NUMBER", "SERVER_FLAG", "SERVER_COUNT")
# where an entry of each kind gives its default (mod_quizcontest_directives.h)
DEFAULT_ARG = {"TEXT": 2, "CHOICE": 2, "PATH": 2, "URL": 2, "NUMBER": 3, "SERVER_FLAG": 2,
               "SERVER_COUNT": 2}


def split_args(text):
    """The arguments of a macro call, split at the commas outside strings and parentheses."""
    args, depth, cur, quoted, i = [], 0, "", False, 0
    while i < len(text):
        ch = text[i]
        if quoted:
            cur += ch
            if ch == "\\":
                cur += text[i + 1]
                i += 1
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted, cur = True, cur + ch
        elif ch == "(":
            depth, cur = depth + 1, cur + ch
        elif ch == ")":
            depth, cur = depth - 1, cur + ch
        elif ch == "," and depth == 0:
            args.append(cur.strip())
            cur = ""
        else:
            cur += ch
        i += 1
    args.append(cur.strip())
    return args


def header():
    src = open(HEADER, encoding="utf-8").read()
    src = re.sub(r"/\*.*?\*/", " ", src, flags=re.S).replace("\\\n", " ")
    defines = dict(re.findall(r"^#define\s+(\w+)\s+(\S+)\s*$", src, re.M))
    body = re.search(r"^#define QC_DIRECTIVES\([^)]*\)(.*)$", src, re.M).group(1)
    return body, defines


def directives_in_code():
    """[(kind, name, [args])] in the order of the list."""
    body, _ = header()
    out, pos = [], 0
    call = re.compile(r"\b(" + "|".join(KINDS) + r")\(")
    while True:
        m = call.search(body, pos)
        if not m:
            return out
        depth, i = 1, m.end()
        while depth:
            if body[i] == '"':
                i = body.index('"', i + 1)
                while body[i - 1] == "\\":
                    i = body.index('"', i + 1)
            elif body[i] == "(":
                depth += 1
            elif body[i] == ")":
                depth -= 1
            i += 1
        args = split_args(body[m.end():i - 1])
        out.append((m.group(1), args[0], args))
        pos = i


def documented():
    text = open(os.path.join(REPO, "conf", "quizcontest.conf"), encoding="utf-8").read()
    blocks = {}
    for m in re.finditer(r"^# Directive: (\w+)\n((?:#.*\n)+)", text, re.M):
        blocks[m.group(1)] = m.group(2)
    return blocks


def test_every_directive_is_documented_and_nothing_else():
    code = [name for _, name, _ in directives_in_code()]
    docs = documented()
    assert len(code) >= 10
    assert all(name.startswith("QuizContest") for name in code), code
    assert len(code) == len(set(code)), "a directive is declared twice"
    assert set(code) == set(docs), (
        f"in the code only: {sorted(set(code) - set(docs))}; "
        f"in conf/quizcontest.conf only: {sorted(set(docs) - set(code))}")


def test_no_directive_is_named_outside_the_list():
    """The glue's C files take every directive from the list: none registers one of its own."""
    for name in os.listdir(REPO):
        if name.startswith("mod_quizcontest") and name.endswith(".c"):
            src = open(os.path.join(REPO, name), encoding="utf-8").read()
            assert not re.search(r'AP_INIT_\w+\(\s*"', src), f"{name} names a directive itself"


def test_each_documentation_block_is_complete():
    for name, block in documented().items():
        for field in ("Syntax:", "Default:", "Context:"):
            assert field in block, f"{name}: no {field} line"
        assert re.search(r"# Syntax:\s+" + name + r"\b", block), f"{name}: Syntax names another directive"
        description = [l for l in block.splitlines()
                       if not re.match(r"#\s*(Syntax|Default|Context|Example):", l) and l.strip("# ")]
        assert description, f"{name}: no description"


def test_defaults_and_contexts_are_the_lists():
    """A default the list gives as a literal (a number, a string, On/Off, or none) is the one
    the reference documents; the whole-server directives are documented as such."""
    _, defines = header()
    docs = documented()
    checked = 0
    for kind, name, args in directives_in_code():
        block = docs[name]
        default = re.search(r"^# Default:\s+(.*)$", block, re.M).group(1).strip()
        context = re.search(r"^# Context:\s+(.*)$", block, re.M).group(1).strip()
        if kind.startswith("SERVER_"):
            assert context.startswith("server config (only"), f"{name}: Context {context!r}"
        else:
            assert context == "server config, virtual host, directory, .htaccess", (
                f"{name}: Context {context!r}")
        if kind == "CHOICE":
            continue  # a word its parser turns into a number: not compared here
        value = args[DEFAULT_ARG[kind]]
        value = defines.get(value, value)
        if value == "NULL":
            expected = None
        elif kind == "SERVER_FLAG":
            expected = {"1": "On", "0": "Off"}[value]
        elif re.fullmatch(r"-?\d+", value):
            expected = value
        elif re.fullmatch(r'"[^"\\]*"', value):
            expected = value[1:-1]
        else:
            continue  # a path built from the data directory
        checked += 1
        if expected is None:
            assert default.startswith("none"), f"{name}: no default in the code, {default!r} documented"
        else:
            assert re.fullmatch(re.escape(name) + r"\s+" + re.escape(expected) + r"(\s.*)?", default), (
                f"{name}: default {expected} in the code, {default!r} documented")
    assert checked >= 15
