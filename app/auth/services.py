"""Passwords, TOTP and one-time sign-in links."""
from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from email.utils import make_msgid

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import or_, select, update
from sqlalchemy.orm import joinedload

from app.audit.services import record
from app.auth import sessions
from app.auth.models import LoginToken, User
from app.extensions import db
from app.i18n import html_lang, text_direction
from app.mail.models import OutboxMessage
from app.mail.services import queue
from app.models_base import utcnow
from app.urls import public_url

_hasher = PasswordHasher()
# What an unknown address or a locked account is checked against: the hash of no one's
# password, made once with _hasher's parameters (argon2-cffi's defaults), so that checking it
# is the work of checking a real one. Written out rather than hashed at import, which cost a
# third of a CPU second in every process that starts the application (each gunicorn worker,
# each `flask` command); tests/auth/test_lockout.py checks it still has _hasher's parameters.
_DEFAULT_DUMMY_HASH = ("$argon2id$v=19$m=65536,t=3,p=4$6STljkHph2QLLZk4VAuGqA$"
                       "WKAicdI78okffJSteYSMMbO9Y2Me3ZRZwPcbgKysqSw")
_DUMMY_HASH = _DEFAULT_DUMMY_HASH

# Per account: after MAX_FAILURES wrong passwords or codes in a row the account is locked,
# for LOCK_FOR, twice as long at each new lock (at most LOCK_AT_MOST), until a sign-in works.
MAX_FAILURES = 10
MAX_TOTP_FAILURES = 5  # wrong codes after one password step: the step must be done again
LOCK_FOR = timedelta(minutes=15)
LOCK_AT_MOST = timedelta(hours=24)


class SignInError(Exception):
    """A sign-in attempt that cannot succeed; .reason is one of invalid, expired, used."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def is_locked(user: User, now: datetime | None = None) -> bool:
    return user.locked_until is not None and user.locked_until > (now or utcnow())


def authenticate(email: str, password: str, now: datetime | None = None) -> User | None:
    """The active, unlocked user with this password, or None. Takes the same time for
    unknown addresses and locked accounts: their password is checked against a dummy hash,
    never the real one, so a locked account tells nothing about a guess."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    locked = user is not None and is_locked(user, now)
    usable = user is not None and user.password_hash and not locked
    stored = user.password_hash if usable else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if not usable or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def note_failed_sign_in(email: str, now: datetime | None = None) -> None:
    """Count a failed password attempt against the account with this address, if there is
    one and it is not locked already (caller commits). The count is one statement in the
    database, so attempts from every worker and address add up."""
    now = now or utcnow()
    row = db.session.execute(
        update(User).where(User.email == normalise_email(email)[:254],
                           or_(User.locked_until.is_(None), User.locked_until <= now))
        .values(failed_sign_ins=User.failed_sign_ins + 1)
        .returning(User.id, User.failed_sign_ins, User.lockouts)
        .execution_options(synchronize_session=False)).first()
    if row is not None and row.failed_sign_ins >= MAX_FAILURES:
        _lock(row.id, row.lockouts, now)


def note_wrong_totp(user: User, now: datetime | None = None) -> bool:
    """Count a wrong code at the second step (caller commits); it counts towards the lockout
    too. True when the pending sign-in is void: too many wrong codes, or the account locked."""
    now = now or utcnow()
    row = db.session.execute(
        update(User).where(User.id == user.id)
        .values(totp_failures=User.totp_failures + 1, failed_sign_ins=User.failed_sign_ins + 1)
        .returning(User.totp_failures, User.failed_sign_ins, User.lockouts)
        .execution_options(synchronize_session=False)).one()
    locked = row.failed_sign_ins >= MAX_FAILURES and _lock(user.id, row.lockouts, now)
    db.session.expire(user)
    return locked or row.totp_failures >= MAX_TOTP_FAILURES


def second_step_open(user: User, now: datetime | None = None) -> bool:
    """Whether the code step after a password may still be tried."""
    return user.active and not is_locked(user, now) and user.totp_failures < MAX_TOTP_FAILURES


def begin_second_step(user: User) -> None:
    """A correct password opens the code step with a fresh count of wrong codes."""
    user.totp_failures = 0


def clear_failures(user: User) -> None:
    """A complete sign-in: the counts start again."""
    user.failed_sign_ins = user.totp_failures = user.lockouts = 0
    user.locked_until = None


def _lock(user_id: int, lockouts: int, now: datetime) -> bool:
    period = min(LOCK_FOR * 2 ** min(lockouts, 10), LOCK_AT_MOST)
    locked = db.session.execute(
        update(User).where(User.id == user_id, User.failed_sign_ins >= MAX_FAILURES)
        .values(locked_until=now + period, lockouts=User.lockouts + 1, failed_sign_ins=0,
                totp_failures=0)
        .execution_options(synchronize_session=False)).rowcount == 1
    if locked:
        record("auth.locked", db.session.get(User, user_id), actor=None,
               minutes=int(period.total_seconds() // 60))
    return locked


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
    nonce, link = _new_link(user.id, user.locale)
    db.session.add(LoginToken(digest=_digest(nonce), user_id=user.id,
                              expires_at=utcnow() + timedelta(
                                  seconds=current_app.config["LOGIN_LINK_MAX_AGE"])))
    return link


def _new_link(user_id: int, locale: str | None) -> tuple[str, str]:
    nonce = secrets.token_urlsafe(24)
    token = _serializer().dumps({"u": user_id, "n": nonce})
    # The link carries the person's language, so the page it opens speaks it at once.
    return nonce, public_url("auth.link", token=token, lang=locale or None)


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


def sign_in_link_subject() -> str:
    """The subject of a sign-in link's e-mail, in the current locale (the mail previews show
    the same)."""
    return _("Your sign-in link for Breaking Chains meetings")


def send_login_link(email: str) -> None:
    """Queue a sign-in link for a delegate account; nothing for other addresses, but after the
    same work: the same statements, a signed token and the e-mail rendered, so that the time
    of the answer does not tell whether the address has an account."""
    email = normalise_email(email)[:254]
    user = db.session.scalars(select(User).options(joinedload(User.memberships))
                              .where(User.email == email)).unique().first()
    eligible = user is not None and user.active and not user.needs_password
    locale = (user.locale if eligible else None) or "en"
    nonce, link = _new_link(user.id if eligible else 0, locale)
    max_age = current_app.config["LOGIN_LINK_MAX_AGE"]
    minutes = max_age // 60
    with force_locale(locale):
        subject = sign_in_link_subject()
        context = {"link": link, "name": user.name if eligible else email, "minutes": minutes,
                   "lang": html_lang(locale), "dir": text_direction(locale), "subject": subject}
        text = render_template("mail/sign_in_link.txt", **context)
        html = render_template("mail/sign_in_link.html", **context)
    if eligible:
        db.session.add(LoginToken(digest=_digest(nonce), user_id=user.id,
                                  expires_at=utcnow() + timedelta(seconds=max_age)))
        queue(user.email, locale, subject, text, html, kind="sign_in_link")
        record("auth.link_sent", user, actor=user)
    else:
        # In place of the two rows written for an account: two lookups by the same keys.
        db.session.execute(select(LoginToken.id).where(LoginToken.digest == _digest(nonce)))
        db.session.execute(select(OutboxMessage.id).where(
            OutboxMessage.message_id == make_msgid(domain="invalid")))
        record("auth.link_not_sent", None, actor=None, email=email)
    db.session.flush()


def deactivate(user: User, actor: User | None = None) -> None:
    """Take an account out of use (caller commits): it can no longer sign in, and every
    browser signed in with it is signed out at once."""
    user.active = False
    sessions.end_all(user.id)
    record("users.deactivated", user, actor=actor)
