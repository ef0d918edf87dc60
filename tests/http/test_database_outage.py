"""A database outage: every request gets a 503 page with Retry-After within 2 seconds (never
a hung worker), the outage is logged once with a hint, and service resumes by itself when the
database is back: the private MariaDB is really stopped and started again."""
import subprocess
import time

import requests
from qcsite import QC_RUN

# mod_dbd reports each failed connection itself (its own AH numbers); the module adds QC00002
# once when the outage starts and QC00102 for a statement whose connection died under it.
OUTAGE_LOG = [r"\[dbd:", r"QC00002", r"QC00102"]


def test_database_restart_gives_fast_503_then_recovers(site):
    outage_and_recovery(site)


def outage_and_recovery(site, path="/"):
    """Stop the private MariaDB, expect fast 503s at `path`, start it, expect recovery."""
    for p in OUTAGE_LOG:
        site.expect_log(p)
    # warm the pool: connections exist before the database goes away
    for _ in range(5):
        assert requests.get(site.base + path).status_code == 200
    subprocess.run([QC_RUN, "db-stop"], check=True, capture_output=True)
    # the public home page may come from a process's copy for one second (Cache-Control
    # public, max-age=1): past that, every request needs the database
    time.sleep(1.5)
    try:
        for _ in range(6):
            t0 = time.monotonic()
            r = requests.get(site.base + path, timeout=10)
            elapsed = time.monotonic() - t0
            assert r.status_code == 503, r.text[:300]
            assert elapsed < 2.0, f"the 503 took {elapsed:.2f} s"
            assert int(r.headers["Retry-After"]) > 0
            assert "tạm thời gián đoạn" in r.text
        down_lines = [l for l in site.new_log_lines() if "QC00002" in l]
        # once per Apache child process (ServerLimit 2 here), not once per request
        assert 1 <= len(down_lines) <= 2, f"logged {len(down_lines)} times for 6 requests"
        assert "DBDParams" in down_lines[0]
    finally:
        subprocess.run([QC_RUN, "db-start"], check=True, capture_output=True)
    deadline = time.monotonic() + 20
    codes = []
    while time.monotonic() < deadline:
        codes.append(requests.get(site.base + path, timeout=10).status_code)
        if codes[-3:] == [200, 200, 200]:
            break
        time.sleep(0.2)
    assert codes[-3:] == [200, 200, 200], f"no recovery: {codes[-10:]}"
    assert any("QC00003" in l for l in site.new_log_lines())


def test_health_endpoint_follows_the_database(site):
    """The balancer's hcuri (suc-khoe): 200 "ok" while the database serves, 503 fast while it
    is stopped, 200 again by itself once it is back; never cached."""
    for p in OUTAGE_LOG:
        site.expect_log(p)
    r = requests.get(site.base + "/suc-khoe", timeout=10)
    assert r.status_code == 200, r.text
    assert r.text.startswith("ok\n")
    assert "retries " in r.text and r.headers["Cache-Control"] == "no-store"
    assert requests.post(site.base + "/suc-khoe", timeout=10).status_code != 200
    subprocess.run([QC_RUN, "db-stop"], check=True, capture_output=True)
    try:
        for _ in range(3):
            t0 = time.monotonic()
            r = requests.get(site.base + "/suc-khoe", timeout=10)
            assert r.status_code == 503, r.text
            assert time.monotonic() - t0 < 2.0
            assert not r.text.startswith("ok")
    finally:
        subprocess.run([QC_RUN, "db-start"], check=True, capture_output=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if requests.get(site.base + "/suc-khoe", timeout=10).status_code == 200:
            break
        time.sleep(0.2)
    assert requests.get(site.base + "/suc-khoe", timeout=10).status_code == 200
