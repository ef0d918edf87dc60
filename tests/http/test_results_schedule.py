"""When the results are to be published and the day of the closing and awards ceremony, as a
contest definition gives them (<results publish-at="..." ceremony="...">, the plans' "Tổng kết
và trao giải: dự kiến ngày ..."), are stored (migration 0011), shown on the contest's home page
(its XML and its HTML) and exported again as the definition wrote them."""
import re

from qcsite import contest_xml

RESULTS = '<results publish-at="2030-01-05 17:00" ceremony="2030-01-10"/>'


def CONTEST_XML():
    return contest_xml(results_xml=RESULTS)


def EXTRA_CONTESTS():
    return {"/khong-lich": contest_xml(code="kl")}


def test_the_home_page_shows_the_publication_and_the_ceremony(site):
    xml = site.session().get(site.base + "/?format=xml").text
    m = re.search(r"<results-schedule [^>]*/>", xml)
    assert m, xml[:2000]
    tag = m.group(0)
    assert 'publish-local="05/01/2030 17:00"' in tag, tag
    assert 'publish-iso="2030-01-05T17:00:00+07:00"' in tag, tag
    assert 'ceremony-local="10/01/2030"' in tag, tag  # a day, as the plan gives it
    assert 'ceremony-iso="2030-01-10T00:00:00+07:00"' in tag, tag
    html = site.session().get(site.base + "/").text
    assert "Công bố kết quả: 05/01/2030 17:00." in html
    assert "Tổng kết và trao giải: 10/01/2030." in html


def test_a_contest_without_them_shows_neither(site):
    base = site.root + "/khong-lich"
    assert "<results-schedule" not in site.session().get(base + "/?format=xml").text
    html = site.session().get(base + "/").text
    assert "Công bố kết quả:" not in html and "Tổng kết và trao giải" not in html


def test_they_are_stored_and_exported_as_written(site):
    row = site.sql("SELECT results_publish_at, ceremony_at FROM qc_contest WHERE code = 't'")
    # stored in UTC: 17:00 and midnight in Vietnam are 10:00 and 17:00 the day before
    assert row.strip().split("\t") == ["2030-01-05 10:00:00.000", "2030-01-09 17:00:00.000"], row
    out = site.admin("export-contest", "--contest", "t").stdout
    m = re.search(r"<results [^>]*/>", out)
    assert m and 'publish-at="2030-01-05 17:00"' in m.group(0), out[:3000]
    assert 'ceremony="2030-01-10"' in m.group(0), m.group(0)


def test_the_results_page_before_publication_gives_the_planned_date(site):
    r = site.session().get(site.base + "/ket-qua-chung", params={"vong": "1"})
    assert r.status_code == 404
    assert "Kết quả chưa được Ban Tổ chức công bố" in r.text
    assert "Theo kế hoạch, Ban Tổ chức công bố kết quả cuộc thi vào 05/01/2030 17:00." in r.text
    # without a planned date, or once it has passed, only the first sentence
    r = site.session().get(site.root + "/khong-lich/ket-qua-chung", params={"vong": "1"})
    assert r.status_code == 404 and "Theo kế hoạch" not in r.text
    site.change_contest("UPDATE qc_contest SET results_publish_at = UTC_TIMESTAMP(3)"
                        " - INTERVAL 1 DAY WHERE code = 't'")
    try:
        r = site.session().get(site.base + "/ket-qua-chung", params={"vong": "1"})
        assert r.status_code == 404 and "Theo kế hoạch" not in r.text
    finally:
        site.change_contest("UPDATE qc_contest SET results_publish_at = '2030-01-05 10:00'"
                            " WHERE code = 't'")
