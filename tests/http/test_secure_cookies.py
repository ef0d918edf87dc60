"""Behind TLS (QuizContestCookieSecure On, e.g. a TLS-terminating load balancer) cookies carry
Secure and the __Host- prefix, which also pins them to Path=/."""
import requests

SITE_OPTIONS = {"location_conf": "QuizContestCookieSecure On\n  QuizContestCookieName portal_qc"}


def test_cookies_are_host_prefixed_and_secure(site):
    r = requests.get(site.base + "/dang-ky")
    cookie = r.headers["Set-Cookie"]
    assert cookie.startswith("__Host-portal_qc_csrf=")
    for attr in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/;"):
        assert attr in cookie, attr
