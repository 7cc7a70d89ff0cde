"""Calendar files: parsed back with icalendar and with vobject, an independent parser."""
from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import vobject
from icalendar import Calendar

from tests.agenda.helpers import post_item, publish
from tests.conftest import csrf_token, sign_in, sign_in_staff

ICS = "/meetings/bc-2025-seoul/agenda.ics"


def _events(body: bytes) -> list:
    return [c for c in Calendar.from_ical(body).walk("VEVENT")]


def test_meeting_calendar_is_valid_for_both_parsers(app, client, demo):
    sign_in(app, client, "head.th@rtp.example.com")
    response = client.get(ICS + "?lang=ko")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Seoul"
    assert str(calendar["METHOD"]) == "PUBLISH"  # what Outlook expects of a published file
    events = _events(response.data)
    assert len(events) == 12  # heads of delegation see the closed session too
    opening = next(e for e in events if str(e["SUMMARY"]).startswith("1. "))
    assert str(opening["SUMMARY"]) == "1. 개회 및 경찰청장 환영사"
    assert opening.decoded("DTSTART") == datetime(2025, 11, 11, 9, 30,
                                                  tzinfo=ZoneInfo("Asia/Seoul"))
    assert opening["DTSTART"].params["TZID"] == "Asia/Seoul"
    for event in events:
        for field in ("UID", "DTSTAMP", "SEQUENCE", "LOCATION", "DESCRIPTION", "STATUS"):
            assert field in event
    stamps = [line for line in response.data.splitlines()
              if line.startswith((b"DTSTAMP:", b"LAST-MODIFIED:"))]
    assert len(stamps) == 2 * len(events) and all(line.endswith(b"Z") for line in stamps)  # UTC
    assert re.search(rb"\r\nSEQUENCE:\d+\r\n", response.data)
    parsed = vobject.readOne(response.data.decode())
    assert len(parsed.vevent_list) == 12
    assert parsed.vevent_list[0].dtstart.value.utcoffset().total_seconds() == 9 * 3600


def test_summaries_follow_the_requested_language(app, client, demo):
    sign_in(app, client, "delegate.th@rtp.example.com")
    arabic = [str(e["SUMMARY"]) for e in _events(client.get(ICS + "?lang=ar").data)]
    assert "2. إقرار جدول الأعمال" in arabic
    assert not any("Joint operations" in s or "العمليات المشتركة" in s for s in arabic)


def test_uids_are_stable_and_sequence_grows_with_changes(app, client, db, demo):
    sign_in_staff(app, client)
    first = {str(e["UID"]): int(e["SEQUENCE"]) for e in _events(client.get(ICS).data)}
    from tests.agenda.helpers import item_titled
    item = item_titled(db, "Statements by delegations")
    post_item(client, db, url=f"/meetings/bc-2025-seoul/agenda/items/{item.id}/edit",
              session_id=item.session_id, title_en="Statements by delegations",
              start_time="12:10", end_time="12:30")
    publish(client)
    second = {str(e["UID"]): int(e["SEQUENCE"]) for e in _events(client.get(ICS).data)}
    assert first.keys() == second.keys()
    changed = [uid for uid in first if second[uid] != first[uid]]
    assert len(changed) == 1 and second[changed[0]] == first[changed[0]] + 1


def test_cancelled_item_is_marked_cancelled(app, client, db, demo):
    from tests.agenda.helpers import item_titled

    sign_in_staff(app, client)
    item = item_titled(db, "Statements by delegations")
    page = client.get("/meetings/bc-2025-seoul/agenda/edit")
    client.post(f"/meetings/bc-2025-seoul/agenda/items/{item.id}/cancel",
                data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    publish(client)
    events = _events(client.get(f"/meetings/bc-2025-seoul/agenda/items/{item.id}.ics").data)
    assert [str(e["STATUS"]) for e in events] == ["CANCELLED"]
    body = client.get(f"/meetings/bc-2025-seoul/agenda/items/{item.id}.ics").data.decode()
    assert vobject.readOne(body).vevent.status.value == "CANCELLED"


def test_commas_semicolons_and_newlines_in_titles_are_escaped(app, client, db, demo):
    sign_in_staff(app, client)
    title = "Briefing; part 1, with Q&A\nand a second line"
    post_item(client, db, title_en=title)
    publish(client)
    body = client.get(ICS + "?lang=en").data
    assert b"Briefing\\; part 1\\, with Q&A" in body
    summaries = [str(e["SUMMARY"]) for e in _events(body)]
    assert any("Briefing; part 1, with Q&A and a second line" in s for s in summaries)
    assert len(vobject.readOne(body.decode()).vevent_list) == 13


def test_calendar_answers_conditional_requests(app, client, demo):
    sign_in(app, client, "delegate.th@rtp.example.com")
    first = client.get(ICS)
    etag = first.headers["ETag"]
    again = client.get(ICS, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def test_anonymous_readers_get_only_public_items(client, demo):
    summaries = [str(e["SUMMARY"]) for e in _events(client.get(ICS + "?lang=en").data)]
    assert summaries and all(s.split(". ", 1)[0] in {"1", "2", "3", "12"} for s in summaries)


def _new_feed(client) -> str:
    page = client.get("/meetings/bc-2025-seoul/calendar")
    html = client.post("/meetings/bc-2025-seoul/calendar", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "action": "create"}
    ).get_data(as_text=True)
    return re.search(r'value="https?://[^/"]+(/calendar/[^"]+)"', html).group(1)


def test_personal_feed_shows_what_the_person_may_see_and_can_be_revoked(app, client, demo):
    sign_in(app, client, "delegate.kh@cnp.example.com")
    feed = _new_feed(client).replace("&amp;", "&")
    anonymous = app.test_client()
    response = anonymous.get(feed)
    assert response.status_code == 200
    events = _events(response.data)
    # the agenda's items (their own events besides: the meals they attend, a pickup)
    summaries = [str(e["SUMMARY"]) for e in events if str(e["UID"]).startswith("agenda-item-")]
    assert len(summaries) == 10  # no closed-session items for a delegate
    assert len(vobject.readOne(response.data.decode()).vevent_list) == len(events)
    assert any("ការអនុម័តរបៀបវារៈ" in s for s in summaries)  # in the person's language
    page = client.get("/meetings/bc-2025-seoul/calendar")
    client.post("/meetings/bc-2025-seoul/calendar", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "action": "revoke"})
    assert anonymous.get(feed).status_code == 404
    assert anonymous.get("/calendar/not-a-token.ics").status_code == 404


def test_replacing_the_feed_link_stops_the_old_one(app, client, demo):
    sign_in(app, client, "delegate.kh@cnp.example.com")
    old = _new_feed(client).replace("&amp;", "&")
    new = _new_feed(client).replace("&amp;", "&")
    assert client.get(old).status_code == 404 and client.get(new).status_code == 200
