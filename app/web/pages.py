"""Whole pages shared by the readers who would see the same page.

A page goes into the cache under a key that holds everything it shows; the two parts of the
chrome that belong to one person (their name and their CSRF token) are left as
placeholders and filled in for each request. Pages with a message for the person (flash)
are never shared. Keys hold values, not row ids alone, so a copy cannot go stale in one
worker after another worker changed what it shows.

A view may also look a page up without the ORM (`shared_page`): it reads the values of the
key from the database itself, checks access from them, and falls back to its full path when
the page is not there.
"""
from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import current_app, g, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import escape

from app.auth import sessions as sign_in_sessions
from app.extensions import login_manager
from app.i18n import current_locale

# A private-use character and a random tag: no text a person types can contain it.
_MARK = "\ue000" + secrets.token_hex(6)


def placeholder(name: str) -> str:
    return f"{_MARK}:{name}\ue001"


def personal(name: str, value):
    """In templates: a part of the chrome that belongs to the person (their name, their CSRF
    token). The value itself, or its placeholder while a page is rendered to be shared.
    `value` may be a function, called only when needed."""
    if g.get("shared_render"):
        return placeholder(name)
    return value() if callable(value) else value


class BoundedCache:
    """A least-recently-used map of bounded size, safe for the threads of one worker."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable):
        """The value kept under the key, or None."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        return None

    def get_or_make(self, key: Hashable, make: Callable):
        """The value kept under the key, else make() kept there (it must not be None)."""
        value = self.get(key)
        if value is not None:
            return value
        value = make()  # outside the lock: two threads may both make it, one copy is kept
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value


# 15 languages × the kinds of reader × with or without ?lang=: a busy day needs more than a
# hundred pages per meeting; at about 40 kB a page, 256 take some 10 MB per worker.
_pages = BoundedCache(256)


def chrome(locale: str, *, signed_in: bool, secretariat: bool, admin: bool) -> tuple:
    """What the page around the content shows: address, language, and the person's kind."""
    return (request.full_path, locale, signed_in, secretariat, admin)


def admin_kind(user) -> bool | str:
    """What the header shows an administrator: "site" for a site administrator (the
    administration link), else whether the person administers a meeting (the audit log)."""
    if getattr(user, "site_admin", False):
        return "site"
    return bool(getattr(user, "is_admin", False))


def render_shared(key: tuple, render: Callable[[], str]) -> str:
    """The page for this request: from the cache when someone with the same view of it was
    here before, else rendered (with placeholders) and kept. `key` must hold everything the
    page shows besides the chrome, which this function adds."""
    if session.get("_flashes"):
        return render()
    around = chrome(current_locale(), signed_in=current_user.is_authenticated,
                    secretariat=bool(getattr(current_user, "is_secretariat", False)),
                    admin=admin_kind(current_user))

    def make() -> str:
        g.shared_render = True
        try:
            return render()
        finally:
            g.shared_render = False

    page = _pages.get_or_make((*key, *around), make)
    name = current_user.name if current_user.is_authenticated else ""
    return _fill(page, name)


def shared_page(key: tuple, around: tuple, name: str) -> str | None:
    """The page kept under the key and chrome, filled in for this person; None if not kept
    (or a message waits for the person). For views that check access themselves."""
    if session.get("_flashes"):
        return None
    page = _pages.get((*key, *around))
    return _fill(page, name) if page is not None else None


def _fill(page: str, name: str) -> str:
    return (page.replace(placeholder("name"), str(escape(name)))
            .replace(placeholder("csrf_token"), generate_csrf()))


def session_user_id() -> int | None:
    """The id of the person signed in with this session, when Flask-Login would take it
    from the session as it is; None when there is none, or when Flask-Login has more to do
    than read it. (Its session protection, on a new address or browser, marks the session
    as not fresh, or in "strong" mode signs the person out; a session once marked has
    nothing more to do in "basic" mode.)"""
    user_id = session.get("_user_id")
    if not isinstance(user_id, str) or not user_id.isdigit():
        return None
    mode = current_app.config.get("SESSION_PROTECTION", login_manager.session_protection)
    if mode in ("basic", "strong"):
        identify = getattr(login_manager, "_session_identifier_generator", None)
        if identify is None:
            return None
        if session.get("_id") != identify():
            marked = session.get("_fresh") is False
            if not (marked and (mode == "basic" or session.permanent)):
                return None
    return int(user_id)


def session_sign_in() -> tuple[int, str] | None:
    """(person's id, digest of the sign-in session's token) of this session, when
    session_user_id gives an id and the session holds a token; None otherwise. The token
    must still match a live sign-in session in the database: the caller checks."""
    user_id = session_user_id()
    token = session.get(sign_in_sessions.TOKEN_KEY)
    if user_id is None or not isinstance(token, str):
        return None
    return user_id, sign_in_sessions.digest(token)


def note_seen(session_id: int, last_seen_at) -> None:
    """Have the sign-in session's last use written after this request, when it is due."""
    if sign_in_sessions.needs_seen(last_seen_at):
        g.sign_in_session_seen = session_id


def write_seen(response):
    """After a request: write the last use noted by note_seen, on a connection of its own,
    so that it never commits or waits for the request's own work."""
    session_id = g.pop("sign_in_session_seen", None)
    if session_id is not None:
        from sqlalchemy.exc import SQLAlchemyError

        from app.extensions import db

        try:
            with db.engine.begin() as connection:
                sign_in_sessions.mark_seen(connection, session_id)
        except SQLAlchemyError:
            current_app.logger.warning("could not note a sign-in session as seen")
    return response
