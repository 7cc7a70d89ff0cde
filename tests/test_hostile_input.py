"""Property-based: arbitrary Unicode, control characters and injection payloads into the forms.

Whatever comes in: no 500, nothing stored that renders as markup, no header or .ics injection.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests.agenda.helpers import first_session
from tests.conftest import csrf_token, sign_in, sign_in_staff, staff_client

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


@pytest.fixture
def form_pages():
    """The page each example read last, by address, for the next example of the same test: the
    page read after a post is, with the same client and nothing done in between, the very
    page the next example would request to fill its form (same session, same data), so its
    CSRF token and fields are taken from it instead of asking for it a second time."""
    return {}


FAST = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@FAST
@given(title=TEXT, description=TEXT, names=TEXT)
def _agenda_item_examples(app, db, staff, title, description, names):
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


def test_agenda_item_form_survives_anything(app, db, staff):
    """The examples share one database, so every item they stored is in the draft agenda
    printed at the end: one PDF holding them all (a PDF after each example cost 25 renders of
    a growing agenda, a minute of the suite)."""
    from app.agenda.models import AgendaItem

    before = db.session.scalar(select(func.count()).select_from(AgendaItem))
    _agenda_item_examples(app, db, staff)
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(AgendaItem)) > before
    calendar = staff.get("/meetings/bc-2025-seoul/agenda.pdf?draft=1")
    assert calendar.status_code == 200 and calendar.data.startswith(b"%PDF")


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
        "given_names": "An", "native_name": native, "position": position, "diet": "none",
        "dietary": dietary,
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
def test_minutes_form_survives_anything(app, db, staff, form_pages, body):
    import re

    from tests.agenda.helpers import item_titled

    item = item_titled(db, "Statements by delegations")
    url = f"/meetings/bc-2025-seoul/minutes/items/{item.id}?lang=km"
    page = form_pages.pop(url, None) or staff.get(url).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    response = staff.post(url, data={"csrf_token": csrf_token(page), "body": body,
                                     "status": "draft", "version": version})
    assert response.status_code in (200, 302)
    shown = staff.get(url).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in shown and "<img src=x" not in shown
    form_pages[url] = shown


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
            made[who] = {"admin": _admin, "staff": staff_client}.get(
                who, lambda a: a.test_client())(app)
        return made[who]
    return get


@FAST
@given(value=TEXT)
@pytest.mark.parametrize("who, page, action, fields", FORMS)
def test_every_other_form_survives_anything(app, db, clients, form_pages, who, page, action,
                                           fields, value):
    client = clients(who)
    page = _with_lang(page(db) if callable(page) else page)
    action = _with_lang(action(db) if callable(action) else action)
    token = csrf_token(form_pages.pop(page, None) or client.get(page).get_data(as_text=True))
    data = {k: (v.format(value) if "{}" in v else v) for k, v in fields.items()}
    response = client.post(action, data={"csrf_token": token, **data})
    assert response.status_code in (200, 302, 400, 429), response.status_code  # 429: sign-in limit
    shown = client.get(page).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in shown and "<img src=x" not in shown
    form_pages[page] = shown
    from app.extensions import db as _db

    _db.session.rollback()


@pytest.fixture
def answer_link(app, db, staff):
    """The FBI's invitation sent, answers open for 20 more days: the path of its link."""
    from app.invitations.models import InvitationLetter
    from app.invitations.services import change_meeting_dates
    from app.mail.models import OutboxMessage
    from app.meetings.models import Meeting
    from tests.invitations.conftest import invitation_of

    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    start = date.today() + timedelta(days=30)
    change_meeting_dates(meeting, start, start + timedelta(days=1))
    db.session.scalar(select(InvitationLetter).where(
        InvitationLetter.meeting_id == meeting.id)).reply_by = date.today() + timedelta(days=20)
    db.session.commit()
    index = staff.get(f"{SEOUL}/invitations/").get_data(as_text=True)
    staff.post(f"{SEOUL}/invitations/{invitation_of(db, 'fbi').id}/send",
               data={"csrf_token": csrf_token(index)})
    body = db.session.scalar(select(OutboxMessage.body_text).order_by(OutboxMessage.id.desc()))
    return re.search(r"(/invitation/[^\s\"<]+)", body).group(1)


@FAST
@given(choice=st.sampled_from(["accept", "decline"]), head_name=TEXT,
       head_email=st.one_of(TEXT, st.emails()), reason=TEXT)
def test_invitation_answer_form_survives_anything(app, db, staff, answer_link, choice,
                                                  head_name, head_email, reason):
    from markupsafe import escape

    from app.auth.models import Membership, Role
    from app.extensions import limiter
    from app.invitations.models import InvitationStatus
    from tests.invitations.conftest import invitation_of

    limiter.reset()  # answers are rate-limited per address: each example is another visitor
    db.session.expire_all()
    old = invitation_of(db, "fbi")
    before = (old.status, old.answered_at, old.head_name, old.head_email, old.decline_reason)
    addressee = app.test_client()
    page = addressee.get(answer_link)
    assert page.status_code == 200
    response = addressee.post(answer_link, data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "answer": choice,
        "head_name": head_name, "head_email": head_email, "reason": reason})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body and "<img src=x" not in body
    db.session.expire_all()
    invitation = invitation_of(db, "fbi")
    after = (invitation.status, invitation.answered_at, invitation.head_name,
             invitation.head_email, invitation.decline_reason)
    if invitation.answered_at == before[1]:
        assert after == before  # refused: nothing half-saved, and the page says why, in place
        assert '<p class="error" id="' in body
    else:
        assert invitation.status == {"accept": InvitationStatus.ACCEPTED,
                                     "decline": InvitationStatus.DECLINED}[choice]
    heads = db.session.scalars(select(Membership).where(
        Membership.meeting_id == invitation.meeting_id, Membership.role == Role.HEAD,
        Membership.organisation_id == invitation.organisation_id)).all()
    if invitation.status == InvitationStatus.ACCEPTED:
        assert invitation.head_name and not invitation.decline_reason
        assert [head.user.email for head in heads] == [invitation.head_email]
    else:
        assert not heads
        assert bool(invitation.decline_reason) == (invitation.status == InvitationStatus.DECLINED)
    assert invitation.head_name.isprintable() and invitation.head_email.isprintable()
    assert "\x00" not in invitation.decline_reason
    shown = staff.get(f"{SEOUL}/invitations/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in shown and "<img src=x" not in shown
    if invitation.status == InvitationStatus.ACCEPTED:
        assert str(escape(invitation.head_name)) in shown
    if invitation.status == InvitationStatus.DECLINED:
        assert str(escape(invitation.decline_reason)) in shown


@pytest.fixture
def head(app, staff):
    """The draft minutes circulated, and the Thai head of delegation signed in to comment."""
    page = staff.get(f"{SEOUL}/minutes/").get_data(as_text=True)
    circulated = staff.post(f"{SEOUL}/minutes/circulate", data={"csrf_token": csrf_token(page)})
    assert circulated.status_code == 302
    client = app.test_client()
    sign_in(app, client, "head.th@rtp.example.com")
    return client


@FAST
@given(body=TEXT)
def test_minutes_comment_form_survives_anything(app, db, staff, head, form_pages, body):
    from markupsafe import escape

    from app.minutes.models import MinutesComment

    url = f"{SEOUL}/minutes/items/{_item(db)}"
    known = db.session.scalar(select(func.max(MinutesComment.id))) or 0
    page = form_pages.pop(url, None) or head.get(f"{url}?lang=en").get_data(as_text=True)
    response = head.post(f"{url}/comments?lang=en", data={"csrf_token": csrf_token(page),
                                                          "body": body})
    assert response.status_code == 302
    new = db.session.scalars(select(MinutesComment).where(MinutesComment.id > known)).all()
    assert len(new) <= 1
    for comment in new:
        assert comment.body.strip() and "\x00" not in comment.body
        assert all(c.isprintable() or c in "\n\t" for c in comment.body)
    seen_by_head = head.get(f"{url}?lang=en").get_data(as_text=True)
    assert ("Your comment has been sent to the secretariat." in seen_by_head) == bool(new)
    for shown in (seen_by_head, staff.get(f"{url}?lang=en").get_data(as_text=True)):
        assert "<script>alert(1)</script>" not in shown and "<img src=x" not in shown
        assert all(str(escape(comment.body)) in shown for comment in new)
    form_pages[url] = seen_by_head


DAYS = st.one_of(st.dates(date.today(), date.today() + timedelta(days=999)), st.dates(),
                 st.just(date.max)).map(str)
CLONE_OPTIONS = {  # a command line the command accepts; the test breaks some of it
    "--slug": st.from_regex(r"[a-z0-9][a-z0-9-]{2,62}", fullmatch=True),
    "--start": DAYS, "--end": st.one_of(st.none(), DAYS),
    "--symbol-prefix": st.one_of(st.none(), st.from_regex(r"BC/[1-9][0-9]?", fullmatch=True)),
    "--host": st.one_of(st.none(), st.sampled_from(["rtp", "pnp", "rbpf"])),
    "--timezone": st.one_of(st.none(), st.sampled_from(["Asia/Manila", "Europe/Paris"]))}


@st.composite
def clone_options(draw) -> dict:
    """Title, city and venue are anything; up to two of the other options too."""
    broken = draw(st.sets(st.sampled_from(sorted(CLONE_OPTIONS)), max_size=2))
    options = {name: draw(TEXT if name in broken else valid)
               for name, valid in CLONE_OPTIONS.items()}
    return {**options, "--title": draw(TEXT), "--city": draw(TEXT),
            "--venue": draw(st.one_of(st.none(), TEXT))}


@FAST
@given(options=clone_options())
def test_clone_command_survives_anything(app, db, demo, options):
    from sqlalchemy import delete

    from app.meetings.models import Meeting

    args = [part for name, value in options.items() if value is not None
            for part in (name, value)]
    known = db.session.scalar(select(func.max(Meeting.id)))
    result = app.test_cli_runner().invoke(args=["meetings", "clone", "bc-2025-seoul", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    db.session.expire_all()
    created = db.session.scalars(select(Meeting).where(Meeting.id > known)).all()
    if result.exit_code:
        assert result.exit_code in (1, 2) and "Error: " in result.output, result.output
        assert "Traceback" not in result.output
        assert not created
        return
    [meeting] = created
    slug, texts = meeting.slug, [meeting.slug, meeting.symbol_prefix, *meeting.title.values(),
                                 *meeting.city.values(), *meeting.venue.values()]
    db.session.execute(delete(Meeting).where(Meeting.id == meeting.id))
    db.session.commit()  # gone before asserting, so that a replayed example meets the same data
    assert slug in result.output
    for text in texts:
        assert text and text.isprintable() and text == text.strip(), text
