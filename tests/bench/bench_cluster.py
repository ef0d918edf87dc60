"""`./qc-run bench --cluster`: quiz pages and autosaves through the front balancer on two web
nodes and three Galera nodes (`./qc-run cluster`), against one Apache on one MariaDB (`./qc-run
demo`), in the same run; then the cluster again with wsrep_sync_wait=0 on the web nodes' client
connections, the cost of the causal reads (docs/cluster.md). Also the certification failures,
the brute-force aborts and the module's retries (QC00106) per thousand saves.

Each target gets the same load: CLIENTS threads, each one contestant registered through it,
an attempt started, then for DURATION seconds: the quiz page (GET), then one autosave (POST),
again and again; the three targets alternate, twice each. This machine has two cores shared by the load, the web nodes and the
database nodes: the figures to read are the ratios inside one run.

Not a test: it asserts nothing.
"""
import os
import random
import re
import statistics
import subprocess
import threading
import time
import xml.etree.ElementTree as ET

import requests

REPO = os.environ["QC_REPO"]
WORK = os.environ["QC_WORK"]
QC_RUN = os.path.join(REPO, "qc-run")
CW = os.path.join(WORK, "cluster")
PASSWORD = "hoa sen no som"


def log(msg):
    print(f"[bench --cluster] {msg}", flush=True)


def csrf_of(text):
    m = re.search(r"<csrf>([^<]+)</csrf>", text) or re.search(r'name="csrf" value="([^"]+)"', text)
    return m.group(1) if m else None


def node_status(i, names):
    out = subprocess.run(["mariadb", "--no-defaults", "-S", f"{CW}/db{i}/mysql.sock", "-uroot",
                          "-N", "-B", "-e", "SHOW GLOBAL STATUS WHERE Variable_name IN (%s)"
                          % ",".join(f"'{n}'" for n in names)],
                         capture_output=True, text=True, check=True).stdout
    return {line.split("\t")[0]: int(line.split("\t")[1]) for line in out.splitlines()}


def cluster_counters():
    names = ["wsrep_local_cert_failures", "wsrep_local_bf_aborts"]
    total = dict.fromkeys(names, 0)
    for i in (1, 2, 3):
        for k, v in node_status(i, names).items():
            total[k] += v
    total["QC00106"] = sum(open(f"{CW}/web{i}/error.log", encoding="utf-8", errors="replace")
                           .read().count("QC00106") for i in (1, 2))
    return total


def ids(sql_sock):
    def q(sql):
        return subprocess.run(["mariadb", "--no-defaults", "-S", sql_sock, "-uroot", "-N", "-B",
                               "quizcontest_demo", "-e", sql], capture_output=True, text=True,
                              check=True).stdout.strip()
    return (q("SELECT id FROM qc_unit WHERE code='stttt-vp'"),
            q("SELECT g.id FROM qc_group g JOIN qc_contest c ON c.id=g.contest_id"
              " WHERE c.code='demo-cds' AND g.code='1'"))


def contestant(base, unit_id, group_id):
    """A registered contestant with a started attempt: (session, the attempt's URL)."""
    s = requests.Session()
    r = s.get(base + "/cuoc-thi/dang-ky?format=xml", timeout=30)
    data = {"full_name": "Thí sinh đo tải", "dob": "1990-05-17",
            "phone": "09" + str(random.randrange(10**7, 10**8)), "cccd": "", "email": "",
            "unit_id": unit_id, "group_id": group_id, "password": PASSWORD,
            "password2": PASSWORD, "csrf": csrf_of(r.text)}
    r = s.post(base + "/cuoc-thi/dang-ky", data=data, allow_redirects=False, timeout=30)
    assert r.status_code == 303, (r.status_code, r.text[:300])
    r = s.get(base + "/cuoc-thi/tai-khoan?format=xml", timeout=30)
    r = s.post(base + "/cuoc-thi/bai-thi", data={"csrf": csrf_of(r.text)}, allow_redirects=False,
               timeout=30)
    assert r.status_code == 303, (r.status_code, r.text[:300])
    return s, base + r.headers["Location"]


def load(base, users, duration):
    """Every user in its own thread: page, save, page, save... for `duration` seconds."""
    stats = {"pages": 0, "saves": 0, "errors": 0, "lat_page": [], "lat_save": []}
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def run(s, url):
        seq = None
        while time.monotonic() < stop:
            t0 = time.monotonic()
            r = s.get(url + "?format=xml", timeout=30)
            t1 = time.monotonic()
            if r.status_code != 200:
                with lock:
                    stats["errors"] += 1
                continue
            root = ET.fromstring(r.content)
            quiz = root.find("quiz")
            seq = int(quiz.get("next-seq")) if seq is None else seq
            q = random.choice([q for q in quiz.findall("question") if q.get("kind") == "single"])
            data = {"csrf": root.findtext("csrf"), "seq": str(seq), "position": q.get("position"),
                    "choice": random.choice([c.get("id") for c in q.findall("choice")])}
            r = s.post(url + "/luu", data=data, timeout=30)
            t2 = time.monotonic()
            ok = r.status_code == 200 and 'status="ok"' in r.text
            with lock:
                stats["pages"] += 1
                stats["lat_page"].append(t1 - t0)
                if ok:
                    stats["saves"] += 1
                    stats["lat_save"].append(t2 - t1)
                    seq += 1
                else:
                    stats["errors"] += 1

    threads = [threading.Thread(target=run, args=u) for u in users]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stats["seconds"] = time.monotonic() - t0
    return stats


def p95(v):
    return sorted(v)[int(0.95 * (len(v) - 1))] * 1000 if v else 0


def set_sync_wait(value):
    for i in (1, 2):
        path = f"{CW}/web{i}/client/my.cnf"
        text = re.sub(r"wsrep_sync_wait=\d+", f"wsrep_sync_wait={value}", open(path).read())
        with open(path, "w") as f:
            f.write(text)
        subprocess.run([QC_RUN, "cluster-node", "web", str(i), "graceful"], check=True,
                       capture_output=True)
    time.sleep(3)  # the old children finish, the new ones connect with the new setting


def run(args):
    clients = 8 if args.quick else 16
    duration = 5 if args.quick else 15
    port_cluster, port_single = 18480, 18490
    log("starting ./qc-run cluster (three Galera nodes, two web nodes, the front balancer)")
    subprocess.run([QC_RUN, "cluster", "--port", str(port_cluster), "--detach"], check=True,
                   capture_output=True)
    log("starting ./qc-run demo (one Apache on one MariaDB)")
    subprocess.run([QC_RUN, "demo", "--port", str(port_single), "--detach"], check=True,
                   capture_output=True)
    rows = []
    try:
        front = f"http://127.0.0.1:{port_cluster}"
        single = f"http://127.0.0.1:{port_single}"
        c_ids = ids(f"{CW}/db1/mysql.sock")
        s_ids = ids(os.path.join(WORK, "mysql.sock"))
        measured = {}
        # alternated, twice each: the machine is shared and a single run is noisy
        plan = []
        for k in (1, 2):
            plan += [(f"one node, one MariaDB #{k}", single, s_ids, None),
                     (f"cluster, wsrep_sync_wait=1 #{k}", front, c_ids, 1),
                     (f"cluster, wsrep_sync_wait=0 #{k}", front, c_ids, 0)]
        for name, base, idpair, sync in plan:
            if sync is not None:
                set_sync_wait(sync)
            else:
                time.sleep(3)  # the same pause as after a graceful restart
            users = [contestant(base, *idpair) for _ in range(clients)]
            before = cluster_counters() if sync is not None else None
            log(f"{name}: {clients} contestants, {duration} s")
            st = load(base, users, duration)
            if before:
                after = cluster_counters()
                st["counters"] = {k: after[k] - before[k] for k in after}
            measured[name] = st
        set_sync_wait(1)
        def rate_of(st):
            return (st["pages"] + st["saves"]) / st["seconds"]

        base_rate = statistics.mean(rate_of(st) for name, st in measured.items()
                                    if name.startswith("one node"))
        for name, st in measured.items():
            rate = rate_of(st)
            ratio = rate / base_rate  # against the mean of the one-node runs
            c = st.get("counters")
            per_k = (lambda k: 1000.0 * c[k] / max(st["saves"], 1)) if c else None
            rows.append((name, f"{rate:.0f} req/s", f"{ratio:.2f}",
                         f"page p95 {p95(st['lat_page']):.0f} ms, save p95 "
                         f"{p95(st['lat_save']):.0f} ms, median save "
                         f"{statistics.median(st['lat_save']) * 1000 if st['lat_save'] else 0:.1f} ms",
                         f"errors {st['errors']}",
                         (f"per 1000 saves: cert failures {per_k('wsrep_local_cert_failures'):.2f}, "
                          f"bf aborts {per_k('wsrep_local_bf_aborts'):.2f}, "
                          f"retries {per_k('QC00106'):.2f}") if c else ""))
    finally:
        subprocess.run([QC_RUN, "cluster-stop"], capture_output=True)
        pid = os.path.join(WORK, "apache", "httpd.pid")
        if os.path.exists(pid):
            subprocess.run(["kill", open(pid).read().strip()], capture_output=True)
    print()
    print(f"{'target':30} {'throughput':>12} {'ratio':>6}  latency / errors / conflicts")
    for r in rows:
        print(f"{r[0]:30} {r[1]:>12} {r[2]:>6}  {r[3]}; {r[4]}" + (f"; {r[5]}" if r[5] else ""))
