"""The load benchmark of mod_quizcontest. Run by `make bench` / `./qc-run bench`,
which start the private MariaDB and pass its coordinates in QC_* variables, as for the tests.

It creates the database quizcontest_bench (a contest of 15 questions per attempt, a bank of 500
questions, 200 units, 100,000 contestants with 300,000 finished attempts from gen-population,
and 2,000 more contestants with sessions written straight into the database, the token hashed
as lib/qc_session.c does), starts its own Apache (MPM event, one child of 64 threads, DBDMax
72, QuizContestKeepConnections 64, QuizContestConcurrentPages four per core, answers saved
together batched as by default, LogLevel warn (quizcontest info), no access log) on a free loopback port,
measures with wrk and prints one table. Ratios are the figures: the machine is shared and noisy, and every comparison is made
against a yardstick measured in the same run with the same settings.

This is not a test: it asserts nothing and .ci/run does not run it. The last column of the
table says whether each target (tests/bench/README.md) is met.
"""
import argparse
import asyncio
import csv
import datetime
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import httpd_conf  # noqa: E402  (tests/httpd_conf.py: the one httpd.conf template)

REPO = os.environ["QC_REPO"]
WORK = os.environ["QC_WORK"]
DB_SOCK = os.environ["QC_DB_SOCK"]
DB_USER = os.environ["QC_DB_USER"]
DB_PASS = os.environ["QC_DB_PASS"]
ADMIN = os.environ["QC_ADMIN"]
MODULE = os.environ["QC_MODULE"]
DBWRITE = os.environ.get("QC_DBWRITE", os.path.join(REPO, "tests", "bench", "qc_dbwrite"))
HERE = os.path.dirname(os.path.abspath(__file__))
DB = "quizcontest_bench"
DIR = os.path.join(WORK, "bench")
CONTEST = "bench"
PASSWORD = "Bench@2026"
THREADS = 64          # Apache's ThreadsPerChild = DBDMax
PAGES_AT_ONCE = 4 * (os.cpu_count() or 1)  # QuizContestConcurrentPages, as the README advises
CONNECTIONS = 64      # wrk's connections for the page figures
WRK_THREADS = 2
VN = datetime.timezone(datetime.timedelta(hours=7))
ENV = dict(os.environ, MARIADB_HOME=os.path.join(WORK, "client"))


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def mariadb(sql, database=DB):
    cmd = ["mariadb", "--no-defaults", "-S", DB_SOCK, "-uroot", "-N", "-B"]
    if database:
        cmd.append(database)
    return subprocess.run(cmd, input=sql, check=True, capture_output=True, text=True).stdout


def params():
    return (f"sock={DB_SOCK},user={DB_USER},pass={DB_PASS},dbname={DB},"
            "reconnect=0,group=quizcontest")


def admin(*args):
    t = time.time()
    out = subprocess.run([ADMIN, "--db", params(), *args], capture_output=True, text=True,
                         env=ENV)
    if out.returncode != 0:
        sys.exit(f"quizcontest-admin {args[0]} failed: {out.stderr.strip()}")
    return out.stdout.strip(), time.time() - t


def local(dt):
    return dt.astimezone(VN).strftime("%Y-%m-%d %H:%M:%S")


# ---- the population --------------------------------------------------------------------------

def contest_xml():
    n = datetime.datetime.now(datetime.timezone.utc)
    d = datetime.timedelta
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<contest xmlns="urn:quizcontest:contest:1" code="{CONTEST}">
  <title>Cuộc thi đo tải</title>
  <theme>Chuyển đổi số</theme>
  <organiser>Ban Tổ chức đo tải</organiser>
  <rules>Thể lệ của cuộc thi đo tải.</rules>
  <window opens="{local(n - d(days=4))}" closes="{local(n + d(days=6))}"/>
  <quiz questions="15" time-limit-s="1800" attempts-per-round="3" grace-s="10" reveal-answers="after_round" counted-attempt="best"/>
  <prediction target="participants">Có bao nhiêu người dự thi?</prediction>
  <registration min-age="15" cccd="optional" email="optional"/>
  <rounds>
    <round title="Đợt 1" opens="{local(n - d(days=3))}" closes="{local(n - d(days=1))}"/>
    <round title="Đợt 2" opens="{local(n - d(hours=1))}" closes="{local(n + d(days=5))}"/>
  </rounds>
  <groups><group code="1">Nhóm 1: Cán bộ</group><group code="2">Nhóm 2: Người dân</group></groups>
  <units>
    <unit code="tinh" name="Tỉnh Đo Tải" kind="tỉnh" headcount="200000">
      <unit code="huyen-1" name="Huyện Một" kind="huyện" headcount="150000"/>
      <unit code="huyen-2" name="Huyện Hai" kind="huyện" headcount="5000"/>
    </unit>
  </units>
  <prizes one-per="round">
    <individual scope="each-round">
      <prize title="Giải Nhất" count="1" amount="1000000"/>
      <prize title="Giải Nhì" count="2"/>
      <prize title="Giải Ba" count="3"/>
    </individual>
    <collective formula="participation-and-prizes" unit-kind="huyện">
      <description>Tỷ lệ tham gia và số giải cá nhân.</description>
      <prize title="Giải tập thể" count="1"/>
    </collective>
  </prizes>
</contest>
"""


def bank_csv(path, n=500):
    """n questions in 10 topics, 4 options each (one in ten with two right answers)."""
    topics = ["Chính phủ số", "Kinh tế số", "Xã hội số", "An toàn thông tin", "Dữ liệu số",
              "Hạ tầng số", "Kỹ năng số", "Dịch vụ công trực tuyến", "Chữ ký số", "Đô thị thông minh"]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["code", "topic", "kind", "question", "A", "B", "C", "D", "correct",
                    "explanation"])
        for i in range(1, n + 1):
            multiple = i % 10 == 0
            w.writerow([f"q{i:04d}", topics[i % 10], "multiple" if multiple else "single",
                        f"Câu hỏi đo tải số {i}: theo kế hoạch chuyển đổi số của tỉnh, nội dung "
                        f"nào sau đây là đúng với mục tiêu số {i} đến năm 2025?",
                        f"Phương án thứ nhất của câu {i}", f"Phương án thứ hai của câu {i}",
                        f"Phương án thứ ba của câu {i}", f"Phương án thứ tư của câu {i}",
                        "A,C" if multiple else "ABCD"[i % 4],
                        f"Giải thích của câu {i}."])


def populate(args):
    log(f"database {DB}: migrate, contest, 500-question bank")
    mariadb(f"DROP DATABASE IF EXISTS `{DB}`;"
            f"CREATE DATABASE `{DB}` CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci", None)
    admin("migrate", "--dir", os.path.join(REPO, "conf", "migrations"))
    path = os.path.join(DIR, "contest.xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(contest_xml())
    admin("load-contest", path)
    bank = os.path.join(DIR, "bank.csv")
    bank_csv(bank)
    admin("import-questions", "--contest", CONTEST, bank)
    log(f"gen-population: {args.contestants} contestants, {args.attempts_each} finished "
        f"attempts each, 200 units")
    out, took = admin("gen-population", "--contest", CONTEST, "--contestants",
                      str(args.contestants), "--attempts-each", str(args.attempts_each),
                      "--units", "200", "--parent-unit", "huyen-1")
    log(f"  {out} (wall {took:.0f} s)")
    # one contestant in three in group 1, as in tests/http/test_results.py's scale test
    mariadb("UPDATE qc_contestant SET group_id = (SELECT id FROM qc_group WHERE code ="
            " IF(qc_contestant.id MOD 3 = 0, '1', '2'))")
    admin("results", "--contest", CONTEST, "--rebuild", "--round", "1")


def bench_accounts(n):
    """n more contestants (phones 0913xxxxxx in huyen-2) with a password hashed at the default
    cost 10, and a session for each written straight into qc_session: the token's SHA-256 hex,
    as qc_session_create stores it. Returns [(contestant_id, phone, token, csrf)]."""
    h = subprocess.run(["htpasswd", "-nbB", "-C", "10", "x", PASSWORD], check=True,
                       capture_output=True, text=True).stdout.strip().split(":", 1)[1]
    cid = mariadb(f"SELECT id FROM qc_contest WHERE code='{CONTEST}'").strip()
    unit = mariadb(f"SELECT id FROM qc_unit WHERE contest_id={cid} AND code='huyen-2'").strip()
    group = mariadb(f"SELECT id FROM qc_group WHERE contest_id={cid} AND code='2'").strip()
    mariadb("INSERT INTO qc_contestant (contest_id, full_name, dob, phone, unit_id, group_id,"
            f" password_hash) SELECT {cid}, CONCAT('Thí sinh đo tải ', s.seq), '1990-01-01',"
            f" CONCAT('0913', LPAD(s.seq, 6, '0')), {unit}, {group}, '{h}'"
            f" FROM seq_1_to_{n} s")
    rows = mariadb(f"SELECT id, phone FROM qc_contestant WHERE contest_id={cid}"
                   " AND phone LIKE '0913%' ORDER BY id").split("\n")
    out, values = [], []
    for line in filter(None, rows):
        ident, phone = line.split("\t")
        token, csrf_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        assert len(token) == 43 and len(csrf_token) == 43
        out.append((ident, phone, token, csrf_token))
        values.append(f"('{hashlib.sha256(token.encode()).hexdigest()}', {cid}, {ident},"
                      f" '{csrf_token}', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 1 DAY)")
    for k in range(0, len(values), 1000):
        mariadb("INSERT INTO qc_session (token_hash, contest_id, contestant_id, csrf_token,"
                " created_at, expires_at) VALUES " + ",".join(values[k:k + 1000]))
    return out


# ---- Apache ----------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_conf(port, conf, pidfile, errlog, save_batch=None):
    htpasswd = os.path.join(DIR, "htpasswd")
    subprocess.run(["htpasswd", "-cbB", htpasswd, "thuky", "secret-pass"], check=True,
                   capture_output=True)
    os.chmod(htpasswd, 0o644)
    # answers saved at the same moment are batched (the default) unless save_batch says
    batch_line = ("" if save_batch is None else
                  f"# answers saved one by one (the comparison row)\nQuizContestSaveBatch {save_batch}\n")
    httpd_conf.write(
        conf, GENERATED_BY="Generated by tests/bench/bench.py: the benchmark's Apache",
        PORT=port, PIDFILE=pidfile, ERRORLOG=errlog, RUNDIR=DIR, MODULE=MODULE, REPO=REPO,
        DBDPARAMS=params(),
        SERVER_EXTRA="ListenBacklog 4096\n"
                     "# the module's reports at a process's end (QC00022: how the saves were"
                     " batched) are at info",
        MODULES="",  # no mod_headers, mod_filter, mod_deflate: nothing the figures do not need
        MPM_EXTRA=f"""# one child, so its memory is one number; threads enough for every wrk connection
StartServers 1
ServerLimit 1
ThreadLimit {THREADS}
MaxConnectionsPerChild 0
KeepAlive On
MaxKeepAliveRequests 0
KeepAliveTimeout 30""",
        THREADS_PER_CHILD=THREADS, MAX_REQUEST_WORKERS=THREADS, MIN_SPARE_THREADS=1,
        MAX_SPARE_THREADS=THREADS,
        DBD_MIN=4, DBD_KEEP=THREADS + 8, DBD_MAX=THREADS + 8, DBD_EXPTIME=300,
        EXTRA=f"""# every worker thread keeps its database connection: no mod_dbd ping per request
QuizContestKeepConnections {THREADS}
# at most four contestant pages per core built at once, the others wait their turn
QuizContestConcurrentPages {PAGES_AT_ONCE}
{batch_line}Alias /bench-static {DIR}/static
<Directory {DIR}/static>
  Require all granted
</Directory>
# the same file served with sendfile(2), for reference: Apache's default (EnableSendfile Off,
# EnableMMAP On) maps and unmaps the file per request, which costs a 64-thread process dearly
Alias /bench-sendfile {DIR}/static
<Location /bench-sendfile>
  EnableSendfile On
</Location>""",
        LOCATIONS=f"""<Location /cuoc-thi>
  SetHandler quizcontest
  QuizContest {CONTEST}
  QuizContestStylesheetDir {REPO}/xslt
</Location>
<Location /ban-thu-ky>
  SetHandler quizcontest
  QuizContest {CONTEST}
  QuizContestArea secretariat
  QuizContestStylesheetDir {REPO}/xslt
  AuthType Basic
  AuthName "Ban Thu ky"
  AuthUserFile {htpasswd}
  Require valid-user
</Location>
""")


class Apache:
    def __init__(self):
        self.port = free_port()
        self.root = f"http://127.0.0.1:{self.port}"
        self.conf = os.path.join(DIR, "httpd.conf")
        self.pidfile = os.path.join(DIR, "httpd.pid")
        self.errlog = os.path.join(DIR, "error.log")
        if os.path.exists(self.errlog):
            os.unlink(self.errlog)
        write_conf(self.port, self.conf, self.pidfile, self.errlog)

    def start(self):
        subprocess.run(["apache2", "-f", self.conf, "-k", "start"], check=True, env=ENV)
        for _ in range(100):
            try:
                if http("GET", self.root + "/bench-static/ping.txt")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        sys.exit(f"Apache did not start: see {self.errlog}")

    def restart(self, save_batch=None):
        """Stop (the child logs its reports), write the configuration again, start."""
        self.stop()
        write_conf(self.port, self.conf, self.pidfile, self.errlog, save_batch)
        self.start()

    def batching_report(self):
        """The last QC00022 line of the error log: (saves, statements, largest), or None."""
        with open(self.errlog, errors="replace") as f:
            found = re.findall(r"QC00022: saves batched by \d+: (\d+) save\(s\) in (\d+)"
                               r" statement\(s\), the largest of (\d+)", f.read())
        return tuple(map(int, found[-1])) if found else None

    def parent(self):
        return int(open(self.pidfile).read())

    def stop(self):
        try:
            pid = self.parent()
            os.kill(pid, signal.SIGTERM)
        except (OSError, ValueError):
            if os.path.exists(self.pidfile):
                os.unlink(self.pidfile)
            return
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except OSError:
                break
            time.sleep(0.1)
        if os.path.exists(self.pidfile):  # a server that died leaves it behind
            os.unlink(self.pidfile)

    def children(self):
        parent, out = self.parent(), []
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat") as f:
                        if int(f.read().rsplit(")", 1)[1].split()[1]) == parent:
                            out.append(int(d))
                except (OSError, IndexError, ValueError):
                    pass
        return out

    def child_rss_kib(self):
        total = 0
        for pid in self.children():
            with open(f"/proc/{pid}/status") as f:
                total += int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))
        return total


def http(method, url, body=None, headers=None, timeout=60):
    """One request on its own connection: (status, headers dict, body bytes)."""
    import http.client
    import urllib.parse
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        h = dict(headers or {})
        if body is not None:
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        c.request(method, u.path + (("?" + u.query) if u.query else ""), body=body, headers=h)
        r = c.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    finally:
        c.close()


# ---- wrk -------------------------------------------------------------------------------------

def parse_ms(v):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", v)
    x = float(m.group(1))
    return {"us": x / 1000, "ms": x, "s": x * 1000, "m": x * 60000}[m.group(2)]


def wrk(url, script, script_args, duration, connections=CONNECTIONS, threads=WRK_THREADS):
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency",
           "--timeout", "10s", "-s", os.path.join(HERE, script), url, "--", *script_args]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    res = {"raw": out}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    res["rps"] = float(m.group(1)) if m else 0.0
    m = re.search(r"(\d+) requests in ([\d.]+\w+)", out)
    res["requests"] = int(m.group(1)) if m else 0
    for q in ("50", "99"):
        m = re.search(rf"^\s+{q}%\s+(\S+)", out, re.M)
        res["p" + q] = parse_ms(m.group(1)) if m else float("nan")
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    res["bad"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: (.*)", out)
    res["socket_errors"] = m.group(1).strip() if m else ""
    return res


def write_lines(name, lines):
    path = os.path.join(DIR, name)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


# ---- the synchronised start ------------------------------------------------------------------

def start_request(port, path, token, csrf_token):
    """The bytes of one start (POST .../bai-thi), built before the clock starts."""
    body = f"csrf={csrf_token}".encode()
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: qc_session={token}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body


async def one_start(loop, port, req, token, results):
    """One start on a new connection: latency from just before the connect to the end of the
    response's head. Plain non-blocking sockets: far less client CPU than asyncio's streams,
    which matters when the client shares two cores with Apache and MariaDB."""
    t = time.monotonic()
    status, location = 0, None
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    try:
        await loop.sock_connect(sock, ("127.0.0.1", port))
        await loop.sock_sendall(sock, req)
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = await asyncio.wait_for(loop.sock_recv(sock, 4096), 60)
            if not chunk:
                raise ValueError("closed before the head")
            head += chunk
        lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        for line in lines[1:]:
            if line.lower().startswith("location:"):
                location = line.split(":", 1)[1].strip()
    except (OSError, asyncio.TimeoutError, ValueError, IndexError):
        status = -1
    finally:
        sock.close()
    results.append((status, time.monotonic() - t, location, token))


async def sync_start(port, accounts, window_s):
    """Every account presses start once, spread evenly over window_s: one launcher sends each
    start at its instant (requests pre-built), so the client's own cost does not stretch the
    window. Returns the results and how long the sending took (first send to last send)."""
    loop = asyncio.get_running_loop()
    reqs = [(start_request(port, "/cuoc-thi/bai-thi", tok, cs), tok)
            for _, _, tok, cs in accounts]
    results, tasks = [], []
    step = window_s / len(reqs)
    t0 = time.monotonic() + 0.5
    first = last = None
    for k, (req, tok) in enumerate(reqs):
        delay = t0 + k * step - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        last = time.monotonic()
        first = first if first is not None else last
        tasks.append(loop.create_task(one_start(loop, port, req, tok, results)))
    await asyncio.gather(*tasks)
    return results, last - first


def pct(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(q / 100 * (len(v) - 1))))] if v else float("nan")


# ---- the login storm -------------------------------------------------------------------------

async def exchange(loop, port, raw, timeout=60):
    """One request on a new connection: (status, head lines, body, seconds); status -1 when
    the connection failed or timed out."""
    t = time.monotonic()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    data = b""
    try:
        await loop.sock_connect(sock, ("127.0.0.1", port))
        await loop.sock_sendall(sock, raw)
        while True:  # Connection: close: the answer ends with the connection
            chunk = await asyncio.wait_for(loop.sock_recv(sock, 65536), timeout)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        return int(lines[0].split()[1]), lines[1:], body, time.monotonic() - t
    except (OSError, asyncio.TimeoutError, ValueError, IndexError):
        return -1, [], b"", time.monotonic() - t
    finally:
        sock.close()


def raw_request(port, method, path, cookie=None, body=None):
    b = body.encode() if body else b""
    return (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            + (f"Cookie: {cookie}\r\n" if cookie else "")
            + ("Content-Type: application/x-www-form-urlencoded\r\n"
               f"Content-Length: {len(b)}\r\n" if method == "POST" else "")
            + "Connection: close\r\n\r\n").encode() + b


def header(lines, name):
    name = name.lower() + ":"
    return [line.split(":", 1)[1].strip() for line in lines if line.lower().startswith(name)]


async def storm_one(loop, port, phone, out):
    """One contestant at 08:00: log in (sending the form again after Retry-After while the
    page says the login waits its turn, as its script does), then start. out gets (login
    statuses, login seconds from the first send to the 303, start status)."""
    t0 = time.monotonic()
    cs = secrets.token_urlsafe(32)
    statuses = []
    token = None
    for _ in range(100):
        st, hd, body, _ = await exchange(loop, port, raw_request(
            port, "POST", "/cuoc-thi/dang-nhap", f"qc_session_csrf={cs}",
            f"phone={phone}&password={PASSWORD.replace('@', '%40')}&csrf={cs}"))
        statuses.append(st)
        if st == 200 and b'id="login-waiting"' in body and header(hd, "Retry-After"):
            await asyncio.sleep(int(header(hd, "Retry-After")[0]))
            continue
        for c in header(hd, "Set-Cookie"):
            if c.startswith("qc_session="):
                token = c.split(";", 1)[0].split("=", 1)[1]
        break
    took = time.monotonic() - t0
    start = 0
    if statuses[-1] == 303 and token:
        st, _, body, _ = await exchange(loop, port, raw_request(
            port, "GET", "/cuoc-thi/tai-khoan?format=xml", f"qc_session={token}"))
        m = re.search(rb"<csrf>([^<]+)</csrf>", body)
        if st == 200 and m:
            start, _, _, _ = await exchange(loop, port, raw_request(
                port, "POST", "/cuoc-thi/bai-thi", f"qc_session={token}",
                f"csrf={m.group(1).decode()}"))
    out.append((statuses, took, start))


async def steady_one(loop, port, a, tok, cs, until, pages, saves, k, seq_base):
    """A contestant already answering: a quiz page every 2 s and a save every second, each
    on a new connection, until `until`; the latencies go to pages and saves. The saves'
    numbers start at seq_base + k * 10^5 (above the autosave rows', below valgrind's)."""
    seq = seq_base + k * 10 ** 5
    n = 0
    await asyncio.sleep((k % 20) / 10)  # spread over the first two seconds
    while time.monotonic() < until:
        if n % 2 == 0:
            st, _, _, dt = await exchange(loop, port, raw_request(
                port, "GET", f"/cuoc-thi/bai-thi/{a}", f"qc_session={tok}"))
            pages.append((st, dt))
        seq += 1
        st, _, _, dt = await exchange(loop, port, raw_request(
            port, "POST", f"/cuoc-thi/bai-thi/{a}/luu", f"qc_session={tok}",
            f"csrf={cs}&seq={seq}&position=1&choice={1 + n % 2}"))
        saves.append((st, dt))
        n += 1
        await asyncio.sleep(1.0)


async def storm_run(port, steady, phones, window_s, steady_s, seq_base):
    """The steady contestants for steady_s, and, when phones are given, the storm's logins
    spread evenly over window_s starting a second in. Returns (storm results, page
    latencies, save latencies)."""
    loop = asyncio.get_running_loop()
    pages, saves, out = [], [], []
    until = time.monotonic() + steady_s
    tasks = [loop.create_task(steady_one(loop, port, a, t, c, until, pages, saves, k, seq_base))
             for k, (a, t, c) in enumerate(steady)]
    if phones:
        await asyncio.sleep(1.0)
        step = window_s / len(phones)
        t0 = time.monotonic()
        for k, phone in enumerate(phones):
            delay = t0 + k * step - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(loop.create_task(storm_one(loop, port, phone, out)))
    await asyncio.gather(*tasks)
    return out, pages, saves


def storm_accounts(n):
    """n contestants who have not logged in (phones 0914xxxxxx, password at bcrypt cost 10)."""
    h = subprocess.run(["htpasswd", "-nbB", "-C", "10", "x", PASSWORD], check=True,
                       capture_output=True, text=True).stdout.strip().split(":", 1)[1]
    cid = mariadb(f"SELECT id FROM qc_contest WHERE code='{CONTEST}'").strip()
    unit = mariadb(f"SELECT id FROM qc_unit WHERE contest_id={cid} AND code='huyen-2'").strip()
    group = mariadb(f"SELECT id FROM qc_group WHERE contest_id={cid} AND code='2'").strip()
    mariadb("INSERT INTO qc_contestant (contest_id, full_name, dob, phone, unit_id, group_id,"
            f" password_hash) SELECT {cid}, CONCAT('Thí sinh giờ cao điểm ', s.seq), '1990-01-01',"
            f" CONCAT('0914', LPAD(s.seq, 6, '0')), {unit}, {group}, '{h}'"
            f" FROM seq_1_to_{n} s")
    return [p for p in mariadb(f"SELECT phone FROM qc_contestant WHERE contest_id={cid}"
                               " AND phone LIKE '0914%' ORDER BY id").split("\n") if p]


# ---- valgrind --------------------------------------------------------------------------------

def valgrind_run(apache, accounts, attempts):
    """Apache in one process (-X) under memcheck, a short load of every kind, then a clean
    stop; the errors and leaks whose stack passes through the module or lib/ are counted."""
    vg_dir = os.path.join(DIR, "valgrind")
    shutil.rmtree(vg_dir, ignore_errors=True)
    os.makedirs(vg_dir)
    os.chmod(vg_dir, 0o777)
    logf = os.path.join(vg_dir, "vg.%p.log")
    proc = subprocess.Popen(["valgrind", "--leak-check=full", "--show-leak-kinds=definite",
                             "--errors-for-leak-kinds=definite", "--num-callers=30",
                             "--keep-debuginfo=yes",  # httpd unloads the module before exit
                             f"--log-file={logf}", "apache2", "-X", "-f", apache.conf],
                            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = apache.root
    for _ in range(600):
        try:
            if http("GET", root + "/bench-static/ping.txt", timeout=5)[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    n = 0
    for k in range(20):
        ident, phone, tok, cs = accounts[k]
        ck = {"Cookie": f"qc_session={tok}"}
        att = attempts.get(tok)
        http("GET", root + "/cuoc-thi/")
        if att:
            http("GET", root + f"/cuoc-thi/bai-thi/{att[0]}", headers=ck)
            http("POST", root + f"/cuoc-thi/bai-thi/{att[0]}/luu",
                 body=f"csrf={cs}&seq={10 ** 10 + k}&position=1&choice={att[1]}", headers=ck)
            http("GET", root + f"/cuoc-thi/bai-thi/{att[0]}?format=xml", headers=ck)
        n += 4
    for k in range(20, 25):  # fresh starts (these accounts started nothing before)
        ident, phone, tok, cs = accounts[-k]
        http("POST", root + "/cuoc-thi/bai-thi", body=f"csrf={cs}",
             headers={"Cookie": f"qc_session={tok}"})
        n += 1
    cs = secrets.token_urlsafe(32)
    for k in range(3):
        http("POST", root + "/cuoc-thi/dang-nhap",
             body=f"phone={accounts[k][1]}&password={PASSWORD}&csrf={cs}",
             headers={"Cookie": f"qc_session_csrf={cs}"})
        n += 1
    import base64
    auth = {"Authorization": "Basic " + base64.b64encode(b"thuky:secret-pass").decode()}
    for url in ("/ban-thu-ky/ket-qua?vong=1", "/ban-thu-ky/don-vi", "/ban-thu-ky/"):
        http("GET", root + url, headers=auth, timeout=300)
        n += 1
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
    # A record is the module's when a frame of its stack is in the glue (mod_quizcontest*.c) or
    # lib/; an error is in the module's own code when the top frame is; a leak is per request
    # when its stack passes through the handler (else it is a one-time allocation at start-up).
    own = re.compile(r"\((mod_quizcontest\w*|qc_\w+)\.c:\d+\)")
    found = {"own_errors": 0, "lib_errors": 0, "request_leaks": 0, "startup_leaks": 0,
             "first": ""}
    for name in os.listdir(vg_dir):
        text = open(os.path.join(vg_dir, name), errors="replace").read()
        for block in re.split(r"\n==\d+== \n", text):
            frames = [line for line in block.split("\n") if re.search(r"(at|by) 0x", line)]
            if not any(own.search(f) for f in frames):
                continue
            if "definitely lost" in block:
                kind = "request_leaks" if "qc_handler" in block else "startup_leaks"
            elif re.search(r"Invalid (read|write|free)|uninitialised|Mismatched free|overlap",
                           block):
                kind = "own_errors" if own.search(frames[0]) else "lib_errors"
            else:
                continue
            found[kind] += 1
            if not found["first"]:
                head = [line.split("== ", 1)[-1].strip() for line in block.split("\n")
                        if re.search(r"Conditional|Invalid|lost|Mismatched|uninit", line)]
                where = next((f.split(": ", 1)[-1].strip() for f in frames if own.search(f)), "")
                found["first"] = f"{head[0]} ... {where}"
    return n, found, vg_dir


# ---- the run ---------------------------------------------------------------------------------

def bench_cluster_main(args):
    """--cluster: the balancer on two web nodes and three Galera nodes against one node (its
    own file, tests/bench/bench_cluster.py)."""
    sys.path.insert(0, HERE)
    import bench_cluster  # noqa: E402
    bench_cluster.run(args)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help="a small population and 5 s runs (while developing)")
    ap.add_argument("--contestants", type=int, default=100000)
    ap.add_argument("--attempts-each", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10, help="seconds of each wrk run")
    ap.add_argument("--rss-requests", type=int, default=200000)
    ap.add_argument("--sync", type=int, default=2000, help="contestants in the synchronised start")
    ap.add_argument("--reuse", action="store_true",
                    help="keep the population of the last run (only the bench accounts are new)")
    ap.add_argument("--no-valgrind", action="store_true")
    ap.add_argument("--storm", type=int, default=2000, help="contestants in the login storm")
    ap.add_argument("--storm-window", type=int, default=60, help="seconds of the login storm")
    ap.add_argument("--cluster", action="store_true",
                    help="only the cluster figures: tests/bench/bench_cluster.py")
    args = ap.parse_args()
    if args.cluster:
        bench_cluster_main(args)
        return
    if args.quick:
        args.contestants, args.duration, args.rss_requests = 5000, 5, 20000
        args.storm, args.storm_window = 500, 15
    started = time.time()
    os.makedirs(os.path.join(DIR, "static"), exist_ok=True)
    for d in (DIR, os.path.join(DIR, "static")):
        os.chmod(d, 0o755)
    with open(os.path.join(DIR, "static", "ping.txt"), "w") as f:
        f.write("ok\n")
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing (apt-get install wrk; ./qc-run bench installs it)")

    if args.reuse and mariadb(f"SHOW DATABASES LIKE '{DB}'", None).strip():
        log("reusing the population of the last run")
        # the schema of this checkout (a migration added since the last run)
        admin("migrate", "--dir", os.path.join(REPO, "conf", "migrations"))
        mariadb("DELETE FROM qc_contestant WHERE phone LIKE '0913%' OR phone LIKE '0914%'")
    else:
        populate(args)
    pop = mariadb("SELECT (SELECT COUNT(*) FROM qc_contestant),"
                  " (SELECT COUNT(*) FROM qc_attempt WHERE state <> 'open'),"
                  " (SELECT COUNT(*) FROM qc_question WHERE retired = 0),"
                  " (SELECT COUNT(*) FROM qc_unit), @@innodb_flush_log_at_trx_commit").split()
    log(f"population: {pop[0]} contestants, {pop[1]} finished attempts, {pop[2]} questions,"
        f" {pop[3]} units; innodb_flush_log_at_trx_commit={pop[4]}")
    accounts = bench_accounts(args.sync + 25)
    sync_accounts, spare = accounts[:args.sync], accounts[args.sync:]

    apache = Apache()
    apache.stop()
    apache.start()
    log(f"Apache on {apache.root} (event MPM, 1 child x {THREADS} threads, DBDMax {THREADS + 8},"
        f" QuizContestKeepConnections {THREADS}, QuizContestConcurrentPages {PAGES_AT_ONCE})")
    try:
        rows = run_measurements(args, apache, pop, sync_accounts, spare)
    finally:
        apache.stop()
    if not args.no_valgrind:
        log("valgrind: a short load on Apache -X under memcheck")
        attempts = rows.pop("_attempts")
        n, f, vg_dir = valgrind_run(apache, sync_accounts[:20] + spare, attempts)
        rows["valgrind"] = (f"{n} requests: {f['own_errors']} error(s) in the module's code, "
                            f"{f['lib_errors']} in a library called by it; definite leaks "
                            f"{f['request_leaks']} per request, {f['startup_leaks']} once at "
                            f"start-up" + (f" (first: {f['first'][:150]})" if f["first"] else "")
                            + f"; logs {vg_dir}",
                            "0 errors, 0 leaks",
                            f["own_errors"] == 0 and f["request_leaks"] == 0)
    else:
        rows.pop("_attempts")
    print_table(rows, pop, time.time() - started, args)


def run_measurements(args, apache, pop, sync_accounts, spare):
    root, rows, D = apache.root, {}, args.duration
    # warm-up: every thread gets its database connection
    log("warm-up")
    home_list = write_lines("home.txt", ["/cuoc-thi/\t-"])
    wrk(root, "get.lua", [home_list], 3)

    # -- the synchronised start --
    log(f"synchronised start: {len(sync_accounts)} logged-in contestants press start within 10 s")
    results, spread = asyncio.run(sync_start(apache.port, sync_accounts, 10.0))
    ok = [r for r in results if r[0] == 303 and r[2] and "/bai-thi/" in r[2]]
    five = sum(1 for r in results if r[0] >= 500)
    failed_conn = sum(1 for r in results if r[0] < 0)
    lat = [r[1] for r in results]
    rows["sync"] = (f"{len(ok)} of {len(results)} started, {five} 5xx, {failed_conn} connection "
                    f"errors; p95 {pct(lat, 95) * 1000:.0f} ms, max {max(lat) * 1000:.0f} ms "
                    f"(sent over {spread:.1f} s)",
                    "all succeed, 0 5xx, p95 <= 1 s",
                    len(ok) == len(results) and five == 0 and pct(lat, 95) <= 1.0)
    attempt_of = {r[3]: r[2].rsplit("/", 1)[1] for r in ok}
    quiz = [(a, tok, cs) for (_, _, tok, cs) in sync_accounts
            if (a := attempt_of.get(tok))]
    if not quiz:
        sys.exit("no attempt started: see " + apache.errlog)

    # -- the quiz page, checked then measured against a static file of its size --
    a, tok, cs = quiz[0]
    st, hd, body = http("GET", root + f"/cuoc-thi/bai-thi/{a}?format=xml",
                        headers={"Cookie": f"qc_session={tok}"})
    nq = body.count(b"<question ")
    st, hd, page = http("GET", root + f"/cuoc-thi/bai-thi/{a}", headers={"Cookie": f"qc_session={tok}"})
    if st != 200 or nq != 15 or not hd.get("Content-Type", "").startswith("text/html"):
        sys.exit(f"the quiz page is not a 15-question HTML page ({st}, {nq} questions)")
    with open(os.path.join(DIR, "static", "quiz-size.html"), "wb") as f:
        f.write(page)
    static_list = write_lines("static.txt", ["/bench-static/quiz-size.html\t-"])
    sendfile_list = write_lines("sendfile.txt", ["/bench-sendfile/quiz-size.html\t-"])
    quiz_list = write_lines("quiz.txt", [f"/cuoc-thi/bai-thi/{a}\tqc_session={t}"
                                         for a, t, _ in quiz])
    # warm-up of the quiz page itself (every thread's connection prepares its statements)
    wrk(root, "get.lua", [quiz_list], 5)
    log(f"quiz page ({len(page)} bytes, {nq} questions) vs static file, {CONNECTIONS} connections,"
        f" {D} s each")
    s1 = wrk(root, "get.lua", [static_list], D)
    q = wrk(root, "get.lua", [quiz_list], D)
    ratio = q["rps"] / s1["rps"] if s1["rps"] else 0
    rows["quiz"] = (f"{q['rps']:.0f} req/s vs static {s1['rps']:.0f}: {ratio * 100:.0f}%; "
                    f"p50 {q['p50']:.1f} / p99 {q['p99']:.1f} ms (static {s1['p50']:.1f} / "
                    f"{s1['p99']:.1f} ms); non-2xx/3xx {q['bad']}",
                    ">= 30%, p99 <= 50 ms", ratio >= 0.30 and q["p99"] <= 50 and q["bad"] == 0)
    sf = wrk(root, "get.lua", [sendfile_list], D)
    sf_ratio = q["rps"] / sf["rps"] if sf["rps"] else 0
    rows["sendfile"] = (f"{sf['rps']:.0f} req/s, p50 {sf['p50']:.1f} / p99 {sf['p99']:.1f} ms:"
                        f" the quiz page is {sf_ratio * 100:.0f}% of it (p99 {q['p99']:.1f} ms);"
                        f" non-2xx/3xx {sf['bad']}", ">= 25%, quiz p99 <= 50 ms",
                        sf["bad"] == 0 and sf_ratio >= 0.25 and q["p99"] <= 50)

    # -- the contest home page --
    st, hd, home = http("GET", root + "/cuoc-thi/")
    log(f"home page ({len(home)} bytes) vs the same static file")
    s2 = wrk(root, "get.lua", [static_list], D)
    h = wrk(root, "get.lua", [home_list], D)
    ratio = h["rps"] / s2["rps"] if s2["rps"] else 0
    rows["home"] = (f"{h['rps']:.0f} req/s vs static {s2['rps']:.0f}: {ratio * 100:.0f}%; "
                    f"p50 {h['p50']:.1f} / p99 {h['p99']:.1f} ms (static {s2['p50']:.1f} / "
                    f"{s2['p99']:.1f} ms); non-2xx/3xx {h['bad']}",
                    ">= 50%", ratio >= 0.50 and h["bad"] == 0)

    # -- autosave against MariaDB's own durable single-row write, same concurrency --
    cid_of = {tok: ident for ident, _, tok, _ in sync_accounts}
    choices = {}
    for line in filter(None, mariadb(
            "SELECT attempt_id, choice_order FROM qc_attempt_item WHERE position = 1 AND"
            " attempt_id IN (" + ",".join(a for a, _, _ in quiz) + ")").split("\n")):
        aid, order = line.split("\t")
        choices[aid] = order.split(",")
    # The page names an option by its place in the order shown (1..n), as the quiz page's
    # form does (xslt/quiz.xsl: choice/@id), never by its choice id: the saves alternate
    # between places 1 and 2 of question 1.
    save_list = write_lines("autosave.txt", [
        f"/cuoc-thi/bai-thi/{a}/luu\tqc_session={t}\t{c}\t1\t2" for a, t, c in quiz])
    log(f"autosave POSTs, {CONNECTIONS} connections, {D} s")
    sv = wrk(root, "autosave.lua", [save_list, str(WRK_THREADS)], D)
    # The yardstick: MariaDB alone running the autosave's own statement (qc_autosave_single:
    # the item and the attempt's sequence, with the session and its CSRF token checked in the
    # same UPDATE), on the same attempts at the same concurrency, through the same driver. The
    # bare item update without the session (qc_item_save, the yardstick of the runs before
    # 2026-11-23) is measured too and shown beside it.
    dbw_list = write_lines("dbwrite.txt", [f"{a} {cid_of[t]} {choices[a][0]} {t} {c}"
                                           for a, t, c in quiz])

    def dbwrite(seq_base, *contest):
        out = subprocess.run([DBWRITE, params(), dbw_list, str(CONNECTIONS), str(D),
                              str(seq_base), *contest], capture_output=True, text=True, env=ENV)
        m = re.search(r"rate=([\d.]+) failed=(\d+)", out.stdout)
        if out.returncode != 0 or not m or float(m.group(1)) == 0:
            return 0.0, f" [qc_dbwrite: {out.stdout.strip()} {out.stderr.strip()}]"
        return float(m.group(1)), ""

    log(f"MariaDB's own rate for the autosave's statement: qc_dbwrite, {CONNECTIONS}"
        f" connections, {D} s")
    db_rate, db_err = dbwrite(10 ** 9, CONTEST)
    log(f"MariaDB's own rate for the bare item update: qc_dbwrite, {CONNECTIONS} connections,"
        f" {D} s")
    bare_rate, bare_err = dbwrite(2 * 10 ** 9)
    # The same POSTs with every save its own statement (QuizContestSaveBatch 0), against the
    # same yardstick: what batching the saves that come together gives. The restarts end the
    # children, which log how their saves were batched (QC00022).
    log(f"autosave POSTs, each save alone (QuizContestSaveBatch 0), {CONNECTIONS} connections,"
        f" {D} s")
    apache.restart(save_batch=0)
    batched = apache.batching_report()
    wrk(root, "get.lua", [home_list], 3)
    mariadb("UPDATE qc_attempt SET answer_seq = 0 WHERE id IN ("
            + ",".join(a for a, _, _ in quiz) + ")")
    alone = wrk(root, "autosave.lua", [save_list, str(WRK_THREADS)], D)
    apache.restart()
    wrk(root, "get.lua", [home_list], 3)
    ratio = sv["rps"] / db_rate if db_rate else 0
    bare_ratio = sv["rps"] / bare_rate if bare_rate else 0
    batches = (f"; {batched[0]} saves in {batched[1]} statements, the largest of {batched[2]}"
               if batched else "; no batching report (QC00022)")
    rows["autosave"] = (f"{sv['rps']:.0f} saves/s vs MariaDB alone running the same statement"
                        f" {db_rate:.0f}/s: {ratio * 100:.0f}% (vs the bare item update"
                        f" {bare_rate:.0f}/s: {bare_ratio * 100:.0f}%); p50 {sv['p50']:.1f} /"
                        f" p99 {sv['p99']:.1f} ms; non-2xx/3xx {sv['bad']}" + batches
                        + db_err + bare_err,
                        ">= 50%", ratio >= 0.50 and sv["bad"] == 0)
    alone_ratio = alone["rps"] / db_rate if db_rate else 0
    rows["autosave_alone"] = (f"{alone['rps']:.0f} saves/s: {alone_ratio * 100:.0f}% of the same"
                              f" statement alone; batched {sv['rps'] / alone['rps'] if alone['rps'] else 0:.2f}x"
                              f" this; p50 {alone['p50']:.1f} / p99 {alone['p99']:.1f} ms;"
                              f" non-2xx/3xx {alone['bad']}", "(reported)", alone["bad"] == 0)

    # -- the login storm: a province logs in and starts while others answer --
    storm_phones = storm_accounts(args.storm)
    steady = quiz[:200]
    steady_s = args.storm_window + 10
    log(f"without the storm: {len(steady)} contestants answering (a page every 2 s, a save"
        f" every second), {steady_s} s")
    _, base_pages, base_saves = asyncio.run(storm_run(apache.port, steady, [], 0, steady_s,
                                                          5 * 10 ** 9))
    log(f"the login storm: {len(storm_phones)} log in and start within {args.storm_window} s"
        f" while the same {len(steady)} answer")
    load_before = os.getloadavg()[0]
    out, pages, saves = asyncio.run(storm_run(apache.port, steady, storm_phones,
                                              args.storm_window, steady_s, 7 * 10 ** 9))
    every = [st for statuses, _, _ in out for st in statuses]
    five = sum(1 for st in every if st >= 500) + sum(1 for st in every if st < 0)
    odd = sum(1 for st in every if st not in (200, 303) and 0 <= st < 500)
    logged = [took for statuses, took, _ in out if statuses[-1] == 303]
    started = sum(1 for _, _, start in out if start == 303)
    waited = sum(1 for statuses, _, _ in out if len(statuses) > 1)
    bad_steady = sum(1 for st, _ in base_pages + base_saves + pages + saves if st not in (200,))

    def p99(v):
        return pct([dt for _, dt in v], 99) * 1000

    page_ratio = p99(pages) / p99(base_pages) if base_pages else 0
    save_ratio = p99(saves) / p99(base_saves) if base_saves else 0
    rows["storm"] = (f"{len(logged)} of {len(out)} logged in, {started} started, {waited} told to"
                     f" wait first ({len(every)} login answers: {five} 5xx or connection errors,"
                     f" {odd} other); login p95 {pct(logged, 95):.1f} s, max"
                     f" {max(logged) if logged else 0:.1f} s; quiz page p99 {p99(pages):.0f} ms vs"
                     f" {p99(base_pages):.0f} without ({page_ratio:.2f}x), save p99"
                     f" {p99(saves):.0f} vs {p99(base_saves):.0f} ms ({save_ratio:.2f}x);"
                     f" steady non-200 {bad_steady}; load average {load_before:.1f} before",
                     "0 errors, login p95 <= 10 s, p99 <= 2x",
                     five == 0 and odd == 0 and len(logged) == len(out) and bad_steady == 0
                     and pct(logged, 95) <= 10 and page_ratio <= 2 and save_ratio <= 2)

    # -- logins at the default bcrypt cost (10) --
    csrf_token = secrets.token_urlsafe(32)
    st, hd, _ = http("POST", root + "/cuoc-thi/dang-nhap",
                     body=f"phone={sync_accounts[0][1]}&password={PASSWORD}&csrf={csrf_token}",
                     headers={"Cookie": f"qc_session_csrf={csrf_token}"})
    if st != 303:
        sys.exit(f"a login with the bench password answered {st}, not 303")
    phones = write_lines("phones.txt", [p for _, p, _, _ in sync_accounts])
    log(f"logins at bcrypt cost 10, 4 connections, {D} s")
    lg = wrk(root + "/cuoc-thi/dang-nhap", "login.lua",
             [phones, PASSWORD.replace("@", "%40"), csrf_token, "qc_session_csrf",
              "/cuoc-thi/dang-nhap"], D, connections=4)
    rows["login"] = (f"{lg['rps']:.1f} logins/s (4 connections; p50 {lg['p50']:.0f} ms); "
                     f"non-2xx/3xx {lg['bad']}", "(reported)", lg["bad"] == 0)

    # -- results page and unit statistics at the full population --
    import base64
    auth = {"Authorization": "Basic " + base64.b64encode(b"thuky:secret-pass").decode()}
    for name, url in (("results", "/ban-thu-ky/ket-qua?vong=1"),
                      ("units", "/ban-thu-ky/don-vi")):
        times, statuses = [], set()
        for _ in range(5):
            t = time.time()
            st, _, _ = http("GET", root + url, headers=auth, timeout=120)
            times.append(time.time() - t)
            statuses.add(st)
        rows[name] = (f"median {statistics.median(times) * 1000:.0f} ms, max "
                      f"{max(times) * 1000:.0f} ms (5 requests; status {sorted(statuses)})",
                      "<= 1 s", max(times) <= 1.0 and statuses == {200})

    # -- child memory over 200,000 quiz-page requests --
    # Read after every other kind of request has run (each kind's first use on a thread and
    # connection grows the process once: prepared statements, pools at their working size)
    # and after a warm-up of quiz pages, so the growth is that of the quiz pages alone.
    wrk(root, "get.lua", [quiz_list], 5)
    rss_before = apache.child_rss_kib()
    served_quiz, left = 0, args.rss_requests
    log(f"Apache child RSS {rss_before / 1024:.1f} MiB; now {left} quiz pages")
    # (wrk cannot stop at a request count: its main thread sleeps the whole duration, so
    # it runs in slices sized from the rate just seen)
    # the size is also read half-way: a leak grows in both halves alike, a process still
    # reaching its working size grows mostly in the first
    rate = max(q["rps"], 50.0)
    rss_half, half_at = None, 0
    while left > 0:
        part = left - args.rss_requests // 2 if rss_half is None else left
        r = wrk(root, "get.lua", [quiz_list], max(1, min(120, int(part / rate) + 1)))
        if r["requests"] == 0:
            break
        served_quiz += r["requests"]
        left -= r["requests"]
        rate = max(r["rps"], 50.0)
        if rss_half is None and served_quiz >= args.rss_requests // 2:
            rss_half, half_at = apache.child_rss_kib(), served_quiz
    rss_after = apache.child_rss_kib()
    growth = (rss_after - rss_before) / rss_before if rss_before else 0
    rows["rss"] = (f"{rss_before / 1024:.1f} MiB -> {rss_after / 1024:.1f} MiB after "
                   f"{served_quiz} quiz pages: {growth * 100:+.1f}%"
                   + (f" (after {half_at}: {rss_half / 1024:.1f} MiB)" if rss_half else ""),
                   "<= +5%", growth <= 0.05)
    # the error log: anything at warn or above is shown
    # (AH00484, "server reached MaxRequestWorkers", is Apache saying that the synchronised
    # start's burst queued for a thread: counted apart)
    with open(apache.errlog, errors="replace") as f:
        lines = [line for line in f if re.search(r":(warn|error|crit|alert|emerg)\]", line)]
    queued = sum("AH00484" in line for line in lines)
    bad = [line for line in lines if "AH00484" not in line]
    rows["errorlog"] = (f"{len(bad)} line(s) at warn or above" +
                        (": " + bad[0].strip()[:160] if bad else "") +
                        f"; AH00484 (all threads busy, requests queued) {queued}x", "0", not bad)
    rows["_attempts"] = {t: (a, "1") for a, t, _ in quiz}  # place 1 of question 1
    return rows


LABELS = [
    ("quiz", "quiz page (session, 15 questions, XSLT) vs static file"),
    ("sendfile", "the static file with EnableSendfile On"),
    ("home", "contest home page (public) vs static file"),
    ("autosave", "autosave POST (durable) vs MariaDB's own write"),
    ("autosave_alone", "the same, each save its own statement"),
    ("sync", "synchronised start"),
    ("storm", "login storm while others answer"),
    ("login", "logins at bcrypt cost 10"),
    ("results", "results page, full population"),
    ("units", "unit statistics, full population"),
    ("rss", "Apache child RSS"),
    ("errorlog", "Apache error log"),
    ("valgrind", "valgrind memcheck, short load"),
]


def print_table(rows, pop, took, args):
    print()
    print(f"mod_quizcontest load benchmark — {pop[0]} contestants, {pop[1]} finished attempts,"
          f" {pop[2]} questions, {pop[3]} units; wrk -t{WRK_THREADS} -c{CONNECTIONS} -d{args.duration}s;"
          f" load average before the table {os.getloadavg()[0]:.1f}; {took / 60:.1f} min")
    w = max(len(label) for _, label in LABELS)
    print(f"{'measure':<{w}}  {'result':<100}  {'target':<32}  met")
    print("-" * (w + 142))
    for key, label in LABELS:
        if key in rows:
            text, target, met = rows[key]
            print(f"{label:<{w}}  {text:<100}  {target:<32}  {'yes' if met else 'NO'}")
    print()


if __name__ == "__main__":
    main()
