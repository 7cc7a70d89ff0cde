"""Every calendar we publish or send names its organiser, the secretariat.

RFC 5546 §3.2.1 requires ORGANIZER in each VEVENT of a METHOD:PUBLISH calendar (§3.2.2: REQUEST
too). Checked on every kind of .ics a person gets: the agenda, one item, the personal feed, the
agenda update e-mail and the invitation, with four parsers: icalendar and vobject in Python,
Mozilla's ical.js (the parser of Thunderbird) and node-ical, run by Node from tests/tools.
"""
from __future__ import annotations

import re
from datetime import UTC
from email.utils import parseaddr

import vobject
from icalendar import Calendar

from tests.agenda.helpers import item_titled
from tests.checkers import js_parsers_read
from tests.conftest import csrf_token, sign_in, sign_in_staff
from tests.invitations.conftest import invitation_of, upcoming  # noqa: F401 - a fixture

BASE = "/meetings/bc-2025-seoul"


def _calendars(app, client, db, smtp_server) -> dict[str, tuple[str, bytes]]:
    """name: (the METHOD it must carry, the .ics as the person gets it)."""
    staff = app.test_client()
    sign_in_staff(app, staff)
    page = staff.get(f"{BASE}/invitations/").get_data(as_text=True)
    qatar = invitation_of(db, "moi-qa")
    staff.post(f"{BASE}/invitations/{qatar.id}/send", data={"csrf_token": csrf_token(page)})
    item = item_titled(db, "Adoption of the agenda").id
    sign_in(app, client, "delegate.kh@cnp.example.com")
    page = client.get(f"{BASE}/calendar").get_data(as_text=True)
    html = client.post(f"{BASE}/calendar", data={"csrf_token": csrf_token(page),
                                                 "action": "create"}).get_data(as_text=True)
    feed = re.search(r'value="https?://[^/"]+(/calendar/[^"]+)"', html).group(1)
    calendars = {
        "agenda.ics (anonymous, en)": ("PUBLISH", app.test_client().get(
            f"{BASE}/agenda.ics?lang=en").data),
        "item .ics (staff, th)": ("PUBLISH", staff.get(
            f"{BASE}/agenda/items/{item}.ics?lang=th").data),
        "personal feed (km)": ("PUBLISH", app.test_client().get(feed.replace("&amp;", "&")).data),
    }
    result = app.test_cli_runner().invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output
    for recipients, mail in smtp_server.messages:
        for part in mail.walk():
            if part.get_content_type() == "text/calendar":
                kind = "update e-mail" if part.get_param("method") == "PUBLISH" else "invitation"
                calendars.setdefault(f"{kind} to {recipients[0]}", (
                    part.get_param("method"), part.get_payload(decode=True)))
    assert {method for method, _data in calendars.values()} == {"PUBLISH", "REQUEST"}
    assert len(calendars) >= 5
    return calendars


def test_every_calendar_names_the_secretariat_as_organizer_for_icalendar_and_vobject(
        app, client, db, upcoming, smtp_server):  # noqa: F811
    name, address = parseaddr(app.config["MAIL_FROM"])
    for label, (method, data) in _calendars(app, client, db, smtp_server).items():
        calendar = Calendar.from_ical(data)
        assert str(calendar["METHOD"]) == method, label
        events = calendar.walk("VEVENT")
        assert events, label
        for event in events:
            assert str(event["ORGANIZER"]).lower() == f"mailto:{address}", label
            assert event["ORGANIZER"].params["CN"] == name, label
        parsed = vobject.readOne(data.decode())
        assert parsed.method.value == method, label
        for event in parsed.vevent_list:
            assert event.organizer.value.lower() == f"mailto:{address}", label
            assert event.organizer.params["CN"] == [name], label


def test_ical_js_and_node_ical_read_every_calendar_with_its_organizer(
        app, client, db, upcoming, smtp_server, tmp_path):  # noqa: F811
    name, address = parseaddr(app.config["MAIL_FROM"])
    calendars = _calendars(app, client, db, smtp_server)
    read = js_parsers_read({label: data for label, (_method, data) in calendars.items()},
                           tmp_path)
    for label, (method, data) in calendars.items():
        ours = Calendar.from_ical(data).walk("VEVENT")
        for parser, summary in read[label].items():
            where = f"{parser}: {label}"
            assert summary["method"] == method, where
            assert [e["uid"] for e in summary["events"]] == [str(e["UID"]) for e in ours], where
            for event, mine in zip(summary["events"], ours, strict=True):
                assert event["organizer"].lower() == f"mailto:{address}", where
                assert event["organizer_cn"] == name, where
                assert event["summary"] == str(mine["SUMMARY"]), where
                assert event["tzid"] == "Asia/Seoul", where
                start = mine.decoded("DTSTART").astimezone(UTC)
                assert event["start_utc"] == start.strftime("%Y-%m-%dT%H:%M:%SZ"), where
    for parser in ("ical.js", "node-ical"):
        khmer = read["personal feed (km)"][parser]["events"]
        assert any("ការអនុម័តរបៀបវារៈ" in e["summary"] for e in khmer), parser
