"""Signing in: one-time links for delegates, password and TOTP for the secretariat."""
from __future__ import annotations

import re
from datetime import timedelta
from email import message_from_string

import itsdangerous.timed
import pyotp
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auth.models import LoginToken, User
from app.mail.models import OutboxMessage
from app.models_base import utcnow
from tests.conftest import (
    csrf_token,
    issue_link,
    link_path,
    sign_in,
    sign_in_staff,
    staff_credentials,
)


def _request_link(client, email: str, lang: str = "en"):
    page = client.get(f"/auth/sign-in?lang={lang}")
    return client.post("/auth/sign-in", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "email": email})


def _outbox(db) -> list[OutboxMessage]:
    db.session.expire_all()
    return db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "sign_in_link")
                              .order_by(OutboxMessage.id)).all()


def test_delegate_signs_in_with_the_link_from_the_email(app, client, db, demo):
    response = _request_link(client, "delegate.th@rtp.example.com")
    assert response.status_code == 200
    [message] = _outbox(db)
    assert message.recipient == "delegate.th@rtp.example.com"
    link = next(w for w in message.body_text.split() if "/auth/link/" in w)
    path = link.removeprefix(app.config["PUBLIC_URL"])
    confirm = client.get(path)
    assert "Nattaya Srisuk" in confirm.get_data(as_text=True)
    client.post(path, data={"csrf_token": csrf_token(confirm.get_data(as_text=True))})
    agenda = client.get(f"/meetings/{demo}/agenda")
    assert agenda.status_code == 200


def test_sign_in_email_is_written_in_the_delegates_language(client, db, demo):
    _request_link(client, "delegate.th@rtp.example.com")
    [message] = _outbox(db)
    assert message.language == "th"
    assert "ลิงก์" in message.subject or "เข้าสู่ระบบ" in message.subject
    from app.mail.services import build_email
    email = message_from_string(build_email(message).as_string())
    assert email["Content-Language"] == "th"
    assert email["Subject"].startswith("=?utf-8?")  # RFC 2047 encoded


def test_unknown_address_gets_the_same_answer_and_no_email(client, db, demo):
    known = _request_link(client, "delegate.th@rtp.example.com").get_data(as_text=True)
    unknown = _request_link(client, "nobody@nowhere.example.com").get_data(as_text=True)
    assert len(_outbox(db)) == 1
    tokens = re.compile(r'name="csrf_token"[^>]*>')  # time-stamped: they may differ by a tick
    assert tokens.sub("", known.replace("delegate.th@rtp.example.com", "X")) == \
        tokens.sub("", unknown.replace("nobody@nowhere.example.com", "X"))


def test_invalid_email_is_refused_next_to_the_field_in_the_readers_language(client, db, demo):
    response = _request_link(client, "not-an-address", lang="ko")
    html = response.get_data(as_text=True)
    assert 'id="email-error"' in html and 'aria-invalid="true"' in html
    assert "올바른" in html or "유효한" in html  # the Korean validation message
    assert _outbox(db) == []


def test_secretariat_accounts_get_no_sign_in_link(client, db, demo):
    _request_link(client, "staff@knpa.example.com")
    assert _outbox(db) == []


def test_sign_in_link_works_only_once(app, client, db, demo):
    sign_in(app, client, "delegate.kh@cnp.example.com")
    link = link_path(app, issue_link(app, "delegate.kh@cnp.example.com"), "en")
    other = app.test_client()
    page = other.get(link)
    token = csrf_token(page.get_data(as_text=True))
    assert other.post(link, data={"csrf_token": token}).status_code == 302
    again = app.test_client().get(link)
    assert again.status_code == 400
    assert "already been used" in again.get_data(as_text=True)


def test_opening_a_link_does_not_use_it_up(app, client, demo):
    """Mail scanners open links; only the button press signs in."""
    link = link_path(app, issue_link(app, "delegate.kh@cnp.example.com"), "en")
    client.get(link)
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(link, data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    assert response.status_code == 302


def test_expired_link_is_refused_and_changes_nothing(app, client, db, demo):
    link = link_path(app, issue_link(app, "delegate.kh@cnp.example.com"), "en")
    row = db.session.scalar(select(LoginToken))
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    page = client.get(link.replace("lang=en", "lang=km"))
    assert page.status_code == 400
    assert 'lang="km"' in page.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(LoginToken)).used_at is None
    assert client.get(f"/meetings/{demo}/agenda").status_code == 302  # still signed out


def test_link_signature_expires_after_the_configured_time(app, client, demo, monkeypatch):
    link = link_path(app, issue_link(app, "delegate.kh@cnp.example.com"), "en")
    later = itsdangerous.timed.time.time() + app.config["LOGIN_LINK_MAX_AGE"] + 5
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    page = client.get(link)
    assert page.status_code == 400
    assert "expired" in page.get_data(as_text=True)


def test_tampered_link_is_refused(app, client, demo):
    link = link_path(app, issue_link(app, "delegate.kh@cnp.example.com"), "en")
    path, query = link.split("?")
    for bad in (path[:-3] + "abc?" + query, "/auth/link/garbage?lang=en",
                "/auth/link/" + "x" * 5000 + "?lang=en"):
        response = client.get(bad)
        assert response.status_code == 400
        assert "not valid" in response.get_data(as_text=True)


def test_staff_signs_in_with_password(app, client, demo):
    sign_in_staff(app, client)
    assert client.get(f"/meetings/{demo}/agenda").status_code == 200


def test_wrong_password_is_refused_next_to_the_field(app, client, db, demo):
    page = client.get("/auth/staff?lang=ar")
    response = client.post("/auth/staff", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)),
        "email": "staff@knpa.example.com", "password": "wrong"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="password-error"' in html
    assert 'dir="rtl"' in html
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "auth.sign_in_failed")) == 1


def test_passwords_are_stored_as_argon2_hashes(db, demo):
    user = db.session.scalar(select(User).where(User.email == "staff@knpa.example.com"))
    assert user.password_hash.startswith("$argon2id$")


def _password_step(app, client, email="admin@knpa.example.com"):
    page = client.get("/auth/staff")
    return client.post("/auth/staff", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "email": email,
        "password": staff_credentials(app)[email]["password"]})


def test_admin_needs_a_totp_code_after_the_password(app, client, db, demo):
    assert _password_step(app, client).headers["Location"].endswith("/auth/totp")
    assert client.get(f"/meetings/{demo}/agenda").status_code == 302  # not signed in yet
    page = client.get("/auth/totp")
    secret = staff_credentials(app)["admin@knpa.example.com"]["totp_secret"]
    code = pyotp.TOTP(secret).now()
    response = client.post("/auth/totp", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "code": code})
    assert response.status_code == 302
    assert client.get(f"/meetings/{demo}/agenda").status_code == 200


def test_a_totp_code_cannot_be_replayed(app, client, demo):
    secret = staff_credentials(app)["admin@knpa.example.com"]["totp_secret"]
    code = pyotp.TOTP(secret).now()
    _password_step(app, client)
    page = client.get("/auth/totp")
    client.post("/auth/totp", data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                    "code": code})
    attacker = app.test_client()
    _password_step(app, attacker)
    page = attacker.get("/auth/totp")
    response = attacker.post("/auth/totp", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "code": code})
    assert response.status_code == 200
    assert 'id="code-error"' in response.get_data(as_text=True)


def test_admin_without_totp_enrols_at_first_sign_in(app, client, db, demo):
    user = db.session.scalar(select(User).where(User.email == "admin@knpa.example.com"))
    user.totp_secret = None
    db.session.commit()
    _password_step(app, client)
    page = client.get("/auth/totp").get_data(as_text=True)
    assert "data:image/svg+xml" in page
    secret = page.split('<code dir="ltr">')[1].split("<")[0]
    client.post("/auth/totp", data={"csrf_token": csrf_token(page),
                                    "code": pyotp.TOTP(secret).now()})
    db.session.expire_all()
    assert db.session.get(User, user.id).totp_secret == secret


def test_totp_step_without_password_step_is_forbidden(client, demo):
    assert client.get("/auth/totp").status_code == 403


def test_sign_in_is_rate_limited(app, client, demo):
    page = client.get("/auth/staff?lang=ja")
    token = csrf_token(page.get_data(as_text=True))
    statuses = [client.post("/auth/staff", data={
        "csrf_token": token, "email": "staff@knpa.example.com", "password": "guess"}).status_code
        for _ in range(12)]
    assert statuses[:10] == [200] * 10
    assert statuses[-1] == 429
    last = client.post("/auth/staff", data={"csrf_token": token, "email": "x@y.com",
                                            "password": "z"})
    assert 'lang="ja"' in last.get_data(as_text=True)


def test_posts_without_csrf_token_are_refused(app, client, db, demo):
    assert client.post("/auth/sign-in", data={"email": "delegate.th@rtp.example.com"}
                       ).status_code == 400
    assert _outbox(db) == []
    sign_in(app, client, "delegate.th@rtp.example.com")
    assert client.post("/auth/sign-out").status_code == 400
    assert client.get(f"/meetings/{demo}/agenda").status_code == 200  # still signed in


def test_sign_out_ends_the_session(app, client, demo):
    sign_in(app, client, "delegate.th@rtp.example.com")
    page = client.get(f"/meetings/{demo}/agenda")
    client.post("/auth/sign-out", data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    assert client.get(f"/meetings/{demo}/agenda").status_code == 302


def test_after_sign_in_only_local_addresses_are_followed(app, client, demo):
    link = link_path(app, issue_link(app, "delegate.th@rtp.example.com"), "en")
    page = client.get(link)
    response = client.post(link + "&next=https://evil.example.com/",
                           data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    assert response.headers["Location"] == "/"
