"""Server-side sign-in sessions: a browser is signed in only while its record is live.

The signed cookie holds a random token; the database holds its SHA-256 digest, never the
token. Signing out ends the record, so a copy of the cookie taken earlier stops working.
"""
from __future__ import annotations

import functools
import hashlib
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.orm import joinedload

from app.auth.models import SignInSession, User
from app.extensions import db
from app.models_base import utcnow

# The key of the token in the (signed) Flask session cookie.
TOKEN_KEY = "_sid"  # noqa: S105 - a name, not a secret
# last_seen_at is written at most this often per session, not on every request.
SEEN_EVERY = timedelta(minutes=5)

_BROWSERS = (("Edge", r"Edg(e|A|iOS)?/"), ("Opera", r"OPR/"), ("Samsung Internet",
             r"SamsungBrowser/"), ("Chrome", r"Chrome/|CriOS/"), ("Firefox", r"Firefox/|FxiOS/"),
             ("Safari", r"Safari/"))
_SYSTEMS = (("Android", r"Android"), ("iOS", r"iPhone|iPad|iPod"), ("Windows", r"Windows"),
            ("macOS", r"Mac OS X|Macintosh"), ("ChromeOS", r"CrOS"), ("Linux", r"Linux"))


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def browser_summary(user_agent: str | None) -> str:
    """"Firefox on Windows": enough for a person to recognise a browser, no more."""
    agent = (user_agent or "")[:512]
    browser = next((name for name, pattern in _BROWSERS if re.search(pattern, agent)), "")
    system = next((name for name, pattern in _SYSTEMS if re.search(pattern, agent)), "")
    return " · ".join(part for part in (browser, system) if part)[:120]


def start(user: User, method: str, user_agent: str | None, lifetime: timedelta,
          now: datetime | None = None) -> str:
    """A new live session for the user; returns the token for the cookie (caller commits).
    The person's sessions that have ended or outlived `lifetime` are removed on the way."""
    token = secrets.token_urlsafe(32)
    now = now or utcnow()
    db.session.execute(delete(SignInSession).where(
        SignInSession.user_id == user.id,
        or_(SignInSession.ended_at.is_not(None), SignInSession.created_at <= now - lifetime)))
    db.session.add(SignInSession(user_id=user.id, digest=digest(token), method=method[:32],
                                 browser=browser_summary(user_agent), created_at=now,
                                 last_seen_at=now))
    return token


@functools.cache
def _live_user_statement():
    """load_user's query, built once: building it anew took about as long as running it (it
    runs on every request of a signed-in person)."""
    return (select(User, SignInSession.id, SignInSession.last_seen_at)
            .join(SignInSession, SignInSession.user_id == User.id)
            .options(joinedload(User.memberships))
            .where(User.id == bindparam("user_id"), User.active.is_(True),
                   SignInSession.digest == bindparam("digest"),
                   SignInSession.ended_at.is_(None),
                   SignInSession.created_at > bindparam("since")))


def load_user(user_id: int, token: str, since: datetime) -> tuple[User, int, datetime] | None:
    """The active user whose live session (begun after `since`) has this token, with the
    session's id and when it was last seen; None otherwise. One query, roles included."""
    row = db.session.execute(_live_user_statement(), {
        "user_id": user_id, "digest": digest(token), "since": since}).unique().first()
    return (row[0], row[1], row[2]) if row is not None else None


def needs_seen(last_seen_at: datetime, now: datetime | None = None) -> bool:
    return (now or utcnow()) - last_seen_at >= SEEN_EVERY


def mark_seen(connection, session_id: int, now: datetime | None = None) -> None:
    """Record that the session was used; on its own connection, so that it never commits
    or waits for the request's own work."""
    now = now or utcnow()
    connection.execute(update(SignInSession.__table__)
                       .where(SignInSession.__table__.c.id == session_id,
                              SignInSession.__table__.c.last_seen_at < now - SEEN_EVERY)
                       .values(last_seen_at=now))


def end(user_id: int, token: str | None, now: datetime | None = None) -> int:
    """End the session with this token (if it is the user's); the number ended."""
    if not token:
        return 0
    return db.session.execute(
        update(SignInSession).where(SignInSession.user_id == user_id,
                                    SignInSession.digest == digest(token),
                                    SignInSession.ended_at.is_(None))
        .values(ended_at=now or utcnow())).rowcount


def end_all(user_id: int, keep_token: str | None = None, now: datetime | None = None) -> int:
    """End every live session of the user, except the one with keep_token if given."""
    statement = update(SignInSession).where(SignInSession.user_id == user_id,
                                            SignInSession.ended_at.is_(None))
    if keep_token:
        statement = statement.where(SignInSession.digest != digest(keep_token))
    return db.session.execute(statement.values(ended_at=now or utcnow())).rowcount


def live(user_id: int, since: datetime) -> list[SignInSession]:
    """The user's live sessions, most recently used first."""
    return list(db.session.scalars(
        select(SignInSession).where(SignInSession.user_id == user_id,
                                    SignInSession.ended_at.is_(None),
                                    SignInSession.created_at > since)
        .order_by(SignInSession.last_seen_at.desc(), SignInSession.id.desc())))
