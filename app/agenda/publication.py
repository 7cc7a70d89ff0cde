"""Publishing the agenda: freezing a version, and telling delegates what changed, in their
language, with their calendar."""
from __future__ import annotations

from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.agenda.models import AgendaVersion, VersionKind, levels_for
from app.agenda.services import (
    AgendaError,
    Change,
    changes_between,
    latest_version,
    serialize,
    version_symbol,
    visible_items,
)
from app.audit.services import record
from app.auth.models import STAFF_ROLES, Membership, Role
from app.calendar.services import build_calendar
from app.extensions import db
from app.i18n import TranslatedText, format_datetime_in, normalise_locale
from app.mail.services import queue_templated
from app.urls import public_url


def describe_change(change, meeting, lang: str) -> str:
    """One sentence per change, in the current locale (call inside force_locale)."""
    title = TranslatedText(change.title).resolve(lang, meeting.working_language).text
    number = change.number
    if change.kind == "retimed":
        when = format_datetime_in(datetime.fromisoformat(change.after), meeting.timezone) \
            if change.after else _("no fixed time")
        return _("Item %(number)s, “%(title)s”, now starts %(time)s.", number=number,
                 title=title, time=when)
    if change.kind == "renumbered":
        return _("Item %(before)s, “%(title)s”, is now item %(after)s.", before=change.before,
                 after=change.after, title=title)
    sentences = {
        "added": _("Item %(number)s, “%(title)s”, was added."),
        "removed": _("Item %(number)s, “%(title)s”, was removed."),
        "renamed": _("Item %(number)s has a new title: “%(title)s”."),
        "moved": _("Item %(number)s, “%(title)s”, is in another room."),
        "documents": _("Item %(number)s, “%(title)s”, has new or changed documents."),
        "cancelled": _("Item %(number)s, “%(title)s”, is cancelled."),
        "restored": _("Item %(number)s, “%(title)s”, is back on the agenda."),
    }
    return sentences[change.kind] % {"number": number, "title": title}


def published_subject(meeting_title: str, adopted: bool) -> str:
    """The subject of the e-mail of a published agenda version, in the current locale (the
    mail previews show the same)."""
    if adopted:
        return _("Adopted agenda: %(meeting)s", meeting=meeting_title)
    return _("Agenda updated: %(meeting)s", meeting=meeting_title)


def notify_members(meeting, version, changes) -> int:
    """Queue one e-mail per delegate, head and observer; returns how many were queued."""
    memberships = db.session.scalars(
        select(Membership).where(Membership.meeting_id == meeting.id)
        .options(selectinload(Membership.user))).all()
    roles_by_user: dict[int, set[Role]] = {}
    users = {}
    for membership in memberships:
        roles_by_user.setdefault(membership.user_id, set()).add(membership.role)
        users[membership.user_id] = membership.user
    symbol = version_symbol(meeting, version)
    queued = 0
    for user_id, roles in roles_by_user.items():
        user = users[user_id]
        if roles <= STAFF_ROLES or not user.active:
            continue
        lang = normalise_locale(user.locale) or meeting.working_language
        items = visible_items(version.snapshot, levels_for(roles))
        link = public_url("agenda.read", slug=meeting.slug, lang=lang)
        with force_locale(lang):
            lines = [describe_change(change, meeting, lang) for change in changes
                     if _visible_change(change, items)]
            meeting_title = TranslatedText(meeting.title).resolve(
                lang, meeting.working_language).text
            calendar = build_calendar(meeting, items, lang, name=meeting_title, link=link,
                                      stamp=version.published_at)
        adopted = version.kind == VersionKind.ADOPTED
        message = queue_templated(
            "agenda_published", user.email, lang,
            lambda t=meeting_title, adopted=adopted: published_subject(t, adopted),
            meeting=meeting, name=user.name, meeting_title=meeting_title, symbol=symbol,
            adopted=adopted, changes=lines, link=link)
        message.calendar = calendar.decode()
        message.calendar_method = "PUBLISH"
        queued += 1
    return queued


def _visible_change(change, items) -> bool:
    """A delegate hears only of items they may see (removed ones included: they saw them)."""
    numbers = {item["number"] for item in items} | {
        child["number"] for item in items for child in item["children"]}
    return change.kind == "removed" or change.number in numbers


def publish(meeting, kind: VersionKind, actor) -> tuple[AgendaVersion, list[Change]]:
    """Freeze the live agenda as a new version and tell every delegate what changed."""
    previous = latest_version(meeting)
    if previous is not None and previous.kind == VersionKind.ADOPTED:
        raise AgendaError(_("The agenda has been adopted; it cannot be published again."))
    snapshot = serialize(meeting)
    if not any(block["items"] for block in snapshot["sessions"]):
        raise AgendaError(_("The agenda has no items to publish."))
    changes = changes_between(previous.snapshot if previous else None, snapshot)
    if previous is not None and not changes and kind == previous.kind:
        raise AgendaError(_("Nothing has changed since the last published version."))
    version = AgendaVersion(meeting_id=meeting.id, number=(previous.number + 1) if previous else 1,
                            kind=kind, published_by_id=getattr(actor, "id", None),
                            snapshot=snapshot)
    db.session.add(version)
    db.session.flush()
    record("agenda.published", version, meeting=meeting, kind=kind.value, changes=len(changes))
    notify_members(meeting, version, changes if previous else [])
    return version, changes
