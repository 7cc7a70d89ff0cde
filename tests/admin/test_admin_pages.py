"""The administration area on an empty database: the first administrator made by the
command, series, a meeting from scratch with rooms and its host, organisations; bad input
shows every problem at once, translated, and saves nothing."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auth.models import Role, User
from app.meetings.models import Meeting, MeetingOrganisation, Organisation, Room, Series
from tests.admin.helpers import admin_client, bootstrap
from tests.conftest import csrf_token, post_form

YEAR = date.today().year + 1


def _series(client, **extra):
    return post_form(client, "/admin/series/new", {
        "name_en": "Breaking Chains", "slug": "breaking-chains", "symbol_root": "BC", **extra})


def _organisation(client, **fields):
    return post_form(client, "/admin/organisations/new", {
        "kind": "national_agency", "country": "KR", "language": "ko", **fields})


def _meeting_data(db, **extra) -> dict:
    series = db.session.scalar(select(Series))
    return {"series_id": series.id, "start_date": f"{YEAR}-03-10", "end_date": f"{YEAR}-03-12",
            "timezone": "Asia/Seoul", "working_language": "en", "official_languages": ["en", "ko"],
            "symbol_prefix": "BC/1", "title_en": "First meeting", "city_en": "Seoul",
            "venue_en": "Lotte Hotel", "room_name_1": "Plenary hall", "room_capacity_1": "120",
            **extra}


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_bootstrap_needs_no_meeting_and_makes_a_site_administrator(app, db):
    assert _count(db, Meeting) == 0
    bootstrap(app)
    user = db.session.scalar(select(User))
    assert user.site_admin and user.memberships == [] and user.needs_password
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "users.create"))
    assert entry.details == {"role": "site_admin"}
    without = app.test_cli_runner().invoke(args=[
        "users", "create-secretariat", "x@example.org", "--name", "X", "--password",
        "correct horse battery"])
    assert without.exit_code != 0 and "--meeting is required unless --admin" in without.output


def test_a_site_administrator_enrols_totp_and_reaches_the_admin_area(app, db):
    client = admin_client(app)  # asserts the QR code and the code step
    assert db.session.scalar(select(User)).totp_secret
    home = client.get("/").get_data(as_text=True)
    assert 'href="/admin/"' in home
    assert client.get("/admin/").status_code == 200


def test_series_meeting_rooms_and_host(app, db):
    client = admin_client(app)
    assert _series(client).status_code == 302
    assert _organisation(client, name_en="Korean National Police Agency", short_name_en="KNPA",
                         name_ko="경찰청").status_code == 302
    host = db.session.scalar(select(Organisation))
    assert host.code == "knpa" and host.acronym == "KNPA" and host.short_name == {"en": "KNPA"}
    page = client.get("/admin/meetings/new?lang=en").get_data(as_text=True)
    assert '<option value="Asia/Seoul" label="South Korea">' in page
    assert "Africa/Asmera" not in page and 'value="Africa/Asmara"' in page
    response = post_form(client, "/admin/meetings/new", {**_meeting_data(db),
                                                         "host_id": host.id},
                         page="/admin/meetings/new")
    assert response.status_code == 302, response.get_data(as_text=True)
    meeting = db.session.scalar(select(Meeting))
    assert (meeting.slug, meeting.number, meeting.official_languages) == (
        f"breaking-chains-{YEAR}-seoul", 1, ["en", "ko"])
    assert [(r.name, r.capacity) for r in meeting.rooms] == [({"en": "Plenary hall"}, 120)]
    # the host takes part in its own meeting, as a member
    row = db.session.scalar(select(MeetingOrganisation))
    assert (row.organisation_id, row.category.value) == (host.id, "member")
    admin = db.session.scalar(select(User))
    assert [(m.meeting_id, m.role) for m in admin.memberships] == [(meeting.id, Role.ADMIN)]
    # the meeting's own pages answer for the site administrator
    assert client.get(f"/meetings/{meeting.slug}/settings").status_code == 200
    # a second organisation joins, and a room is added
    _organisation(client, name_en="Royal Thai Police", short_name_en="RTP", country="TH",
                  language="th")
    thai = db.session.scalar(select(Organisation).where(Organisation.code == "rtp"))
    page = f"/admin/meetings/{meeting.id}"
    html = client.get(page).get_data(as_text=True)
    client.post(page, data={"participant-csrf_token": csrf_token(html),
                            "participant-organisation_id": thai.id,
                            "participant-category": "invited_state"})
    client.post(page, data={"rooms-csrf_token": csrf_token(html),
                            "rooms-room_name_1": "Room B", "rooms-room_capacity_1": "30"})
    assert _count(db, MeetingOrganisation) == 2 and _count(db, Room) == 2
    html = client.get(page + "?lang=en").get_data(as_text=True)
    assert "Royal Thai Police" in html and "30 seats" in html


def test_a_bad_meeting_shows_every_problem_and_saves_nothing(app, db):
    client = admin_client(app)
    _series(client)
    response = post_form(client, "/admin/meetings/new?lang=fr", _meeting_data(
        db, end_date=f"{YEAR}-03-01", timezone="Africa/Asmera", working_language="xx",
        room_capacity_1="0", room_name_2="", room_capacity_2="12"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "La réunion ne peut pas se terminer avant" in html
    assert html.count('aria-invalid="true"') >= 4  # end date, zone, language, room rows
    assert _count(db, Meeting) == 0 and _count(db, Room) == 0
    # a language not among the working one's official languages, and a duplicate prefix
    assert post_form(client, "/admin/meetings/new", _meeting_data(db)).status_code == 302
    html = post_form(client, "/admin/meetings/new?lang=en", _meeting_data(
        db, official_languages=["ko"])).get_data(as_text=True)
    assert "The working language must be one of the official languages." in html
    assert "Another meeting already uses this symbol prefix." in html
    assert _count(db, Meeting) == 1


def test_a_duplicate_organisation_is_refused_with_the_existing_code(app, db):
    client = admin_client(app)
    _organisation(client, name_en="Korean National Police Agency", short_name_en="KNPA")
    response = _organisation(client, name_en="korean  national police agency",
                             short_name_en="knpa", country="ZZ")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count("Another organisation already has this name: knpa.") == 2
    assert "Choose a country from the list." in html
    assert _count(db, Organisation) == 1
    # same short name, another name: a new code beside the first
    _organisation(client, name_en="Korea National Police University", short_name_ko="KNPA")
    assert sorted(db.session.scalars(select(Organisation.code))) == ["knpa", "knpa-2"]
    # an international body needs no country; an agency does
    html = _organisation(client, name_en="Agency", kind="national_agency",
                         country="").get_data(as_text=True)
    assert "A national agency needs its country." in html
    edit = db.session.scalar(select(Organisation).where(Organisation.code == "knpa"))
    response = post_form(client, f"/admin/organisations/{edit.id}", {
        "kind": "national_agency", "country": "KR", "language": "en",
        "name_en": "Korean National Police Agency", "short_name_en": "KNPA",
        "name_th": "สำนักงานตำรวจแห่งชาติเกาหลี"})
    assert response.status_code == 302
    db.session.refresh(edit)
    assert edit.code == "knpa" and edit.name["th"].startswith("สำนักงาน")


def test_only_site_administrators_reach_the_admin_area(app, db, demo):
    from tests.audit.test_log import _sign_in_admin

    meeting_admin = app.test_client()
    _sign_in_admin(app, meeting_admin)
    assert meeting_admin.get("/admin/").status_code == 403
    assert "/admin/" not in meeting_admin.get("/").get_data(as_text=True)
    assert app.test_client().get("/admin/").status_code == 302


def test_a_site_administrator_gets_every_admin_page(app, db):
    client = admin_client(app)
    _series(client)
    _organisation(client, name_en="Korean National Police Agency", short_name_en="KNPA")
    post_form(client, "/admin/meetings/new", _meeting_data(db))
    ids = [db.session.scalar(select(model.id)) for model in (Series, Meeting, Organisation)]
    for path in ("/admin/", "/admin/series/new", "/admin/series/{}", "/admin/meetings/new",
                 "/admin/meetings/{}", "/admin/organisations/", "/admin/organisations/new",
                 "/admin/organisations/{}"):
        path = path.format(ids[0] if "series" in path else ids[1] if "meetings" in path
                           else ids[2])
        assert client.get(path).status_code == 200, path
    assert client.get(f"/admin/organisations/{ids[2] + 99}").status_code == 404
