"""Passwords, TOTP and one-time sign-in links."""
from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select, update

from app.audit.services import record
from app.auth.models import LoginToken, User
from app.extensions import db
from app.mail.services import queue_templated
from app.models_base import utcnow

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class SignInError(Exception):
    """A sign-in attempt that cannot succeed; .reason is one of invalid, expired, used."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def authenticate(email: str, password: str) -> User | None:
    """The active user with this password, or None; takes the same time for unknown addresses."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.password_hash or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name="Breaking Chains")


def verify_totp(user: User, code: str, secret: str | None = None) -> bool:
    """Check a 6-digit code (one step of clock drift allowed); a code is accepted only once."""
    secret = secret or user.totp_secret
    code = "".join((code or "").split())
    if not secret or not code.isdigit() or len(code) != 6:
        return False
    totp = pyotp.TOTP(secret)
    current_step = totp.timecode(datetime.now(UTC))
    for step in (current_step - 1, current_step, current_step + 1):
        if step > (user.totp_last_step or 0) and secrets.compare_digest(
                totp.generate_otp(step), code):
            user.totp_last_step = step
            return True
    return False


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="sign-in-link")


def _digest(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def issue_login_link(user: User) -> str:
    """Create a signed, expiring, single-use sign-in link for the user (caller commits)."""
    nonce = secrets.token_urlsafe(24)
    max_age = current_app.config["LOGIN_LINK_MAX_AGE"]
    db.session.add(LoginToken(digest=_digest(nonce), user_id=user.id,
                              expires_at=utcnow() + timedelta(seconds=max_age)))
    token = _serializer().dumps({"u": user.id, "n": nonce})
    # The link carries the person's language, so the page it opens speaks it at once.
    return current_app.config["PUBLIC_URL"].rstrip("/") + url_for(
        "auth.link", token=token, lang=user.locale or None)


def check_login_link(token: str) -> LoginToken:
    """The unused, unexpired token row behind a link, or SignInError."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["LOGIN_LINK_MAX_AGE"])
    except SignatureExpired as exc:
        raise SignInError("expired") from exc
    except BadSignature as exc:
        raise SignInError("invalid") from exc
    if not isinstance(data, dict) or not isinstance(data.get("n"), str):
        raise SignInError("invalid")
    row = db.session.scalar(select(LoginToken).where(LoginToken.digest == _digest(data["n"])))
    if row is None or row.user_id != data.get("u"):
        raise SignInError("invalid")
    if row.used_at is not None:
        raise SignInError("used")
    if row.expires_at <= utcnow() or not row.user.active:
        raise SignInError("expired")
    return row


def redeem_login_link(token: str) -> User:
    """Use a sign-in link once: a conditional update makes a second use fail, even concurrently."""
    row = check_login_link(token)
    claimed = db.session.execute(
        update(LoginToken).where(LoginToken.id == row.id, LoginToken.used_at.is_(None))
        .values(used_at=utcnow()))
    if claimed.rowcount != 1:
        db.session.rollback()
        raise SignInError("used")
    user = row.user
    user.last_sign_in_at = utcnow()
    record("auth.sign_in_link", user, actor=user)
    return user


def send_login_link(email: str) -> None:
    """Queue a sign-in link for a delegate account; silently nothing for unknown addresses."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None or not user.active or user.needs_password:
        return
    link = issue_login_link(user)
    queue_templated("sign_in_link", user.email, user.locale or "en",
                    lambda: _("Your sign-in link for Breaking Chains meetings"),
                    link=link, name=user.name,
                    minutes=current_app.config["LOGIN_LINK_MAX_AGE"] // 60)
    record("auth.link_sent", user, actor=user)
