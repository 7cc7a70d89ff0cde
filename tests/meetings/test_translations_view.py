"""Staff see which content lacks a language and fill it side by side."""
from __future__ import annotations

from sqlalchemy import select

from app.agenda.models import AgendaItem
from app.meetings.models import Meeting
from tests.agenda.helpers import item_titled
from tests.conftest import csrf_token, sign_in, sign_in_staff

URL = "/meetings/bc-2025-seoul/translations"


def test_missing_languages_are_shown_and_filled_side_by_side(app, client, db, demo):
    sign_in_staff(app, client)
    item = item_titled(db, "Statements by delegations")
    sequence = item.sequence
    page = client.get(URL + "?lang=en&source=en&target=km").get_data(as_text=True)
    assert "Missing" in page and "Statements by delegations" in page
    assert 'lang="km"' in page
    response = client.post(URL + "?lang=en", data={
        "csrf_token": csrf_token(page), "source": "en", "target": "km",
        f"t-item.{item.id}.title": "សេចក្ដីថ្លែងការណ៍របស់គណៈប្រតិភូ",
        "t-meeting.venue": "អគ្គស្នងការដ្ឋាននគរបាលជាតិកូរ៉េ"})
    assert response.status_code == 302
    db.session.expire_all()
    updated = db.session.get(AgendaItem, item.id)
    assert updated.title["km"] == "សេចក្ដីថ្លែងការណ៍របស់គណៈប្រតិភូ"
    assert updated.title["en"] == "Statements by delegations"
    assert updated.sequence == sequence + 1
    seoul = select(Meeting).where(Meeting.slug == "bc-2025-seoul")
    assert db.session.scalar(seoul).venue["km"].startswith("អគ្គ")


def test_bad_letter_translation_is_refused_and_nothing_is_saved(app, client, db, demo):
    sign_in_staff(app, client)
    page = client.get(URL + "?source=en&target=km").get_data(as_text=True)
    item = item_titled(db, "Statements by delegations")
    before = item.title.get("km")  # the demo's Khmer title
    response = client.post(URL + "?lang=en", data={
        "csrf_token": csrf_token(page), "source": "en", "target": "km",
        f"t-item.{item.id}.title": "សេចក្ដីថ្លែងការណ៍", "t-letter.body": "{unknown}"})
    assert response.status_code == 200
    assert "Unknown placeholder" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(AgendaItem, item.id).title.get("km") == before
    assert before != "សេចក្ដីថ្លែងការណ៍"


def test_removing_the_working_language_title_is_refused(app, client, db, demo):
    sign_in_staff(app, client)
    page = client.get(URL + "?source=ko&target=en").get_data(as_text=True)
    response = client.post(URL + "?lang=en", data={
        "csrf_token": csrf_token(page), "source": "ko", "target": "en", "t-meeting.title": ""})
    assert "working language" in response.get_data(as_text=True)
    assert db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul")).title["en"]


def test_delegates_cannot_open_the_translation_view(app, client, demo):
    sign_in(app, client, "head.th@rtp.example.com")
    assert client.get(URL).status_code == 403


def test_translation_view_lists_resolution_and_minutes_languages(app, db, demo):
    from tests.conftest import sign_in_staff

    client = app.test_client()
    sign_in_staff(app, client)
    page = client.get("/meetings/bc-2025-seoul/translations?lang=en").get_data(as_text=True)
    assert "BC/1/RES/1" in page and "BC/1/MIN" in page
    assert "/minutes/items/" in page and "text=lo" in page  # missing Lao minutes: a link
