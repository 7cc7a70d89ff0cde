"""A meeting's rooms after creation (names per language, seats, removal unless the agenda
uses the room) and the site's list of staff accounts, where a site administrator deactivates
and reactivates an account."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.agenda.models import AgendaSession
from app.audit.models import AuditEntry
from app.auth.models import User
from app.meetings.models import Meeting, Room
from tests.admin.helpers import PASSWORD, admin_client
from tests.admin.test_admin_pages import _meeting_data, _series
from tests.checkers import vnu_errors
from tests.conftest import csrf_token, post_form


def _meeting(client, db) -> Meeting:
    _series(client)
    response = post_form(client, "/admin/meetings/new", _meeting_data(
        db, room_name_2="Room B", room_capacity_2="30"))
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalar(select(Meeting))


def _room(db, name: str) -> Room:
    return next(room for room in db.session.scalars(select(Room)) if room.name["en"] == name)


def test_a_room_is_renamed_per_language_and_its_seats_changed(app, db):
    client = admin_client(app)
    meeting = _meeting(client, db)
    hall = _room(db, "Plenary hall")
    page = f"/admin/meetings/{meeting.id}/rooms/{hall.id}"
    assert f'href="{page}"' in client.get(f"/admin/meetings/{meeting.id}").get_data(as_text=True)
    response = post_form(client, page, {"name_en": "Plenary hall", "name_ko": "본회의장",
                                        "capacity": "150"})
    assert response.status_code == 302
    db.session.refresh(hall)
    assert (hall.name, hall.capacity) == ({"en": "Plenary hall", "ko": "본회의장"}, 150)
    html = client.get(f"/admin/meetings/{meeting.id}?lang=ko").get_data(as_text=True)
    assert "본회의장" in html
    entry = db.session.scalar(select(AuditEntry).where(
        AuditEntry.action == "meetings.room_changed"))
    assert entry.details == {"fields": ["capacity", "name"]}
    # no name in the working language, a name another room has, seats out of range: all at once,
    # in the reader's language, and nothing changed
    response = post_form(client, page + "?lang=fr", {"name_en": "", "name_ko": "본회의장",
                                                     "name_th": "Room B", "capacity": "0"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Indiquez le nom de la salle." in html
    assert html.count('aria-invalid="true"') == 2  # the English name and the seats
    db.session.refresh(hall)
    assert (hall.name, hall.capacity) == ({"en": "Plenary hall", "ko": "본회의장"}, 150)
    response = post_form(client, page + "?lang=en", {"name_en": "Room b", "capacity": ""})
    assert "Two rooms have this name." in response.get_data(as_text=True)


def test_a_room_the_agenda_uses_is_not_removed(app, db):
    client = admin_client(app)
    meeting = _meeting(client, db)
    hall, other = _room(db, "Plenary hall"), _room(db, "Room B")
    db.session.add(AgendaSession(meeting_id=meeting.id, position=1, title={"en": "Opening"},
                                 starts_at=datetime(2030, 3, 10, 0, 0),
                                 ends_at=datetime(2030, 3, 10, 2, 0), room_id=hall.id))
    db.session.commit()
    page = f"/admin/meetings/{meeting.id}/rooms/{hall.id}"
    html = client.get(page + "?lang=fr").get_data(as_text=True)
    assert "Le programme utilise cette salle" in html and "/delete" not in html
    response = client.post(page + "/delete", data={"csrf_token": csrf_token(html)})
    assert response.status_code == 302 and response.location.endswith(page)
    shown = client.get(page + "?lang=fr").get_data(as_text=True)
    assert "Le programme utilise cette salle (1 séance ou point)" in shown
    assert db.session.get(Room, hall.id) is not None
    # a room nothing uses goes, with an audit record
    other_page = f"/admin/meetings/{meeting.id}/rooms/{other.id}"
    html = client.get(other_page).get_data(as_text=True)
    response = client.post(other_page + "/delete", data={"csrf_token": csrf_token(html)})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Room)) == 1
    entry = db.session.scalar(select(AuditEntry).where(
        AuditEntry.action == "meetings.room_deleted"))
    assert entry.details == {"room": "Room B"} and entry.meeting_id == meeting.id
    # a room of another meeting is not found through this one
    assert client.get(f"/admin/meetings/{meeting.id + 1}/rooms/{hall.id}").status_code == 404


def _invite(client, meeting, email: str, role: str = "staff") -> None:
    response = post_form(client, f"/meetings/{meeting.slug}/staff/", {
        "name": email.split("@")[0].title(), "email": email, "role": role, "locale": "en"})
    assert response.status_code == 302, response.get_data(as_text=True)


def test_the_site_lists_every_staff_account_and_deactivates_and_reactivates(app, db):
    client = admin_client(app)
    meeting = _meeting(client, db)
    _invite(client, meeting, "kim@example.org", "logistics")
    _invite(client, meeting, "lee@example.org")
    kim = db.session.scalar(select(User).where(User.email == "kim@example.org"))
    kim.password_hash = db.session.scalar(select(User.password_hash).where(
        User.site_admin.is_(True)))  # Kim has chosen a password (the same as the admin's)
    db.session.commit()
    html = client.get("/admin/staff/?lang=en").get_data(as_text=True)
    for name in ("Root Admin", "Kim", "Lee"):
        assert f"<th scope=\"row\">{name}</th>" in html
    assert "Site administrator" in html and "Logistics: " in html
    assert f'href="/meetings/{meeting.slug}/staff/{kim.id}"' in html
    assert "Invitation sent" in html  # Lee has not chosen a password yet
    # Kim signs in; deactivated by the site administrator, she is signed out and cannot sign in
    kim_client = app.test_client()
    response = post_form(kim_client, "/auth/staff", {"email": "kim@example.org",
                                                     "password": PASSWORD})
    assert response.status_code == 302
    response = client.post(f"/admin/staff/{kim.id}/deactivate",
                           data={"csrf_token": csrf_token(html)})
    assert response.status_code == 302
    db.session.refresh(kim)
    assert not kim.active
    html = client.get("/admin/staff/?lang=en").get_data(as_text=True)
    assert "Kim&#39;s account is deactivated" in html and "Account deactivated" in html
    assert f'action="/admin/staff/{kim.id}/reactivate"' in html
    refused = post_form(app.test_client(), "/auth/staff", {"email": "kim@example.org",
                                                           "password": PASSWORD})
    assert refused.status_code != 302
    # invited again while deactivated: refused, saying how to reactivate; nothing written
    again = post_form(client, f"/meetings/{meeting.slug}/staff/?lang=fr", {
        "name": "Kim", "email": "kim@example.org", "role": "staff", "locale": "en"})
    assert again.status_code == 400
    assert "Un administrateur du site peut le réactiver" in again.get_data(as_text=True)
    # reactivated: she signs in again
    client.post(f"/admin/staff/{kim.id}/reactivate", data={"csrf_token": csrf_token(html)})
    db.session.refresh(kim)
    assert kim.active
    response = post_form(app.test_client(), "/auth/staff", {"email": "kim@example.org",
                                                            "password": PASSWORD})
    assert response.status_code == 302
    actions = list(db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.object_id == str(kim.id), AuditEntry.action.like("users.%"))
        .order_by(AuditEntry.id)))
    assert actions == ["users.deactivated", "users.reactivated"]
    # an active account is not reactivated twice, and nobody acts on their own account
    html = client.get("/admin/staff/?lang=en").get_data(as_text=True)
    client.post(f"/admin/staff/{kim.id}/reactivate", data={"csrf_token": csrf_token(html)})
    assert "This account is already active." in client.get("/admin/staff/?lang=en").get_data(
        as_text=True)
    root = db.session.scalar(select(User).where(User.site_admin.is_(True)))
    client.post(f"/admin/staff/{root.id}/deactivate", data={"csrf_token": csrf_token(html)})
    db.session.refresh(root)
    assert root.active
    assert client.get("/admin/staff/999999/deactivate").status_code == 405
    assert client.post("/admin/staff/999999/deactivate",
                       data={"csrf_token": csrf_token(html)}).status_code == 404


def test_a_meeting_administrator_reactivates_on_the_person_page(app, db):
    client = admin_client(app)
    meeting = _meeting(client, db)
    _invite(client, meeting, "lee@example.org")
    lee = db.session.scalar(select(User).where(User.email == "lee@example.org"))
    page = f"/meetings/{meeting.slug}/staff/{lee.id}"
    html = client.get(page).get_data(as_text=True)
    client.post(page + "/deactivate", data={"csrf_token": csrf_token(html)})
    html = client.get(page + "?lang=en").get_data(as_text=True)
    assert "Reactivate the account" in html
    client.post(page + "/reactivate", data={"csrf_token": csrf_token(html)})
    db.session.refresh(lee)
    assert lee.active
    assert "The account is active again" in client.get(page + "?lang=en").get_data(as_text=True)


@pytest.mark.one_database
def test_the_new_pages_are_valid_html(app, db, tmp_path):
    client = admin_client(app)
    meeting = _meeting(client, db)
    _invite(client, meeting, "lee@example.org")
    hall = _room(db, "Plenary hall")
    pages = {f"{path} {lang}": client.get(f"{path}?lang={lang}").get_data(as_text=True)
             for path in ("/admin/staff/", f"/admin/meetings/{meeting.id}/rooms/{hall.id}")
             for lang in ("en", "ar", "th")}
    assert vnu_errors(pages, tmp_path) == []


def test_the_meeting_settings_offer_current_zones_named_in_the_readers_language(app, db, demo):
    from app.series.settings import MeetingError, update_settings
    from tests.audit.test_log import _sign_in_admin

    client = app.test_client()
    _sign_in_admin(app, client)
    page = client.get(f"/meetings/{demo}/settings?lang=fr").get_data(as_text=True)
    assert '<option selected value="Asia/Seoul">Corée du Sud</option>' in page
    assert 'value="Africa/Asmara"' in page and 'value="Africa/Asmera"' not in page
    assert 'value="Etc/GMT+5"' not in page
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == demo))
    texts = {name: dict(getattr(meeting, name) or {}) for name in (
        "title", "city", "venue", "public_summary", "signature")}
    try:
        update_settings(meeting, texts=texts, start=meeting.start_date, end=meeting.end_date,
                        zone="Asia/Calcutta", working_language=meeting.working_language,
                        official_languages=list(meeting.official_languages),
                        is_public=meeting.is_public)
    except MeetingError as error:
        assert error.errors == [("Choose a time zone from the list.", "timezone")]
    else:
        raise AssertionError("an obsolete zone alias was accepted")
    db.session.rollback()


def test_a_zone_may_be_typed_by_the_name_the_list_shows(app, db):
    client = admin_client(app)
    _series(client)
    page = client.get("/admin/meetings/new?lang=fr").get_data(as_text=True)
    assert '<option value="Asia/Seoul" label="Corée du Sud">' in page
    assert '<input' in page and 'list="zones"' in page  # a datalist: no script needed
    response = post_form(client, "/admin/meetings/new?lang=fr", _meeting_data(
        db, timezone="  corée du sud "))
    assert response.status_code == 302, response.get_data(as_text=True)
    assert db.session.scalar(select(Meeting.timezone)) == "Asia/Seoul"


def test_an_organisation_with_a_language_and_country_not_in_the_lists_is_refused(app, db):
    from app.meetings.models import Organisation
    from tests.admin.test_admin_pages import _organisation

    client = admin_client(app)
    response = _organisation(client, name_en="Agency", short_name_en="AG", country="XX",
                             language="xx")
    html = response.get_data(as_text=True)
    assert "Choose a country from the list." in html
    assert "Choose one of the languages of the application." in html
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 0


def test_the_new_pages_answer_in_every_language(app, db):
    from app.i18n import LOCALES

    client = admin_client(app)
    meeting = _meeting(client, db)
    hall = _room(db, "Plenary hall")
    for lang in LOCALES:
        staff_page = client.get(f"/admin/staff/?lang={lang}")
        room_page = client.get(f"/admin/meetings/{meeting.id}/rooms/{hall.id}?lang={lang}")
        assert staff_page.status_code == room_page.status_code == 200, lang
        staff_html, room_html = (p.get_data(as_text=True) for p in (staff_page, room_page))
        assert 'name="viewport"' in staff_html  # the phone layout of every page
        if lang != "en":
            assert "<h1>Staff accounts</h1>" not in staff_html, lang
            assert ">Remove the room<" not in room_html, lang
            assert "Site administrator" not in staff_html, lang
