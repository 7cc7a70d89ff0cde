"""Whole pages shared by the readers who would see the same page.

A page goes into the cache under a key that holds everything it shows; the two parts of the
chrome that belong to one person (their name and their CSRF token) are left as
placeholders and filled in for each request. Pages with a message for the person (flash)
are never shared. Keys hold values, not row ids alone, so a copy cannot go stale in one
worker after another worker changed what it shows.
"""
from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import g, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import escape

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

    def get_or_make(self, key: Hashable, make: Callable):
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = make()  # outside the lock: two threads may both make it, one copy is kept
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value


_pages = BoundedCache(64)


def render_shared(key: tuple, render: Callable[[], str]) -> str:
    """The page for this request: from the cache when someone with the same view of it was
    here before, else rendered (with placeholders) and kept. `key` must hold everything the
    page shows besides the chrome, which this function adds (address, language, and the
    person's kind: signed in, secretariat, administrator)."""
    if session.get("_flashes"):
        return render()
    chrome = (request.full_path, current_locale(), current_user.is_authenticated,
              bool(getattr(current_user, "is_secretariat", False)),
              bool(getattr(current_user, "is_admin", False)))

    def make() -> str:
        g.shared_render = True
        try:
            return render()
        finally:
            g.shared_render = False

    return _fill(_pages.get_or_make((*key, *chrome), make))


def _fill(page: str) -> str:
    name = str(escape(current_user.name)) if current_user.is_authenticated else ""
    return (page.replace(placeholder("name"), name)
            .replace(placeholder("csrf_token"), generate_csrf()))
