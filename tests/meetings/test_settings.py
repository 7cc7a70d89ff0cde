"""Meeting set-up by an administrator: dates, zone, languages, texts; bad input changes nothing."""
from __future__ import annotations

from sqlalchemy import select

from app.meetings.models import Meeting
from tests.audit.test_log import _sign_in_admin
from tests.conftest import post_form, sign_in_staff

URL = "/meetings/bc-2025-seoul/settings"


def _form(db, **changes) -> dict:
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    data = {"start_date": meeting.start_date.isoformat(),
            "end_date": meeting.end_date.isoformat(), "timezone": meeting.timezone,
            "working_language": "en", "official_languages": ["en", "ko"], "is_public": "y",
            "title_en": meeting.title["en"], "title_ko": meeting.title["ko"],
            "city_en": "Seoul", "venue_en": meeting.venue["en"]}
    data.update(changes)
    return data


def _post(client, db, **changes):
    return post_form(client, URL + "?lang=en", _form(db, **changes))


def test_admin_moves_the_meeting_and_its_calendar_sequence_grows(app, client, db, demo):
    _sign_in_admin(app, client)
    sequence = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul")).sequence
    response = _post(client, db, start_date="2025-11-18", end_date="2025-11-19",
                     title_th="การประชุมครั้งที่ 1")
    assert response.status_code == 302
    db.session.expire_all()
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    assert meeting.start_date.isoformat() == "2025-11-18"
    assert meeting.sequence == sequence + 1 and meeting.title["th"] == "การประชุมครั้งที่ 1"


def test_bad_settings_are_refused_next_to_the_field_and_nothing_changes(app, client, db, demo):
    _sign_in_admin(app, client)
    before = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul")).start_date
    for changes, field in (({"end_date": "2025-11-01"}, "end_date"),
                           ({"official_languages": ["ko"]}, "official_languages"),
                           ({"title_en": ""}, "title_en"),
                           ({"timezone": "Mars/Olympus"}, "timezone")):
        html = _post(client, db, start_date="2025-11-20", **changes).get_data(as_text=True)
        assert f'id="{field}-error"' in html or f"{field}-error" in html, field
    db.session.expire_all()
    seoul = select(Meeting).where(Meeting.slug == "bc-2025-seoul")
    assert db.session.scalar(seoul).start_date == before


def test_only_administrators_change_settings(app, client, db, demo):
    sign_in_staff(app, client)
    assert client.get(URL).status_code == 403


def test_titles_stay_one_line_and_the_signature_keeps_its_lines(app, client, db, demo):
    _sign_in_admin(app, client)
    response = _post(client, db, title_ko="브레이킹 체인스\r\nBcc: spy@example.com\x07",
                     city_en="Seoul\t\u2028Korea", signature_en="Director General\r\n"
                     "Korean National Police Agency\x1b\n\n")
    assert response.status_code == 302
    db.session.expire_all()
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    assert meeting.title["ko"] == "브레이킹 체인스 Bcc: spy@example.com"
    assert meeting.city["en"] == "Seoul Korea"
    assert meeting.signature["en"] == "Director General\nKorean National Police Agency"
    html = _post(client, db, venue_en="v" * 301).get_data(as_text=True)
    assert "venue_en-error" in html
