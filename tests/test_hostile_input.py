"""Property-based: arbitrary Unicode, control characters and injection payloads into the forms.

Whatever comes in: no 500, nothing stored that renders as markup, no header or .ics injection.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.agenda.helpers import first_session
from tests.conftest import csrf_token, sign_in_staff

PAYLOADS = st.sampled_from([
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
    "' OR 1=1 --", "Robert'); DROP TABLE users;--", "a\r\nBcc: spy@example.com",
    "BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT", "../../etc/passwd", "{agency.__class__}",
    "%(name)s %s {0}", "\u202e\u0000\u200b", "ﷺ" * 50, "𝕏" * 300, "\ud7ff"])
TEXT = st.one_of(PAYLOADS, st.text(min_size=0, max_size=400),
                 st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp"]),
                         max_size=20))
@pytest.fixture
def staff(app, demo):
    """One signed-in secretariat client for all the examples of a test."""
    client = app.test_client()
    sign_in_staff(app, client)
    return client


FAST = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@FAST
@given(title=TEXT, description=TEXT, names=TEXT)
def test_agenda_item_form_survives_anything(app, db, staff, title, description, names):
    client = staff
    page = client.get("/meetings/bc-2025-seoul/agenda/items/new")
    response = client.post("/meetings/bc-2025-seoul/agenda/items/new", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)),
        "session_id": first_session(db).id, "parent_id": 0, "title_en": title,
        "description_en": description, "presenter_names": names, "day": "2025-11-11",
        "start_time": "10:30", "end_time": "10:45", "room_id": 0, "visibility": "public"})
    assert response.status_code in (200, 302)
    editor = client.get("/meetings/bc-2025-seoul/agenda/edit").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in editor and "<img src=x" not in editor
    calendar = client.get("/meetings/bc-2025-seoul/agenda.pdf?draft=1")
    assert calendar.status_code == 200


@FAST
@given(name=TEXT, title=TEXT, email=TEXT)
def test_invitation_form_survives_anything(app, db, staff, name, title, email):
    from app.invitations.models import Invitation
    from app.meetings.models import Organisation, OrganisationKind

    org = db.session.scalar(select(Organisation).where(Organisation.code == "hyp"))
    if org is None:
        org = Organisation(code="hyp", name={"en": "Hypothesis Police"}, country_code="PH",
                           kind=OrganisationKind.NATIONAL_AGENCY, language="en")
        db.session.add(org)
        db.session.commit()
    client = staff
    page = client.get("/meetings/bc-2025-seoul/invitations/new")
    response = client.post("/meetings/bc-2025-seoul/invitations/new", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "organisation_id": org.id,
        "category": "invited_state", "addressee_name": name, "addressee_title": title,
        "email": email, "language": "en", "quota": 2})
    assert response.status_code in (200, 302)
    db.session.expire_all()
    stored = db.session.scalar(select(Invitation).where(Invitation.organisation_id == org.id))
    if stored is not None:
        for value in (stored.addressee_name, stored.addressee_title, stored.email):
            assert "\r" not in value and "\n" not in value and "\x00" not in value
        db.session.delete(stored)
        db.session.commit()


@FAST
@given(email=TEXT, lang=TEXT)
def test_sign_in_form_and_locale_survive_anything(app, demo, email, lang):
    client = app.test_client()
    page = client.get("/auth/sign-in", query_string={"lang": lang})
    assert page.status_code == 200
    response = client.post("/auth/sign-in", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "email": email})
    assert response.status_code in (200, 429)
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


@FAST
@given(row=st.lists(TEXT, min_size=7, max_size=7))
def test_csv_import_survives_anything(app, db, staff, row):
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["organisation", "addressee_name", "addressee_title", "email", "language",
                     "quota", "category"])
    writer.writerow(row)
    client = staff
    page = client.get("/meetings/bc-2025-seoul/invitations/import")
    response = client.post("/meetings/bc-2025-seoul/invitations/import", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)),
        "file": (io.BytesIO(out.getvalue().encode("utf-8", "surrogatepass")), "x.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 200


@FAST
@given(family=TEXT, native=TEXT, position=TEXT, dietary=TEXT, flight=TEXT, phone=TEXT)
def test_registration_form_survives_anything(app, db, staff, family, native, position,
                                             dietary, flight, phone):
    from app.registration.models import Registration

    url = "/meetings/bc-2025-seoul/registration/delegations/mps-vn/new"
    page = staff.get(url)
    response = staff.post(url, data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "family_name": family,
        "given_names": "An", "native_name": native, "position": position, "dietary": dietary,
        "arrival_flight": flight, "phone": phone, "email": "hyp@mps.example.com",
        "role": "delegate", "nationality": "VN"}, content_type="multipart/form-data")
    assert response.status_code in (200, 302)
    body = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body and "<img src=x" not in body
    registration = db.session.scalar(select(Registration).where(
        Registration.email == "hyp@mps.example.com"))
    if registration is not None:
        detail = staff.get(f"/meetings/bc-2025-seoul/registration/{registration.id}")
        assert detail.status_code == 200
        assert "<script>alert(1)</script>" not in detail.get_data(as_text=True)
        assert all(ch.isprintable() or ch == "\n" for ch in registration.dietary)
        assert "\x00" not in registration.family_name
        db.session.delete(registration)
        from app.invitations.models import Invitation

        db.session.query(Invitation).filter(Invitation.seats_taken > 0).update(
            {"seats_taken": Invitation.seats_taken - 1}, synchronize_session=False)
        db.session.commit()


@FAST
@given(title=TEXT, paragraph=TEXT)
def test_resolution_text_form_survives_anything(app, db, staff, title, paragraph):
    import re

    base = "/meetings/bc-2025-seoul/resolutions"
    page = staff.get(f"{base}/").get_data(as_text=True)
    created = staff.post(f"{base}/", data={"csrf_token": csrf_token(page), "title": "Hyp",
                                           "language": "en"})
    number = created.headers["Location"].rsplit("/", 1)[1]
    staff.post(f"{base}/{number}/paragraphs", data={"csrf_token": csrf_token(page),
                                                    "kind": "operative"})
    edit = staff.get(f"{base}/{number}/edit?lang=ar").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', edit).group(1)
    field = re.search(r'name="(paragraph_\d+)"', edit).group(1)
    response = staff.post(f"{base}/{number}/edit?lang=ar", data={
        "csrf_token": csrf_token(edit), "title": title, "status": "draft", "version": version,
        field: paragraph})
    assert response.status_code in (200, 302)
    view = staff.get(f"{base}/{number}?lang=ar").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in view and "<img src=x" not in view
    pdf = staff.get(f"{base}/{number}.pdf?lang=ar")
    assert pdf.status_code in (200, 404)


@FAST
@given(body=TEXT)
def test_minutes_form_survives_anything(app, db, staff, body):
    import re

    from tests.agenda.helpers import item_titled

    item = item_titled(db, "Statements by delegations")
    url = f"/meetings/bc-2025-seoul/minutes/items/{item.id}?lang=km"
    page = staff.get(url).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    response = staff.post(url, data={"csrf_token": csrf_token(page), "body": body,
                                     "status": "draft", "version": version})
    assert response.status_code in (200, 302)
    shown = staff.get(url).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in shown and "<img src=x" not in shown


def _admin(app):
    from tests.audit.test_log import _sign_in_admin

    client = app.test_client()
    _sign_in_admin(app, client)
    return client


SEOUL = "/meetings/bc-2025-seoul"
# (who, page with the form, where it posts, the fields; TEXT lands in every "{}" value)
FORMS = [
    ("admin", f"{SEOUL}/settings", f"{SEOUL}/settings", {
        "start_date": "2025-11-11", "end_date": "2025-11-12", "timezone": "Asia/Seoul",
        "working_language": "en", "official_languages": "en", "title_en": "{}",
        "city_en": "{}", "venue_en": "Venue", "signature_en": "{}"}),
    ("staff", f"{SEOUL}/invitations/letter", f"{SEOUL}/invitations/letter", {
        "reply_by": "2025-11-05", "subject_en": "{}", "body_en": "{}"}),
    ("admin", f"{SEOUL}/next", f"{SEOUL}/next", {
        "slug": "{}", "title": "{}", "city": "{}", "start": "2031-01-07", "end": "2031-01-08",
        "timezone": "{}", "host": "rtp"}),
    ("admin", "/series/breaking-chains/roster", "/series/breaking-chains/roster", {
        "organisation_id": "1", "category": "{}", "joined_on": "{}", "decided_at_id": "0"}),
    ("staff", f"{SEOUL}/minutes/", f"{SEOUL}/minutes/classification", {
        "classification": "{}"}),
    ("staff", f"{SEOUL}/resolutions/", f"{SEOUL}/resolutions/", {"title": "{}",
                                                                  "language": "en"}),
    ("anonymous", "/auth/sign-in", "/auth/sign-in", {"email": "{}"}),
    ("staff", f"{SEOUL}/registration/check-in", f"{SEOUL}/registration/check-in", {
        "code": "{}", "day": "{}"}),
    ("staff", f"{SEOUL}/registration/delegations/rtp", f"{SEOUL}/registration/delegations/rtp",
     {"quota": "{}"}),
    ("staff", f"{SEOUL}/translations?target=th", f"{SEOUL}/translations?target=th", {
        "t-meeting.title": "{}", "t-meeting.city": "{}"}),
    ("staff", lambda db: f"{SEOUL}/minutes/items/{_item(db)}",
     lambda db: f"{SEOUL}/minutes/items/{_item(db)}/decisions", {"text": "{}"}),
    ("staff", lambda db: f"{SEOUL}/minutes/items/{_item(db)}",
     lambda db: f"{SEOUL}/minutes/items/{_item(db)}/actions", {
         "description": "{}", "owner_id": "0", "due_date": "{}"}),
    ("staff", lambda db: f"{SEOUL}/registration/{_registration(db)}",
     lambda db: f"{SEOUL}/registration/{_registration(db)}/cancel", {"reason": "{}"}),
    ("staff", f"{SEOUL}/resolutions/1", f"{SEOUL}/resolutions/1/amendments", {
        "paragraph_id": "1", "language": "en", "text": "{}", "organisation_id": "0"}),
]


def _item(db) -> int:
    from tests.agenda.helpers import item_titled

    return item_titled(db, "Adoption of the agenda").id


def _registration(db) -> int:
    from app.registration.models import Registration

    return db.session.scalar(select(Registration.id).where(
        Registration.email == "souksavanh.p@mps-la.example.com"))


def _with_lang(url: str) -> str:
    return url + ("&" if "?" in url else "?") + "lang=en"


@pytest.fixture
def clients(app, demo):
    """One signed-in client per role for all the examples of a test (sign-in is rate-limited)."""
    made = {}

    def get(who: str):
        if who not in made:
            made[who] = {"admin": _admin, "staff": _staff_client}.get(
                who, lambda a: a.test_client())(app)
        return made[who]
    return get


@FAST
@given(value=TEXT)
@pytest.mark.parametrize("who, page, action, fields", FORMS)
def test_every_other_form_survives_anything(app, db, clients, who, page, action, fields,
                                           value):
    client = clients(who)
    page = _with_lang(page(db) if callable(page) else page)
    action = _with_lang(action(db) if callable(action) else action)
    token = csrf_token(client.get(page).get_data(as_text=True))
    data = {k: (v.format(value) if "{}" in v else v) for k, v in fields.items()}
    response = client.post(action, data={"csrf_token": token, **data})
    assert response.status_code in (200, 302, 400, 429), response.status_code  # 429: sign-in limit
    shown = client.get(page).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in shown and "<img src=x" not in shown
    from app.extensions import db as _db

    _db.session.rollback()


def _staff_client(app):
    client = app.test_client()
    sign_in_staff(app, client)
    return client
