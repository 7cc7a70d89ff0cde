"""Staff accounts in the browser: inviting by e-mail (a single-use, expiring link to choose a
password), roles per meeting, removing, deactivating, resetting two-step verification, a
person's sessions, and "Forgot your password?"."""
from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auth.models import Membership, PasswordLink, Role, SignInSession, User
from app.mail.models import OutboxMessage
from app.meetings.models import Meeting
from app.models_base import utcnow
from tests.audit.test_log import _sign_in_admin
from tests.conftest import csrf_token, post_form, sign_in_staff, staff_credentials

SLUG = "bc-2025-seoul"
STAFF_PAGE = f"/meetings/{SLUG}/staff/"
ADMIN = "admin@knpa.example.com"
STAFF = "staff@knpa.example.com"
THAI = "delegate.th@rtp.example.com"
GOOD = "correct horse battery staple"


def _admin(app):
    client = app.test_client()
    _sign_in_admin(app, client)
    return client


def _invite(client, **data):
    values = {"name": "Nadia Rahman", "email": "nadia@secretariat.example.org",
              "role": "protocol", "locale": "fr"} | data
    return post_form(client, STAFF_PAGE + "?lang=en", values)


def _link_of(message: OutboxMessage) -> str:
    found = re.search(r"https?://\S+/auth/password/\S+", message.body_text)
    assert found, message.body_text
    return re.sub(r"^https?://[^/]+", "", found.group(0))


def _outbox(db) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def _user(db, email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def _choose(client, path: str, password: str, confirm: str | None = None):
    page = client.get(path)
    assert page.status_code == 200, page.get_data(as_text=True)
    return client.post(path, data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                   "password": password,
                                   "confirm": password if confirm is None else confirm})


def test_an_invited_person_chooses_a_password_once_and_signs_in(app, db, demo):
    admin = _admin(app)
    before = len(_outbox(db))
    response = _invite(admin)
    assert response.status_code == 302, response.get_data(as_text=True)
    user = _user(db, "nadia@secretariat.example.org")
    assert user.password_hash is None and user.locale == "fr"
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == SLUG))
    assert user.roles_in(meeting) == {Role.PROTOCOL}
    messages = _outbox(db)[before:]
    assert [(m.recipient, m.language, m.kind) for m in messages] == [
        (user.email, "fr", "staff_invitation")]
    # In the invitee's language, formally: the name on an attention line, then the salutation.
    assert "À l’attention de Nadia Rahman\nMadame, Monsieur," in messages[0].body_text
    path = _link_of(messages[0])

    # Nothing that opens the link is kept: only the SHA-256 digest of its random part.
    token = path.split("/")[-1].split("?")[0]
    row = db.session.scalar(select(PasswordLink).where(PasswordLink.user_id == user.id))
    assert len(row.digest) == 64 and row.digest not in path
    for entry in db.session.scalars(select(AuditEntry)):
        assert token not in str(entry.details)

    guest = app.test_client()
    # A weak password and a different confirmation: both said at once, nothing saved.
    response = _choose(guest, path, "short", "other")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    # In the invitee's language (French), both at once.
    assert "au moins 12 caractères" in html and "ne sont pas identiques" in html
    assert _user(db, user.email).password_hash is None
    response = _choose(guest, path, GOOD)
    assert response.status_code == 302 and response.location.endswith("/auth/staff")
    assert _user(db, user.email).password_hash
    # Used once: the same link no longer works.
    again = guest.get(path.replace("lang=fr", "lang=en"))
    assert again.status_code == 400
    assert "already been used" in again.get_data(as_text=True)

    signed = post_form(guest, "/auth/staff", {"email": user.email, "password": GOOD})
    assert signed.status_code == 302
    # Protocol reads the registrations, and decides nothing.
    assert guest.get(f"/meetings/{SLUG}/registration/registrations.csv").status_code == 200
    assert guest.get(f"/meetings/{SLUG}/registration/check-in").status_code == 403
    assert guest.get(f"/meetings/{SLUG}/agenda/edit").status_code == 403


def test_every_problem_of_an_invitation_at_once_and_nothing_written(app, db, demo):
    admin = _admin(app)
    users, messages = db.session.scalar(select(func.count(User.id))), len(_outbox(db))
    response = _invite(admin, name="  ", email="not an address", role="head", locale="xx")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    for text in ("This field is required.", "Enter a valid e-mail address",
                 "Choose one of the roles offered.", "Choose one of the languages offered."):
        assert text in html
    db.session.expire_all()
    assert db.session.scalar(select(func.count(User.id))) == users
    assert len(_outbox(db)) == messages


def test_a_delegates_address_cannot_become_a_staff_account(app, db, demo):
    admin = _admin(app)
    memberships = db.session.scalar(select(func.count(Membership.id)))
    response = _invite(admin, email=THAI.upper(), role="staff")
    assert response.status_code == 400
    assert "belongs to a delegate" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Membership.id))) == memberships
    assert not _user(db, THAI).needs_password


def test_an_existing_staff_account_gets_the_role_without_an_email(app, db, demo):
    admin = _admin(app)
    messages = len(_outbox(db))
    response = _invite(admin, name="Anyone", email=STAFF, role="check_in")
    assert response.status_code == 302
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == SLUG))
    assert Role.CHECK_IN in _user(db, STAFF).roles_in(meeting)
    assert _user(db, STAFF).name != "Anyone"  # the account keeps its own name
    assert len(_outbox(db)) == messages
    again = _invite(admin, name="Anyone", email=STAFF, role="check_in")
    assert again.status_code == 400
    assert "already has this role" in again.get_data(as_text=True)


def test_an_expired_invitation_says_so(app, db, demo):
    admin = _admin(app)
    _invite(admin)
    path = _link_of(_outbox(db)[-1])
    row = db.session.scalar(select(PasswordLink).order_by(PasswordLink.id.desc()))
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    page = app.test_client().get(path.replace("lang=fr", "lang=en"))
    assert page.status_code == 400
    assert "invitation has expired" in page.get_data(as_text=True)
    token = path.split("/")[-1].split("?")[0]
    forged = app.test_client().get(path.replace(token, token[:-3] + "abc").replace(
        "lang=fr", "lang=en"))
    assert forged.status_code == 400 and "not valid" in forged.get_data(as_text=True)


def test_forgot_password_answers_the_same_and_ends_every_session(app, db, demo):
    staff = app.test_client()
    sign_in_staff(app, staff)
    assert staff.get("/auth/sessions").status_code == 200
    before = len(_outbox(db))
    guest = app.test_client()
    assert 'href="/auth/password/forgot"' in guest.get("/auth/staff").get_data(as_text=True)
    answers = []
    for email in (STAFF, "nobody@nowhere.example.org", THAI):
        response = post_form(guest, "/auth/password/forgot?lang=en", {"email": email})
        assert response.status_code == 200
        answers.append(re.sub(r'name="csrf_token" value="[^"]+"', "", response.get_data(
            as_text=True).replace(email, "EMAIL")))
    assert answers[0] == answers[1] == answers[2]
    messages = _outbox(db)[before:]
    assert [(m.recipient, m.kind) for m in messages] == [(STAFF, "password_reset")]
    path = _link_of(messages[0])
    assert _choose(guest, path, GOOD).status_code == 302
    assert staff.get("/auth/sessions").status_code == 302  # signed out: to the sign-in page
    assert post_form(guest, "/auth/staff", {"email": STAFF, "password": GOOD}).status_code == 302
    old = staff_credentials(app)[STAFF]["password"]
    wrong = post_form(app.test_client(), "/auth/staff", {"email": STAFF, "password": old})
    assert wrong.status_code == 200  # the old password no longer works
    assert app.test_client().get(path).status_code == 400


def test_a_second_reset_link_voids_the_first(app, db, demo):
    guest = app.test_client()
    before = len(_outbox(db))
    for _ in range(2):
        post_form(guest, "/auth/password/forgot", {"email": STAFF})
    first, second = (_link_of(m) for m in _outbox(db)[before:])
    assert guest.get(first).status_code == 400
    assert guest.get(second).status_code == 200


def _staff_id(db) -> int:
    return _user(db, STAFF).id


def _post(client, url: str, data: dict | None = None):
    token = csrf_token(client.get(STAFF_PAGE).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token} | (data or {}))


def test_the_admin_sees_and_ends_a_persons_sessions(app, db, demo):
    staff = app.test_client()
    staff.environ_base["HTTP_USER_AGENT"] = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0")
    sign_in_staff(app, staff)
    admin = _admin(app)
    person = f"{STAFF_PAGE}{_staff_id(db)}?lang=en"
    assert "Firefox · Windows" in admin.get(person).get_data(as_text=True)
    response = _post(admin, f"{STAFF_PAGE}{_staff_id(db)}/sign-out")
    assert response.status_code == 302
    assert staff.get("/auth/sessions").status_code == 302
    assert db.session.scalar(select(func.count(SignInSession.id)).where(
        SignInSession.user_id == _staff_id(db), SignInSession.ended_at.is_(None))) == 0
    assert db.session.scalar(select(AuditEntry).where(
        AuditEntry.action == "auth.signed_out_by_admin")).object_id == str(_staff_id(db))


def test_totp_reset_by_another_administrator_never_oneself(app, db, demo):
    admin = _admin(app)
    me = _user(db, ADMIN)
    secret = me.totp_secret
    response = _post(admin, f"{STAFF_PAGE}{me.id}/reset-totp")
    assert response.status_code == 302
    assert _user(db, ADMIN).totp_secret == secret  # not oneself
    staff = _user(db, STAFF)
    staff.totp_secret = pyotp.random_base32()
    db.session.commit()
    assert _post(admin, f"{STAFF_PAGE}{staff.id}/reset-totp").status_code == 302
    assert _user(db, STAFF).totp_secret is None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "auth.totp_reset"))
    assert entry.actor_id == me.id and entry.object_id == str(staff.id)


def test_change_role_remove_and_deactivate(app, db, demo):
    admin = _admin(app)
    staff_id = _staff_id(db)
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == SLUG))
    assert _post(admin, f"{STAFF_PAGE}{staff_id}/role", {"role": "logistics"}).status_code == 302
    assert _user(db, STAFF).roles_in(meeting) == {Role.LOGISTICS}
    bad = _post(admin, f"{STAFF_PAGE}{staff_id}/role", {"role": "head"})
    # In the administrator's language (Korean).
    assert bad.status_code == 400 and "제시된 역할 중 하나를" in bad.get_data(as_text=True)
    # The only administrator cannot step down: the meeting would have none.
    me = _user(db, ADMIN)
    refused = _post(admin, f"{STAFF_PAGE}{me.id}/role", {"role": "staff"})
    assert refused.status_code == 400
    assert Role.ADMIN in _user(db, ADMIN).roles_in(meeting)
    # Deactivating oneself is refused; another account, done, and it cannot sign in.
    _post(admin, f"{STAFF_PAGE}{me.id}/deactivate")
    assert _user(db, ADMIN).active
    assert _post(admin, f"{STAFF_PAGE}{staff_id}/deactivate").status_code == 302
    assert not _user(db, STAFF).active
    password = staff_credentials(app)[STAFF]["password"]
    assert post_form(app.test_client(), "/auth/staff",
                     {"email": STAFF, "password": password}).status_code == 200
    assert _post(admin, f"{STAFF_PAGE}{staff_id}/remove").status_code == 302
    assert _user(db, STAFF).roles_in(meeting) == set()
    assert admin.get(f"{STAFF_PAGE}{staff_id}").status_code == 404


def test_the_check_in_desk_sees_only_the_desk(app, db, demo):
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == SLUG))
    from app.auth.services import hash_password

    user = User(email="desk@knpa.example.com", name="Desk", password_hash=hash_password(GOOD))
    db.session.add(user)
    db.session.flush()
    db.session.add(Membership(user_id=user.id, meeting_id=meeting.id, role=Role.CHECK_IN))
    db.session.commit()
    desk = app.test_client()
    assert post_form(desk, "/auth/staff", {"email": user.email, "password": GOOD}
                     ).status_code == 302
    base = f"/meetings/{SLUG}/registration"
    assert desk.get(f"{base}/check-in").status_code == 200
    assert desk.get(f"{base}/attendance").status_code == 200
    for path in ("/", "/registrations.csv", "/badges.pdf?organisation=rtp"):
        assert desk.get(base + path).status_code == 403
    assert desk.get(STAFF_PAGE).status_code == 403
    assert desk.get("/outbox/").status_code == 403


@pytest.mark.one_database
def test_the_new_pages_are_valid_html_in_every_direction(app, db, demo, tmp_path):
    from tests.checkers import vnu_errors

    admin = _admin(app)
    _invite(admin)
    invitation = _link_of(_outbox(db)[-1])
    staff_id = _staff_id(db)
    bad_invite = _invite(admin, name="", email="x", role="", locale="")
    assert bad_invite.status_code == 400
    pages = {}
    for lang in ("en", "ar", "th", "km"):
        guest = app.test_client()
        pages[f"staff {lang}"] = admin.get(f"{STAFF_PAGE}?lang={lang}").get_data(as_text=True)
        pages[f"person {lang}"] = admin.get(f"{STAFF_PAGE}{staff_id}?lang={lang}").get_data(
            as_text=True)
        pages[f"forgot {lang}"] = guest.get(f"/auth/password/forgot?lang={lang}").get_data(
            as_text=True)
        pages[f"sent {lang}"] = post_form(guest, f"/auth/password/forgot?lang={lang}",
                                          {"email": STAFF}).get_data(as_text=True)
        path = re.sub(r"lang=\w+", f"lang={lang}", invitation)
        pages[f"choose {lang}"] = guest.get(path).get_data(as_text=True)
        pages[f"choose errors {lang}"] = _choose(guest, path, "short", "x").get_data(
            as_text=True)
    pages["invite errors"] = bad_invite.get_data(as_text=True)
    assert 'dir="rtl"' in pages["staff ar"]
    assert vnu_errors(pages, tmp_path) == []


def test_reset_requests_are_rate_limited_and_links_kept_out_of_logs(app, db, demo):
    from app import redact

    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "198.51.100.19"
    token = csrf_token(client.get("/auth/password/forgot").get_data(as_text=True))
    statuses = [client.post("/auth/password/forgot", data={
        "csrf_token": token, "email": f"nobody{n}@nowhere.example.org"}).status_code
        for n in range(12)]
    assert statuses[:10] == [200] * 10 and statuses[-1] == 429
    post_form(app.test_client(), "/auth/password/forgot", {"email": STAFF})
    path = _link_of(_outbox(db)[-1])
    secret = path.split("/")[-1].split("?")[0]
    with app.test_request_context():
        assert secret not in redact.redactor.path(path)
