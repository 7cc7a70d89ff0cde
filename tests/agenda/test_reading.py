"""Delegates read the agenda: now/next during the meeting, times in their own zone too."""
from __future__ import annotations

from datetime import datetime

import app.agenda.services as services
from tests.conftest import sign_in, statements_of

AGENDA = "/meetings/bc-2025-seoul/agenda"


def test_item_running_now_and_the_next_one_are_highlighted(app, client, demo, monkeypatch):
    # 11 November 2025, 10:05 in Seoul = 01:05 UTC: item 3 runs, item 4 is next.
    monkeypatch.setattr(services, "utcnow", lambda: datetime(2025, 11, 11, 1, 5))
    sign_in(app, client, "delegate.th@rtp.example.com")
    html = client.get(AGENDA + "?lang=en").get_data(as_text=True)
    now = html.split('class="agenda-item scheduled now"')[1][:600]
    assert "Launch of Operation Breaking Chains" in now and ">Now<" in now
    upcoming = html.split('class="agenda-item scheduled next"')[1][:600]
    assert "Scam compounds in Southeast Asia" in upcoming
    assert html.count(" now\"") == 1 and html.count(" next\"") == 1


def test_no_highlight_outside_the_meeting(app, client, demo, monkeypatch):
    monkeypatch.setattr(services, "utcnow", lambda: datetime(2026, 1, 1))
    sign_in(app, client, "delegate.th@rtp.example.com")
    html = client.get(AGENDA + "?lang=en").get_data(as_text=True)
    assert " now\"" not in html and " next\"" not in html


def test_times_can_also_be_shown_in_the_readers_zone(app, client, demo):
    sign_in(app, client, "delegate.th@rtp.example.com")
    html = client.get(AGENDA + "?lang=en&tz=Asia/Bangkok").get_data(as_text=True)
    html = html.replace("\u202f", " ")  # CLDR puts a narrow no-break space before AM
    assert "7:30 AM–7:50 AM in Indochina Time" in html
    assert "Korean Standard Time" in html
    remembered = client.get(AGENDA + "?lang=en").get_data(as_text=True)
    assert "Indochina Time" in remembered
    assert "Thailand Time (Asia/Bangkok)" in html  # zones of participating countries, named
    paris = client.get(AGENDA + "?lang=fr&tz=Europe/Paris").get_data(as_text=True)
    assert 'value="Europe/Paris" selected' in paris  # any real zone, e.g. INTERPOL's Lyon
    bogus = client.get(AGENDA + "?lang=en&tz=Mars/Olympus").get_data(as_text=True)
    assert "Indochina Time" not in bogus


def test_agenda_page_has_no_n_plus_one_queries(app, client, demo):
    sign_in(app, client, "head.th@rtp.example.com")
    statements, response = statements_of(app, client, AGENDA + "?lang=ko")
    assert response.status_code == 200
    # 8, and 2 for the meals among the days (their stamp for the cache key, and the meals).
    assert len(statements) <= 10, statements
