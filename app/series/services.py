"""The series: its roster over time, the next meeting made from the last, action points
carried forward, and the archive of adopted and approved documents with a search."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.agenda.models import AgendaItem, AgendaSession, Visibility
from app.audit.services import record
from app.errors import DomainError
from app.extensions import db
from app.i18n import LOCALES, TranslatedText
from app.invitations.models import Invitation, InvitationLetter, InvitationStatus
from app.meetings.models import (
    Meeting,
    MeetingOrganisation,
    Organisation,
    ParticipationCategory,
    Room,
    Series,
    SeriesMember,
)
from app.text import check_date, date_window, one_line

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{2,62}$")
PREFIX = re.compile(r"^[A-Z][A-Z0-9]{0,7}(/[A-Z0-9]{1,8}){1,2}$")
HORIZON_DAYS = 3652  # ten years: far enough for any plan, and dates stay computable


class SeriesError(DomainError):
    """Bad input for a series step; `field` names the form field."""


# --- roster ---------------------------------------------------------------------------------

def roster(series: Series, on: date | None = None) -> list[SeriesMember]:
    """Who belongs to the series on a day (today by default)."""
    day = on or date.today()
    rows = db.session.scalars(select(SeriesMember).where(
        SeriesMember.series_id == series.id, SeriesMember.joined_on <= day,
        (SeriesMember.left_on.is_(None)) | (SeriesMember.left_on > day))).all()
    return sorted(rows, key=lambda m: (m.category.value, m.organisation.code))


def history(series: Series) -> list[SeriesMember]:
    return list(db.session.scalars(select(SeriesMember).where(
        SeriesMember.series_id == series.id).order_by(SeriesMember.joined_on,
                                                      SeriesMember.id)))


def _decided_at(series: Series, meeting_id) -> int | None:
    if not meeting_id:
        return None
    meeting = db.session.get(Meeting, int(meeting_id))
    if meeting is None or meeting.series_id != series.id:
        raise SeriesError(_("Choose a meeting of this series."), "decided_at_id")
    return meeting.id


def join(series: Series, organisation_id: int, category: str, joined_on: date,
         decided_at_id=None) -> SeriesMember:
    organisation = db.session.get(Organisation, organisation_id) if organisation_id else None
    if organisation is None:
        raise SeriesError(_("Choose an organisation."), "organisation_id")
    try:
        category_value = ParticipationCategory(category)
    except ValueError as exc:
        raise SeriesError(_("Choose a category."), "category") from exc
    check_date(joined_on, "joined_on", *date_window(before=30), error=SeriesError)
    if any(m.organisation_id == organisation.id for m in roster(series, joined_on)) or \
            any(m.organisation_id == organisation.id and m.left_on is None
                for m in history(series)):
        raise SeriesError(_("This organisation is already on the roster."), "organisation_id")
    member = SeriesMember(series_id=series.id, organisation_id=organisation.id,
                          category=category_value, joined_on=joined_on,
                          decided_at_id=_decided_at(series, decided_at_id))
    db.session.add(member)
    db.session.flush()
    record("series.joined", member, organisation=organisation.code,
           category=category_value.value, on=joined_on.isoformat())
    return member


def leave(series: Series, member_id: int, left_on: date, decided_at_id=None) -> None:
    member = db.session.get(SeriesMember, member_id)
    if member is None or member.series_id != series.id or member.left_on is not None:
        raise SeriesError(_("This organisation is not on the roster."))
    check_date(left_on, "left_on", *date_window(before=30), error=SeriesError)
    if left_on < member.joined_on:
        raise SeriesError(_("An organisation cannot leave before it joined."), "left_on")
    member.left_on, member.left_at_id = left_on, _decided_at(series, decided_at_id)
    record("series.left", member, organisation=member.organisation.code,
           on=left_on.isoformat())


# --- the next meeting from the last ---------------------------------------------------------

@dataclass
class CloneResult:
    meeting: Meeting
    invitations: int = 0
    skipped: list[str] = field(default_factory=list)
    sessions: int = 0
    items: int = 0
    rooms: int = 0


def clone_meeting(source: Meeting, *, slug: str, start: date, end: date, title: dict,
                  city: dict, timezone: str | None = None, venue: dict | None = None,
                  host_code: str | None = None, symbol_prefix: str | None = None,
                  today: date | None = None) -> CloneResult:
    """Meeting n+1 from meeting n: organisations, addressees, letter, agenda skeleton (sessions
    and standing items, plus a follow-up item), and rooms when the venue stays. Meeting n is
    read, never written."""
    import zoneinfo

    series = source.series
    slug = (slug or "").strip().lower()
    if not SLUG.match(slug):
        raise SeriesError(_("The short name uses lower-case letters, digits and hyphens "
                            "(3 to 63)."), "slug")
    if db.session.scalar(select(Meeting.id).where(Meeting.slug == slug)):
        raise SeriesError(_("A meeting with this short name already exists."), "slug")
    number = (db.session.scalar(select(func.max(Meeting.number)).where(
        Meeting.series_id == series.id)) or 0) + 1
    prefix = (symbol_prefix or f"{series.symbol_root}/{number}").strip().upper()
    if not PREFIX.match(prefix):
        raise SeriesError(_("A document symbol prefix looks like BC/2."), "symbol_prefix")
    if db.session.scalar(select(Meeting.id).where(Meeting.symbol_prefix == prefix)):
        raise SeriesError(_("Another meeting already uses this symbol prefix."),
                          "symbol_prefix")
    if start < (today or date.today()):
        raise SeriesError(_("The new meeting cannot start in the past."), "start")
    if end < start:
        raise SeriesError(_("The meeting cannot end before it starts."), "end")
    horizon = (today or date.today()) + timedelta(days=HORIZON_DAYS)
    if end > horizon:
        raise SeriesError(_("The new meeting must take place within the next ten years."),
                          "start" if start > horizon else "end")
    zone = timezone or source.timezone
    if zone not in zoneinfo.available_timezones():
        raise SeriesError(_("Choose a time zone from the list."), "timezone")
    title, city = _one_lines(title, "title", 300), _one_lines(city, "city", 200)
    venue = None if venue is None else _one_lines(venue, "venue", 300)
    if not title.get(source.working_language) or not city.get(source.working_language):
        raise SeriesError(_("Give the title and the host city at least in the working "
                          "language."), "title")
    host = source.host
    if host_code:
        members = {m.organisation.code: m.organisation for m in roster(series, start)}
        host = members.get(host_code)
        if host is None:
            raise SeriesError(_("The host must be a member of the series."), "host")
    same_venue = venue is None
    meeting = Meeting(
        series_id=series.id, number=number, slug=slug, symbol_prefix=prefix, title=title,
        city=city, venue=TranslatedText(source.venue) if same_venue else venue,
        public_summary=TranslatedText(), start_date=start, end_date=end, timezone=zone,
        working_language=source.working_language,
        official_languages=list(source.official_languages or []),
        host_organisation_id=host.id if host else None,
        secretariat_id=source.secretariat_id,
        signature=TranslatedText(source.signature or {}) if host is source.host
        else TranslatedText())
    meeting.series = series
    db.session.add(meeting)
    db.session.flush()
    result = CloneResult(meeting)
    rooms = _copy_rooms(source, meeting) if same_venue else {}
    result.rooms = len(rooms)
    _copy_invitations(source, meeting, series, start, result)
    _copy_agenda(source, meeting, rooms, result)
    record("meetings.cloned", meeting, meeting=meeting, source=source.slug,
           invitations=result.invitations, items=result.items)
    return result


def _one_lines(texts: dict | None, field_name: str, limit: int) -> TranslatedText:
    """A title or a place as the forms take it: one line of printable text per language."""
    values = {code: one_line(value, field_name, limit=limit, error=SeriesError)
              for code, value in (texts or {}).items() if code in LOCALES}
    return TranslatedText({code: text for code, text in values.items() if text})


def _copy_rooms(source: Meeting, meeting: Meeting) -> dict[int, Room]:
    mapping = {}
    for room in source.rooms:
        copy = Room(name=TranslatedText(room.name))
        meeting.rooms.append(copy)
        mapping[room.id] = copy
    db.session.flush()
    return mapping


def _copy_invitations(source, meeting, series, start, result: CloneResult) -> None:
    previous = {inv.organisation_id: inv for inv in db.session.scalars(
        select(Invitation).where(Invitation.meeting_id == source.id))}
    for member in roster(series, start):
        db.session.add(MeetingOrganisation(meeting_id=meeting.id,
                                           organisation_id=member.organisation_id,
                                           category=member.category))
        old = previous.get(member.organisation_id)
        if old is None:
            result.skipped.append(member.organisation.code)
            continue
        db.session.add(Invitation(
            meeting_id=meeting.id, organisation_id=old.organisation_id,
            category=member.category, addressee_name=old.addressee_name,
            addressee_title=old.addressee_title, email=old.email, language=old.language,
            quota=old.quota, status=InvitationStatus.DRAFT))
        result.invitations += 1
    letter = db.session.scalar(select(InvitationLetter).where(
        InvitationLetter.meeting_id == source.id))
    if letter is not None:
        reply_by = max(start - timedelta(days=21), date.today())
        db.session.add(InvitationLetter(meeting_id=meeting.id, reply_by=reply_by,
                                        subject=TranslatedText(letter.subject),
                                        body=TranslatedText(letter.body)))


def _shift(moment: datetime | None, days: int, source_zone: str,
           zone: str) -> datetime | None:
    """A time of meeting n at the same wall-clock time `days` later in meeting n+1's zone.

    Times are stored as naive UTC: shifting them as they are would keep the instant, so
    09:30 in Seoul would become 07:30 in Bangkok. The local time is what is kept."""
    if moment is None:
        return None
    wall = _local(moment, source_zone).replace(tzinfo=None) + timedelta(days=days)
    return wall.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC).replace(tzinfo=None)


def _local(moment: datetime, zone: str) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone(ZoneInfo(zone))


def _copy_agenda(source, meeting, rooms, result: CloneResult) -> None:
    offset = (meeting.start_date - source.start_date).days
    zones = (source.timezone, meeting.timezone)
    last_day = meeting.end_date
    sessions = db.session.scalars(select(AgendaSession).where(
        AgendaSession.meeting_id == source.id).order_by(AgendaSession.starts_at,
                                                          AgendaSession.position)).all()
    first = None
    for block in sessions:
        starts = _shift(block.starts_at, offset, *zones)
        if starts and _local(starts, meeting.timezone).date() > last_day:
            continue  # the new meeting is shorter: its sessions stop at its last day
        copy = AgendaSession(meeting_id=meeting.id, title=TranslatedText(block.title),
                             starts_at=starts, ends_at=_shift(block.ends_at, offset, *zones),
                             position=block.position,
                             room_id=rooms[block.room_id].id if block.room_id in rooms
                             else None)
        db.session.add(copy)
        db.session.flush()
        first = first or copy
        result.sessions += 1
        position = 0
        for item in sorted(block.items, key=lambda i: i.position):
            if not item.standing or item.parent_id is not None:
                continue
            position += 1
            db.session.add(AgendaItem(
                meeting_id=meeting.id, session_id=copy.id, position=position,
                title=TranslatedText(item.title), description=TranslatedText(item.description),
                starts_at=_shift(item.starts_at, offset, *zones),
                ends_at=_shift(item.ends_at, offset, *zones),
                room_id=rooms[item.room_id].id if item.room_id in rooms else None,
                visibility=item.visibility, standing=True))
            result.items += 1
    if first is not None:
        last = db.session.scalar(select(func.max(AgendaItem.position)).where(
            AgendaItem.session_id == first.id)) or 0
        _follow_up_item(meeting, first, last + 1)
        result.items += 1


def _follow_up_item(meeting, block: AgendaSession, position: int) -> AgendaItem:
    """The item under which the tracker of carried-forward action points is discussed."""
    title = {}
    for code in LOCALES:
        with force_locale(code):
            title[code] = _("Follow-up of action points from earlier meetings")
    item = AgendaItem(meeting_id=meeting.id, session_id=block.id, position=position,
                      title=TranslatedText(title), description=TranslatedText(),
                      visibility=Visibility.DELEGATES, standing=False)
    db.session.add(item)
    db.session.flush()
    return item


# --- action points carried forward ----------------------------------------------------------

@dataclass
class CarriedAction:
    action: object
    meeting: Meeting
    minutes_approved: bool


def carried_forward(meeting: Meeting, *, levels: set | None = None) -> list[CarriedAction]:
    """Open action points recorded at earlier meetings of the series, oldest meeting first.

    `levels` is the reader's agenda visibility levels at this meeting; None is the
    secretariat, who sees every open action point. Anyone else sees only those of approved
    minutes, on items they may see (draft minutes stay with the secretariat)."""
    from app.minutes.models import ActionPoint, ActionStatus, Minutes, MinutesStatus

    earlier = db.session.scalars(select(Meeting).where(
        Meeting.series_id == meeting.series_id, Meeting.number < meeting.number)).all()
    if not earlier:
        return []
    approved = {m.meeting_id for m in db.session.scalars(select(Minutes).where(
        Minutes.meeting_id.in_([e.id for e in earlier]),
        Minutes.status == MinutesStatus.APPROVED))}
    by_id = {e.id: e for e in earlier}
    query = select(ActionPoint).where(
        ActionPoint.meeting_id.in_(list(by_id)), ActionPoint.status == ActionStatus.OPEN)
    if levels is not None:
        query = query.join(AgendaItem, AgendaItem.id == ActionPoint.item_id).where(
            ActionPoint.meeting_id.in_(list(approved)), AgendaItem.visibility.in_(list(levels)))
    rows = db.session.scalars(query.order_by(ActionPoint.due_date, ActionPoint.id)).all()
    return [CarriedAction(a, by_id[a.meeting_id], a.meeting_id in approved) for a in rows]


# --- archive and search ---------------------------------------------------------------------

def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold()


@dataclass
class Hit:
    resolution: object
    language: str
    snippet: str


def search_resolutions(series: Series, query: str) -> list[Hit]:
    """Adopted resolutions of the series whose symbol, sponsors or text (in any language)
    contain the query."""
    from app.resolutions.models import Resolution, ResolutionState

    needle = _fold(" ".join((query or "").split()))[:200]
    if len(needle) < 2:
        return []
    resolutions = db.session.scalars(select(Resolution).join(Meeting).where(
        Meeting.series_id == series.id, Resolution.state == ResolutionState.ADOPTED)
        .order_by(Meeting.number, Resolution.number)).all()
    hits = []
    for resolution in resolutions:
        found = _match(resolution, needle)
        if found:
            hits.append(Hit(resolution, *found))
    return hits


def _match(resolution, needle: str) -> tuple[str, str] | None:
    if needle in _fold(resolution.symbol):
        return resolution.original_language, resolution.symbol
    for sponsor in resolution.sponsors:
        names = [sponsor.organisation.code, sponsor.organisation.acronym,
                 *(sponsor.organisation.name or {}).values()]
        if any(needle in _fold(name) for name in names if name):
            return resolution.original_language, _("Sponsor")
    for edition in resolution.texts:
        texts = [edition.title, *((p.text or {}).get(edition.language, "")
                                  for p in resolution.paragraphs)]
        for text in texts:
            folded = _fold(text)
            at = folded.find(needle)
            if at >= 0:
                start = max(at - 60, 0)
                return edition.language, text[start:at + len(needle) + 60].replace("*", "")
    return None


@dataclass
class ArchivedMeeting:
    meeting: Meeting
    agenda_version: object
    minutes_languages: list[str]
    resolutions: list
    documents: int = 0  # issued and current (the documents register)


def archive(series: Series) -> list[ArchivedMeeting]:
    from app.agenda.models import AgendaVersion, VersionKind
    from app.doc_register.services import issued_count
    from app.minutes.models import Minutes, MinutesStatus
    from app.minutes.services import languages
    from app.resolutions.models import Resolution, ResolutionState

    result = []
    for meeting in series.meetings:
        version = db.session.scalar(select(AgendaVersion).where(
            AgendaVersion.meeting_id == meeting.id,
            AgendaVersion.kind != VersionKind.PROVISIONAL)
            .order_by(AgendaVersion.number.desc()).limit(1)) or db.session.scalar(
            select(AgendaVersion).where(AgendaVersion.meeting_id == meeting.id)
            .order_by(AgendaVersion.number.desc()).limit(1))
        minutes = db.session.scalar(select(Minutes).where(Minutes.meeting_id == meeting.id))
        approved = minutes is not None and minutes.status == MinutesStatus.APPROVED
        resolutions = db.session.scalars(select(Resolution).where(
            Resolution.meeting_id == meeting.id, Resolution.state == ResolutionState.ADOPTED)
            .options(selectinload(Resolution.texts)).order_by(Resolution.number)).all()
        result.append(ArchivedMeeting(meeting, version,
                                      languages(minutes) if approved else [], resolutions,
                                      issued_count(meeting)))
    return result
