"""Flights (one arrival and one departure leg per person), vehicles and transfer trips.

The database keeps the rules: a flight lands after it is booked for the right person once per
direction; a trip carries no more passengers than its vehicle seats (a counter with a CHECK, as
delegation seats do); a vehicle is never on two trips at once (an exclusion constraint on
PostgreSQL, a trigger on SQLite: see the migration b20travel)."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.crypto import EncryptedText
from app.extensions import db
from app.models_base import LabelledEnum, enum_column, utcnow


class Direction(LabelledEnum):
    ARRIVAL = "arrival"
    DEPARTURE = "departure"

    __labels__ = {ARRIVAL: _l("Arrival"), DEPARTURE: _l("Departure")}


class VehicleKind(LabelledEnum):
    CAR = "car"
    VAN = "van"
    MINIBUS = "minibus"
    BUS = "bus"

    __labels__ = {CAR: _l("Car"), VAN: _l("Van"), MINIBUS: _l("Minibus"), BUS: _l("Coach")}


class Flight(db.Model):
    """One leg of a person's travel. `local_time` is the airport's clock (as on the ticket),
    `at` the same moment in UTC, for ordering and for the transfer that meets it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    direction: Mapped[Direction] = mapped_column(enum_column(Direction, "flight_direction"))
    carrier: Mapped[str] = mapped_column(String(3))
    number: Mapped[str] = mapped_column(String(5))
    airport: Mapped[str] = mapped_column(String(3))
    terminal: Mapped[str] = mapped_column(String(10), default="")
    local_time: Mapped[datetime]
    zone: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(index=True)
    #: Who meets the person at the airport: one of the meeting's liaison officers
    #: (an accreditation of the liaison kind), once one is assigned.
    met_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("accreditation.id", ondelete="SET NULL"), index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    registration = relationship("Registration")

    __table_args__ = (
        UniqueConstraint("registration_id", "direction", name="uq_flight_leg"),
        CheckConstraint("length(airport) = 3", name="airport_code"),
    )

    @property
    def code(self) -> str:
        return f"{self.carrier} {self.number}"


class Vehicle(db.Model):
    __tablename__ = "transfer_vehicle"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    kind: Mapped[VehicleKind] = mapped_column(enum_column(VehicleKind, "vehicle_kind"))
    capacity: Mapped[int]
    plate: Mapped[str] = mapped_column(String(20))
    driver_name: Mapped[str] = mapped_column(String(100), default="")
    driver_phone = mapped_column(EncryptedText)  # personal data: encrypted at rest

    __table_args__ = (
        UniqueConstraint("meeting_id", "plate", name="uq_vehicle_plate"),
        CheckConstraint("capacity BETWEEN 1 AND 60", name="capacity_range"),
    )

    @property
    def label(self) -> str:
        return pgettext("vehicle and its plate", "%(kind)s %(plate)s", kind=self.kind.label,
                        plate=self.plate)


class Trip(db.Model):
    """A vehicle's run between the airport and the venue in a time window (UTC). `capacity`
    is the vehicle's, copied so that the CHECK can hold `seats_taken` within it."""

    __tablename__ = "transfer_trip"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    vehicle_id: Mapped[int] = mapped_column(
        ForeignKey("transfer_vehicle.id", ondelete="RESTRICT"), index=True)
    direction: Mapped[Direction] = mapped_column(enum_column(Direction, "trip_direction"))
    airport: Mapped[str] = mapped_column(String(3))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    capacity: Mapped[int]
    seats_taken: Mapped[int] = mapped_column(default=0)

    vehicle: Mapped[Vehicle] = relationship()
    passengers: Mapped[list[Passenger]] = relationship(
        back_populates="trip", cascade="all, delete-orphan")

    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="in_order"),
        CheckConstraint("seats_taken >= 0 AND seats_taken <= capacity", name="seats"),
    )


class Passenger(db.Model):
    """A flight's traveller on a trip; a flight rides one trip."""

    __tablename__ = "transfer_passenger"

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("transfer_trip.id", ondelete="CASCADE"),
                                         index=True)
    flight_id: Mapped[int] = mapped_column(ForeignKey("flight.id", ondelete="CASCADE"),
                                           unique=True)

    trip: Mapped[Trip] = relationship(back_populates="passengers")
    flight: Mapped[Flight] = relationship()
