"""The calendars a worker keeps in memory are keyed by what they show: a change of the
meeting's own settings (its name, its venue), committed by any worker of any instance, gives
a new calendar at once, though the published agenda version is the same."""
from __future__ import annotations

from icalendar import Calendar
from sqlalchemy import select

from app.meetings.models import Meeting
from tests.agenda.test_calendar import ICS, _new_feed
from tests.conftest import sign_in


def _rename(db, title: str, venue: str) -> None:
    """What the settings page of another worker commits."""
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    meeting.title = {**meeting.title, "en": title}
    meeting.venue = {**meeting.venue, "en": venue}
    db.session.commit()


def _shown(body: bytes) -> tuple[str, set[str]]:
    calendar = Calendar.from_ical(body)
    return (str(calendar["X-WR-CALNAME"]),
            {str(event["LOCATION"]) for event in calendar.walk("VEVENT")
             if str(event["UID"]).startswith("agenda-item-")})


def test_the_meeting_calendar_and_the_feed_follow_the_meetings_settings(app, client, db, demo):
    sign_in(app, client, "delegate.kh@cnp.example.com")
    feed = _new_feed(client).replace("&amp;", "&") + "?lang=en"
    anonymous = app.test_client()
    name, _places = _shown(client.get(ICS + "?lang=en").data)  # kept by this worker now
    assert anonymous.get(feed).status_code == 200
    assert name != "Seoul Meeting on Scam Syndicates"

    _rename(db, "Seoul Meeting on Scam Syndicates", "Grand Hall, Police Human Rights Center")
    for body in (client.get(ICS + "?lang=en").data, anonymous.get(feed).data):
        name, places = _shown(body)
        assert name == "Seoul Meeting on Scam Syndicates"
        assert places and all(place.endswith("Grand Hall, Police Human Rights Center")
                               for place in places)
