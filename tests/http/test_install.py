"""`make install` puts the module in apxs's libexec dir, the stylesheets and migrations in the
data dir, quizcontest.load/.conf in Debian's mods-available, and `a2enmod quizcontest` enables
it together with mod_dbd. Done into a staging directory (DESTDIR), so the machine's own Apache
configuration is never touched; a2enmod runs against a copy (APACHE_CONFDIR)."""
import os
import shutil
import subprocess

from qcsite import apache_syntax_check

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def apxs(var):
    return subprocess.run(["apxs", "-q", var], capture_output=True, text=True, check=True).stdout.strip()


def test_make_install_and_a2enmod(tmp_path):
    stage = tmp_path / "stage"
    subprocess.run(["make", "-C", REPO, "install", f"DESTDIR={stage}"], check=True,
                   capture_output=True)
    moddir = str(stage) + apxs("LIBEXECDIR")
    confdir = str(stage) + apxs("SYSCONFDIR")
    assert os.path.isfile(os.path.join(moddir, "mod_quizcontest.so"))
    assert not os.path.exists(os.path.join(moddir, "mod_quizcontest.la"))
    load = open(os.path.join(confdir, "mods-available", "quizcontest.load")).read()
    assert "LoadModule quizcontest_module " + apxs("LIBEXECDIR") + "/mod_quizcontest.so" in load
    assert "# Depends: dbd" in load
    assert os.path.isfile(os.path.join(confdir, "mods-available", "quizcontest.conf"))
    share = subprocess.run(["find", str(stage), "-path", "*mod_quizcontest/xslt/quiz.xsl"],
                           capture_output=True, text=True).stdout.split()
    assert share, "stylesheets not installed"
    datadir = os.path.dirname(os.path.dirname(share[0]))
    for rel in ("xslt/layout.xsl", "xslt/messages.xml", "static/quizcontest.css",
                "static/quizcontest.js", "migrations/0001_initial.sql", "demo/contest.xml",
                "demo/question-bank.xml"):
        assert os.path.isfile(os.path.join(datadir, rel)), rel
    assert os.path.isfile(str(stage) + "/etc/mysql/conf.d/quizcontest-client.cnf")
    # the installed stylesheets compile as the module would compile them
    admin = subprocess.run([os.path.join(REPO, "tools", "quizcontest-admin"), "check-theme",
                            os.path.join(datadir, "xslt")], capture_output=True, text=True)
    assert admin.returncode == 0, admin.stderr

    # a2enmod against a copy of the machine's Apache configuration plus the staged files
    apache_copy = tmp_path / "apache2"
    shutil.copytree("/etc/apache2", apache_copy, symlinks=True)
    for f in ("quizcontest.load", "quizcontest.conf"):
        shutil.copy(os.path.join(confdir, "mods-available", f), apache_copy / "mods-available" / f)
    for f in ("quizcontest.load", "quizcontest.conf", "dbd.load"):
        p = apache_copy / "mods-enabled" / f
        if p.is_symlink() or p.exists():
            p.unlink()
    env = dict(os.environ, APACHE_CONFDIR=str(apache_copy))
    r = subprocess.run(["a2enmod", "quizcontest"], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    for f in ("quizcontest.load", "quizcontest.conf", "dbd.load"):
        assert (apache_copy / "mods-enabled" / f).is_symlink(), f"{f} not enabled"

    # the enabled configuration parses with the staged module (path rewritten to the stage)
    r = apache_syntax_check(
        tmp_path, open(os.path.join(confdir, "mods-available", "quizcontest.conf")).read(),
        load_module=load.replace(apxs("LIBEXECDIR"), moddir))
    assert r.returncode == 0, r.stderr


def test_make_install_again_keeps_a_changed_configuration_file(tmp_path):
    """An upgrade by `make install` never overwrites the webmaster's quizcontest.conf (or the
    .load, or the client options): a file changed since it was installed is kept and the new
    one is installed beside it as .dist, and make says so; an unchanged one is replaced."""
    stage = tmp_path / "stage"
    confdir = str(stage) + apxs("SYSCONFDIR") + "/mods-available"
    subprocess.run(["make", "-C", REPO, "install", f"DESTDIR={stage}"], check=True,
                   capture_output=True)
    load = open(os.path.join(confdir, "quizcontest.load")).read()
    assert "# Depends: dbd headers" in load  # the example's Header needs mod_headers
    conf = os.path.join(confdir, "quizcontest.conf")
    shipped = open(conf).read()
    edited = shipped.replace("# BEGIN quick start\n#Include", "# BEGIN quick start\nInclude")
    assert edited != shipped
    with open(conf, "w") as f:
        f.write(edited)
    # the .load is changed behind make's back too, but back to what it was: it is replaced
    r = subprocess.run(["make", "-C", REPO, "install", f"DESTDIR={stage}"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert open(conf).read() == edited
    assert open(conf + ".dist").read() == shipped
    assert f"{conf} was changed since it was installed: kept it" in r.stdout, r.stdout
    assert f"the new one is {conf}.dist" in r.stdout
    assert not os.path.exists(os.path.join(confdir, "quizcontest.load.dist"))
    assert "quizcontest.load" not in r.stdout
    # the webmaster takes the new one: the next install replaces it and removes the .dist
    shutil.copy(conf + ".dist", conf)
    r = subprocess.run(["make", "-C", REPO, "install", f"DESTDIR={stage}"],
                       capture_output=True, text=True)
    assert r.returncode == 0 and "was changed" not in r.stdout, r.stdout
    assert not os.path.exists(conf + ".dist")


def test_every_stylesheet_static_file_and_migration_is_installed():
    """Makefile.am lists the data files one by one; a new migration or stylesheet left out of it
    works in the tree and fails once installed (the Debian package, make install)."""
    repo = os.environ.get("QC_REPO", os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))))
    with open(os.path.join(repo, "Makefile.am"), encoding="utf-8") as f:
        listed = set(f.read().replace("\\\n", " ").split())
    missing = []
    for folder, ends in (("conf/migrations", ".sql"), ("xslt", (".xsl", ".xml")),
                         ("xslt/static", (".css", ".js"))):
        for name in sorted(os.listdir(os.path.join(repo, folder))):
            if name.endswith(ends) and f"{folder}/{name}" not in listed:
                missing.append(f"{folder}/{name}")
    assert missing == [], "not in Makefile.am's installed data: " + ", ".join(missing)
