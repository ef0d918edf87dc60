"""The Debian package, the way a Debian webmaster installs it, on the machine's real dpkg and
system Apache: built with dpkg-buildpackage from a clean copy of the tree; installed with apt
(which enables the module and mod_dbd and mod_headers); `quizcontest-admin setup-database`
against the tests' private MariaDB (--socket), run twice; the demo contest loaded; the shipped
quizcontest.conf's quick-start block uncommented (the one file the webmaster edits) and the
system Apache (/usr/sbin/apache2 -d /etc/apache2) started by hand on a free 127.0.0.1 port with
its own pid file and logs; `apache2ctl configtest` clean; a contestant registers, takes the quiz
and sees the result. lintian on the first build: no error, no warning. Then a second build with a higher version (its quizcontest.conf changed,
so dpkg has a conffile question to answer) installed over it: the edited conffile is kept, the
contest still serves, its data intact. Then remove (module disabled, conffiles kept) and purge
(no file of the package left, /etc/quizcontest gone, the database untouched).

The machine's Apache is left as it was found: /etc/apache2 and /var/lib/apache2 (the
maintainer-script helper's state) are copied first and put back at the end, whatever happened;
the system Apache is not running before (the test is skipped otherwise) nor after."""
import filecmp
import hashlib
import os
import re
import shutil
import signal
import subprocess
import time

import pytest
import requests

from qcsite import DB_SOCK, REPO, QcSite, mariadb

PKG = "libapache2-mod-quizcontest"
DB = "quizcontest_debpkg"
DB_USER = "qc_debpkg"
ADMIN_CONF = "/etc/quizcontest/admin.conf"
SYS_CONF = "/etc/apache2/mods-available/quizcontest.conf"
APT = ["apt-get", "-y", "-q", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=600"]
RUN_DIRS = ["/var/run/apache2", "/var/lock/apache2"]  # apache2ctl makes them when missing


def run(cmd, **kw):
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive", **kw.pop("env", {}))
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, **kw)
    assert r.returncode == 0, f"{cmd} failed ({r.returncode}):\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return r


def installed():
    r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", PKG], capture_output=True, text=True)
    return r.returncode == 0 and "installed" in r.stdout and "not-installed" not in r.stdout


def manifest(root):
    """{relative path: (kind, content hash or link target, mode)} of a tree."""
    out = {}
    for d, dirs, files in os.walk(root):
        for name in dirs + files:
            p = os.path.join(d, name)
            rel = os.path.relpath(p, root)
            st = os.lstat(p)
            if os.path.islink(p):
                out[rel] = ("link", os.readlink(p), 0)
            elif os.path.isdir(p):
                out[rel] = ("dir", "", st.st_mode)
            else:
                out[rel] = ("file", hashlib.sha256(open(p, "rb").read()).hexdigest(), st.st_mode)
    return out


def restore(snapshot, root):
    if manifest(snapshot) != manifest(root):
        shutil.rmtree(root)
        shutil.copytree(snapshot, root, symlinks=True)


def pid_alive(pidfile):
    try:
        os.kill(int(open(pidfile).read().strip()), 0)
        return True
    except (OSError, ValueError):
        return False


def source_copy(dest):
    """The tree as git sees it (tracked and new files, not what is ignored: no build output,
    no .work)."""
    files = subprocess.run(["git", "-C", REPO, "ls-files", "-co", "--exclude-standard", "-z"],
                           capture_output=True, check=True).stdout.split(b"\0")
    for f in files:
        f = f.decode()
        if not f or f.startswith(".work/") or not os.path.lexists(os.path.join(REPO, f)):
            continue
        os.makedirs(os.path.dirname(os.path.join(dest, f)), exist_ok=True)
        shutil.copy2(os.path.join(REPO, f), os.path.join(dest, f), follow_symlinks=False)


def build(src, *extra):
    run(["dpkg-buildpackage", "-us", "-uc", "-b", *extra], cwd=src,
        env={"DEB_BUILD_OPTIONS": "nocheck parallel=2"})


class SystemApache:
    """The machine's Apache binary and /etc/apache2, started by hand: its own pid file, run
    and lock directories and logs under `d` (the variables /etc/apache2/envvars would set)."""

    def __init__(self, d):
        self.d = d
        self.pidfile = os.path.join(d, "apache2.pid")
        self.error_log = os.path.join(d, "log", "error.log")
        for sub in ("run", "lock", "log"):
            os.makedirs(os.path.join(d, sub), exist_ok=True)
        shutil.chown(os.path.join(d, "lock"), "www-data", "www-data")
        self.env = {"APACHE_RUN_USER": "www-data", "APACHE_RUN_GROUP": "www-data",
                    "APACHE_PID_FILE": self.pidfile, "APACHE_RUN_DIR": os.path.join(d, "run"),
                    "APACHE_LOCK_DIR": os.path.join(d, "lock"),
                    "APACHE_LOG_DIR": os.path.join(d, "log"), "LANG": "C"}

    def ctl(self, action):
        return run(["/usr/sbin/apache2", "-d", "/etc/apache2", "-k", action], env=self.env)

    def start(self, url):
        self.ctl("start")
        for _ in range(80):
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.25)
        raise AssertionError("the system Apache does not answer:\n" + self.log())

    def stop(self):
        if not pid_alive(self.pidfile):
            return
        pid = int(open(self.pidfile).read().strip())
        os.kill(pid, signal.SIGTERM)
        for _ in range(80):
            try:
                os.kill(pid, 0)
            except OSError:
                return
            time.sleep(0.25)

    def log(self):
        return open(self.error_log).read() if os.path.exists(self.error_log) else ""


def uncomment_quick_start(text, port):
    """The webmaster's edit: the lines between BEGIN and END quick start, uncommented."""
    out, inside = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("# BEGIN quick start"):
            inside = True
        elif line.startswith("# END quick start"):
            inside = False
        elif inside and line.startswith("#"):
            line = line[1:]
        out.append(line)
    edited = "".join(out)
    assert edited != text and "\nInclude /etc/quizcontest/admin.conf\n" in edited
    return edited + f"# edited by the webmaster (test_debian_package, port {port})\n"


def data_rows():
    """The contest's data, counted: contestants, attempts, saved answers, questions."""
    return mariadb("SELECT COUNT(*) FROM qc_contestant; SELECT COUNT(*) FROM qc_attempt;"
                   " SELECT COUNT(*) FROM qc_attempt_item WHERE selected IS NOT NULL;"
                   " SELECT COUNT(*) FROM qc_question", DB)


def play(site, s):
    """Start an attempt, answer every question right, submit: (attempt id, result page URL)."""
    url = site.attempt_url(site.start_attempt(s))
    q = site.quiz(s, url)
    attempt = url.rsplit("/", 1)[1]
    key = site.answer_key(attempt)
    form = {"csrf": q["csrf"], "seq": str(q["seq"]), "prediction": "7"}
    for pos, _kind, _choices, _ in q["questions"]:
        form[f"a{pos}"] = key[pos]
    r = s.post(url + "/nop", data=form, allow_redirects=False)
    assert r.status_code == 303, r.text[:1000]
    return attempt, len(q["questions"]), site.root + r.headers["Location"]


def test_debian_package_install_upgrade_remove_purge(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("needs root: installs a package with dpkg")
    if installed():
        pytest.skip(f"{PKG} is installed on this machine already: not touching it")
    if pid_alive("/var/run/apache2/apache2.pid"):
        pytest.skip("the system Apache is running: the test would change what it serves")
    for p in (ADMIN_CONF, SYS_CONF, "/etc/mysql/conf.d/quizcontest-client.cnf"):
        if os.path.exists(p):
            pytest.skip(f"{p} exists already (a make install?): not touching it")
    t0 = time.monotonic()
    snap = tmp_path / "snapshot"
    shutil.copytree("/etc/apache2", snap / "etc-apache2", symlinks=True)
    shutil.copytree("/var/lib/apache2", snap / "var-lib-apache2", symlinks=True)
    run_dirs_before = [d for d in RUN_DIRS if os.path.exists(d)]
    os.chmod(tmp_path, 0o755)
    apache = SystemApache(str(tmp_path / "apache"))
    site = QcSite("debpkg")
    site.db, site.contest = DB, "demo-cds"
    site.base = site.root + "/cuoc-thi"
    mariadb(f"DROP DATABASE IF EXISTS `{DB}`")
    mariadb(f"DROP USER IF EXISTS '{DB_USER}'@'localhost'")
    try:
        # ---- build from a clean copy --------------------------------------------------------
        src = tmp_path / "src"
        source_copy(str(src))
        build(str(src))
        debs = sorted(tmp_path.glob(f"{PKG}_*_*.deb"))
        assert len(debs) == 1, debs
        fields = run(["dpkg-deb", "-f", str(debs[0]), "Version", "Depends", "Recommends"]).stdout
        print("\n" + fields.strip())
        assert "libaprutil1-dbd-mysql" in fields and "apache2-api-" in fields, fields
        assert "Recommends: mariadb-server" in fields, fields
        built_s = time.monotonic() - t0
        # lintian: no error and no warning (debian/ justifies any override it has)
        changes = sorted(tmp_path.glob(f"{PKG}_*_*.changes"))
        lint = subprocess.run(["lintian", "--fail-on", "error,warning", str(changes[0])],
                              capture_output=True, text=True)
        print("\nlintian:", (lint.stdout + lint.stderr).strip() or "(nothing)")
        assert lint.returncode == 0, lint.stdout + lint.stderr
        assert not re.search(r"^[EW]: ", lint.stdout, re.M), lint.stdout

        # ---- install: the module enabled with what it depends on ---------------------------
        out = run(APT + ["install", str(debs[0])]).stdout
        assert installed(), out
        for m in ("quizcontest.load", "quizcontest.conf", "dbd.load", "headers.load"):
            assert os.path.islink("/etc/apache2/mods-enabled/" + m), f"{m} not enabled:\n{out}"
        files = [f for f in run(["dpkg", "-L", PKG]).stdout.splitlines()
                 if os.path.isfile(f) or os.path.islink(f)]
        assert "/usr/lib/apache2/modules/mod_quizcontest.so" in files
        conffiles = run(["dpkg-query", "-W", "-f=${Conffiles}", PKG]).stdout
        for c in (SYS_CONF, "/etc/apache2/mods-available/quizcontest.load",
                  "/etc/mysql/conf.d/quizcontest-client.cnf"):
            assert c in conffiles, conffiles

        # ---- the database, on request, twice ------------------------------------------------
        setup = ["quizcontest-admin", "setup-database", "--socket", DB_SOCK, "--database", DB,
                 "--user", DB_USER]
        first = run(setup).stdout
        assert re.search(r"migrations applied: [1-9]", first), first
        assert os.stat(ADMIN_CONF).st_mode & 0o777 == 0o640
        conf1 = open(ADMIN_CONF).read()
        assert f"sock={DB_SOCK},user={DB_USER}," in conf1 and f"dbname={DB}," in conf1
        second = run(setup).stdout
        assert "migrations applied: 0" in second, second
        assert open(ADMIN_CONF).read() == conf1, "the second run changed the account's password"
        assert mariadb(f"SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM "
                       f"information_schema.SCHEMATA WHERE SCHEMA_NAME='{DB}'").split() == \
            ["utf8mb4", "utf8mb4_vietnamese_ci"]
        # ---- the demo contest, with the installed tool and its configuration -----------------
        run(["quizcontest-admin", "load-contest", "/usr/share/mod_quizcontest/demo/contest.xml"])
        run(["quizcontest-admin", "import-bank", "--contest", "demo-cds",
             "/usr/share/mod_quizcontest/demo/question-bank.xml"])

        # ---- the system Apache on a free port, from the shipped example ---------------------
        with open("/etc/apache2/ports.conf", "w") as f:
            f.write(f"# test_debian_package: a free port on 127.0.0.1\n"
                    f"ServerName 127.0.0.1\nListen 127.0.0.1:{site.port}\n")
        edited = uncomment_quick_start(open(SYS_CONF).read(), site.port)
        with open(SYS_CONF, "w") as f:
            f.write(edited)
        test = subprocess.run(["apache2ctl", "configtest"], capture_output=True, text=True)
        assert test.returncode == 0 and (test.stdout + test.stderr).strip() == "Syntax OK", \
            test.stdout + test.stderr
        apache.start(site.base + "/")
        assert requests.get(site.root + "/quizcontest-static/quizcontest.css").headers[
            "Cache-Control"] == "public, max-age=86400"  # mod_headers, enabled by dependency

        # ---- a contestant registers, takes the quiz and sees the result ----------------------
        s, _, data = site.register(unit_id=site.unit_id("stttt-vp"), group_id=site.group_id("1"))
        attempt, n, result = play(site, s)
        page = s.get(result)
        assert page.status_code == 200
        assert re.search(r'<dd class="score">%d/%d</dd>' % (n, n), page.text), page.text[:3000]
        assert site.attempt_row(attempt)["score"] == n
        apache.stop()
        rows_before = data_rows()
        assert rows_before.split()[:2] == ["1", "1"], rows_before

        # ---- a second build, a higher version, over it --------------------------------------
        changelog = (src / "debian" / "changelog").read_text()
        version = re.match(r"\S+ \(([^)]+)\)", changelog).group(1)
        newer = version + "+upgrade1"
        (src / "debian" / "changelog").write_text(
            f"{PKG} ({newer}) unstable; urgency=medium\n\n  * Test build: the upgrade.\n\n"
            " -- mod_quizcontest engineers <dev@quizcontest.invalid>  "
            "Tue, 08 Dec 2026 01:00:00 +0000\n\n" + changelog)
        with open(src / "conf" / "quizcontest.conf", "a") as f:
            f.write("# (changed in the upgrade's build)\n")
        for p in src.glob("debian/*.debhelper.log"):
            p.unlink()
        for p in ("debian/debhelper-build-stamp", "debian/tmp", f"debian/{PKG}"):
            shutil.rmtree(src / p, ignore_errors=True) if (src / p).is_dir() else \
                (src / p).unlink(missing_ok=True)
        build(str(src), "-nc")
        deb2 = tmp_path / f"{PKG}_{newer}_amd64.deb"
        assert deb2.exists(), sorted(tmp_path.iterdir())
        r = run(APT + ["-o", "Dpkg::Options::=--force-confold", "install", str(deb2)])
        out = r.stdout + r.stderr
        assert run(["dpkg-query", "-W", "-f=${Version}", PKG]).stdout == newer
        assert open(SYS_CONF).read() == edited, "the upgrade replaced the edited conffile"
        assert os.path.exists(SYS_CONF + ".dpkg-dist"), out  # dpkg's answer "keep yours"
        assert "Modified (by you or by a script) since installation" in out, out
        assert os.path.islink("/etc/apache2/mods-enabled/quizcontest.load")
        apache.start(site.base + "/")
        assert site.attempt_row(attempt)["score"] == n
        assert data_rows() == rows_before, "the upgrade changed the contest's data"
        again = s.get(result)
        assert again.status_code == 200 and re.search(r'<dd class="score">%d/%d</dd>' % (n, n),
                                                      again.text)
        s2, r = site.login(data["phone"])
        assert r.status_code == 303, r.text[:1000]
        apache.stop()
        errors = [l for l in apache.log().splitlines() if re.search(r":(error|crit|emerg)\]", l)]
        assert not errors, errors

        # ---- remove: the module disabled, its configuration kept ----------------------------
        run(APT + ["remove", PKG])
        assert not os.path.lexists("/etc/apache2/mods-enabled/quizcontest.load")
        assert not os.path.exists("/usr/lib/apache2/modules/mod_quizcontest.so")
        assert os.path.exists(SYS_CONF) and os.path.exists(ADMIN_CONF)

        # ---- purge: nothing of the package left, the database untouched ---------------------
        run(APT + ["purge", PKG])
        left = [f for f in files + [SYS_CONF + ".dpkg-dist", ADMIN_CONF, "/etc/quizcontest"]
                if os.path.lexists(f)]
        assert not left, left
        assert not [m for m in os.listdir("/etc/apache2/mods-enabled") if "quizcontest" in m]
        assert not os.path.exists("/usr/share/mod_quizcontest")
        assert data_rows() == rows_before, "the purge changed the contest's database"
        print(f"\ntest_debian_package: build {built_s:.0f} s, whole test "
              f"{time.monotonic() - t0:.0f} s")
    finally:
        apache.stop()
        if installed() or subprocess.run(["dpkg-query", "-W", PKG],
                                         capture_output=True).returncode == 0:
            subprocess.run(APT + ["purge", PKG], capture_output=True,
                           env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        shutil.rmtree("/etc/quizcontest", ignore_errors=True)
        restore(snap / "etc-apache2", "/etc/apache2")
        restore(snap / "var-lib-apache2", "/var/lib/apache2")
        for d in RUN_DIRS:
            if d not in run_dirs_before:
                shutil.rmtree(d, ignore_errors=True)
        mariadb(f"DROP DATABASE IF EXISTS `{DB}`")
        mariadb(f"DROP USER IF EXISTS '{DB_USER}'@'localhost'")
    # the machine's Apache as it was found
    assert manifest("/etc/apache2") == manifest(snap / "etc-apache2")
    assert filecmp.cmp(snap / "etc-apache2" / "ports.conf", "/etc/apache2/ports.conf",
                       shallow=False)
