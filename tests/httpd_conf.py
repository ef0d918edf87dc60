#!/usr/bin/env python3
"""Renders tests/httpd.conf.in, the one httpd.conf template of `qc-run demo`, the HTTP tests
(tests/http/qcsite.py) and the benchmark (tests/bench/bench.py).

Every @NAME@ of the template is replaced by its value: the caller's, else DEFAULTS (the
settings the demo and the tests share: mod_headers, mod_filter and mod_deflate loaded, two
processes' worth of 25 threads, a small mod_dbd pool). A name the template does not have, or a
placeholder left without a value, is an error, so a typo cannot slip through.

    from httpd_conf import render          # python
    render(PORT=8080, PIDFILE=..., ...)   # the text of httpd.conf
    python3 tests/httpd_conf.py PORT=8080 PIDFILE=... LOCATIONS="$block" >httpd.conf   # shell
"""
import os
import re
import sys

TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "httpd.conf.in")

DEFAULTS = {
    "GENERATED_BY": "Generated",
    "SERVER_EXTRA": "",
    "MODULES": "LoadModule headers_module modules/mod_headers.so\n"
               "LoadModule filter_module modules/mod_filter.so\n"
               "LoadModule deflate_module modules/mod_deflate.so",
    "MPM_EXTRA": "",
    "THREADS_PER_CHILD": 25,
    "MAX_REQUEST_WORKERS": 50,
    "MIN_SPARE_THREADS": 5,
    "MAX_SPARE_THREADS": 50,
    "DBD_MIN": 1,
    "DBD_KEEP": 4,
    "DBD_MAX": 25,
    "DBD_EXPTIME": 60,
    "EXTRA": "",
}


def render(**values):
    """The template with every placeholder replaced (values override DEFAULTS)."""
    with open(TEMPLATE, encoding="utf-8") as f:
        text = f.read()
    names = set(re.findall(r"@([A-Z_]+)@", text))
    unknown = set(values) - names
    if unknown:
        raise KeyError(f"{TEMPLATE} has no placeholder {', '.join(sorted(unknown))}")
    given = dict(DEFAULTS, **values)
    missing = names - set(given)
    if missing:
        raise KeyError(f"no value for {', '.join(sorted(missing))} in {TEMPLATE}")
    return re.sub(r"@([A-Z_]+)@", lambda m: str(given[m.group(1)]), text)


def write(path, **values):
    """Render the template into the file `path`."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(render(**values))


if __name__ == "__main__":
    pairs = [a.split("=", 1) for a in sys.argv[1:]]
    if any(len(p) != 2 for p in pairs):
        sys.exit("usage: httpd_conf.py NAME=VALUE ... (prints the rendered httpd.conf)")
    sys.stdout.write(render(**dict(pairs)))
