"""The arrivals and departures manifest: every leg of the people who hold a place at the
meeting, by day and hour of the airport's clock, with who meets them and the transfer that
carries them. One query for the lot, so 2,000 participants cost as little as twenty."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from app.accreditation.models import Accreditation, AccreditationCategory, CategoryKind
from app.extensions import db
from app.logistics.travel.models import Direction, Flight, Passenger, Trip, Vehicle
from app.registration.models import HOLDS_SEAT, DelegationRole, Registration


@dataclass
class Row:
    flight: Flight
    registration: Registration
    met_by: str  # the liaison officer's name, or ""
    trip: Trip | None
    vehicle: Vehicle | None

    @property
    def needs_greeter(self) -> bool:
        """A head of delegation arriving with no liaison officer to meet them."""
        return (self.flight.direction == Direction.ARRIVAL and not self.met_by
                and self.registration.role == DelegationRole.HEAD)


@dataclass
class Hour:
    day: date
    hour: int
    rows: list[Row]


def liaison_officers(meeting) -> dict[int, str]:
    """The meeting's liaison officers (accreditations of the liaison kind), id → name."""
    found = db.session.execute(
        select(Accreditation.id, Accreditation.given_names, Accreditation.family_name)
        .join(AccreditationCategory, Accreditation.category_id == AccreditationCategory.id)
        .where(Accreditation.meeting_id == meeting.id,
               AccreditationCategory.kind == CategoryKind.LIAISON)
        .order_by(Accreditation.family_name, Accreditation.given_names))
    return {row.id: " ".join(p for p in (row.given_names, row.family_name) if p)
            for row in found}


def rows(meeting, *, organisation_ids: set[int] | None = None,
         registration_ids: set[int] | None = None) -> list[Row]:
    """Every leg, in time order; narrowed to some delegations or some people."""
    query = (select(Flight, Registration, Trip, Vehicle)
             .join(Registration, Flight.registration_id == Registration.id)
             .outerjoin(Passenger, Passenger.flight_id == Flight.id)
             .outerjoin(Trip, Passenger.trip_id == Trip.id)
             .outerjoin(Vehicle, Trip.vehicle_id == Vehicle.id)
             .options(contains_eager(Flight.registration))
             .where(Flight.meeting_id == meeting.id, Registration.status.in_(HOLDS_SEAT))
             .order_by(Flight.local_time, Flight.airport, Flight.carrier, Flight.number,
                       Registration.family_name, Registration.id))
    if organisation_ids is not None:
        query = query.where(Registration.organisation_id.in_(organisation_ids or {-1}))
    if registration_ids is not None:
        query = query.where(Registration.id.in_(registration_ids or {-1}))
    officers = liaison_officers(meeting)
    return [Row(flight, registration, officers.get(flight.met_by_id, ""), trip, vehicle)
            for flight, registration, trip, vehicle in db.session.execute(query)]


def by_hour(found: list[Row]) -> list[Hour]:
    hours: list[Hour] = []
    for row in found:
        local: datetime = row.flight.local_time
        if not hours or (hours[-1].day, hours[-1].hour) != (local.date(), local.hour):
            hours.append(Hour(local.date(), local.hour, []))
        hours[-1].rows.append(row)
    return hours
