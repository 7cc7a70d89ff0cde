"""What the commands of several domains share: the guard of the development-only commands,
the language of the domain's messages, and finding a meeting by its slug."""
from __future__ import annotations

import functools

import click
from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select

from app.extensions import db
from app.i18n import DEFAULT_LOCALE
from app.meetings.models import Meeting


def development_only(command):
    """Refuse a command in production: it prints credentials or writes demo accounts whose
    passwords are on disk."""
    @functools.wraps(command)
    def guarded(*args, **kwargs):
        if current_app.config["ENV_NAME"] == "production":
            raise click.ClickException(
                "This command is for development and demonstrations only: it is refused "
                "when APP_ENV=production.")
        return command(*args, **kwargs)

    return guarded


def in_default_locale(command):
    """Run a command in the default locale. The domain's messages that a command prints (why a
    clone or a purge is refused, why an invitation is skipped) are translated, and outside a
    request nothing else chooses their language (the web layer does it for a page)."""
    @functools.wraps(command)
    def in_locale(*args, **kwargs):
        with force_locale(DEFAULT_LOCALE):
            return command(*args, **kwargs)

    return in_locale


def meeting_by_slug(slug: str, param_hint: str) -> Meeting:
    """The meeting of a command's argument or option, or the usage error that names it."""
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == slug))
    if meeting is None:
        raise click.BadParameter(f"no meeting {slug!r}", param_hint=param_hint)
    return meeting
