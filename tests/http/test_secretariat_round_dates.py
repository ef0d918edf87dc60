"""A round's dates in the secretariat's settings form ("Thiết lập", issue 19): shown and typed
as dd/mm/yyyy HH:MM in Asia/Ho_Chi_Minh, stored in UTC, checked by the definition loader's
rules (opens before closes, inside the contest's window, in order, no overlap) with a 422, the
field's Vietnamese message and the input kept, and every change in the audit log."""
import datetime
import re
from html import unescape as html_unescape

from qcsite import contest_xml, now, staff_session
from test_secretariat_contest import audit_entries, field as plain_field, settings_form, url

VN = datetime.timezone(datetime.timedelta(hours=7))
T0 = now().replace(second=0, microsecond=0)


def CONTEST_XML():
    return contest_xml(opens=T0 - datetime.timedelta(days=2), closes=T0 + datetime.timedelta(days=30),
                       rounds=[("Đợt 1", T0 - datetime.timedelta(days=1), T0 + datetime.timedelta(days=2), None),
                               ("Đợt 2", T0 + datetime.timedelta(days=3), T0 + datetime.timedelta(days=10), None)])


def field(xml, name):
    """(value, error) of <field name=..> in a page's XML (a round's field carries its round's
    number, title and which date it is too)."""
    m = re.search(r'<field name="%s"([^>]*?)(?:/>|>([^<]*)</field>)' % name, xml)
    if not m:
        return plain_field(xml, name)
    err = re.search(r'error="([^"]*)"', m.group(1))
    return m.group(2) or "", err.group(1) if err else None


def typed(dt):
    """How the secretariat types an instant: Vietnam's wall clock."""
    return dt.astimezone(VN).strftime("%d/%m/%Y %H:%M")


def round_row(site, seq):
    return site.sql(f"SELECT DATE_FORMAT(opens_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(closes_at,"
                    f" '%Y-%m-%d %H:%i') FROM qc_round WHERE seq = {seq}").strip().split("\t")


def utc(dt):
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")


def full_form(site, s):
    """The settings form with the rounds' fields too."""
    form = settings_form(site, s)
    xml = s.get(url(site, "/cuoc-thi"), params={"format": "xml"}).text
    for name in re.findall(r'<field name="(round_\d+_(?:opens|closes))"', xml):
        form[name] = field(xml, name)[0]
    return form


def test_the_form_shows_each_round_in_vietnam_time(site):
    s = staff_session()
    xml = s.get(url(site, "/cuoc-thi"), params={"format": "xml"}).text
    assert field(xml, "round_1_opens")[0] == typed(T0 - datetime.timedelta(days=1))
    assert field(xml, "round_1_closes")[0] == typed(T0 + datetime.timedelta(days=2))
    assert field(xml, "round_2_opens")[0] == typed(T0 + datetime.timedelta(days=3))
    assert field(xml, "round_2_closes")[0] == typed(T0 + datetime.timedelta(days=10))
    assert re.search(r'<field name="round_2_opens" [^>]*round="2" round-title="Đợt 2" date="opens"', xml)
    html = html_unescape(s.get(url(site, "/cuoc-thi")).text)
    assert "Các đợt thi" in html
    assert re.search(r'<label for="f-round_2_opens">\s*Đợt 2: bắt đầu', html), html[:3000]
    assert 'name="round_2_closes"' in html


def test_a_round_moved_is_stored_in_utc_and_audited(site):
    s = staff_session()
    form = full_form(site, s)
    new_opens = T0 + datetime.timedelta(days=4, hours=1)
    new_closes = T0 + datetime.timedelta(days=12)
    r = s.post(url(site, "/cuoc-thi"), allow_redirects=False,
               data=dict(form, round_2_opens=typed(new_opens), round_2_closes=typed(new_closes)))
    assert r.status_code == 303, r.text[:1500]
    assert round_row(site, 2) == [utc(new_opens), utc(new_closes)]
    assert round_row(site, 1) == [utc(T0 - datetime.timedelta(days=1)), utc(T0 + datetime.timedelta(days=2))]
    entry = audit_entries(site, "contest.update")[-1].split("\t")
    assert entry[0] == "thuky"
    old = f"round 2 (Đợt 2): {typed(T0 + datetime.timedelta(days=3))} – {typed(T0 + datetime.timedelta(days=10))}"
    assert entry[2] == old, entry
    assert entry[3] == f"round 2 (Đợt 2): {typed(new_opens)} – {typed(new_closes)}", entry
    # the page (a new revision) shows the new dates
    xml = s.get(url(site, "/cuoc-thi"), params={"format": "xml"}).text
    assert field(xml, "round_2_opens")[0] == typed(new_opens)
    # the same form posted again changes nothing and writes no entry
    n = len(audit_entries(site, "contest.update"))
    assert s.post(url(site, "/cuoc-thi"), data=full_form(site, s),
                  allow_redirects=False).status_code == 303
    assert len(audit_entries(site, "contest.update")) == n


def refused(site, s, name, key, message, **fields):
    """A post with `fields` is refused with 422, `key` on field `name`, the input kept, the
    message in the HTML, and nothing stored."""
    before = [round_row(site, 1), round_row(site, 2)]
    n = len(audit_entries(site, "contest.update"))
    data = dict(full_form(site, s), **fields)
    r = s.post(url(site, "/cuoc-thi"), params={"format": "xml"}, data=data, allow_redirects=False)
    assert r.status_code == 422, r.text[:1500]
    assert field(r.text, name)[1] == key, (name, field(r.text, name))
    for k, v in fields.items():
        assert field(r.text, k)[0] == v
    html = html_unescape(s.post(url(site, "/cuoc-thi"), data=data, allow_redirects=False).text)
    assert message in html and f'id="{name}-error"' in html
    assert [round_row(site, 1), round_row(site, 2)] == before
    assert len(audit_entries(site, "contest.update")) == n


def test_bad_round_dates_are_refused_precisely(site):
    s = staff_session()
    r1_opens = T0 - datetime.timedelta(days=1)
    refused(site, s, "round_2_closes", "staff.settings.err.round_closes_before_opens",
            "Đợt thi phải kết thúc sau thời điểm bắt đầu của đợt.",
            round_2_opens=typed(T0 + datetime.timedelta(days=6)),
            round_2_closes=typed(T0 + datetime.timedelta(days=5)))
    refused(site, s, "round_2_closes", "staff.settings.err.round_outside",
            "Đợt thi phải nằm trong thời gian cuộc thi",
            round_2_closes=typed(T0 + datetime.timedelta(days=31)))
    refused(site, s, "round_1_opens", "staff.settings.err.round_outside",
            "Đợt thi phải nằm trong thời gian cuộc thi",
            round_1_opens=typed(T0 - datetime.timedelta(days=3)))
    refused(site, s, "round_2_opens", "staff.settings.err.round_overlap",
            "trùng với một đợt thi khác",
            round_2_opens=typed(T0 + datetime.timedelta(days=1)))
    refused(site, s, "round_2_opens", "staff.settings.err.round_order",
            "bắt đầu trước đợt thi liền trước",
            round_2_opens=typed(r1_opens - datetime.timedelta(hours=5)),
            round_2_closes=typed(r1_opens - datetime.timedelta(hours=1)))
    refused(site, s, "round_1_closes", "staff.settings.err.datetime",
            "Ngày giờ không hợp lệ", round_1_closes="32/13/2026 25:00")
    refused(site, s, "round_1_opens", "staff.settings.err.required",
            "Mục này không được để trống.", round_1_opens="")


def test_the_window_cannot_leave_an_unchanged_round_out(site):
    s = staff_session()
    # the window's own field says it, as before rounds were editable
    refused(site, s, "closes", "staff.settings.err.round_after",
            "Có đợt thi kết thúc sau thời điểm này",
            closes=typed(T0 + datetime.timedelta(days=5)))
    # moved together, the window and the round are accepted
    form = full_form(site, s)
    r = s.post(url(site, "/cuoc-thi"), allow_redirects=False,
               data=dict(form, closes=typed(T0 + datetime.timedelta(days=20)),
                         round_2_closes=typed(T0 + datetime.timedelta(days=19))))
    assert r.status_code == 303, r.text[:1500]
    assert round_row(site, 2)[1] == utc(T0 + datetime.timedelta(days=19))
