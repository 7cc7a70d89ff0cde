"""The pickup (or drop-off) of a person's transfer as an event of their calendar feed: the web
layer registers `pickup_events` with app.calendar when the application is set up."""
from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from app.calendar.services import organizer
from app.extensions import db
from app.logistics.travel.models import Direction, Flight, Passenger, Trip, Vehicle
from app.registration.models import HOLDS_SEAT, Registration
from app.urls import public_host

if TYPE_CHECKING:
    from icalendar import Event


def transfers_of(registration) -> list[tuple[Flight, Trip, Vehicle]]:
    return list(db.session.execute(
        select(Flight, Trip, Vehicle).join(Passenger, Passenger.flight_id == Flight.id)
        .join(Trip, Passenger.trip_id == Trip.id).join(Vehicle, Trip.vehicle_id == Vehicle.id)
        .where(Flight.registration_id == registration.id).order_by(Trip.starts_at)))


def pickup_summary(flight: Flight, vehicle: Vehicle) -> str:
    if flight.direction == Direction.ARRIVAL:
        return _("Pickup at %(airport)s after %(flight)s: %(vehicle)s",
                 airport=flight.airport, flight=flight.code, vehicle=vehicle.label)
    return _("Transfer to %(airport)s for %(flight)s: %(vehicle)s",
             airport=flight.airport, flight=flight.code, vehicle=vehicle.label)


def pickup_events(meeting, user, lang: str) -> list[Event]:
    from icalendar import Event, vCalAddress, vDDDTypes, vText

    registration = db.session.scalar(select(Registration).where(
        Registration.meeting_id == meeting.id, Registration.user_id == user.id,
        Registration.status.in_(HOLDS_SEAT)))
    if registration is None:
        return []
    zone = ZoneInfo(meeting.timezone)
    events = []
    with force_locale(lang):
        for flight, trip, vehicle in transfers_of(registration):
            event = Event()
            event["UID"] = vText(f"pickup-{flight.id}@{public_host() or 'bc-meetings'}")
            event["DTSTAMP"] = vDDDTypes(flight.updated_at.replace(tzinfo=UTC))
            event["ORGANIZER"] = organizer()
            event["DTSTART"] = vDDDTypes(trip.starts_at.replace(tzinfo=UTC).astimezone(zone))
            event["DTEND"] = vDDDTypes(trip.ends_at.replace(tzinfo=UTC).astimezone(zone))
            event["SUMMARY"] = vText(pickup_summary(flight, vehicle))
            terminal = _("Terminal %(terminal)s", terminal=flight.terminal) \
                if flight.terminal else ""
            event["LOCATION"] = vText(", ".join(p for p in (flight.airport, terminal) if p))
            driver = ", ".join(p for p in (vehicle.driver_name, vehicle.driver_phone or "")
                               if p)
            lines = [_("Driver: %(driver)s", driver=driver) if driver else "",
                     _("Vehicle: %(vehicle)s", vehicle=vehicle.label)]
            event["DESCRIPTION"] = vText("\n".join(line for line in lines if line))
            attendee = vCalAddress(f"mailto:{registration.email}")
            attendee.params["CN"] = registration.display_name
            event["ATTENDEE"] = attendee
            event["CLASS"] = vText("PRIVATE")
            event["STATUS"] = vText("CONFIRMED")
            events.append(event)
    return events
