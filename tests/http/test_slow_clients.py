"""Slow clients cannot take the server: a body trickled a byte at a time loses its connection
after mod_reqtimeout's bound (RequestReadTimeout body=10,MinRate=500, as Debian ships it) while
every other request is still served, and TRACE is off. The test Apache has 50 workers
(ServerLimit 2 x ThreadsPerChild 25); more tricklers than that would hold them all."""
import socket
import threading
import time

import requests

TRICKLERS = 60
TRICKLE_FOR_S = 40     # how long each trickler would go on if the server let it
BYTE_EVERY_S = 2


def trickle(port, closed_after, index):
    start = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"POST /cuoc-thi/dang-nhap HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"Content-Type: application/x-www-form-urlencoded\r\n"
                         b"Content-Length: 4000\r\n\r\n")
            sock.settimeout(BYTE_EVERY_S)
            while time.monotonic() - start < TRICKLE_FOR_S:
                try:
                    if sock.recv(4096) == b"":
                        break   # the server closed it
                    break       # or answered (408) and will close it
                except socket.timeout:
                    pass
                try:
                    sock.sendall(b"a")
                except OSError:
                    break
    except OSError:
        pass
    closed_after[index] = time.monotonic() - start


def test_trickled_bodies_are_cut_and_others_are_served(site):
    site.expect_log(r"QC\d+.*(body|read)")   # the module may note a body that never came
    site.expect_log(r"AH00484")   # "server reached MaxRequestWorkers": that is the attack
    closed_after = [None] * TRICKLERS
    threads = [threading.Thread(target=trickle, args=(site.port, closed_after, i), daemon=True)
               for i in range(TRICKLERS)]
    for t in threads:
        t.start()
    time.sleep(3)   # every worker is now waiting for a body
    t0 = time.monotonic()
    r = requests.get(site.base + "/", timeout=TRICKLE_FOR_S + 10)
    served_after = time.monotonic() - t0
    assert r.status_code == 200
    for t in threads:
        t.join(TRICKLE_FOR_S + 10)
    assert all(c is not None for c in closed_after)
    # reqtimeout's 10 s (plus a second per 500 bytes: none here) and the time to notice; the
    # tricklers beyond the 50 workers wait for one of the first to be cut, then have their own
    # 10 s: about 20 s for the last (without mod_reqtimeout: the whole 40 s)
    print(f"page served after {served_after:.1f} s; tricklers cut after "
          f"{min(closed_after):.1f}-{max(closed_after):.1f} s")
    assert served_after < 15, f"a page took {served_after:.1f} s behind the slow clients"
    assert max(closed_after) < 25, f"a trickler kept its connection {max(closed_after):.1f} s"


def test_trace_is_off(site):
    r = requests.request("TRACE", site.base + "/", headers={"Authorization": "Basic c2VjcmV0"})
    assert r.status_code == 405
    assert "c2VjcmV0" not in r.text
