"""Who sees which meeting pages: checked on the server, per object."""
from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_name
from sqlalchemy import select

from app.auth.models import User
from app.meetings.models import Meeting
from tests.conftest import sign_in, sign_in_staff


def test_delegate_cannot_open_another_agencys_delegation_page(app, client, demo):
    sign_in(app, client, "delegate.th@rtp.example.com")
    assert client.get(f"/meetings/{demo}/delegations/rtp").status_code == 200
    for other in ("cnp-kh", "moi-ae", "interpol", "knpa"):
        response = client.get(f"/meetings/{demo}/delegations/{other}")
        assert response.status_code == 403
        assert "Khalid" not in response.get_data(as_text=True)


def test_head_of_delegation_sees_own_delegation_members(app, client, demo):
    sign_in(app, client, "head.th@rtp.example.com")
    html = client.get(f"/meetings/{demo}/delegations/rtp").get_data(as_text=True)
    assert "Nattaya Srisuk" in html and "Somchai Wongsakul" in html
    assert "Sok Dara" not in html


def test_secretariat_sees_every_delegation(app, client, demo):
    sign_in_staff(app, client)
    for code in ("rtp", "cnp-kh", "moi-ae"):
        assert client.get(f"/meetings/{demo}/delegations/{code}").status_code == 200


def test_anonymous_reader_is_sent_to_sign_in_for_the_agenda(client, demo):
    response = client.get(f"/meetings/{demo}/agenda")
    assert response.status_code == 302
    assert "/auth/sign-in" in response.headers["Location"]


def test_person_without_a_role_at_the_meeting_is_refused(app, client, db, demo):
    db.session.add(User(email="stranger@example.com", name="Stranger"))
    db.session.commit()
    sign_in(app, client, "stranger@example.com")
    assert client.get(f"/meetings/{demo}/agenda").status_code == 403
    assert client.get(f"/meetings/{demo}/delegations/rtp").status_code == 403


def test_public_meeting_page_is_open_to_anonymous_readers(client, demo):
    response = client.get(f"/meetings/{demo}/")
    assert response.status_code == 200
    assert "Korean National Police Agency" in response.get_data(as_text=True)


def test_private_meeting_is_hidden_from_anonymous_readers(client, db, demo):
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    meeting.is_public = False
    db.session.commit()
    assert client.get(f"/meetings/{demo}/").status_code == 302
    assert demo not in client.get("/").get_data(as_text=True)


def test_unknown_meeting_is_404_in_the_readers_language(client):
    response = client.get("/meetings/no-such-meeting/agenda?lang=ko")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert '<html lang="ko" dir="ltr">' in html
    assert "Page not found" not in html


def test_closed_session_items_are_shown_only_to_heads_and_staff(app, client, demo):
    title = "Joint operations and coordinated cross-border raids"
    delegate = app.test_client()
    sign_in(app, delegate, "delegate.th@rtp.example.com")
    assert title not in delegate.get(f"/meetings/{demo}/agenda?lang=en").get_data(as_text=True)
    sign_in(app, client, "head.th@rtp.example.com")
    assert title in client.get(f"/meetings/{demo}/agenda?lang=en").get_data(as_text=True)


def test_agenda_items_are_numbered_from_their_order(app, client, demo):
    sign_in_staff(app, client)
    html = client.get(f"/meetings/{demo}/agenda?lang=en").get_data(as_text=True)
    numbers = re.findall(r'<span class="number" dir="ltr">([^<]+)</span>', html)
    assert numbers == ["1.", "2.", "3.", "4.", "4(a)", "4(b)", "5.", "6.", "7.", "8.", "9.",
                       "10.", "11.", "12."]


def test_agenda_times_are_in_the_meetings_zone_with_the_zone_named(app, client, demo):
    sign_in(app, client, "delegate.th@rtp.example.com")
    html = client.get(f"/meetings/{demo}/agenda?lang=en").get_data(as_text=True)
    assert "Korean Standard Time" in html
    assert "9:30" in html and "Tuesday, November 11, 2025" in html
    korean = client.get(f"/meetings/{demo}/agenda?lang=ko").get_data(as_text=True)
    # CLDR's Korean name of the zone: "대한민국 표준시" in older releases, "한국 표준시" now.
    zone = get_timezone_name(datetime.now(ZoneInfo("Asia/Seoul")), width="long", locale="ko")
    assert zone.endswith("표준시") and zone in korean and "2025년 11월 11일 화요일" in korean
