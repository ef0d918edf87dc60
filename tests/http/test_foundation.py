"""The foundation: pages through XSLT, the XML data API, precise 4xx pages, the secretariat
area only behind Apache authentication, static files with cache headers."""
import re
import xml.etree.ElementTree as ET

import requests

from qcsite import STAFF


def test_home_page_is_html5_in_vietnamese(site):
    r = requests.get(site.base + "/")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert r.text.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in r.text
    assert "Cuộc thi thử nghiệm t" in r.text
    assert "Ban Tổ chức thử nghiệm" in r.text
    assert "Cuộc thi đang diễn ra." in r.text
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in r.headers["Content-Security-Policy"]


def test_home_page_xml_is_its_data(site):
    r = requests.get(site.base + "/?format=xml")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/xml")
    root = ET.fromstring(r.content)
    assert root.tag == "page" and root.get("name") == "home"
    home = root.find("home")
    assert home.get("status") == "open"
    assert root.find("contest/title").text == "Cuộc thi thử nghiệm t"
    assert home.find("documents/document").get("url") == "https://example.invalid/luat"
    assert int(home.get("registered")) >= 0


def test_unknown_path_is_a_404_page_in_the_portal_look(site):
    r = requests.get(site.base + "/khong-ton-tai")
    assert r.status_code == 404
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Không tìm thấy trang" in r.text
    assert 'class="site-header"' in r.text


def test_body_over_the_limit_is_413(site):
    r = requests.post(site.base + "/dang-nhap", data={"phone": "x" * 20000})
    assert r.status_code == 413
    assert "vượt quá giới hạn" in r.text


def test_chunked_body_over_the_limit_is_413(site):
    def chunks():
        for _ in range(40):
            yield b"a=" + b"x" * 1000 + b"&"
    r = requests.post(site.base + "/dang-nhap", data=chunks(),
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413


def test_form_that_is_not_utf8_is_400_with_a_vietnamese_message(site):
    r = requests.post(site.base + "/dang-nhap", data=b"phone=%C3%28&password=x",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400
    assert "không phải văn bản UTF-8" in r.text


def test_query_that_is_not_utf8_is_400(site):
    r = requests.get(site.base + "/?format=%FF")
    assert r.status_code == 400


def test_other_media_type_is_415(site):
    r = requests.post(site.base + "/dang-nhap", data=b'{"phone": 1}',
                      headers={"Content-Type": "application/json"})
    assert r.status_code == 415


def test_other_method_is_405(site):
    r = requests.put(site.base + "/", data=b"x")
    assert r.status_code == 405
    assert "POST" in r.headers["Allow"]


def test_head_has_no_body(site):
    r = requests.head(site.base + "/")
    assert r.status_code == 200
    assert r.content == b""


def test_secretariat_area_needs_apache_authentication(site):
    r = requests.get(site.root + "/ban-thu-ky/")
    assert r.status_code == 401  # Apache asks for credentials
    r = requests.get(site.root + "/ban-thu-ky/", auth=STAFF)
    assert r.status_code == 200
    assert "Ban Thư ký cuộc thi" in r.text
    assert "thuky" in r.text


def test_secretariat_area_without_auth_block_refuses_and_says_why(site):
    site.expect_log(r"QC00007: refused /khong-bao-ve/")
    r = requests.get(site.root + "/khong-bao-ve/")
    assert r.status_code == 403
    assert "chỉ dành cho người dùng đã được xác thực" in r.text
    assert any("AuthType Basic" in line for line in site.new_log_lines())


def test_static_files_are_served_with_cache_headers(site):
    r = requests.get(site.root + "/quizcontest-static/quizcontest.css")
    assert r.status_code == 200
    assert "max-age=86400" in r.headers["Cache-Control"]
    r = requests.get(site.root + "/quizcontest-static/quizcontest.js")
    assert r.status_code == 200


def test_log_lines_carry_project_tags_not_httpd_numbers(site):
    site.expect_log(r"QC00007")
    requests.get(site.root + "/khong-bao-ve/")
    ours = [l for l in site.new_log_lines() if "[quizcontest:" in l]
    assert ours, "the module logged nothing"
    for line in ours:
        assert re.search(r"QC\d{5}: ", line), line
        assert "AH0" not in line, line
