"""Hotels and room blocks, and putting people into rooms.

Who may do what is the web layer's question (access): the secretariat and the logistics role
everywhere, a head of delegation in the blocks reserved for the delegation. The rules here hold
for every way in: a room of a block reserved for a delegation holds only its members, a room
holds at most its type's occupancy, a person's nights lie inside the block, and no night of a
block gives out more rooms than its allotment. The two counts are kept by the database (CHECK
constraints on block_night and booked_room) and changed by one conditional UPDATE each, so that
two requests racing for the last room cannot both get it; the room's row is locked first, so
that the nights it holds are read after any other change to the same room.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from babel.numbers import list_currencies
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.audit.services import record
from app.errors import DomainError, Problems
from app.extensions import db
from app.i18n import LOCALES, TranslatedText
from app.logistics.accommodation.models import (
    MAX_OCCUPANCY,
    BlockNight,
    BookedRoom,
    Hotel,
    RoomBlock,
    Stay,
    nights_between,
)
from app.meetings.models import MeetingOrganisation
from app.registration.models import HOLDS_SEAT, Registration
from app.text import date_window, email_address, one_line, paragraphs

#: The most rooms a block may hold per night.
MAX_ALLOTMENT = 2000


class AccommodationError(DomainError):
    """Bad input or a step not allowed now; `field` names the form's input."""


# --- hotels -----------------------------------------------------------------------------------

def _texts(problems: Problems, values: dict | None, name: str, limit: int, *,
           lines: bool = False) -> TranslatedText:
    clean = paragraphs if lines else one_line
    typed = {code: problems.check(clean, value, f"{name}_{code}", limit=limit,
                                  error=AccommodationError, default="")
             for code, value in (values or {}).items() if code in LOCALES}
    return TranslatedText({code: text for code, text in typed.items() if text})


def _required_in(problems: Problems, meeting, text: TranslatedText, name: str,
                 message: str) -> None:
    if not text.get(meeting.working_language):
        problems.add(message, f"{name}_{meeting.working_language}")


def save_hotel(meeting, hotel: Hotel | None, *, name: dict, address: dict | None = None,
               contact: dict | None = None, phone: str = "", email: str = "",
               actor=None) -> Hotel:
    """Create (hotel None) or change a hotel; every problem reported at once."""
    problems = Problems(AccommodationError)
    names = _texts(problems, name, "name", 200)
    addresses = _texts(problems, address, "address", 500, lines=True)
    contacts = _texts(problems, contact, "contact", 300, lines=True)
    _required_in(problems, meeting, names, "name",
                 _("Give the hotel's name in the meeting's working language."))
    phone = problems.check(one_line, phone, "phone", limit=40, error=AccommodationError,
                           default="")
    if email and email.strip():
        email = problems.check(email_address, email, "email", error=AccommodationError,
                               default="")
    problems.raise_if_any()
    created = hotel is None
    if created:
        hotel = Hotel(meeting_id=meeting.id)
        db.session.add(hotel)
    hotel.name, hotel.address, hotel.contact = names, addresses, contacts
    hotel.phone, hotel.email = phone, (email or "").strip()
    db.session.flush()
    record("accommodation.hotel_created" if created else "accommodation.hotel_changed", hotel,
           meeting=meeting, actor=actor, name=names.get(meeting.working_language))
    return hotel


def hotels(meeting) -> list[Hotel]:
    return list(db.session.scalars(
        select(Hotel).where(Hotel.meeting_id == meeting.id).order_by(Hotel.id)
        .options(selectinload(Hotel.blocks).selectinload(RoomBlock.nights))))


# --- room blocks ------------------------------------------------------------------------------

@dataclass
class BlockDetails:
    room_type: dict
    occupancy: int | str | None
    rate: Decimal | str | None
    currency: str
    first_night: date | None
    last_night: date | None
    allotment: int | str | None
    release_date: date | None = None
    organisation_id: int | None = None


def _whole(problems: Problems, value, name: str, low: int, high: int, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not low <= number <= high:
        problems.add(message, name)
        return low
    return number


def _validate_block(meeting, hotel: Hotel, details: BlockDetails) -> dict:
    problems = Problems(AccommodationError)
    room_type = _texts(problems, details.room_type, "room_type", 120)
    _required_in(problems, meeting, room_type, "room_type",
                 _("Give the room type in the meeting's working language."))
    occupancy = _whole(problems, details.occupancy, "occupancy", 1, MAX_OCCUPANCY, ngettext(
        "A room holds from 1 to %(most)d person.", "A room holds from 1 to %(most)d people.",
        MAX_OCCUPANCY, most=MAX_OCCUPANCY))
    allotment = _whole(problems, details.allotment, "allotment", 0, MAX_ALLOTMENT, _(
        "The allotment is a number of rooms per night, from 0 to %(most)d.",
        most=MAX_ALLOTMENT))
    try:
        rate = Decimal(str(details.rate).strip().replace(",", "."))
        if not rate.is_finite() or rate < 0 or rate >= Decimal("100000000"):
            raise InvalidOperation
        rate = rate.quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        problems.add(_("Give the nightly rate as a number, for example 180000 or 149.50."),
                     "rate")
        rate = Decimal(0)
    currency = (details.currency or "").strip().upper()
    if currency not in list_currencies():
        problems.add(_("Give the currency as its three-letter ISO 4217 code, for example "
                       "KRW, USD or EUR."), "currency")
    first_window, last_window = date_window(meeting, before=1, after=1)
    for name in ("first_night", "last_night"):
        value = getattr(details, name)
        if value is None:
            problems.add(_("This field is required."), name)
        elif not first_window <= value <= last_window:
            problems.add(_("Enter a date between %(first)s and %(last)s.",
                           first=format_date(first_window, "long"),
                           last=format_date(last_window, "long")), name)
    first, last = details.first_night, details.last_night
    if first and last and last < first:
        problems.add(_("The last night comes before the first night."), "last_night")
    release = details.release_date
    if release is not None and first is not None and release > first:
        problems.add(_("The release date must fall on or before the first night of the "
                       "block (%(night)s): rooms are released before guests arrive.",
                       night=format_date(first, "long")), "release_date")
    organisation_id = details.organisation_id or None
    if organisation_id is not None and not db.session.scalar(
            select(MeetingOrganisation.organisation_id).where(
                MeetingOrganisation.meeting_id == meeting.id,
                MeetingOrganisation.organisation_id == organisation_id)):
        problems.add(_("Choose a delegation of this meeting."), "organisation_id")
    problems.raise_if_any()
    return {"room_type": room_type, "occupancy": occupancy, "allotment": allotment,
            "rate": rate, "currency": currency, "first_night": first, "last_night": last,
            "release_date": release, "organisation_id": organisation_id}


def save_block(hotel: Hotel, block: RoomBlock | None, details: BlockDetails, *,
               actor=None) -> RoomBlock:
    """Create or change a block. A night that leaves the block, or an allotment lowered below
    the rooms already given out, is refused while rooms are taken on it."""
    meeting = hotel.meeting
    values = _validate_block(meeting, hotel, details)
    created = block is None
    if created:
        block = RoomBlock(hotel=hotel)
        db.session.add(block)
    else:
        _check_block_change(block, values)
    if not created and block.occupancy != values["occupancy"] and block.rooms:
        raise AccommodationError(_(
            "Rooms of this block are already given out: its occupancy can no longer change."),
            "occupancy")
    if not created and values["organisation_id"] != block.organisation_id and any(
            s.registration.organisation_id != values["organisation_id"]
            for room in block.rooms for s in room.stays) and values["organisation_id"]:
        raise AccommodationError(_(
            "People of other delegations stay in this block: move them before reserving it "
            "for one delegation."), "organisation_id")
    for name, value in values.items():
        setattr(block, name, value)
    db.session.flush()
    wanted = set(nights_between(block.first_night, block.last_night))
    existing = {n.night: n for n in db.session.scalars(
        select(BlockNight).where(BlockNight.block_id == block.id))}
    for night, row in existing.items():
        if night not in wanted:
            db.session.delete(row)
        else:
            row.allotment = block.allotment
    for night in sorted(wanted - existing.keys()):
        db.session.add(BlockNight(block_id=block.id, night=night, allotment=block.allotment,
                                  taken=0))
    try:
        db.session.flush()
    except IntegrityError as exc:  # a room was taken meanwhile: the CHECK had the last word
        raise AccommodationError(_(
            "Someone gave out rooms of this block meanwhile: nothing was saved. Reload the "
            "page and try again."), "allotment") from exc
    db.session.expire(block, ["nights"])
    record("accommodation.block_created" if created else "accommodation.block_changed", block,
           meeting=meeting, actor=actor, hotel=hotel.id, allotment=block.allotment,
           first_night=block.first_night.isoformat(), last_night=block.last_night.isoformat())
    return block


def _check_block_change(block: RoomBlock, values: dict) -> None:
    problems = Problems(AccommodationError)
    taken = {n.night: n.taken for n in db.session.scalars(
        select(BlockNight).where(BlockNight.block_id == block.id).with_for_update())}
    most = max(taken.values(), default=0)
    if values["allotment"] < most:
        problems.add(ngettext(
            "%(num)d room is already given out on one night: the allotment cannot be lower.",
            "%(num)d rooms are already given out on one night: the allotment cannot be lower.",
            most), "allotment")
    kept = set(nights_between(values["first_night"], values["last_night"]))
    lost = sorted(night for night, count in taken.items() if count and night not in kept)
    if lost:
        problems.add(_("Rooms are given out on %(nights)s: those nights must stay in the block.",
                       nights=", ".join(format_date(n, "long") for n in lost)), "first_night")
    problems.raise_if_any()


def delete_block(block: RoomBlock, *, actor=None) -> None:
    if block.rooms:
        raise AccommodationError(_("People stay in this block: free their rooms first."))
    record("accommodation.block_deleted", block, meeting=block.hotel.meeting, actor=actor,
           hotel=block.hotel_id)
    db.session.delete(block)
    db.session.flush()


# --- nights -----------------------------------------------------------------------------------

def derived_nights(registration: Registration, block: RoomBlock) -> tuple[date, date]:
    """The nights between the person's arrival and departure (the night of arrival to the night
    before departure), kept inside the block; without travel dates, the meeting's nights (the
    eve of the first day to the last day)."""
    meeting = registration.meeting
    first = registration.arrival_date or meeting.start_date - timedelta(days=1)
    last = (registration.departure_date - timedelta(days=1)
            if registration.departure_date else meeting.end_date)
    if registration.arrival_date and registration.departure_date and last < first:
        raise AccommodationError(_(
            "%(name)s arrives and leaves on the same day: there is no night to book. Give the "
            "nights by hand.", name=registration.display_name), "first_night")
    first, last = max(first, block.first_night), min(last, block.last_night)
    if last < first:
        raise AccommodationError(_(
            "%(name)s's travel dates do not overlap the block's nights (%(first)s to "
            "%(last)s). Give the nights by hand, or choose another block.",
            name=registration.display_name, first=format_date(block.first_night, "long"),
            last=format_date(block.last_night, "long")), "first_night")
    return first, last


def _checked_nights(block: RoomBlock, first: date | None, last: date | None,
                    registration: Registration) -> tuple[date, date]:
    if first is None and last is None:
        return derived_nights(registration, block)
    problems = Problems(AccommodationError)
    if first is None or last is None:
        derived = derived_nights(registration, block)
        first, last = first or derived[0], last or derived[1]
    if last < first:
        problems.add(_("The last night comes before the first night."), "last_night")
    elif first < block.first_night or last > block.last_night:
        problems.add(_("The nights must lie inside the block: from %(first)s to %(last)s.",
                       first=format_date(block.first_night, "long"),
                       last=format_date(block.last_night, "long")), "first_night")
    problems.raise_if_any()
    return first, last


def _room_nights(room_id: int) -> set[date]:
    rows = db.session.execute(select(Stay.first_night, Stay.last_night)
                              .where(Stay.room_id == room_id)).all()
    return {night for first, last in rows for night in nights_between(first, last)}


def _take_nights(block: RoomBlock, nights: set[date]) -> None:
    """One more room on each of the nights, or the error naming the nights without one (read
    first for the message; the conditional UPDATE and the CHECK decide, even in a race)."""
    if not nights:
        return
    free = set(db.session.scalars(select(BlockNight.night).where(
        BlockNight.block_id == block.id, BlockNight.night.in_(sorted(nights)),
        BlockNight.taken < BlockNight.allotment)))
    if free == nights:
        taken = db.session.execute(
            update(BlockNight).where(BlockNight.block_id == block.id,
                                     BlockNight.night.in_(sorted(nights)),
                                     BlockNight.taken < BlockNight.allotment)
            .values(taken=BlockNight.taken + 1).execution_options(synchronize_session=False))
        if taken.rowcount == len(nights):
            return
    full = sorted(nights - free) or sorted(nights)
    raise AccommodationError(ngettext(
        "The block has no room left on %(nights)s: its allotment is %(num)d room a night. "
        "Nothing was saved.",
        "The block has no room left on %(nights)s: its allotment is %(num)d rooms a night. "
        "Nothing was saved.", block.allotment,
        nights=", ".join(format_date(n, "long") for n in full)), "first_night")


def _release_nights(block: RoomBlock, nights: set[date]) -> None:
    if nights:
        db.session.execute(
            update(BlockNight).where(BlockNight.block_id == block.id,
                                     BlockNight.night.in_(sorted(nights)))
            .values(taken=BlockNight.taken - 1).execution_options(synchronize_session=False))


def _lock_room(room: BookedRoom, change: int) -> None:
    """Change the room's guest count (0: only lock its row) within its capacity."""
    query = update(BookedRoom).where(BookedRoom.id == room.id)
    if change > 0:
        query = query.where(BookedRoom.guests + change <= BookedRoom.capacity)
    done = db.session.execute(query.values(guests=BookedRoom.guests + change)
                              .execution_options(synchronize_session=False))
    if done.rowcount != 1:
        raise AccommodationError(ngettext(
            "This room is full: its room type holds %(num)d person.",
            "This room is full: its room type holds %(num)d people.", room.capacity), "room")
    db.session.expire(room, ["guests"])


def _settle_nights(room: BookedRoom, before: set[date]) -> None:
    db.session.flush()
    after = _room_nights(room.id)
    _release_nights(room.block, before - after)
    _take_nights(room.block, after - before)


# --- stays ------------------------------------------------------------------------------------

def stay_of(registration: Registration) -> Stay | None:
    return db.session.scalar(select(Stay).where(Stay.registration_id == registration.id)
                             .options(selectinload(Stay.room).selectinload(BookedRoom.block)
                                      .selectinload(RoomBlock.hotel)))


def assign(registration: Registration, block: RoomBlock, room: BookedRoom | None = None, *,
           first_night: date | None = None, last_night: date | None = None,
           actor=None) -> Stay:
    """Put a person into a room of the block: `room` to share one already given out, None for
    a new room. Nights default to those of the person's travel dates."""
    meeting = block.hotel.meeting
    problems = Problems(AccommodationError)
    if registration.meeting_id != meeting.id:
        raise AccommodationError(_("This person is not registered for this meeting."),
                                 "registration")
    if registration.status not in HOLDS_SEAT:
        problems.add(_("Only pending and approved registrations are given a room."),
                     "registration")
    if block.organisation_id and registration.organisation_id != block.organisation_id:
        problems.add(_("This block is reserved for another delegation."), "registration")
    if room is not None and room.block_id != block.id:
        problems.add(_("This room belongs to another block."), "room")
    if db.session.scalar(select(Stay.id).where(Stay.registration_id == registration.id)):
        problems.add(_("%(name)s already has a room: free it first.",
                       name=registration.display_name), "registration")
    nights = problems.check(_checked_nights, block, first_night, last_night, registration)
    problems.raise_if_any()
    if room is None:
        room = BookedRoom(block=block, capacity=block.occupancy, guests=0)
        db.session.add(room)
        db.session.flush()
    _lock_room(room, +1)
    before = _room_nights(room.id)
    stay = Stay(room=room, registration_id=registration.id, first_night=nights[0],
                last_night=nights[1])
    db.session.add(stay)
    try:
        _settle_nights(room, before)
    except IntegrityError as exc:  # the same person put into a room twice at once
        raise AccommodationError(_("%(name)s already has a room: free it first.",
                                   name=registration.display_name), "registration") from exc
    record("accommodation.assigned", stay, meeting=meeting, actor=actor,
           registration=registration.id, room=room.id, block=block.id,
           first_night=nights[0].isoformat(), last_night=nights[1].isoformat())
    return stay


def change_nights(stay: Stay, first_night: date | None, last_night: date | None, *,
                  actor=None) -> Stay:
    """New nights for a person (both empty: those of their travel dates again)."""
    room = stay.room
    first, last = _checked_nights(room.block, first_night, last_night, stay.registration)
    _lock_room(room, 0)
    before = _room_nights(room.id)
    stay.first_night, stay.last_night = first, last
    _settle_nights(room, before)
    record("accommodation.nights_changed", stay, meeting=room.block.hotel.meeting, actor=actor,
           registration=stay.registration_id, first_night=first.isoformat(),
           last_night=last.isoformat())
    return stay


def remove(stay: Stay, *, actor=None, cause: str | None = None) -> None:
    """Free a person's place; a room left empty goes back to the block. `cause`: the event that
    freed it, when not a hand on the rooming page (kept in the audit record)."""
    room = stay.room
    _lock_room(room, -1)
    before = _room_nights(room.id)
    details = {"cause": cause} if cause else {}
    record("accommodation.removed", stay, meeting=room.block.hotel.meeting, actor=actor,
           registration=stay.registration_id, room=room.id, **details)
    db.session.execute(delete(Stay).where(Stay.id == stay.id))
    db.session.expire(room, ["stays"])
    _settle_nights(room, before)
    if not db.session.scalar(select(Stay.id).where(Stay.room_id == room.id).limit(1)):
        db.session.execute(delete(BookedRoom).where(BookedRoom.id == room.id))
        db.session.expire(room.block, ["rooms"])
    db.session.expunge(stay)


def free_closed_registration(registration: Registration, actor=None) -> None:
    """A cancelled or rejected registration gives its room place back at once (registered as a
    close hook of app.registration when the application is set up)."""
    stay = stay_of(registration)
    if stay is not None:
        remove(stay, actor=actor, cause=f"registration.{registration.status.value}")


# --- what the pages and lists show ------------------------------------------------------------

def warnings(stay: Stay) -> list[str]:
    """Why a person's nights may be wrong: they differ from the travel dates, there are no
    travel dates, or the registration no longer holds a place."""
    r = stay.registration
    found = []
    if r.status not in HOLDS_SEAT:
        found.append(_("The registration is no longer active: free this room."))
    if r.arrival_date is None or r.departure_date is None:
        found.append(_("No arrival or departure date is known: check the nights."))
    if r.arrival_date and r.arrival_date != stay.first_night:
        found.append(_("Arrives on %(arrival)s, but the first night is %(night)s.",
                       arrival=format_date(r.arrival_date, "long"),
                       night=format_date(stay.first_night, "long")))
    if r.departure_date and r.departure_date != stay.check_out:
        found.append(_("Leaves on %(departure)s, but checks out on %(check_out)s.",
                       departure=format_date(r.departure_date, "long"),
                       check_out=format_date(stay.check_out, "long")))
    return found


def block_stays(block: RoomBlock) -> list[BookedRoom]:
    return list(db.session.scalars(
        select(BookedRoom).where(BookedRoom.block_id == block.id).order_by(BookedRoom.id)
        .options(selectinload(BookedRoom.stays).selectinload(Stay.registration)
                 .selectinload(Registration.organisation))))


def unhoused(meeting, organisation_ids: set[int] | None = None) -> list[Registration]:
    """Pending and approved registrations without a room (of some delegations, if given)."""
    query = (select(Registration).where(
        Registration.meeting_id == meeting.id, Registration.status.in_(HOLDS_SEAT),
        ~select(Stay.id).where(Stay.registration_id == Registration.id).exists())
        .options(selectinload(Registration.organisation))
        .order_by(Registration.family_name, Registration.given_names))
    if organisation_ids is not None:
        query = query.where(Registration.organisation_id.in_(organisation_ids or {0}))
    return list(db.session.scalars(query))


def delegation_stays(meeting, organisation_ids: set[int]) -> list[Stay]:
    return list(db.session.scalars(
        select(Stay).join(Stay.registration).where(
            Registration.meeting_id == meeting.id,
            Registration.organisation_id.in_(organisation_ids or {0}))
        .options(selectinload(Stay.room).selectinload(BookedRoom.block)
                 .selectinload(RoomBlock.hotel), selectinload(Stay.registration))
        .order_by(Registration.family_name)))


@dataclass
class RoomingRow:
    room: int                 # the room's number in this list (shared rooms share it)
    guest: str                # passport name, FAMILY, given
    native_name: str
    delegation: str
    room_type: str
    arrival: date
    departure: date
    nights: int
    sharing_with: list[str] = field(default_factory=list)
    special_requests: str = ""
    warnings: list[str] = field(default_factory=list)


def rooming_list(hotel: Hotel, lang: str) -> list[RoomingRow]:
    """The hotel's rooming list in `lang`: one row per guest, a room's guests together. Special
    requests are the accessibility needs (the hotel chooses the room by them); dietary needs
    go to the caterer, not to the hotel."""
    fallback = hotel.meeting.working_language
    rooms = db.session.scalars(
        select(BookedRoom).join(BookedRoom.block).where(RoomBlock.hotel_id == hotel.id)
        .order_by(RoomBlock.id, BookedRoom.id)
        .options(selectinload(BookedRoom.block),
                 selectinload(BookedRoom.stays).selectinload(Stay.registration)
                 .selectinload(Registration.organisation)))
    rows: list[RoomingRow] = []
    for number, room in enumerate(rooms, start=1):
        room_type = TranslatedText(room.block.room_type).resolve(lang, fallback).text
        names = {s.id: s.registration.latin_name for s in room.stays}
        for stay in room.stays:
            r = stay.registration
            org = TranslatedText(r.organisation.short_name or r.organisation.name) \
                .resolve(lang, fallback).text
            rows.append(RoomingRow(
                room=number, guest=r.latin_name, native_name=r.native_name, delegation=org,
                room_type=room_type, arrival=stay.check_in, departure=stay.check_out,
                nights=stay.night_count,
                sharing_with=[name for sid, name in names.items() if sid != stay.id],
                special_requests=r.accessibility, warnings=warnings(stay)))
    return rows


def rooming_lists(meeting, lang: str) -> list[tuple[Hotel, list[RoomingRow]]]:
    return [(hotel, rooming_list(hotel, lang)) for hotel in hotels(meeting)]
