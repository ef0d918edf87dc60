"""A private site for one HTTP test suite: its own MariaDB database (on the MariaDB that qc-run
started), migrated and loaded with a contest definition written for the suite, and its own
Apache, started from a config written for the suite and loading the module from the build tree.
After every test the Apache error log is read: an error or warning the test did not announce
with expect_log() fails the test."""
import datetime
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid

import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import httpd_conf  # noqa: E402  (tests/httpd_conf.py: the one httpd.conf template)

REPO = os.environ.get("QC_REPO", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
WORK = os.environ.get("QC_WORK", os.path.join(REPO, ".work"))
DB_SOCK = os.environ.get("QC_DB_SOCK", os.path.join(WORK, "mysql.sock"))
DB_USER = os.environ.get("QC_DB_USER", "qc")
DB_PASS = os.environ.get("QC_DB_PASS", "qc-local-only")
ADMIN = os.environ.get("QC_ADMIN", os.path.join(REPO, "tools", "quizcontest-admin"))
MODULE = os.environ.get("QC_MODULE", os.path.join(REPO, ".libs", "mod_quizcontest.so"))
QC_RUN = os.environ.get("QC_RUN", os.path.join(REPO, "qc-run"))
VN = datetime.timezone(datetime.timedelta(hours=7))
# the secretariat's user and password in every site's htpasswd (the /ban-thu-ky area)
STAFF = ("thuky", "secret-pass")

# Log lines that are never a problem.
ALWAYS_FINE = [
    r"AH00489",  # configured -- resuming normal operations
    r"AH00094",  # command line
    r"AH00491",  # caught SIGTERM, shutting down
    r"AH00558",  # could not determine the server's FQDN
]


def apache_syntax_check(tmp_path, body, load_module=None):
    """`apache2 -t` on a minimal server (event MPM, authz_core, mod_dbd) that loads the module
    (the built one, or the LoadModule line given) followed by `body`; the CompletedProcess."""
    conf = tmp_path / "check.conf"
    module = load_module or f"LoadModule quizcontest_module {os.environ['QC_MODULE']}\n"
    conf.write_text(
        "ServerRoot /usr/lib/apache2\nServerName localhost\nListen 127.0.0.1:1\n"
        f"PidFile {tmp_path}/x.pid\nErrorLog /dev/null\n"
        "LoadModule mpm_event_module modules/mod_mpm_event.so\n"
        "LoadModule authz_core_module modules/mod_authz_core.so\n"
        "LoadModule dbd_module modules/mod_dbd.so\n" + module + body)
    return subprocess.run(["apache2", "-t", "-f", str(conf)], capture_output=True, text=True)


def check_server_number_directive(tmp_path, name, most, good=("0",)):
    """A whole-server number directive: the values in `good` and `most` pass `apache2 -t`;
    <Location>, <VirtualHost>, a word, a negative number and most + 1 are refused with the
    right message."""
    for value in (*good, str(most)):
        r = apache_syntax_check(tmp_path, f"{name} {value}\n")
        assert r.returncode == 0, (value, r.stderr)
    wrong = f"{name} must be a number from 0 to {most}"
    for body, message in (
            (f"<Location /x>\n{name} 2\n</Location>\n", "not allowed in <Location> context"),
            (f"<VirtualHost 127.0.0.1:1>\n{name} 2\n</VirtualHost>\n",
             "cannot occur within <VirtualHost> section"),
            (f"{name} many\n", wrong), (f"{name} -1\n", wrong), (f"{name} {most + 1}\n", wrong)):
        r = apache_syntax_check(tmp_path, body)
        assert r.returncode != 0 and message in r.stderr, (body, r.stderr)


def get_in_parallel(url, cookies, threads, each):
    """`threads` clients with the same cookies GET url `each` times, all at once: returns (the
    pages' texts, the statuses other than 200)."""
    pages, errors = [], []

    def fetch():
        c = requests.Session()
        c.cookies.update(cookies)
        for _ in range(each):
            p = c.get(url)
            if p.status_code != 200:
                errors.append(p.status_code)
            pages.append(p.text)

    workers = [threading.Thread(target=fetch) for _ in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return pages, errors


def lines_after_graceful(site, pattern, settle=1.0):
    """Restart the site gracefully and return the matches of `pattern` (a compiled regex) in
    the lines its ending processes log (each process's report at its end: QC00020, QC00022),
    waiting until they stop coming; asserts that there is at least one."""
    site.log_mark()
    subprocess.run(["apache2", "-f", site.conf, "-k", "graceful"], check=True,
                   env=site.proc_env)
    deadline = time.time() + 15
    seen, quiet_since = [], time.time()
    while time.time() < deadline:
        lines = [m for m in map(pattern.search, site.new_log_lines()) if m]
        if len(lines) != len(seen):
            seen, quiet_since = lines, time.time()
        elif seen and time.time() - quiet_since >= settle:
            break
        time.sleep(0.1)
    assert seen, f"no process logged {pattern.pattern[:40]!r} after a graceful restart"
    return seen


def csrf_in(text):
    """The form token (<csrf>) of a page's XML."""
    m = re.search(r"<csrf>([^<]+)</csrf>", text)
    assert m, text[:500]
    return m.group(1)


def csrf_at(s, url):
    """The form token of the page at `url` (its XML, ?format=xml) as the session `s` sees it;
    the page must answer 200."""
    r = s.get(url, params={"format": "xml"})
    assert r.status_code == 200, r.text[:800]
    return csrf_in(r.text)


def staff_session():
    """A session of the secretariat's user (STAFF, HTTP Basic)."""
    s = requests.Session()
    s.auth = STAFF
    return s


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def local(dt):
    """A datetime as a contest definition writes it (local time, +07:00)."""
    return dt.astimezone(VN).strftime("%Y-%m-%d %H:%M:%S")


def now():
    return datetime.datetime.now(datetime.timezone.utc)


def mariadb(sql, database=None):
    cmd = ["mariadb", "--no-defaults", "-S", DB_SOCK, "-uroot", "-N", "-B", "-e", sql]
    if database:
        cmd.insert(-2, database)
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def contest_xml(code="t", opens=None, closes=None, rounds=None, questions=5, time_limit_s=1800,
                attempts=3, grace_s=10, reveal="after_round", min_age=15, cccd="optional",
                email="optional", groups=True, exclusions=True, prediction="Dự đoán số người tham gia?",
                rounds_xml=None, topics_xml="", results_xml=""):
    """rounds: [(title, opens, closes, attempts or None)]; rounds_xml: a <rounds> element as
    text instead (e.g. with <recurring>); topics_xml: a <topics> element (quotas per topic);
    results_xml: a <results> element (publication, ceremony)."""
    opens = opens or now() - datetime.timedelta(days=1)
    closes = closes or now() + datetime.timedelta(days=30)
    if rounds_xml is None:
        rounds_xml = ""
    if rounds:
        rounds_xml = "<rounds>" + "".join(
            f'<round title="{t}" opens="{local(o)}" closes="{local(c)}"'
            + (f' attempts="{a}"' if a else "") + "/>"
            for (t, o, c, a) in rounds) + "</rounds>"
    groups_xml = ('<groups><group code="1">Nhóm 1: Cán bộ, công chức</group>'
                  '<group code="2">Nhóm 2: Người dân</group></groups>') if groups else ""
    excl = ('<exclusions><person name="Thành Viên BTC" phone="0900000001" role="Ban Tổ chức"/>'
            '<person name="Thư Ký" cccd="001190000002" phone="0900000002" role="Tổ Thư ký"/>'
            "</exclusions>") if exclusions else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<contest xmlns="urn:quizcontest:contest:1" code="{code}">
  <title>Cuộc thi thử nghiệm {code}</title>
  <theme>Chủ đề thử</theme>
  <organiser>Ban Tổ chức thử nghiệm</organiser>
  <rules>Thể lệ thử nghiệm.</rules>
  <window opens="{local(opens)}" closes="{local(closes)}"/>
  <quiz questions="{questions}" time-limit-s="{time_limit_s}" attempts-per-round="{attempts}" grace-s="{grace_s}" reveal-answers="{reveal}"/>
  <prediction>{prediction}</prediction>
  {results_xml}
  <registration min-age="{min_age}" cccd="{cccd}" email="{email}"/>
  {rounds_xml}
  {groups_xml}
  <units>
    <unit code="tinh" name="Tỉnh Thử" kind="tỉnh" headcount="100">
      <unit code="huyen-1" name="Huyện Một" kind="huyện" headcount="40">
        <unit code="xa-1" name="Xã Một" kind="xã" headcount="10"/>
      </unit>
      <unit code="huyen-2" name="Huyện Hai" kind="huyện" headcount="60"/>
    </unit>
  </units>
  <documents><document url="https://example.invalid/luat">Luật Giao dịch điện tử</document></documents>
  {excl}
  {topics_xml}
</contest>
"""


def places(order, ids):
    """The places (1-based, as text, sorted) in an item's choice_order of the choice ids `ids`
    (comma-separated): how the quiz page names those options."""
    order = order.split(",")
    return sorted((str(order.index(c) + 1) for c in ids.split(",") if c), key=int)


def xml_code(xml):
    """The code of a contest definition."""
    return re.search(r'code="([^"]+)"', xml).group(1)


def location_conf(path, code, extra=""):
    """An Apache <Location> serving contest `code` to contestants at `path`."""
    return f"""
<Location {path}>
  SetHandler quizcontest
  QuizContest {code}
  QuizContestStylesheetDir {REPO}/xslt
  QuizContestBcryptCost 4
  QuizContestMaxBody 16384
  {extra}
</Location>
"""


class QcSite:
    def __init__(self, name, extra_conf="", location_conf=""):
        self.name = name
        self.dir = os.path.join(WORK, "http", name)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        os.chmod(self.dir, 0o755)
        self.db = f"quizcontest_t_{name}"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/cuoc-thi"
        self.root = f"http://127.0.0.1:{self.port}"
        self.conf = os.path.join(self.dir, "httpd.conf")
        self.error_log = os.path.join(self.dir, "error.log")
        self.extra_conf = extra_conf
        self.location_conf = location_conf
        self.contest = "t"
        self._log_pos = 0
        self._expected = []
        # QC_XMLARENA_POISON: a request's libxml2 arena is overwritten when it closes, so a
        # pointer that wrongly outlived its request fails a test instead of passing by luck
        self.proc_env = dict(os.environ, MARIADB_HOME=os.path.join(WORK, "client"),
                             QC_XMLARENA_POISON="1")

    # ---- database ------------------------------------------------------------------------
    def params(self):
        return (f"sock={DB_SOCK},user={DB_USER},pass={DB_PASS},dbname={self.db},"
                "reconnect=0,group=quizcontest")

    def admin(self, *args, input=None, check=True):
        out = subprocess.run([ADMIN, "--db", self.params(), *args], input=input,
                             capture_output=True, text=True, env=self.proc_env)
        if check and out.returncode != 0:
            raise AssertionError(f"quizcontest-admin {' '.join(args)} failed"
                                 f" ({out.returncode}): {out.stderr.strip()}")
        return out

    def create_db(self):
        mariadb(f"DROP DATABASE IF EXISTS `{self.db}`")
        mariadb(f"CREATE DATABASE `{self.db}` CHARACTER SET utf8mb4 COLLATE utf8mb4_vietnamese_ci")
        self.admin("migrate", "--dir", os.path.join(REPO, "conf", "migrations"))

    def load_contest(self, xml, bank=None):
        path = os.path.join(self.dir, f"contest-{uuid.uuid4().hex[:8]}.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(xml)
        out = self.admin("load-contest", path)
        code = re.search(r'code="([^"]+)"', xml).group(1)
        self.admin("import-bank", "--contest", code,
                   bank or os.path.join(REPO, "conf", "demo", "question-bank.xml"))
        return out

    def sql(self, query):
        return mariadb(query, self.db)

    def change_contest(self, query):
        """Change a contest's settings, rounds or bank behind the module's back, as a DBA would:
        the query, then the contests' revision raised, which tells every Apache process that
        its cached copy is out of date (the module's own writers raise it themselves)."""
        return mariadb(query + ";\nUPDATE qc_contest SET revision = revision + 1", self.db)

    # ---- Apache ----------------------------------------------------------------------------
    def write_conf(self):
        htpasswd = os.path.join(self.dir, "htpasswd")
        subprocess.run(["htpasswd", "-cbB", htpasswd, *STAFF], check=True,
                       capture_output=True)
        os.chmod(htpasswd, 0o644)
        httpd_conf.write(
            self.conf, GENERATED_BY=f"Generated by tests/http/qcsite.py for the suite {self.name}",
            PORT=self.port, PIDFILE=f"{self.dir}/httpd.pid", ERRORLOG=self.error_log,
            RUNDIR=self.dir, MODULE=MODULE, REPO=REPO, DBDPARAMS=self.params(),
            MPM_EXTRA="StartServers 1\nServerLimit 2",
            EXTRA="# compression as Debian's deflate.conf sets it up (a2enmod deflate): pages,"
                  " CSS, JavaScript\n"
                  "AddOutputFilterByType DEFLATE text/html text/plain text/xml text/css"
                  " text/javascript\n"
                  "AddOutputFilterByType DEFLATE application/javascript application/xml",
            LOCATIONS=f"""<Location /cuoc-thi>
  SetHandler quizcontest
  QuizContest {self.contest}
  QuizContestStylesheetDir {REPO}/xslt
  QuizContestBcryptCost 4
  QuizContestMaxBody 16384
  {self.location_conf}
</Location>
<Location /ban-thu-ky>
  SetHandler quizcontest
  QuizContest {self.contest}
  QuizContestArea secretariat
  QuizContestStylesheetDir {REPO}/xslt
  AuthType Basic
  AuthName "Ban Thu ky"
  AuthUserFile {htpasswd}
  Require valid-user
</Location>
<Location /khong-bao-ve>
  SetHandler quizcontest
  QuizContest {self.contest}
  QuizContestArea secretariat
  QuizContestStylesheetDir {REPO}/xslt
</Location>
{self.extra_conf}
""")

    def start(self):
        self.write_conf()
        subprocess.run(["apache2", "-f", self.conf, "-k", "start"], check=True, env=self.proc_env)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                requests.get(self.root + "/", timeout=1)
                return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f"Apache did not start; see {self.error_log}")

    def stop(self):
        pidfile = os.path.join(self.dir, "httpd.pid")
        if not os.path.exists(pidfile):
            return
        pid = int(open(pidfile).read().strip())
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)

    # ---- the error log -----------------------------------------------------------------------
    def expect_log(self, pattern):
        """This test expects an error or warning matching pattern (a regular expression)."""
        self._expected.append(re.compile(pattern))

    def log_mark(self):
        self._log_pos = os.path.getsize(self.error_log) if os.path.exists(self.error_log) else 0
        self._expected = []

    def new_log_lines(self):
        if not os.path.exists(self.error_log):
            return []
        with open(self.error_log, encoding="utf-8", errors="replace") as f:
            f.seek(self._log_pos)
            return f.read().splitlines()

    def unexpected_log_lines(self):
        bad = []
        for line in self.new_log_lines():
            # a child that crashed is logged at notice level (AH00052 "exit signal"): as bad
            if not re.search(r":(warn|error|crit|alert|emerg)\]", line) and \
                    "AH00052" not in line:
                continue
            if any(re.search(p, line) for p in ALWAYS_FINE):
                continue
            if any(p.search(line) for p in self._expected):
                continue
            bad.append(line)
        return bad

    # ---- contestants ---------------------------------------------------------------------------
    def session(self):
        return requests.Session()

    def csrf(self, s, path="/dang-ky", base=None):
        r = s.get((base or self.base) + path + "?format=xml")
        return csrf_in(r.text)

    def staff_csrf(self, s, path="/"):
        """The form token of the secretariat's page at `path` (under /ban-thu-ky), as the
        staff session `s` sees it; the page must answer 200."""
        return csrf_at(s, self.root + "/ban-thu-ky" + path)

    def contest_id(self, contest=None):
        return self.sql(f"SELECT id FROM qc_contest WHERE code='{contest or self.contest}'").strip()

    def unit_id(self, code="xa-1", contest=None):
        return self.sql(f"SELECT id FROM qc_unit WHERE code='{code}'"
                        f" AND contest_id={self.contest_id(contest)}").strip()

    def group_id(self, code="1", contest=None):
        return self.sql(f"SELECT id FROM qc_group WHERE code='{code}'"
                        f" AND contest_id={self.contest_id(contest)}").strip()

    def register(self, s=None, base=None, contest=None, **fields):
        """Post the registration form (at `base`, for `contest`); returns (session, response,
        the fields sent)."""
        s = s or self.session()
        base = base or self.base
        data = {
            "full_name": "Nguyễn Thị Thử",
            "dob": "1990-05-17",
            "phone": "09" + str(uuid.uuid4().int)[:8],
            "cccd": "",
            "email": "",
            "unit_id": self.unit_id(contest=contest),
            "group_id": self.group_id(contest=contest),
            "password": "hoa sen no som",
            "password2": "hoa sen no som",
        }
        data.update(fields)
        if "csrf" not in fields:
            data["csrf"] = self.csrf(s, base=base)
        r = s.post(base + "/dang-ky", data=data, allow_redirects=False)
        return s, r, data

    def login(self, phone, password="hoa sen no som", s=None, base=None):
        s = s or self.session()
        base = base or self.base
        r = s.post(base + "/dang-nhap",
                   data={"phone": phone, "password": password,
                         "csrf": self.csrf(s, "/dang-nhap", base=base)},
                   allow_redirects=False)
        return s, r

    def contestant(self, base=None, contest=None):
        s, r, data = self.register(base=base, contest=contest)
        assert r.status_code == 303, r.text[:2000]
        return s, data

    def page_csrf(self, s, base=None):
        r = s.get((base or self.base) + "/tai-khoan?format=xml")
        return csrf_in(r.text)

    def start_attempt(self, s, base=None):
        base = base or self.base
        r = s.post(base + "/bai-thi", data={"csrf": self.page_csrf(s, base=base)},
                   allow_redirects=False)
        return r

    # ---- the quiz ----------------------------------------------------------------------------
    def attempt_url(self, r):
        """The quiz page a start answered with (a 303 to .../bai-thi/<id>)."""
        assert r.status_code == 303 and "/bai-thi/" in r.headers.get("Location", ""), \
            (r.status_code, r.headers.get("Location"), r.text[:500])
        return self.root + r.headers["Location"]

    def quiz(self, s, url):
        """The quiz page's data: {'csrf', 'seq' (next), 'questions': [(position, kind,
        [options in the order shown: "1".."n"], [selected options])], 'prediction', 'root'
        (the XML)}."""
        import xml.etree.ElementTree as ET
        r = s.get(url + "?format=xml")
        assert r.status_code == 200, (r.status_code, r.text[:500])
        root = ET.fromstring(r.content)
        quiz = root.find("quiz")
        questions = []
        for q in quiz.findall("question"):
            choices = q.findall("choice")
            questions.append((int(q.get("position")), q.get("kind"), [c.get("id") for c in choices],
                              [c.get("id") for c in choices if c.get("selected")]))
        return {"csrf": root.findtext("csrf"), "seq": int(quiz.get("next-seq")),
                "questions": questions, "prediction": quiz.find("prediction").get("value"),
                "root": root, "text": r.text}

    def answer_key(self, attempt_id):
        """{position: sorted list of the correct options}, read from the database, each option
        named as the quiz page names it (its place in the order shown, "1".."n")."""
        out = {}
        for line in self.sql(f"SELECT position, choice_order, correct_key FROM qc_attempt_item"
                             f" WHERE attempt_id={attempt_id}").splitlines():
            pos, order, key = line.split("\t")
            out[int(pos)] = places(order, key)
        return out

    def stored_places(self, attempt_id):
        """{position: the saved selection as the page names it ("2", "1,3"; "" for none)}."""
        out = {}
        for line in self.sql(f"SELECT position, choice_order, IFNULL(selected, '')"
                             f" FROM qc_attempt_item WHERE attempt_id={attempt_id}").splitlines():
            pos, order, sel = line.split("\t")
            out[int(pos)] = ",".join(places(order, sel))
        return out

    def attempt_row(self, attempt_id):
        """state, score, time_taken_ms, prediction, started/deadline/finished (ms since epoch)
        of an attempt, read from the database."""
        line = self.sql(
            "SELECT state, IFNULL(score,'NULL'), IFNULL(time_taken_ms,'NULL'),"
            " IFNULL(prediction,'NULL'), ROUND(UNIX_TIMESTAMP(started_at)*1000),"
            " ROUND(UNIX_TIMESTAMP(deadline_at)*1000),"
            " IFNULL(ROUND(UNIX_TIMESTAMP(finished_at)*1000),'NULL'), answer_seq"
            f" FROM qc_attempt WHERE id={attempt_id}").strip()
        f = line.split("\t")
        num = lambda v: None if v == "NULL" else int(v)  # noqa: E731
        return {"state": f[0], "score": num(f[1]), "time_ms": num(f[2]), "prediction": num(f[3]),
                "started": num(f[4]), "deadline": num(f[5]), "finished": num(f[6]),
                "seq": num(f[7])}


def page_without_clock(html):
    """A quiz page without what the server's clock writes into it: the time left, the time
    since the start, and the sequence number the form without script is numbered with."""
    html = re.sub(r'data-(remaining|elapsed)-ms="\d+"', "", html)
    return re.sub(r'name="seq" value="\d+"', 'name="seq"', html)
