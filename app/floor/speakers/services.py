"""The list of speakers' steps: the chair opens and closes an item's list, delegations ask for
the floor (their own; the chair for any), the chair reorders, gives the floor and ends each
intervention, which is then the record of who spoke, when and for how long; the interventions
offered as the start of the item's minutes; the room display's state and its signed link."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import event, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.agenda.models import AgendaItem, AgendaSession, ItemStatus
from app.agenda.services import serialize
from app.audit.services import record
from app.errors import DomainError
from app.extensions import db
from app.floor.speakers.models import (
    DEFAULT_LIMIT,
    KIND_RANK,
    OPEN_STATES,
    FloorState,
    ListStatus,
    RequestKind,
    RequestState,
    SpeakerRequest,
    SpeakersList,
)
from app.i18n import LOCALES, TranslatedText, to_zone
from app.meetings.models import MeetingOrganisation, Organisation
from app.minutes import services as minutes_services
from app.models_base import utcnow

MIN_LIMIT, MAX_LIMIT = 10, 7200
DISPLAY_HOURS = (1, 24 * 14)  # a display link lives from an hour to two weeks


class FloorError(DomainError):
    """Bad input, or a step not allowed now, on the list of speakers."""


# --- the meeting's floor ----------------------------------------------------------------------

def floor_of(meeting) -> FloorState:
    """The meeting's floor state, made on first use (a parallel first use finds the other's)."""
    found = db.session.scalar(select(FloorState).where(FloorState.meeting_id == meeting.id))
    if found is not None:
        return found
    try:
        with db.session.begin_nested():
            found = FloorState(meeting_id=meeting.id, limit_seconds=DEFAULT_LIMIT, version=1)
            db.session.add(found)
    except IntegrityError:
        found = db.session.scalar(select(FloorState).where(FloorState.meeting_id == meeting.id))
    return found


def version_of(meeting_id: int) -> int:
    """The display's version: one small query, asked on every poll."""
    return db.session.scalar(select(FloorState.version).where(
        FloorState.meeting_id == meeting_id)) or 0


def _agenda_written(_mapper, connection, target) -> None:
    """An agenda item or session was added, changed or deleted: the state shows the agenda's
    items (their numbers, titles, order and status), so the floor's version goes up in the
    same transaction. Every worker of every instance then sees a new ETag and reads the state
    afresh, as after a change on the floor itself."""
    table = FloorState.__table__
    connection.execute(update(table).where(table.c.meeting_id == target.meeting_id)
                       .values(version=table.c.version + 1))


def follow_agenda() -> None:
    """Raise the floor's version whenever the agenda is written (once per process; called
    when the application is set up)."""
    for model in (AgendaItem, AgendaSession):
        for kind in ("after_insert", "after_update", "after_delete"):
            if not event.contains(model, kind, _agenda_written):
                event.listen(model, kind, _agenda_written)


def _changed(meeting) -> None:
    """Raise the version the displays and phones compare (in the database, so parallel
    changes each count)."""
    floor_of(meeting)
    db.session.execute(update(FloorState).where(FloorState.meeting_id == meeting.id)
                       .values(version=FloorState.version + 1))


def _limit(value, field: str) -> int:
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        seconds = -1
    if not MIN_LIMIT <= seconds <= MAX_LIMIT:
        raise FloorError(_(
            "Give a time limit between %(low)s and %(high)s.",
            low=ngettext("%(num)d second", "%(num)d seconds", MIN_LIMIT),
            high=ngettext("%(num)d minute", "%(num)d minutes", MAX_LIMIT // 60)), field)
    return seconds


def set_meeting_limit(meeting, seconds, *, actor=None) -> None:
    floor = floor_of(meeting)
    floor.limit_seconds = _limit(seconds, "limit_seconds")
    record("floor.limit_set", meeting, meeting=meeting, actor=actor, seconds=floor.limit_seconds)
    _changed(meeting)


def set_current_item(meeting, item: AgendaItem, *, actor=None) -> None:
    """Put an item before the room (the display shows it and its list)."""
    _item_of(meeting, item)
    floor_of(meeting).current_item_id = item.id
    record("floor.item_shown", item, meeting=meeting, actor=actor)
    _changed(meeting)


# --- lists ------------------------------------------------------------------------------------

def _item_of(meeting, item: AgendaItem | None) -> AgendaItem:
    if item is None or item.meeting_id != meeting.id:
        raise FloorError(_("Choose an item of the agenda."), "item_id")
    return item


def list_of(item: AgendaItem) -> SpeakersList | None:
    return db.session.scalar(select(SpeakersList).where(SpeakersList.item_id == item.id))


def lists_by_item(meeting) -> dict[int, SpeakersList]:
    return {lst.item_id: lst for lst in db.session.scalars(
        select(SpeakersList).where(SpeakersList.meeting_id == meeting.id))}


def open_list(meeting, item: AgendaItem, *, actor=None) -> SpeakersList:
    """Open (or reopen) the item's list and put the item before the room."""
    _item_of(meeting, item)
    if item.status == ItemStatus.CANCELLED:
        raise FloorError(_("This item is cancelled; it has no list of speakers."))
    lst = list_of(item)
    if lst is None:
        try:
            with db.session.begin_nested():
                lst = SpeakersList(meeting_id=meeting.id, item_id=item.id)
                db.session.add(lst)
        except IntegrityError:
            lst = list_of(item)
    lst.status, lst.closed_at = ListStatus.OPEN, None
    floor_of(meeting).current_item_id = item.id
    record("floor.list_opened", item, meeting=meeting, actor=actor)
    _changed(meeting)
    return lst


def close_list(lst: SpeakersList, *, actor=None) -> None:
    """No more requests from the delegations; the chair may still add one."""
    if lst.status == ListStatus.CLOSED:
        raise FloorError(_("The list of speakers is already closed."))
    lst.status, lst.closed_at = ListStatus.CLOSED, utcnow()
    record("floor.list_closed", lst.item, meeting=lst.meeting, actor=actor)
    _changed(lst.meeting)


def set_item_limit(lst: SpeakersList, seconds, *, actor=None) -> None:
    """The item's own limit per intervention; blank: the meeting's."""
    lst.limit_seconds = None if seconds in (None, "", 0) else _limit(seconds, "limit_seconds")
    record("floor.limit_set", lst.item, meeting=lst.meeting, actor=actor,
           seconds=lst.limit_seconds)
    _changed(lst.meeting)


def limit_of(lst: SpeakersList | None, floor: FloorState) -> int:
    return (lst.limit_seconds if lst is not None and lst.limit_seconds else None) \
        or floor.limit_seconds


def delegations(meeting) -> list[Organisation]:
    """The delegations that may be given the floor: the meeting's participants."""
    return list(db.session.scalars(
        select(Organisation).join(MeetingOrganisation,
                                  MeetingOrganisation.organisation_id == Organisation.id)
        .where(MeetingOrganisation.meeting_id == meeting.id).order_by(Organisation.code)))


def queue(lst: SpeakersList) -> list[SpeakerRequest]:
    """Who waits, in the order they will be heard: points of order, rights of reply, then
    the speeches in the list's order."""
    waiting = [r for r in lst.requests if r.state == RequestState.WAITING]
    return sorted(waiting, key=lambda r: (KIND_RANK[r.kind], r.position, r.id))


def speaking(lst: SpeakersList) -> SpeakerRequest | None:
    return next((r for r in lst.requests if r.state == RequestState.SPEAKING), None)


def interventions(lst: SpeakersList) -> list[SpeakerRequest]:
    """The interventions given, in the order they were heard."""
    return sorted((r for r in lst.requests if r.state == RequestState.DONE),
                  key=lambda r: (r.started_at, r.id))


# --- asking for the floor ---------------------------------------------------------------------

@dataclass
class Asker:
    """Who asks: the organisations they may ask for, and whether they chair (any delegation,
    and a closed list too)."""

    user: object
    own: frozenset[int]
    chair: bool = False


def ask(lst: SpeakersList | None, organisation_id, *, kind="speech", speaker_name: str = "",
        asker: Asker) -> SpeakerRequest:
    """Add a delegation to the list: refused when the list is not open (for the chair: not
    there), for another delegation, or when that delegation already waits or speaks."""
    if lst is None:
        raise FloorError(_("The list of speakers on this item is not open."))
    meeting = lst.meeting
    try:
        kind = RequestKind(kind)
    except ValueError as exc:
        raise FloorError(_("Choose why you ask for the floor."), "kind") from exc
    try:
        organisation_id = int(organisation_id)
    except (TypeError, ValueError):
        organisation_id = 0
    if organisation_id not in {org.id for org in delegations(meeting)}:
        raise FloorError(_("Choose a delegation of this meeting."), "organisation_id")
    if not asker.chair:
        if organisation_id not in asker.own:
            raise FloorError(_("You may ask for the floor only for your own delegation."),
                             "organisation_id")
        if lst.status != ListStatus.OPEN:
            raise FloorError(_("The list of speakers on this item is closed."))
    name = " ".join((speaker_name or "").split())[:200]
    if _open_request(lst, organisation_id, kind) is not None:
        raise _twice(kind)
    position = (db.session.scalar(select(func.max(SpeakerRequest.position)).where(
        SpeakerRequest.list_id == lst.id)) or 0) + 1
    request = SpeakerRequest(list_id=lst.id, organisation_id=organisation_id, kind=kind,
                             speaker_name=name, position=position,
                             requested_by_id=getattr(asker.user, "id", None))
    try:
        with db.session.begin_nested():
            db.session.add(request)
    except IntegrityError as exc:  # a parallel request of the same delegation came first
        raise _twice(kind) from exc
    if asker.chair:
        record("floor.speaker_added", lst.item, meeting=meeting, actor=asker.user,
               organisation=organisation_id, kind=kind.value)
    _changed(meeting)
    return request


def _open_request(lst: SpeakersList, organisation_id: int, kind: RequestKind):
    return db.session.scalar(select(SpeakerRequest.id).where(
        SpeakerRequest.list_id == lst.id, SpeakerRequest.organisation_id == organisation_id,
        SpeakerRequest.kind == kind, SpeakerRequest.state.in_(OPEN_STATES)))


def _twice(kind: RequestKind) -> FloorError:
    if kind == RequestKind.SPEECH:
        return FloorError(_("This delegation is already on the list of speakers for this "
                            "item."), "organisation_id")
    if kind == RequestKind.POINT_OF_ORDER:
        return FloorError(_("This delegation has already raised a point of order that is "
                            "still waiting."), "organisation_id")
    return FloorError(_("This delegation has already asked for a right of reply that is "
                        "still waiting."), "organisation_id")


def withdraw(request: SpeakerRequest, *, actor=None, chair: bool = False) -> None:
    if request.state != RequestState.WAITING:
        raise FloorError(_("Only a request that is still waiting can be withdrawn."))
    request.state = RequestState.WITHDRAWN
    if chair:
        record("floor.speaker_removed", request.list.item, meeting=request.list.meeting,
               actor=actor, organisation=request.organisation_id)
    _changed(request.list.meeting)


def move(request: SpeakerRequest, direction: str, *, actor=None) -> None:
    """One place up or down among the waiting requests of the same kind."""
    if request.state != RequestState.WAITING or direction not in ("up", "down"):
        raise FloorError(_("Only a request that is still waiting can be moved."))
    same = [r for r in queue(request.list) if r.kind == request.kind]
    index = same.index(request)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(same):
        return
    neighbour = same[other]
    request.position, neighbour.position = neighbour.position, request.position
    if request.position == neighbour.position:  # equal after a race: make them differ
        request.position += -1 if direction == "up" else 1
    record("floor.list_reordered", request.list.item, meeting=request.list.meeting,
           actor=actor, organisation=request.organisation_id, direction=direction)
    _changed(request.list.meeting)


# --- the floor --------------------------------------------------------------------------------

def _end(request: SpeakerRequest) -> None:
    request.state = RequestState.DONE
    request.duration_seconds = max(0, int((utcnow() - request.started_at).total_seconds()))


def give_floor(lst: SpeakersList, request_id=None, *, speaker_name: str | None = None,
               actor=None) -> SpeakerRequest:
    """End the intervention under way, if any, and give the floor to `request_id` (default:
    the first in the queue); its timer starts now."""
    waiting = queue(lst)
    if request_id:
        chosen = next((r for r in waiting if str(r.id) == str(request_id)), None)
        if chosen is None:
            raise FloorError(_("That delegation is no longer waiting for the floor."))
    elif waiting:
        chosen = waiting[0]
    else:
        raise FloorError(_("Nobody is waiting for the floor."))
    current = speaking(lst)
    if current is not None:
        _end(current)
        db.session.flush()  # its open slot is free before the next one takes the floor
    chosen.state, chosen.started_at = RequestState.SPEAKING, utcnow()
    if speaker_name is not None and speaker_name.strip():
        chosen.speaker_name = " ".join(speaker_name.split())[:200]
    floor_of(lst.meeting).current_item_id = lst.item_id
    record("floor.floor_given", lst.item, meeting=lst.meeting, actor=actor,
           organisation=chosen.organisation_id, kind=chosen.kind.value)
    _changed(lst.meeting)
    return chosen


def end_intervention(lst: SpeakersList, *, actor=None) -> SpeakerRequest:
    current = speaking(lst)
    if current is None:
        raise FloorError(_("Nobody has the floor."))
    _end(current)
    record("floor.intervention_ended", lst.item, meeting=lst.meeting, actor=actor,
           organisation=current.organisation_id, seconds=current.duration_seconds)
    _changed(lst.meeting)
    return current


# --- the minutes ------------------------------------------------------------------------------

def _duration_text(seconds: int) -> str:
    minutes, rest = divmod(int(seconds or 0), 60)
    if minutes:
        return _("%(min)d min %(sec)02d s", min=minutes, sec=rest)
    return _("%(sec)d s", sec=rest)


def minutes_text(lst: SpeakersList, language: str, zone: str) -> str:
    """The interventions as Markdown in `language`: the start of the item's minutes."""
    given = interventions(lst)
    with force_locale(language):
        if not given:
            return ""
        lines = [_("Interventions on this item:"), ""]
        for number, request in enumerate(given, start=1):
            delegation = TranslatedText(request.organisation.name).resolve(language).text
            who = _("%(delegation)s (%(speaker)s)", delegation=delegation,
                    speaker=request.speaker_name) if request.speaker_name else delegation
            if request.kind != RequestKind.SPEECH:
                who = _("%(who)s, %(kind)s", who=who, kind=request.kind.label)
            line = _("%(who)s: from %(time)s, %(duration)s", who=who,
                     time=to_zone(request.started_at, zone).strftime("%H:%M"),
                     duration=_duration_text(request.duration_seconds))
            lines.append(f"{number}. {line}")
        return "\n".join(lines)


def offer_to_minutes(lst: SpeakersList, *, actor=None) -> str:
    """Put the interventions at the start of the item's minutes in the minutes' language
    (once: when the entry already starts with them, nothing changes). Returns the language."""
    meeting = lst.meeting
    minutes = minutes_services.minutes_of(meeting)
    language = minutes.original_language
    text = minutes_text(lst, language, meeting.timezone)
    if not text:
        raise FloorError(_("No intervention has been recorded on this item yet."))
    entry = next((e for e in minutes.entries
                  if e.item_id == lst.item_id and e.language == language), None)
    body = entry.body if entry else ""
    if body.startswith(text):
        raise FloorError(_("The item's minutes already start with these interventions."))
    try:
        minutes_services.save_entry(
            minutes, lst.item_id, language, body=f"{text}\n\n{body}".strip(),
            status=(entry.status.value if entry else "draft"),
            version=entry.version if entry else 0, author=actor)
    except minutes_services.MinutesError as error:
        raise FloorError(error.message) from error
    except minutes_services.StaleEdit as error:
        raise FloorError(_("The item's minutes changed meanwhile; try again.")) from error
    return language


# --- the room display's link ------------------------------------------------------------------

def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="floor-display")


def issue_display_link(meeting, hours, *, actor=None) -> str:
    """A new key for the projector (no session needed); every earlier key stops working."""
    try:
        hours = int(hours)
    except (TypeError, ValueError):
        hours = 0
    if not DISPLAY_HOURS[0] <= hours <= DISPLAY_HOURS[1]:
        raise FloorError(ngettext(
            "Give a validity between %(low)d and %(high)d hour.",
            "Give a validity between %(low)d and %(high)d hours.", DISPLAY_HOURS[1],
            low=DISPLAY_HOURS[0], high=DISPLAY_HOURS[1]), "hours")
    floor = floor_of(meeting)
    floor.display_nonce = secrets.token_urlsafe(24)
    floor.display_expires_at = utcnow() + timedelta(hours=hours)
    record("floor.display_link_issued", meeting, meeting=meeting, actor=actor, hours=hours)
    return _serializer().dumps({"m": meeting.id, "n": floor.display_nonce})


def revoke_display_link(meeting, *, actor=None) -> None:
    floor = floor_of(meeting)
    floor.display_nonce, floor.display_expires_at = None, None
    record("floor.display_link_revoked", meeting, meeting=meeting, actor=actor)


def display_key_valid(meeting, key: str | None) -> bool:
    """The key of the meeting's current display link, before it expires."""
    if not key:
        return False
    try:
        data = _serializer().loads(key)
    except BadSignature:
        return False
    if not isinstance(data, dict) or data.get("m") != meeting.id:
        return False
    floor = db.session.scalar(select(FloorState).where(FloorState.meeting_id == meeting.id))
    return bool(floor and floor.display_nonce and secrets.compare_digest(
        str(data.get("n")), floor.display_nonce) and floor.display_expires_at
        and floor.display_expires_at > utcnow())


# --- what the room and the phones see ---------------------------------------------------------

def ordered_items(meeting) -> list[dict]:
    """The agenda's items and sub-items in order, numbered as printed."""
    found = []
    for block in serialize(meeting)["sessions"]:
        for item in block["items"]:
            found.append(item)
            found.extend(item["children"])
    return found


def _texts(value, languages) -> dict:
    text = TranslatedText(value or {})
    return {lang: text.resolve(lang).text for lang in languages}


def _labels(kind: RequestKind, languages) -> dict:
    found = {}
    for lang in languages:
        with force_locale(lang):
            found[lang] = kind.label
    return found


def _request_data(request: SpeakerRequest, languages) -> dict:
    org = request.organisation
    name = org.short_name if (org.short_name or {}) else org.name
    return {"id": request.id, "delegation": _texts(name, languages),
            "organisation_id": org.id, "name": request.speaker_name,
            "kind": request.kind.value, "kind_label": _labels(request.kind, languages),
            "started": request.started_at.isoformat() + "Z" if request.started_at else None}


def state(meeting, languages, *, item_id: int | None = None,
          levels: set[str] | None = None) -> dict:
    """The floor as the display and phones draw it: the item (`item_id`, else the one before
    the room) and the next, who speaks since when, the queue, the limit. `levels`: agenda
    visibility levels of the reader (None: all)."""
    languages = [lang for lang in languages if lang in LOCALES] or ["en"]
    floor = floor_of(meeting)
    items = [i for i in ordered_items(meeting) if i["status"] != ItemStatus.CANCELLED.value
             and (levels is None or i["visibility"] in levels)]
    wanted = item_id if item_id is not None else floor.current_item_id
    index = next((n for n, i in enumerate(items) if i["id"] == wanted), None)
    data = {"version": floor.version, "meeting_limit": floor.limit_seconds, "item": None,
            "next_item": None, "list": None, "speaker": None, "queue": [],
            "limit": floor.limit_seconds, "current_item_id": floor.current_item_id}
    if index is None:
        return data
    item = items[index]
    data["item"] = {"id": item["id"], "number": item["number"],
                    "title": _texts(item["title"], languages)}
    if index + 1 < len(items):
        following = items[index + 1]
        data["next_item"] = {"id": following["id"], "number": following["number"],
                             "title": _texts(following["title"], languages)}
    lst = db.session.scalar(select(SpeakersList).where(SpeakersList.item_id == item["id"])
                            .options(selectinload(SpeakersList.requests)
                                     .selectinload(SpeakerRequest.organisation)))
    data["limit"] = limit_of(lst, floor)
    if lst is not None:
        data["list"] = lst.status.value
        current = speaking(lst)
        data["speaker"] = _request_data(current, languages) if current else None
        data["queue"] = [_request_data(r, languages) for r in queue(lst)]
        data["spoken"] = len(interventions(lst))
    return data
