"""QuizContestKeepConnections: worker threads that keep the database connection they took from
mod_dbd, so mod_dbd's ping (a round trip per request) is paid once per thread, not once per
request; a connection the server ended is noticed before it is used and replaced; and a
setting that could leave threads waiting forever for a connection stops the server at start."""
import os
import re
import subprocess
import time

from qcsite import check_server_number_directive, free_port, mariadb
from test_database_outage import outage_and_recovery

REPO = os.environ["QC_REPO"]
MODULE = os.environ["QC_MODULE"]

# every thread of the test Apache (25 per process) may keep one; DBDMax must be larger
SITE_OPTIONS = {"extra_conf": "DBDMax 40\nQuizContestKeepConnections 30\n"}


def pings():
    out = mariadb("SHOW GLOBAL STATUS LIKE 'Com_admin_commands'")
    return int(out.split()[-1])


def kept_lines(site):
    return [l for l in site.new_log_lines() if "QC00019" in l]


def test_a_thread_pings_once_then_serves_without_a_round_trip_per_request(site):
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    q = site.quiz(s, url)
    before = pings()
    site.log_mark()
    statuses = [s.get(url).status_code for _ in range(60)]
    after = pings()
    assert statuses == [200] * 60
    taken = kept_lines(site)
    # MariaDB counts an admin command for mod_dbd's ping and one for each new connection: at
    # most two when a thread takes its connection (QC00019), none per request (60 requests
    # with a ping each would be at least 60, and 25 threads can take at most 50)
    assert len(taken) <= 25
    assert after - before <= 2 * len(taken), (after - before, len(taken))
    # and the answers still save through the kept connection
    r = s.post(url + "/luu", data={"csrf": q["csrf"], "seq": "1", "position": "1",
                                  "choice": q["questions"][0][2][0]})
    assert r.status_code == 200 and 'status="ok"' in r.text, r.text


def test_a_connection_the_server_ended_is_replaced_before_use(site):
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    for _ in range(10):
        assert s.get(url).status_code == 200
    ids = mariadb("SELECT id FROM information_schema.processlist"
                  f" WHERE db = '{site.db}' AND id <> CONNECTION_ID()").split()
    assert ids, "the site has connections open"
    for i in ids:
        mariadb(f"KILL CONNECTION {i}")
    time.sleep(0.2)
    site.log_mark()
    # a dead connection handed back is discarded by mod_dbd's ping, which logs it (as it does
    # for its pooled connections after a MariaDB restart)
    site.expect_log(r"AH00639: DBD \[mysql\] Error: Server has gone away")
    statuses = [s.get(url).status_code for _ in range(30)]
    assert statuses == [200] * 30
    assert any("QC00017" in l and "closed by the server" in l for l in site.new_log_lines())


def test_a_graceful_restart_hands_the_kept_connections_back_cleanly(site):
    # pooled connections the test before killed may still be in mod_dbd's pool: its ping
    # discards them here, and logs it
    site.expect_log(r"AH00639: DBD \[mysql\] Error: Server has gone away")
    s, _ = site.contestant()
    url = site.attempt_url(site.start_attempt(s))
    for _ in range(20):
        assert s.get(url).status_code == 200
    subprocess.run(["apache2", "-f", site.conf, "-k", "graceful"], check=True,
                   env=site.proc_env)
    deadline = time.time() + 10
    while time.time() < deadline and not any("AH00493" in l for l in site.new_log_lines()):
        time.sleep(0.1)
    time.sleep(1)
    for _ in range(20):
        assert s.get(url).status_code == 200
    # the old children ended without a crash (mod_dbd's pool asserts that every connection
    # came back before it is destroyed; a crashed child is AH00052, checked by qcsite)
    assert any("AH00493" in l for l in site.new_log_lines())


def start_apache(tmp_path, server_conf):
    """Start an Apache with the module and `server_conf` in the new directory tmp_path;
    returns (whether it started, its error log); stops it again."""
    tmp_path.mkdir()
    port = free_port()
    log = tmp_path / "error.log"
    conf = tmp_path / "httpd.conf"
    conf.write_text(
        "ServerRoot /usr/lib/apache2\nServerName 127.0.0.1\n"
        f"Listen 127.0.0.1:{port}\nPidFile {tmp_path}/httpd.pid\nErrorLog {log}\n"
        f"DefaultRuntimeDir {tmp_path}\nMutex file:{tmp_path}\nUser www-data\nGroup www-data\n"
        "LoadModule mpm_event_module modules/mod_mpm_event.so\n"
        "LoadModule authz_core_module modules/mod_authz_core.so\n"
        "LoadModule dbd_module modules/mod_dbd.so\n"
        f"LoadModule quizcontest_module {MODULE}\n"
        "DBDriver mysql\nDBDParams \"sock=/nonexistent,user=x,pass=x,dbname=x\"\n"
        + server_conf +
        f"<Location /cuoc-thi>\n  SetHandler quizcontest\n  QuizContest x\n"
        f"  QuizContestStylesheetDir {REPO}/xslt\n</Location>\n")
    os.chmod(tmp_path, 0o755)
    r = subprocess.run(["apache2", "-f", str(conf), "-k", "start"], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr  # the configuration parses; start-up checks follow
    # Apache detaches before post_config, where the module checks: wait for its verdict
    deadline = time.time() + 10
    text = ""
    while time.time() < deadline:
        text = log.read_text() if log.exists() else ""
        if "Configuration Failed" in text or "resuming normal operations" in text:
            break
        time.sleep(0.1)
    started = "resuming normal operations" in text
    if started:
        subprocess.run(["apache2", "-f", str(conf), "-k", "stop"], capture_output=True)
        time.sleep(1)
    return started, text


def test_as_many_kept_as_dbdmax_is_refused_at_start(tmp_path):
    started, log = start_apache(tmp_path / "a", "DBDMax 8\nQuizContestKeepConnections 8\n")
    assert not started
    assert re.search(r"QC00016: QuizContestKeepConnections 8 must be less than DBDMax \(8", log), log
    # without DBDMax, mod_dbd's default of 10 counts; the last DBDMax given is the one in force
    started, log = start_apache(tmp_path / "b", "QuizContestKeepConnections 10\n")
    assert not started and "QC00016" in log and "(10 here" in log, log
    started, log = start_apache(tmp_path / "c",
                                "DBDMax 4\nDBDMax 8\nQuizContestKeepConnections 7\n")
    assert started, log
    assert "QC00016" not in log


def test_the_directive_is_for_the_whole_server_only_and_a_number(tmp_path):
    check_server_number_directive(tmp_path, "QuizContestKeepConnections", 10000)


def test_a_database_outage_gives_fast_503s_and_kept_connections_recover(site):
    """The outage test of test_database_outage.py, with every thread keeping its connection:
    a kept connection the restart ended is noticed and replaced (QC00017), a thread that
    cannot get one answers 503 as fast as without kept connections."""
    site.expect_log(r"AH00639")
    outage_and_recovery(site, "/dang-nhap")
