"""A meeting made from scratch by a site administrator (cloning stays in clone.py): the same
rules as its settings page (settings.check_languages_and_texts), a time zone in use today,
dates in order, a symbol prefix of its own, rooms with their capacity. The creator becomes its
administrator and the host takes part in its own meeting, so its delegation is invited,
registers and gets badges like any other."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from app.agenda.models import AgendaItem, AgendaSession
from app.audit.services import record
from app.auth.models import Membership, Role
from app.auth.profile import current_zones
from app.errors import Problems
from app.extensions import db
from app.i18n import LOCALES, TranslatedText
from app.meetings.models import (
    Meeting,
    MeetingOrganisation,
    Organisation,
    OrganisationKind,
    ParticipationCategory,
    Room,
    Series,
)
from app.series.settings import MeetingError, check_languages_and_texts
from app.text import check_date, date_window, one_line

SYMBOL_PREFIX = re.compile(r"^[A-Z][A-Z0-9]*(?:[/.-][A-Z0-9]+)*$")
ROOM_NAME_LIMIT, MAX_CAPACITY = 120, 100_000


@dataclass
class RoomInput:
    """One room as typed: its name in the meeting's working language, its seats (None: not
    said); the form's inputs are room_name_<index> and room_capacity_<index>."""

    name: str | None
    capacity: int | None
    index: int


def _check_rooms(problems: Problems, rooms: list[RoomInput]
                 ) -> list[tuple[int, str, int | None]]:
    """(index, name, capacity) of each room typed; the empty rows are left out."""
    kept, seen = [], set()
    for room in rooms:
        name = problems.check(one_line, room.name, f"room_name_{room.index}", limit=ROOM_NAME_LIMIT,
                              error=MeetingError, default="")
        if not name:
            if room.capacity is not None:
                problems.add(_("Give the room's name."), f"room_name_{room.index}")
            continue
        if room.capacity is not None and not 1 <= room.capacity <= MAX_CAPACITY:
            problems.add(_("Number must be between %(min)s and %(max)s.", min=1,
                           max=MAX_CAPACITY), f"room_capacity_{room.index}")
        if name.casefold() in seen:
            problems.add(_("Two rooms have this name."), f"room_name_{room.index}")
        seen.add(name.casefold())
        kept.append((room.index, name, room.capacity))
    return kept


def _slug_for(series: Series, start: date, city: TranslatedText) -> str:
    latin = next((text for code in ("en", *LOCALES) if (text := city.get(code))
                  and unicodedata.normalize("NFKD", text).encode("ascii", "ignore").strip()),
                 "")
    place = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", latin).encode(
        "ascii", "ignore").decode().lower()).strip("-")[:20]
    base = "-".join(part for part in (series.slug[:30], str(start.year), place) if part)
    taken = set(db.session.scalars(select(Meeting.slug).where(Meeting.slug.like(f"{base}%"))))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_meeting(actor, *, series_id: int | None, texts: dict[str, dict], start: date | None,
                   end: date | None, zone: str, working_language: str,
                   official_languages: list[str], host_id: int | None, symbol_prefix: str,
                   is_public: bool, rooms: list[RoomInput] = ()) -> Meeting:
    """Create a meeting; every problem of the input is reported at once, nothing is saved
    unless all are solved."""
    problems = Problems(MeetingError)
    series = db.session.get(Series, series_id) if series_id else None
    if series is None:
        problems.add(_("Not a valid choice."), "series_id")
    first, last = date_window(None)
    if start is not None:
        problems.check(check_date, start, "start_date", first, last)
    if end is not None:
        problems.check(check_date, end, "end_date", first, last)
    if start is not None and end is not None and end < start:
        problems.add(_("The meeting cannot end before it starts."), "end_date")
    if zone not in current_zones():
        problems.add(_("Choose a time zone from the list."), "timezone")
    languages, cleaned = check_languages_and_texts(
        problems, {name: texts.get(name, {}) for name in ("title", "city", "venue")},
        working_language, official_languages)
    host = db.session.get(Organisation, host_id) if host_id else None
    if host_id and host is None:
        problems.add(_("Not a valid choice."), "host_id")
    symbol_prefix = (symbol_prefix or "").strip().upper()
    if not SYMBOL_PREFIX.match(symbol_prefix) or len(symbol_prefix) > 32:
        problems.add(_("Use capital Latin letters and digits, parts joined by / . or - "
                       "(at most 32)."), "symbol_prefix")
    elif db.session.scalar(select(func.count()).select_from(Meeting).where(
            Meeting.symbol_prefix == symbol_prefix)):
        problems.add(_("Another meeting already uses this symbol prefix."), "symbol_prefix")
    kept_rooms = _check_rooms(problems, list(rooms))
    if start is None or end is None:  # the form said so already; nothing to save
        problems.raise_if_any()
        raise MeetingError(_("This field is required."), "start_date" if start is None
                           else "end_date")
    problems.raise_if_any()

    number = (db.session.scalar(select(func.max(Meeting.number)).where(
        Meeting.series_id == series.id)) or 0) + 1
    meeting = Meeting(series=series, number=number, slug=_slug_for(series, start, cleaned["city"]),
                      title=cleaned["title"], city=cleaned["city"], venue=cleaned["venue"],
                      public_summary={}, signature={}, start_date=start, end_date=end,
                      timezone=zone, working_language=working_language,
                      official_languages=languages, symbol_prefix=symbol_prefix,
                      host_organisation_id=host.id if host else None, is_public=bool(is_public))
    db.session.add(meeting)
    db.session.flush()
    if host is not None:
        category = (ParticipationCategory.INTERNATIONAL_BODY
                    if host.kind == OrganisationKind.INTERNATIONAL_BODY
                    else ParticipationCategory.MEMBER)
        db.session.add(MeetingOrganisation(meeting_id=meeting.id, organisation_id=host.id,
                                           category=category))
    for _index, name, capacity in kept_rooms:
        db.session.add(Room(meeting_id=meeting.id, name={working_language: name},
                            capacity=capacity))
    if actor is not None:
        db.session.add(Membership(user_id=actor.id, meeting_id=meeting.id, role=Role.ADMIN))
    db.session.flush()
    record("meetings.create", meeting, meeting=meeting, slug=meeting.slug,
           rooms=len(kept_rooms) or None, host=host.code if host else None)
    return meeting


def add_rooms(meeting: Meeting, rooms: list[RoomInput]) -> int:
    """Add rooms to a meeting (names in its working language); a name it has already is
    refused. Returns how many were added."""
    problems = Problems(MeetingError)
    kept = _check_rooms(problems, rooms)
    existing = {(room.name.get(meeting.working_language) or "").casefold()
                for room in meeting.rooms}
    for index, name, _capacity in kept:
        if name.casefold() in existing:
            problems.add(_("Two rooms have this name."), f"room_name_{index}")
    problems.raise_if_any()
    for _index, name, capacity in kept:
        meeting.rooms.append(Room(name={meeting.working_language: name}, capacity=capacity))
    db.session.flush()
    if kept:
        record("meetings.rooms_added", meeting, meeting=meeting, rooms=len(kept))
    return len(kept)


def _room_name_taken(meeting: Meeting, room: Room, names: TranslatedText) -> set[str]:
    """The languages in which another room of the meeting has the same name."""
    return {code for other in meeting.rooms if other.id != room.id
            for code, text in names.items()
            if (other.name.get(code) or "").casefold() == text.casefold()}


def update_room(meeting: Meeting, room: Room, *, names: dict[str, str],
                capacity: int | None) -> None:
    """A room's name per language (the working language's is needed) and its seats; every
    problem at once, nothing changed unless all are solved."""
    problems = Problems(MeetingError)
    typed = {code: problems.check(one_line, value, f"name_{code}", limit=ROOM_NAME_LIMIT,
                                  error=MeetingError, default="")
             for code, value in (names or {}).items() if code in LOCALES}
    cleaned = TranslatedText({code: text for code, text in typed.items() if text})
    if not cleaned.get(meeting.working_language) and not problems.has(
            f"name_{meeting.working_language}"):
        problems.add(_("Give the room's name."), f"name_{meeting.working_language}")
    for code in sorted(_room_name_taken(meeting, room, cleaned)):
        problems.add(_("Two rooms have this name."), f"name_{code}")
    if capacity is not None and not 1 <= capacity <= MAX_CAPACITY:
        problems.add(_("Number must be between %(min)s and %(max)s.", min=1, max=MAX_CAPACITY),
                     "capacity")
    problems.raise_if_any()
    changed = sorted(({"name"} if dict(room.name) != dict(cleaned) else set())
                     | ({"capacity"} if room.capacity != capacity else set()))
    room.name, room.capacity = cleaned, capacity
    db.session.flush()
    if changed:
        record("meetings.room_changed", room, meeting=meeting, fields=changed)


def room_in_use(room: Room) -> int:
    """How many agenda sessions and items take place in the room."""
    sessions = db.session.scalar(select(func.count()).select_from(AgendaSession).where(
        AgendaSession.room_id == room.id))
    items = db.session.scalar(select(func.count()).select_from(AgendaItem).where(
        AgendaItem.room_id == room.id))
    return (sessions or 0) + (items or 0)


def delete_room(meeting: Meeting, room: Room) -> None:
    """Remove a room the agenda does not use; a room in use is refused (move its sessions
    and items first), never silently taken off the agenda."""
    used = room_in_use(room)
    if used:
        raise MeetingError(ngettext(
            "The agenda uses this room (%(num)d session or item): give them another room "
            "first.", "The agenda uses this room (%(num)d sessions or items): give them "
            "another room first.", used))
    name = room.name.get(meeting.working_language) or next(iter(room.name.values()), "")
    db.session.delete(room)
    db.session.flush()
    db.session.expire(meeting, ["rooms"])
    record("meetings.room_deleted", meeting, meeting=meeting, room=name)


def participating(meeting: Meeting) -> set[int]:
    """The organisations taking part (ids)."""
    return {row.organisation_id for row in meeting.participants}


def take_part(meeting: Meeting, organisation: Organisation,
              category: ParticipationCategory) -> None:
    """An organisation takes part in the meeting, in this capacity."""
    if organisation.id in participating(meeting):
        raise MeetingError(_("This organisation already takes part."), "organisation_id")
    db.session.add(MeetingOrganisation(meeting_id=meeting.id, organisation_id=organisation.id,
                                       category=category))
    db.session.flush()
    record("meetings.participant_added", meeting, meeting=meeting, organisation=organisation.code,
           category=category.value)


