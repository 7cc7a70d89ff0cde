"""Vehicles and their trips between the airport and the venue.

Two rules hold under parallel requests, as delegation seats do (app/registration/services.py):
a trip's seats are a counter changed by one conditional UPDATE, which a CHECK keeps within the
vehicle's capacity; and a trip is placed only after the vehicle's row is locked (an UPDATE of
it), so two requests for one vehicle take turns and the second sees the first's trip. Under
both, the database itself refuses an overlap (exclusion constraint or trigger)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.audit.services import record
from app.errors import Problems
from app.extensions import db
from app.i18n import format_time_in
from app.logistics.travel.airports import AIRPORT_CODE
from app.logistics.travel.flights import TravelError, release
from app.logistics.travel.models import Direction, Flight, Passenger, Trip, Vehicle, VehicleKind
from app.meetings.models import Meeting
from app.text import date_message, one_line

#: A pickup waits at most this long after the landing; a drop-off reaches the airport between
#: these two margins before the flight.
PICKUP_AFTER = timedelta(hours=3)
DROP_OFF_BEFORE = (timedelta(hours=1), timedelta(hours=6))
LONGEST_TRIP = timedelta(hours=6)


@dataclass
class VehicleInput:
    kind: str = "van"
    capacity: int | None = None
    plate: str = ""
    driver_name: str = ""
    driver_phone: str = ""


def _clean_vehicle(meeting, data: VehicleInput, vehicle: Vehicle | None) -> dict:
    problems = Problems(TravelError)
    kind = data.kind if data.kind in {k.value for k in VehicleKind} else None
    if kind is None:
        problems.add(_("Choose the kind of vehicle."), "kind")
    if data.capacity is None or not 1 <= data.capacity <= 60:
        problems.add(_("The number of passenger seats is a number from 1 to 60."), "capacity")
    plate = problems.check(one_line, data.plate, "plate", limit=20, required=True,
                           error=TravelError) or ""
    name = problems.check(one_line, data.driver_name, "driver_name", limit=100,
                          error=TravelError) or ""
    phone = " ".join((data.driver_phone or "").split())
    if phone and (set(phone) - set("0123456789+-() .") or sum(c.isdigit() for c in phone) < 6
                  or len(phone) > 30):
        problems.add(_("Enter the phone number with its country code, for example "
                       "+82 2 3150 2114."), "driver_phone")
    if plate and db.session.scalar(select(Vehicle.id).where(
            Vehicle.meeting_id == meeting.id, Vehicle.plate == plate,
            Vehicle.id != (vehicle.id if vehicle else -1))):
        problems.add(_("Another vehicle of this meeting has this plate."), "plate")
    if vehicle is not None and data.capacity is not None:
        fullest = db.session.scalar(select(Trip.seats_taken).where(
            Trip.vehicle_id == vehicle.id).order_by(Trip.seats_taken.desc()).limit(1)) or 0
        if data.capacity < fullest:
            problems.add(ngettext(
                "A trip of this vehicle already carries %(num)d passenger: move them first.",
                "A trip of this vehicle already carries %(num)d passengers: move some first.",
                fullest), "capacity")
    problems.raise_if_any()
    return {"kind": VehicleKind(kind), "capacity": data.capacity, "plate": plate,
            "driver_name": name, "driver_phone": phone or None}


def add_vehicle(meeting, data: VehicleInput, *, actor=None) -> Vehicle:
    values = _clean_vehicle(meeting, data, None)
    vehicle = Vehicle(meeting_id=meeting.id, **values)
    try:
        with db.session.begin_nested():
            db.session.add(vehicle)
            db.session.flush()
    except IntegrityError as exc:
        raise TravelError(_("Another vehicle of this meeting has this plate."), "plate") \
            from exc
    record("travel.vehicle_added", vehicle, meeting=meeting, actor=actor, plate=vehicle.plate)
    return vehicle


def edit_vehicle(vehicle: Vehicle, data: VehicleInput, *, actor=None) -> None:
    values = _clean_vehicle(vehicle_meeting(vehicle), data, vehicle)
    for name, value in values.items():
        setattr(vehicle, name, value)
    try:
        with db.session.begin_nested():
            # The trips' copy of the capacity follows; the CHECK refuses a trip left over it.
            db.session.execute(update(Trip).where(Trip.vehicle_id == vehicle.id)
                               .values(capacity=values["capacity"])
                               .execution_options(synchronize_session=False))
            db.session.flush()
    except IntegrityError as exc:
        raise TravelError(_("A trip of this vehicle carries more passengers than that."),
                          "capacity") from exc
    record("travel.vehicle_changed", vehicle, meeting=vehicle_meeting(vehicle), actor=actor,
           plate=vehicle.plate)


def vehicle_meeting(vehicle: Vehicle) -> Meeting:
    return db.session.get(Meeting, vehicle.meeting_id)


def vehicles(meeting) -> list[Vehicle]:
    return list(db.session.scalars(select(Vehicle).where(Vehicle.meeting_id == meeting.id)
                                   .order_by(Vehicle.kind, Vehicle.plate)))


# --- trips ----------------------------------------------------------------------------------

@dataclass
class TripInput:
    vehicle_id: int | None = None
    direction: str = "arrival"
    airport: str = ""
    day: date | None = None
    starts: str = ""  # HH:MM in the meeting's zone
    ends: str = ""


def _clock(value: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"([01]?\d|2[0-3])[:.h]?([0-5]\d)", (value or "").strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def _utc(day: date, clock: tuple[int, int], zone: str) -> datetime:
    local = datetime(day.year, day.month, day.day, *clock, tzinfo=ZoneInfo(zone))
    return local.astimezone(UTC).replace(tzinfo=None)


def _clean_trip(meeting, data: TripInput) -> dict:
    problems = Problems(TravelError)
    vehicle = db.session.get(Vehicle, data.vehicle_id) if data.vehicle_id else None
    if vehicle is None or vehicle.meeting_id != meeting.id:
        problems.add(_("Choose one of the meeting's vehicles."), "vehicle_id")
    direction = data.direction if data.direction in {d.value for d in Direction} else None
    if direction is None:
        problems.add(_("Choose arrival or departure."), "direction")
    airport = (data.airport or "").strip().upper()
    if not AIRPORT_CODE.match(airport):
        problems.add(_("Enter the airport's three-letter code, for example ICN."), "airport")
    first = meeting.start_date - timedelta(days=14)
    last = meeting.end_date + timedelta(days=14)
    if data.day is None or not first <= data.day <= last:
        problems.add(date_message(first, last), "day")
    starts, ends = _clock(data.starts), _clock(data.ends)
    if starts is None:
        problems.add(_("Enter the time as a clock shows it, for example 14:35."), "starts")
    if ends is None:
        problems.add(_("Enter the time as a clock shows it, for example 14:35."), "ends")
    problems.raise_if_any()
    starts_at = _utc(data.day, starts, meeting.timezone)
    ends_at = _utc(data.day, ends, meeting.timezone)
    if ends_at <= starts_at:  # past midnight: the next day
        ends_at += timedelta(days=1)
    if ends_at - starts_at > LONGEST_TRIP:
        raise TravelError(_("A trip lasts at most six hours."), "ends")
    return {"vehicle": vehicle, "direction": Direction(direction), "airport": airport,
            "starts_at": starts_at, "ends_at": ends_at}


def _lock_vehicle(vehicle: Vehicle) -> None:
    """Take the vehicle's row lock (PostgreSQL) or the write lock (SQLite) until commit: trips
    of one vehicle are placed one request at a time."""
    db.session.execute(update(Vehicle).where(Vehicle.id == vehicle.id)
                       .values(capacity=Vehicle.capacity)
                       .execution_options(synchronize_session=False))


def _busy(vehicle: Vehicle, starts_at: datetime, ends_at: datetime,
          trip_id: int | None) -> Trip | None:
    return db.session.scalar(select(Trip).where(
        Trip.vehicle_id == vehicle.id, Trip.id != (trip_id or -1),
        Trip.starts_at < ends_at, Trip.ends_at > starts_at).limit(1))


def _busy_error(vehicle: Vehicle, other: Trip | None, zone: str) -> TravelError:
    if other is None:
        return TravelError(_("%(vehicle)s is on another trip at that time.",
                             vehicle=vehicle.label), "starts")
    return TravelError(_("%(vehicle)s is on another trip at that time (from %(time)s).",
                         vehicle=vehicle.label, time=format_time_in(other.starts_at, zone)),
                       "starts")


def _place(trip: Trip, values: dict, meeting) -> None:
    vehicle = values["vehicle"]
    _lock_vehicle(vehicle)
    other = _busy(vehicle, values["starts_at"], values["ends_at"], trip.id)
    if other is not None:
        raise _busy_error(vehicle, other, meeting.timezone)
    if trip.seats_taken and trip.seats_taken > vehicle.capacity:
        raise TravelError(ngettext(
            "This trip carries %(num)d passenger; the vehicle seats fewer.",
            "This trip carries %(num)d passengers; the vehicle seats fewer.", trip.seats_taken),
            "vehicle_id")
    try:
        with db.session.begin_nested():
            trip.vehicle_id = vehicle.id
            trip.vehicle = vehicle
            trip.capacity = vehicle.capacity
            trip.direction = values["direction"]
            trip.airport = values["airport"]
            trip.starts_at, trip.ends_at = values["starts_at"], values["ends_at"]
            db.session.add(trip)
            db.session.flush()
    except IntegrityError as exc:  # the database's own guard against an overlap
        raise _busy_error(vehicle, None, meeting.timezone) from exc
    for passenger in trip.passengers:
        _check_fits(trip, passenger.flight)


def add_trip(meeting, data: TripInput, *, actor=None) -> Trip:
    values = _clean_trip(meeting, data)
    trip = Trip(meeting_id=meeting.id, seats_taken=0)
    _place(trip, values, meeting)
    record("travel.trip_added", trip, meeting=meeting, actor=actor,
           vehicle=values["vehicle"].plate)
    return trip


def edit_trip(trip: Trip, data: TripInput, *, actor=None) -> None:
    meeting = vehicle_meeting(trip.vehicle)
    values = _clean_trip(meeting, data)
    if values["direction"] != trip.direction and trip.seats_taken:
        raise TravelError(_("Take the passengers off before changing the direction."),
                          "direction")
    _place(trip, values, meeting)
    record("travel.trip_changed", trip, meeting=meeting, actor=actor,
           vehicle=values["vehicle"].plate)


def remove_trip(trip: Trip, *, actor=None) -> None:
    meeting = vehicle_meeting(trip.vehicle)
    record("travel.trip_removed", trip, meeting=meeting, actor=actor,
           vehicle=trip.vehicle.plate, passengers=trip.seats_taken)
    db.session.delete(trip)


def _check_fits(trip: Trip, flight: Flight) -> None:
    name = flight.registration.display_name
    if flight.direction != trip.direction:
        raise TravelError(_("The flight of %(name)s goes the other way.", name=name), "flight_id")
    if flight.airport != trip.airport:
        raise TravelError(_("The flight of %(name)s is at %(airport)s, not at this trip's airport.",
                            name=name, airport=flight.airport), "flight_id")
    if trip.direction == Direction.ARRIVAL:
        fits = flight.at <= trip.starts_at <= flight.at + PICKUP_AFTER
        message = _("%(name)s lands at %(time)s: the pickup must leave within three hours "
                    "after the landing.", name=name, time=flight.local_time.strftime("%H:%M"))
    else:
        fits = DROP_OFF_BEFORE[0] <= flight.at - trip.ends_at <= DROP_OFF_BEFORE[1]
        message = _("%(name)s flies at %(time)s: the trip must reach the airport one to six "
                    "hours before.", name=name, time=flight.local_time.strftime("%H:%M"))
    if not fits:
        raise TravelError(message, "flight_id")


def add_passenger(trip: Trip, flight_id: int | None, *, actor=None) -> Passenger:
    flight = db.session.get(Flight, flight_id) if flight_id else None
    if flight is None or flight.meeting_id != trip.meeting_id:
        raise TravelError(_("Choose a flight of this meeting."), "flight_id")
    _check_fits(trip, flight)
    if db.session.scalar(select(Passenger.id).where(Passenger.flight_id == flight.id)):
        raise TravelError(_("%(name)s is already on a trip for this flight.",
                            name=flight.registration.display_name), "flight_id")
    taken = db.session.execute(
        update(Trip).where(Trip.id == trip.id, Trip.seats_taken < Trip.capacity)
        .values(seats_taken=Trip.seats_taken + 1)
        .execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        raise TravelError(ngettext_full(trip.capacity), "flight_id")
    try:
        with db.session.begin_nested():
            passenger = Passenger(trip_id=trip.id, flight_id=flight.id)
            db.session.add(passenger)
            db.session.flush()
    except IntegrityError as exc:
        raise TravelError(_("%(name)s is already on a trip for this flight.",
                            name=flight.registration.display_name), "flight_id") from exc
    db.session.expire(trip, ["seats_taken", "passengers"])
    record("travel.passenger_added", trip, meeting=vehicle_meeting(trip.vehicle), actor=actor,
           registration=flight.registration_id, leg=flight.direction.value)
    return passenger


def ngettext_full(capacity: int) -> str:
    return ngettext("The vehicle is full: it seats %(num)d passenger.",
                    "The vehicle is full: it seats %(num)d passengers.", capacity)


def remove_passenger(trip: Trip, flight_id: int | None, *, actor=None) -> None:
    flight = db.session.get(Flight, flight_id) if flight_id else None
    if flight is None or not db.session.scalar(select(Passenger.id).where(
            Passenger.flight_id == flight.id, Passenger.trip_id == trip.id)):
        raise TravelError(_("This person is not on this trip."), "flight_id")
    release(flight)
    record("travel.passenger_removed", trip, meeting=vehicle_meeting(trip.vehicle),
           actor=actor, registration=flight.registration_id)


def trips(meeting) -> list[Trip]:
    return list(db.session.scalars(select(Trip).where(Trip.meeting_id == meeting.id)
                                   .order_by(Trip.starts_at, Trip.id)))


def candidates(trip: Trip) -> list[Flight]:
    """Flights this trip could carry: same direction and airport, not yet on a trip."""
    on_trip = select(Passenger.flight_id)
    return [f for f in db.session.scalars(select(Flight).where(
        Flight.meeting_id == trip.meeting_id, Flight.direction == trip.direction,
        Flight.airport == trip.airport, Flight.id.not_in(on_trip)).order_by(Flight.at))]


def rotate_keys() -> int:
    """Re-encrypt the drivers' phone numbers with the first key of DATA_KEYS (the column type
    decrypts with any configured key on read and encrypts with the newest on write)."""
    table = Vehicle.__table__
    rows = db.session.execute(select(table.c.id, table.c.driver_phone)
                              .where(table.c.driver_phone.is_not(None))).all()
    for row in rows:
        db.session.execute(update(table).where(table.c.id == row.id)
                           .values(driver_phone=row.driver_phone))
    return len(rows)
