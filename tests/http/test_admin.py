"""quizcontest-admin: --help on every subcommand, idempotent migrations, refusal of a changed
migration, the secretariat's password reset; and the project's log tags are each used once."""
import glob
import os
import re
import shutil
import subprocess

from qcsite import ADMIN, REPO, QcSite, mariadb

COMMANDS = ["migrate", "load-contest", "import-bank", "create-account", "set-password", "sweep",
            "check-theme"]


def test_help_on_every_subcommand():
    out = subprocess.run([ADMIN, "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for c in COMMANDS:
        assert c in out.stdout
        r = subprocess.run([ADMIN, c, "--help"], capture_output=True, text=True)
        assert r.returncode == 0, c
        assert r.stdout.startswith("usage: quizcontest-admin"), c
        assert c in r.stdout


def test_unknown_command_fails_with_usage():
    r = subprocess.run([ADMIN, "frobnicate"], capture_output=True, text=True)
    assert r.returncode == 2
    assert "unknown command" in r.stderr


def test_migrations_are_idempotent_and_changed_ones_refused(tmp_path):
    site = QcSite("admin_migrate")
    mariadb(f"DROP DATABASE IF EXISTS `{site.db}`")
    mariadb(f"CREATE DATABASE `{site.db}` CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci")
    migrations = tmp_path / "migrations"
    shutil.copytree(os.path.join(REPO, "conf", "migrations"), migrations)
    first = site.admin("migrate", "--dir", str(migrations))
    assert re.search(r"migrations applied: [1-9]", first.stdout)
    again = site.admin("migrate", "--dir", str(migrations))
    assert "migrations applied: 0" in again.stdout
    rows = site.sql("SELECT version, CHAR_LENGTH(checksum) FROM qc_schema_migration")
    assert rows.splitlines()[0].split() == ["1", "64"]
    # editing an applied migration is refused, not silently skipped
    path = migrations / "0001_initial.sql"
    path.write_text(path.read_text() + "\n-- edited\n")
    changed = site.admin("migrate", "--dir", str(migrations), check=False)
    assert changed.returncode == 1
    assert "has changed" in changed.stderr
    # a new migration is applied once
    (migrations / "0001_initial.sql").write_text(
        open(os.path.join(REPO, "conf", "migrations", "0001_initial.sql")).read())
    (migrations / "9999_extra.sql").write_text("CREATE TABLE qc_extra_test (x INT);\n")
    assert "migrations applied: 1" in site.admin("migrate", "--dir", str(migrations)).stdout
    assert "migrations applied: 0" in site.admin("migrate", "--dir", str(migrations)).stdout
    mariadb(f"DROP DATABASE `{site.db}`")


def test_secretariat_password_reset(site):
    s, data = site.contestant()
    r = site.admin("set-password", "--contest", "t", "--phone", data["phone"],
                   input="mot ngay moi chin\n")
    assert "password of" in r.stdout
    _, r = site.login(data["phone"], "hoa sen no som")
    assert r.status_code == 422
    _, r = site.login(data["phone"], "mot ngay moi chin")
    assert r.status_code == 303 and r.headers["Location"].endswith("/tai-khoan/mat-khau")
    weak = site.admin("set-password", "--contest", "t", "--phone", data["phone"], input="short\n",
                      check=False)
    assert weak.returncode == 1
    # the hash's cost is the one asked for (the module's QuizContestBcryptCost), 10 by default
    def cost():
        h = site.sql(f"SELECT password_hash FROM qc_contestant WHERE phone = '{data['phone']}'")
        return int(h.strip().split("$")[2])
    assert cost() == 10
    site.admin("set-password", "--contest", "t", "--phone", data["phone"], "--bcrypt-cost", "5",
               input="mot ngay moi tam\n")
    assert cost() == 5
    _, r = site.login(data["phone"], "mot ngay moi tam")
    assert r.status_code == 303
    bad = site.admin("set-password", "--contest", "t", "--phone", data["phone"],
                     "--bcrypt-cost", "3", input="mot ngay moi bay\n", check=False)
    assert bad.returncode == 2 and "--bcrypt-cost must be a whole number from 4 to 16" in bad.stderr
    assert cost() == 5


def c_sources():
    """Every C file of the module, lib/ and the administrator's tool."""
    files = glob.glob(os.path.join(REPO, "mod_quizcontest*.c"))
    files += glob.glob(os.path.join(REPO, "lib", "**", "*.c"), recursive=True)
    files += glob.glob(os.path.join(REPO, "tools", "*.c"))
    assert len(files) > 40
    return files


def test_every_log_tag_is_used_once():
    tags = []
    for path in c_sources():
        tags += re.findall(r'"(QC\d{5}):', open(path, encoding="utf-8").read())
    assert len(tags) > 10
    dupes = sorted({t for t in tags if tags.count(t) > 1})
    assert not dupes, f"log tags used more than once: {dupes}"


def test_no_httpd_header_in_lib():
    lib = glob.glob(os.path.join(REPO, "lib", "**", "*.[ch]"), recursive=True)
    assert len(lib) > 40
    for path in lib:
        text = open(path, encoding="utf-8").read()
        for header in ("httpd.h", "http_config.h", "http_log.h", "http_protocol.h", "mod_dbd.h"):
            assert f"#include \"{header}\"" not in text and f"<{header}>" not in text, path


def test_sql_only_in_the_statement_table():
    """No SQL text outside the store layer (lib/store/): not in a page, a rule, the glue or the
    administrator's tool."""
    for path in c_sources():
        if os.sep + os.path.join("lib", "store") + os.sep in path:
            continue
        text = open(path, encoding="utf-8").read()
        assert not re.search(r'"\s*(SELECT|INSERT|UPDATE|DELETE)\s', text), path


def test_the_four_plans_load_cleanly_and_twice_changes_nothing():
    site = QcSite("admin_plans")
    site.create_db()
    plans = sorted(glob.glob(os.path.join(REPO, "conf", "contests", "*.xml")))
    assert len(plans) == 4
    for path in plans:
        site.admin("load-contest", path)
    snapshot = site.sql("SELECT c.code, COUNT(*), SUM(p.count) FROM qc_contest c "
                        "JOIN qc_prize p ON p.contest_id = c.id GROUP BY c.code ORDER BY c.code")
    for path in plans:
        site.admin("load-contest", path)
    assert site.sql("SELECT c.code, COUNT(*), SUM(p.count) FROM qc_contest c "
                    "JOIN qc_prize p ON p.contest_id = c.id GROUP BY c.code ORDER BY c.code") == snapshot
    rows = dict((l.split("\t")[0], l.split("\t")[1:]) for l in snapshot.splitlines())
    assert rows["tn-stnmt-2024"][1] == str(1 + 2 + 3 + 5 + 1)
    assert site.sql("SELECT COUNT(*) FROM qc_round r JOIN qc_contest c ON c.id = r.contest_id "
                    "WHERE c.code = 'bt-congdoan-2024'").strip() == "5"
    # Bến Tre's weekly rounds open 08:00 Monday and close 24:00 Sunday, Viet Nam time (UTC+7)
    assert site.sql("SELECT r.opens_at, r.closes_at FROM qc_round r JOIN qc_contest c ON "
                    "c.id = r.contest_id WHERE c.code = 'bt-congdoan-2024' AND r.seq = 2").split("\t") == \
        ["2024-06-17 01:00:00.000", "2024-06-23 17:00:00.000\n"]
    assert site.sql("SELECT COUNT(*) FROM qc_unit WHERE reg_quota = 30").strip() == "8"
    mariadb(f"DROP DATABASE `{site.db}`")
