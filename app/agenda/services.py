"""The agenda: numbering derived from order, editing with validation, conflicts, published versions.

Delegates read published versions (frozen snapshots); the secretariat edits the live rows and
publishes. A snapshot holds everything needed to show, print or export that version.
"""
from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.orm import defer, selectinload

from app.agenda.models import (
    AgendaItem,
    AgendaSession,
    AgendaVersion,
    ItemStatus,
    VersionKind,
    Visibility,
)
from app.audit.services import record
from app.auth.models import SECRETARIAT_ROLES, Membership, Role, SignInSession, User
from app.errors import DomainError, Problems
from app.extensions import db
from app.i18n import TranslatedText, to_zone
from app.meetings.models import Meeting, MeetingOrganisation, Organisation, Series
from app.models_base import utcnow


class AgendaError(DomainError):
    """Bad input for the agenda; `field` names the form field it belongs to, if any."""


def sub_number(parent: str, index: int) -> str:
    """2, 0 -> '2(a)'; past z the letters double: 2(aa)."""
    letters = string.ascii_lowercase
    return f"{parent}({letters[index % 26] * (index // 26 + 1)})"


def local_to_utc(zone: str, day: date, moment: time) -> datetime:
    """A wall-clock time in the meeting's zone, as naive UTC for the database."""
    aware = datetime.combine(day, moment, tzinfo=ZoneInfo(zone))
    return aware.astimezone(UTC).replace(tzinfo=None)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def load_sessions(meeting) -> list[AgendaSession]:
    return db.session.scalars(
        select(AgendaSession).where(AgendaSession.meeting_id == meeting.id)
        .options(selectinload(AgendaSession.room),
                 selectinload(AgendaSession.items).selectinload(AgendaItem.room),
                 selectinload(AgendaSession.items).selectinload(AgendaItem.presenters),
                 selectinload(AgendaSession.items).selectinload(AgendaItem.documents),
                 selectinload(AgendaSession.items).selectinload(AgendaItem.children))
        .order_by(AgendaSession.starts_at, AgendaSession.position)
        .execution_options(populate_existing=True)).all()  # collections fresh after edits


def _item_data(item: AgendaItem, number: str) -> dict:
    return {
        "id": item.id, "number": number, "title": dict(item.title or {}),
        "description": dict(item.description or {}),
        "starts": _iso(item.starts_at), "ends": _iso(item.ends_at),
        "room": dict(item.room.name) if item.room else None,
        "visibility": item.visibility.value, "status": item.status.value,
        "sequence": item.sequence, "updated": _iso(item.updated_at),
        "presenters": [dict(org.name) for org in item.presenters],
        "presenter_names": item.presenter_names or "",
        "documents": [{"id": d.id, "title": d.title} for d in item.documents],
        "children": [],
    }


def serialize(meeting) -> dict:
    """The live agenda as a snapshot: sessions, numbered items and sub-items, all languages."""
    sessions = []
    counter = 0
    for block in load_sessions(meeting):
        items = []
        for item in block.items:
            if item.parent_id is not None:
                continue
            counter += 1  # every item counts, so numbers match the printed agenda for all
            data = _item_data(item, str(counter))
            data["children"] = [_item_data(child, sub_number(str(counter), index))
                                for index, child in enumerate(item.children)]
            items.append(data)
        sessions.append({"id": block.id, "title": dict(block.title),
                         "starts": _iso(block.starts_at), "ends": _iso(block.ends_at),
                         "room": dict(block.room.name) if block.room else None,
                         "items": items})
    return {"sessions": sessions}


def latest_version(meeting) -> AgendaVersion | None:
    """The newest published version; its snapshot loads only when first read."""
    return db.session.scalar(select(AgendaVersion).where(AgendaVersion.meeting_id == meeting.id)
                             .options(defer(AgendaVersion.snapshot))
                             .order_by(AgendaVersion.number.desc()).limit(1))


def version_identity(version) -> tuple:
    """What makes a published version unique, even if a row id is reused after a delete."""
    return (version.id, version.meeting_id, version.number, version.published_at)


@dataclass(frozen=True)
class Reading:
    """What the agenda page of a meeting shows that depends on the database, for one
    signed-in person: read in one query, without the ORM, on every request for the page."""

    meeting: tuple  # the meeting's own texts on the page (meeting_texts)
    countries: tuple[str, ...]  # of the participants: their zones are offered to readers
    timezone: str
    working_language: str
    version: tuple | None  # version_identity of the newest published version
    name: str
    locale: str | None
    reader_zone: str | None  # the person's own time zone, if they chose one
    active: bool
    roles: frozenset[Role]  # at this meeting
    secretariat: bool  # anywhere, as User.is_secretariat
    admin: bool | str  # anywhere, as User.is_admin; "site" for a site administrator
    session_id: int  # the person's live sign-in session
    session_seen_at: datetime
    day_events: tuple = ()  # day_events_stamp: the meals and receptions as they stand


def meeting_texts(meeting_id, slug, number, symbol_prefix, timezone, working_language,
                  series_slug, title, minutes_status=None) -> tuple:
    """The values of a meeting that the agenda page shows (title, symbol, menu, zone); the
    minutes' status decides whether the menu offers Minutes to delegates."""
    return (meeting_id, slug, number, symbol_prefix, timezone, working_language, series_slug,
            tuple(sorted(title.items())), str(minutes_status or ""))


def _minutes_table():
    # The minutes sit above the agenda (they import it): their table is read by name.
    return db.metadata.tables["minutes"]


def minutes_status(meeting_id: int) -> str | None:
    table = _minutes_table()
    return db.session.scalar(select(table.c.status).where(table.c.meeting_id == meeting_id))


@cache  # built once per set of day-event sources: the same statement serves every request
def _reading_statement(sources: tuple = ()):
    meeting, series, user, member, version, signed_in = (model.__table__ for model in (
        Meeting, Series, User, Membership, AgendaVersion, SignInSession))
    other = version.alias("other_version")
    newest = (select(func.max(other.c.number)).where(other.c.meeting_id == meeting.c.id)
              .scalar_subquery())
    countries = _countries_statement(meeting.c.id).scalar_subquery()
    minutes = _minutes_table()
    minutes_state = (select(minutes.c.status).where(minutes.c.meeting_id == meeting.c.id)
                     .scalar_subquery())
    return (select(meeting.c.id, meeting.c.slug, meeting.c.number, meeting.c.symbol_prefix,
                   meeting.c.timezone, meeting.c.working_language, meeting.c.title,
                   countries.label("countries"), minutes_state.label("minutes_status"),
                   series.c.slug.label("series_slug"), user.c.name, user.c.locale,
                   user.c.timezone.label("reader_zone"), user.c.active, user.c.site_admin,
                   version.c.id.label("version_id"),
                   version.c.number.label("version_number"), version.c.published_at,
                   member.c.meeting_id.label("member_of"), member.c.role,
                   signed_in.c.id.label("session_id"),
                   signed_in.c.last_seen_at.label("session_seen_at"),
                   *_stamp_columns(sources, meeting.c.id))
            .select_from(meeting.join(series, series.c.id == meeting.c.series_id)
                         .join(user, user.c.id == bindparam("user_id"))
                         .join(signed_in, and_(signed_in.c.user_id == user.c.id,
                                               signed_in.c.digest == bindparam("digest"),
                                               signed_in.c.ended_at.is_(None),
                                               signed_in.c.created_at > bindparam("since")))
                         .outerjoin(version, and_(version.c.meeting_id == meeting.c.id,
                                                  version.c.number == newest))
                         .outerjoin(member, member.c.user_id == user.c.id))
            .where(meeting.c.slug == bindparam("slug")))


def _countries_statement(meeting_id):
    taking_part, organisation = MeetingOrganisation.__table__, Organisation.__table__
    return (select(func.aggregate_strings(organisation.c.country_code, " "))
            .select_from(taking_part.join(organisation,
                                          organisation.c.id == taking_part.c.organisation_id))
            .where(taking_part.c.meeting_id == meeting_id,
                   organisation.c.country_code.is_not(None)))


def _country_codes(joined: str | None) -> tuple[str, ...]:
    return tuple(sorted(set((joined or "").split())))


def participant_countries(meeting) -> tuple[str, ...]:
    """The country codes of the organisations taking part, sorted, each once."""
    return _country_codes(db.session.scalar(_countries_statement(meeting.id)))


def reading(slug: str, user_id: int, session_digest: str, since: datetime) -> Reading | None:
    """The Reading of the meeting's agenda for the person; None if the meeting does not
    exist, or the person has no live sign-in session with this digest begun after `since`."""
    if len(slug) > 64:
        return None
    sources = day_event_sources()
    rows = db.session.connection().execute(_reading_statement(sources), {
        "slug": slug, "user_id": user_id, "digest": session_digest, "since": since}).all()
    if not rows:
        return None
    row = rows[0]
    held = [(r.member_of, r.role) for r in rows if r.role is not None]
    return Reading(
        meeting=meeting_texts(row.id, row.slug, row.number, row.symbol_prefix, row.timezone,
                              row.working_language, row.series_slug, row.title,
                              row.minutes_status),
        countries=_country_codes(row.countries),
        timezone=row.timezone, working_language=row.working_language,
        version=(row.version_id, row.id, row.version_number, row.published_at)
        if row.version_id is not None else None,
        name=row.name, locale=row.locale, reader_zone=row.reader_zone,
        active=bool(row.active),
        session_id=row.session_id, session_seen_at=row.session_seen_at,
        day_events=tuple(getattr(row, f"day_events_{n}") for n in range(_stamp_count(sources))),
        # A site administrator is an administrator of every meeting (User.roles_in).
        roles=frozenset(role for meeting_id, role in held if meeting_id == row.id)
        | ({Role.ADMIN} if row.site_admin else set()),
        secretariat=bool(row.site_admin) or any(role in SECRETARIAT_ROLES for _, role in held),
        admin="site" if row.site_admin else any(role == Role.ADMIN for _, role in held))


def version_symbol(meeting, version: AgendaVersion, earlier: int | None = None) -> str:
    """Provisional agenda BC/1/1, its revisions BC/1/1/Rev.N; the adopted agenda BC/1/2.

    `earlier` (provisional versions before this one) saves the query when already known.
    """
    if version.kind == VersionKind.ADOPTED:
        return f"{meeting.symbol_prefix}/2"
    if earlier is None:
        earlier = db.session.scalar(
            select(func.count()).select_from(AgendaVersion)
            .where(AgendaVersion.meeting_id == meeting.id,
                   AgendaVersion.number < version.number,
                   AgendaVersion.kind == VersionKind.PROVISIONAL))
    base = f"{meeting.symbol_prefix}/1"
    return f"{base}/Rev.{earlier}" if earlier else base


@dataclass
class ReadItem:
    data: dict
    state: str = ""  # "now" or "next" during the meeting

    @property
    def starts(self) -> datetime | None:
        return datetime.fromisoformat(self.data["starts"]) if self.data["starts"] else None

    @property
    def ends(self) -> datetime | None:
        return datetime.fromisoformat(self.data["ends"]) if self.data["ends"] else None


@dataclass
class ReadSession:
    data: dict
    items: list[ReadItem]
    #: The items and the events (DayEvent) held during the session, in time order.
    entries: list = dataclass_field(default_factory=list)

    def __post_init__(self):
        if not self.entries:
            self.entries = list(self.items)

    @property
    def starts(self) -> datetime:
        return datetime.fromisoformat(self.data["starts"])

    @property
    def ends(self) -> datetime:
        return datetime.fromisoformat(self.data["ends"])


@dataclass
class ReadDay:
    day: date
    sessions: list[ReadSession]
    #: The sessions and the day's events (DayEvent) between them, in time order.
    parts: list = dataclass_field(default_factory=list)

    def __post_init__(self):
        if not self.parts:
            self.parts = list(self.sessions)


def _visible_in(block: dict, allowed: set[str]) -> list[dict]:
    """A session's items (with their sub-items) at the allowed visibility levels."""
    return [{**item, "children": [c for c in item["children"] if c["visibility"] in allowed]}
            for item in block["items"] if item["visibility"] in allowed]


def visible_items(snapshot: dict, levels: set[Visibility]) -> list[dict]:
    """Top-level items and their sub-items that the reader may see, in order."""
    allowed = {level.value for level in levels}
    return [item for block in snapshot["sessions"] for item in _visible_in(block, allowed)]


def reading_days(snapshot: dict, levels: set[Visibility], zone: str,
                 now: datetime | None = None) -> list[ReadDay]:
    """Group what the reader may see by local day, marking the item now running and the next."""
    allowed = {level.value for level in levels}
    states = now_and_next(timeline(snapshot), levels, now or utcnow())
    days: dict[date, list[ReadSession]] = {}
    for block in snapshot["sessions"]:
        items = [ReadItem(item, states.get(item["id"], ""))
                 for item in _visible_in(block, allowed)]
        if items:
            session = ReadSession(block, items)
            days.setdefault(to_zone(session.starts, zone).date(), []).append(session)
    return [ReadDay(day, sessions) for day, sessions in sorted(days.items())]


# --- the rest of the programme among the items ------------------------------------------------
#
# Meals and receptions belong to logistics, which sits above the agenda: a source of such
# events is registered when the application is set up (add_day_events), and the agenda page asks
# them all without importing them. A source gives the events of a meeting, and SQL expressions
# (correlated to the meeting's id) whose values change whenever those events change: they are
# read in the agenda page's one query and are part of its cache keys, so an edited meal shows at
# once, in every worker.

DAY_EVENTS = "agenda_day_events"


@dataclass(frozen=True)
class DayEvent:
    """Something of the meeting's programme that is not an agenda item (a meal, a reception):
    shown among the items of its day, never numbered. Times in UTC; title and place are
    multilingual values."""

    key: str  # unique on the page, e.g. "meal-3"
    kind: str  # a CSS class: "lunch", "reception", …
    label: object  # what it is, translated when shown (a lazy string)
    title: dict
    place: dict
    starts: datetime
    ends: datetime


@dataclass(frozen=True)
class DaySource:
    #: stamp(meeting_id column) -> list of scalar SQL expressions that change with the events.
    stamp: Callable
    #: events(meeting) -> list[DayEvent] of the meeting.
    events: Callable


def add_day_events(app, source: DaySource) -> None:
    sources = app.extensions.setdefault(DAY_EVENTS, [])
    if source not in sources:
        sources.append(source)


def day_event_sources() -> tuple:
    return tuple(current_app.extensions.get(DAY_EVENTS, ()))


def _stamp_columns(sources: tuple, meeting_id) -> list:
    columns = [expression for source in sources for expression in source.stamp(meeting_id)]
    return [column.label(f"day_events_{n}") for n, column in enumerate(columns)]


@cache
def _stamp_count(sources: tuple) -> int:
    return len(_stamp_columns(sources, Meeting.__table__.c.id))


def day_events_stamp(meeting_id: int) -> tuple:
    """The values that change whenever a registered source's events of the meeting change
    (the same as Reading.day_events)."""
    sources = day_event_sources()
    columns = _stamp_columns(sources, Meeting.__table__.c.id)
    if not columns:
        return ()
    meeting = Meeting.__table__
    return tuple(db.session.connection().execute(
        select(*columns).where(meeting.c.id == meeting_id)).one())


def day_events(meeting) -> list[DayEvent]:
    return sorted((event for source in day_event_sources() for event in source.events(meeting)),
                  key=lambda event: (event.starts, event.key))


def with_day_events(days: list[ReadDay], events: list[DayEvent], zone: str) -> list[ReadDay]:
    """The days with the events among them: an event held during a session goes among its
    items (before the first item that starts later), any other between the sessions of its
    day, by time; a day with events only is a day too."""
    by_day = {day.day: day for day in days}
    for event in events:
        local = to_zone(event.starts, zone).date()
        day = by_day.get(local)
        if day is None:
            day = by_day[local] = ReadDay(local, [], parts=[])
        inside = next((s for s in day.sessions if s.starts <= event.starts < s.ends), None)
        if inside is not None:
            at = next((n for n, entry in enumerate(inside.entries)
                       if _entry_starts(entry) is not None
                       and _entry_starts(entry) > event.starts), len(inside.entries))
            inside.entries.insert(at, event)
        else:
            at = next((n for n, part in enumerate(day.parts)
                       if part.starts > event.starts), len(day.parts))
            day.parts.insert(at, event)
    return [by_day[day] for day in sorted(by_day)]


def _entry_starts(entry) -> datetime | None:
    return entry.starts


def timeline(snapshot: dict) -> list[tuple[int, datetime, datetime, str]]:
    """(id, starts, ends, visibility) of every timed, scheduled top-level item."""
    return [(item["id"], datetime.fromisoformat(item["starts"]),
             datetime.fromisoformat(item["ends"]), item["visibility"])
            for block in snapshot["sessions"] for item in block["items"]
            if item["starts"] and item["status"] != ItemStatus.CANCELLED.value]


def now_and_next(items: list, levels: set[Visibility], now: datetime) -> dict[int, str]:
    """The items running now, and the next one if it starts within 18 hours."""
    allowed = {level.value for level in levels}
    visible = [entry for entry in items if entry[3] in allowed]
    states = {entry[0]: "now" for entry in visible if entry[1] <= now < entry[2]}
    upcoming = sorted((entry for entry in visible if entry[1] > now), key=lambda e: e[1])
    if upcoming and upcoming[0][1] - now < timedelta(hours=18):
        states[upcoming[0][0]] = "next"
    return states


# --- editing ---------------------------------------------------------------------------

def _check_times(meeting, starts: datetime | None, ends: datetime | None) -> None:
    """Every problem of the times at once: an end before the start and a day outside the
    meeting are both reported."""
    if (starts is None) != (ends is None):
        raise AgendaError(_("Give both a start and an end time, or neither."), "end_time")
    if starts is None:
        return
    problems = Problems(AgendaError)
    if ends <= starts:
        problems.add(_("The end time must be after the start time."), "end_time")
    first = to_zone(starts, meeting.timezone).date()
    last = to_zone(ends, meeting.timezone).date()
    if min(first, last) < meeting.start_date or max(first, last) > meeting.end_date:
        problems.add(_("The time must fall within the meeting's dates."), "day")
    problems.raise_if_any()


def _check_title(title: dict, meeting) -> TranslatedText:
    clean = TranslatedText({k: " ".join(v.split()) for k, v in title.items() if v and v.strip()})
    if not clean:
        raise AgendaError(_("Give a title in at least one language."), "title")
    if not clean.get(meeting.working_language):
        raise AgendaError(_("Give the title in the meeting's working language."), "title")
    return clean


def _room(meeting, room_id: int | None):
    if room_id is None:
        return None
    room = next((r for r in meeting.rooms if r.id == room_id), None)
    if room is None:
        raise AgendaError(_("Choose one of the meeting's rooms."), "room_id")
    return room


def save_session(meeting, block: AgendaSession | None, *, title: dict, day: date,
                 start: time, end: time, room_id: int | None) -> AgendaSession:
    starts = local_to_utc(meeting.timezone, day, start)
    ends = local_to_utc(meeting.timezone, day, end)
    problems = Problems(AgendaError)
    problems.check(_check_times, meeting, starts, ends)
    clean = problems.check(_check_title, title, meeting)
    room = problems.check(_room, meeting, room_id)
    problems.raise_if_any()
    if block is None:
        position = db.session.scalar(select(func.coalesce(func.max(AgendaSession.position), 0))
                                     .where(AgendaSession.meeting_id == meeting.id)) + 1
        block = AgendaSession(meeting_id=meeting.id, position=position)
        db.session.add(block)
    block.title, block.starts_at, block.ends_at, block.room = clean, starts, ends, room
    db.session.flush()
    record("agenda.session_saved", block, meeting=meeting)
    return block


_CALENDAR_FIELDS = ("title", "description", "starts_at", "ends_at", "room_id", "status")


def save_item(meeting, item: AgendaItem | None, *, session_id: int, parent_id: int | None,
              title: dict, description: dict, day: date | None, start: time | None,
              end: time | None, room_id: int | None, visibility: Visibility,
              presenter_ids: list[int], presenter_names: str,
              standing: bool = False) -> AgendaItem:
    """Create or change an item; a change that calendars show bumps its SEQUENCE."""
    from app.meetings.models import MeetingOrganisation, Organisation

    block = db.session.get(AgendaSession, session_id)
    if block is None or block.meeting_id != meeting.id:
        raise AgendaError(_("Choose one of the meeting's sessions."), "session_id")
    parent = db.session.get(AgendaItem, parent_id) if parent_id else None
    if parent_id and (parent is None or parent.session_id != block.id or parent.parent_id):
        raise AgendaError(_("A sub-item belongs to an item of the same session."), "parent_id")
    if parent is not None and item is not None and (parent.id == item.id or item.children):
        raise AgendaError(_("An item with sub-items cannot become a sub-item."), "parent_id")
    starts = local_to_utc(meeting.timezone, day, start) if day and start else None
    ends = local_to_utc(meeting.timezone, day, end) if day and end else None
    problems = Problems(AgendaError)
    if (start or end) and not day:
        problems.add(_("Choose the day of the item."), "day")
    problems.check(_check_times, meeting, starts, ends)
    room = problems.check(_room, meeting, room_id)
    allowed = set(db.session.scalars(select(MeetingOrganisation.organisation_id)
                                     .where(MeetingOrganisation.meeting_id == meeting.id)))
    if not set(presenter_ids) <= allowed:
        problems.add(_("Presenters must be organisations taking part in the meeting."),
                     "presenter_ids")
    clean = problems.check(_check_title, title, meeting)
    problems.raise_if_any()
    values = {
        "title": clean,
        "description": TranslatedText({k: v.strip() for k, v in description.items()
                                       if v and v.strip()}),
        "starts_at": starts, "ends_at": ends, "room_id": room.id if room else None,
    }
    if item is None:
        siblings = select(func.coalesce(func.max(AgendaItem.position), 0)).where(
            AgendaItem.session_id == block.id,
            AgendaItem.parent_id.is_(None) if parent is None else AgendaItem.parent_id == parent.id)
        item = AgendaItem(meeting_id=meeting.id, position=db.session.scalar(siblings) + 1)
        db.session.add(item)
        action = "agenda.item_created"
    else:
        changed = any(getattr(item, f) != v for f, v in values.items() if f in _CALENDAR_FIELDS)
        if changed or item.session_id != block.id:
            item.sequence += 1
        action = "agenda.item_changed"
    for field, value in values.items():
        setattr(item, field, value)
    item.session_id, item.parent_id = block.id, parent.id if parent else None
    item.visibility, item.presenter_names = visibility, presenter_names.strip()[:500]
    item.standing = standing
    item.presenters = list(db.session.scalars(
        select(Organisation).where(Organisation.id.in_(presenter_ids)))) if presenter_ids else []
    item.updated_at = utcnow()
    db.session.flush()
    record(action, item, meeting=meeting)
    return item


def move_item(meeting, item: AgendaItem, offset: int) -> None:
    """Swap an item with its previous (-1) or next (+1) sibling; numbers follow."""
    siblings = db.session.scalars(
        select(AgendaItem).where(
            AgendaItem.session_id == item.session_id,
            AgendaItem.parent_id.is_(None) if item.parent_id is None
            else AgendaItem.parent_id == item.parent_id)
        .order_by(AgendaItem.position, AgendaItem.id)).all()
    index = siblings.index(item)
    other = index + offset
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, 1):
        sibling.position = position
    record("agenda.item_moved", item, meeting=meeting, offset=offset)


def set_item_status(meeting, item: AgendaItem, status: ItemStatus) -> None:
    if item.status != status:
        item.status = status
        item.sequence += 1
        item.updated_at = utcnow()
        record(f"agenda.item_{status.value}", item, meeting=meeting)


def find_conflicts(meeting) -> dict[int, list[str]]:
    """Items that share a room at the same time, or lie outside the meeting's dates."""
    items = db.session.scalars(select(AgendaItem).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.starts_at.is_not(None),
        AgendaItem.status == ItemStatus.SCHEDULED)).all()
    sessions = {s.id: s for s in db.session.scalars(
        select(AgendaSession).where(AgendaSession.meeting_id == meeting.id))}
    found: dict[int, list[str]] = {}
    for item in items:
        first = to_zone(item.starts_at, meeting.timezone).date()
        if first < meeting.start_date or first > meeting.end_date:
            found.setdefault(item.id, []).append(_("Outside the meeting's dates."))
        block = sessions[item.session_id]
        if item.starts_at < block.starts_at or item.ends_at > block.ends_at:
            found.setdefault(item.id, []).append(_("Outside the times of its session."))
    by_room: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.room_id and item.parent_id is None:
            by_room.setdefault(item.room_id, []).append(item)
    for room_items in by_room.values():
        room_items.sort(key=lambda i: i.starts_at)
        for index, item in enumerate(room_items):
            for other in room_items[index + 1:]:
                if other.starts_at >= item.ends_at:
                    break
                for a, b in ((item, other), (other, item)):
                    found.setdefault(a.id, []).append(
                        _("Same room at the same time as “%(title)s”.",
                          title=TranslatedText(b.title).resolve(meeting.working_language).text))
    return found


# --- versions -----------------------------------------------------------------------------

@dataclass
class Change:
    kind: str  # added, removed, retimed, renamed, moved, documents, cancelled, restored, …
    number: str
    title: dict
    before: str = ""
    after: str = ""


def _flatten(snapshot: dict | None) -> dict[int, dict]:
    found = {}
    for block in (snapshot or {}).get("sessions", []):
        for item in block["items"]:
            found[item["id"]] = item
            for child in item["children"]:
                found[child["id"]] = child
    return found


def changes_between(old: dict | None, new: dict) -> list[Change]:
    """What a reader of the old version needs to know about the new one."""
    before, after = _flatten(old), _flatten(new)
    changes: list[Change] = []
    for item_id, item in after.items():
        previous = before.get(item_id)
        if previous is None:
            changes.append(Change("added", item["number"], item["title"]))
            continue
        if previous["status"] != item["status"]:
            kind = "cancelled" if item["status"] == ItemStatus.CANCELLED.value else "restored"
            changes.append(Change(kind, item["number"], item["title"]))
        if (previous["starts"], previous["ends"]) != (item["starts"], item["ends"]):
            changes.append(Change("retimed", item["number"], item["title"],
                                  previous["starts"] or "", item["starts"] or ""))
        if previous["title"] != item["title"]:
            changes.append(Change("renamed", item["number"], item["title"]))
        if previous["room"] != item["room"]:
            changes.append(Change("moved", item["number"], item["title"]))
        if previous.get("documents", []) != item.get("documents", []):
            changes.append(Change("documents", item["number"], item["title"]))
        if previous["number"] != item["number"]:
            changes.append(Change("renumbered", item["number"], item["title"],
                                  previous["number"], item["number"]))
    for item_id, item in before.items():
        if item_id not in after:
            changes.append(Change("removed", item["number"], item["title"]))
    return changes
