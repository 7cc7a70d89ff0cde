"""A person's two legs: checked together (every problem at once), kept in the airport's clock
and in UTC, and copied into the registration's travel summary (dates and flight numbers), which
the registration pages, the participants' exports and the rooming nights read."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import delete, select, update

from app.audit.services import record
from app.errors import DomainError, Problems
from app.extensions import db
from app.logistics.travel.airports import AIRPORT_CODE, zone_of
from app.logistics.travel.models import Direction, Flight, Passenger, Trip, Vehicle
from app.text import one_line

CARRIER = re.compile(r"^[A-Z0-9]{2}$|^[A-Z]{3}$")
NUMBER = re.compile(r"^[0-9]{1,4}[A-Z]?$")
#: How far from the meeting a leg may be: arrivals from two weeks before it to its last day,
#: departures from its first day to two weeks after it.
DAYS_AROUND = 14


class TravelError(DomainError):
    """Bad travel input, or a transfer the vehicles cannot take."""


@dataclass
class Leg:
    """What a form submits for one leg, before validation; all blank means no flight."""

    carrier: str = ""
    number: str = ""
    airport: str = ""
    terminal: str = ""
    day: date | None = None
    time: str = ""  # HH:MM, the airport's clock

    @property
    def blank(self) -> bool:
        return not any((self.carrier.strip(), self.number.strip(), self.airport.strip(),
                        self.terminal.strip(), self.day, self.time.strip()))


def _field(direction: Direction, name: str) -> str:
    return f"{direction.value}_{name}"


def _clock(value: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"([01]?\d|2[0-3])[:.h]?([0-5]\d)", (value or "").strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def _check_leg(meeting, direction: Direction, leg: Leg, problems: Problems) -> dict | None:
    def field(name: str) -> str:
        return _field(direction, name)

    carrier = "".join(leg.carrier.split()).upper()
    number = "".join(leg.number.split()).upper()
    airport = leg.airport.strip().upper()
    terminal = problems.check(one_line, leg.terminal, field("terminal"), limit=10,
                              error=TravelError) or ""
    if not CARRIER.match(carrier):
        problems.add(_("Enter the airline's code, for example KE or OZ."), field("carrier"))
    if not NUMBER.match(number):
        problems.add(_("Enter the flight number without the airline, for example 652."),
                     field("number"))
    if not AIRPORT_CODE.match(airport):
        problems.add(_("Enter the airport's three-letter code, for example ICN."),
                     field("airport"))
    clock = _clock(leg.time)
    if leg.day is None:
        problems.add(_("Enter the date of the flight."), field("day"))
    if clock is None:
        problems.add(_("Enter the time as the airport's clock shows it, for example 14:35."),
                     field("time"))
    if leg.day is None or clock is None:
        return None
    if direction == Direction.ARRIVAL:
        first, last = meeting.start_date - timedelta(days=DAYS_AROUND), meeting.end_date
        message = _("An arrival must fall between %(first)s and the meeting's last day, "
                    "%(last)s.")
    else:
        first, last = meeting.start_date, meeting.end_date + timedelta(days=DAYS_AROUND)
        message = _("A departure must fall between the meeting's first day, %(first)s, and "
                    "%(last)s.")
    if not first <= leg.day <= last:
        problems.add(message % {"first": format_date(first, "long"),
                                "last": format_date(last, "long")}, field("day"))
        return None
    local = datetime(leg.day.year, leg.day.month, leg.day.day, *clock)
    zone = zone_of(airport, meeting.timezone) if AIRPORT_CODE.match(airport) \
        else meeting.timezone
    at = local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC).replace(tzinfo=None)
    return {"carrier": carrier, "number": number, "airport": airport, "terminal": terminal,
            "local_time": local, "zone": zone, "at": at}


def flights_of(registration) -> dict[Direction, Flight]:
    return {f.direction: f for f in db.session.scalars(
        select(Flight).where(Flight.registration_id == registration.id))}


def save_flights(registration, arrival: Leg, departure: Leg, *, actor=None) -> list[str]:
    """Both legs checked first; then each is created, changed or (all blank) removed, and the
    registration's summary follows. Returns the directions changed."""
    meeting = registration.meeting
    problems = Problems(TravelError)
    values = {}
    for direction, leg in ((Direction.ARRIVAL, arrival), (Direction.DEPARTURE, departure)):
        values[direction] = None if leg.blank else _check_leg(meeting, direction, leg,
                                                              problems)
    came, leaves = values[Direction.ARRIVAL], values[Direction.DEPARTURE]
    if came and leaves and leaves["at"] <= came["at"]:
        problems.add(_("The departure must come after the arrival."),
                     _field(Direction.DEPARTURE, "day"))
    problems.raise_if_any()
    existing = flights_of(registration)
    changed = []
    for direction, value in values.items():
        flight = existing.get(direction)
        if value is None:  # the leg left blank
            if flight is not None:
                release(flight)
                db.session.delete(flight)
                changed.append(direction.value)
            continue
        if flight is None:
            flight = Flight(registration_id=registration.id, meeting_id=meeting.id,
                            direction=direction, **value)
            db.session.add(flight)
            changed.append(direction.value)
        elif any(getattr(flight, name) != item for name, item in value.items()):
            moved = flight.at != value["at"] or flight.airport != value["airport"]
            for name, item in value.items():
                setattr(flight, name, item)
            if moved:
                release(flight)  # the transfer met the old flight
            changed.append(direction.value)
    _summarise(registration, values)
    if changed:
        db.session.flush()
        record("travel.flights_changed", registration, meeting=meeting, actor=actor,
               legs=changed)
    return changed


def _summarise(registration, values: dict) -> None:
    """The registration's own travel fields say what the flights say."""
    for direction, prefix in ((Direction.ARRIVAL, "arrival"), (Direction.DEPARTURE,
                                                                "departure")):
        value = values[direction]
        setattr(registration, f"{prefix}_date", value["local_time"].date() if value else
                getattr(registration, f"{prefix}_date"))
        setattr(registration, f"{prefix}_flight", f"{value['carrier']}{value['number']}"
                if value else getattr(registration, f"{prefix}_flight"))


def release(flight: Flight) -> None:
    """The flight leaves its trip, and its seat is free again (the counter's row is locked
    by the UPDATE, as every seat change)."""
    passenger = db.session.scalar(select(Passenger).where(Passenger.flight_id == flight.id))
    if passenger is None:
        return
    db.session.execute(update(Trip).where(Trip.id == passenger.trip_id)
                       .values(seats_taken=Trip.seats_taken - 1)
                       .execution_options(synchronize_session=False))
    trip = db.session.get(Trip, passenger.trip_id)
    db.session.delete(passenger)
    db.session.flush()
    db.session.expire(trip, ["seats_taken", "passengers"])


def set_greeter(flight: Flight, officer_id: int | None, officers: dict[int, str], *,
                actor=None) -> None:
    """Who meets the person at the airport: one of the meeting's liaison officers
    (`officers`: id → name, as the accreditation layer lists them), or nobody."""
    if officer_id is not None and officer_id not in officers:
        raise TravelError(_("Choose one of the meeting's liaison officers."), "met_by")
    if flight.met_by_id == officer_id:
        return
    flight.met_by_id = officer_id
    record("travel.greeter_set", flight.registration, meeting=flight.registration.meeting,
           actor=actor, leg=flight.direction.value, officer=officer_id)


def passenger_trip(flight: Flight) -> Trip | None:
    return db.session.scalar(select(Trip).join(Passenger).where(Passenger.flight_id == flight.id))


def purge_travel(meeting) -> None:
    """After the meeting (registration's purge calls this): every flight of its people goes,
    and with them the seats they held; the drivers' names and numbers go too. The vehicles'
    trips stay, empty, as the record of what ran."""
    flights = select(Flight.id).where(Flight.meeting_id == meeting.id)
    db.session.execute(delete(Passenger).where(Passenger.flight_id.in_(flights)))
    db.session.execute(update(Trip).where(Trip.meeting_id == meeting.id)
                       .values(seats_taken=0).execution_options(synchronize_session=False))
    db.session.execute(delete(Flight).where(Flight.meeting_id == meeting.id))
    db.session.execute(update(Vehicle).where(Vehicle.meeting_id == meeting.id)
                       .values(driver_name="", driver_phone=None)
                       .execution_options(synchronize_session=False))
    db.session.expire_all()


def held_about(registration) -> dict:
    """The person's flights, for their data export (app/series/privacy.py)."""
    return {"flights": [
        {"direction": f.direction.value, "carrier": f.carrier, "number": f.number,
         "airport": f.airport, "terminal": f.terminal,
         "local_time": f.local_time.isoformat(), "zone": f.zone,
         "met_by_liaison_officer": f.met_by_id is not None}
        for f in sorted(flights_of(registration).values(), key=lambda f: f.at)]}
