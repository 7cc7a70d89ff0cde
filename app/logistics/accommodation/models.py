"""Hotels, their room blocks (one row per blocked night, which holds the block's count), the rooms
taken from a block and the people staying in them.

The database itself forbids overbooking: each night of a block counts the rooms taken that night
and a CHECK keeps the count within the allotment; each room counts its guests and a CHECK keeps
them within what its room type holds. Services change the counts with one conditional UPDATE, as
the delegation seats do, so that two requests racing for the last room cannot both get it.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Numeric,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.i18n import TranslatedText, TranslatedTextType
from app.models_base import utcnow

#: The most people a room type may hold (a quad).
MAX_OCCUPANCY = 4


class Hotel(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    name: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    address: Mapped[TranslatedText] = mapped_column(TranslatedTextType, default=dict)
    #: The person or desk the secretariat deals with, per language.
    contact: Mapped[TranslatedText] = mapped_column(TranslatedTextType, default=dict)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting = relationship("Meeting")
    blocks: Mapped[list[RoomBlock]] = relationship(
        back_populates="hotel", cascade="all, delete-orphan", order_by="RoomBlock.id")


class RoomBlock(db.Model):
    """Rooms of one type held by the hotel for the meeting, the same number each night."""

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotel.id", ondelete="CASCADE"),
                                          index=True)
    room_type: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    occupancy: Mapped[int]
    rate: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    currency: Mapped[str] = mapped_column(String(3))
    first_night: Mapped[date] = mapped_column(Date)
    last_night: Mapped[date] = mapped_column(Date)
    allotment: Mapped[int]
    release_date: Mapped[date | None] = mapped_column(Date)
    #: The delegation whose head may fill this block; None: only the secretariat and logistics.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True)

    hotel: Mapped[Hotel] = relationship(back_populates="blocks")
    organisation = relationship("Organisation")
    nights: Mapped[list[BlockNight]] = relationship(
        back_populates="block", cascade="all, delete-orphan", order_by="BlockNight.night")
    rooms: Mapped[list[BookedRoom]] = relationship(
        back_populates="block", cascade="all, delete-orphan", order_by="BookedRoom.id")

    __table_args__ = (
        CheckConstraint(f"occupancy BETWEEN 1 AND {MAX_OCCUPANCY}", name="occupancy_range"),
        CheckConstraint("rate >= 0", name="rate_not_negative"),
        CheckConstraint("length(currency) = 3", name="currency_code"),
        CheckConstraint("last_night >= first_night", name="nights_in_order"),
        CheckConstraint("allotment >= 0", name="allotment_not_negative"),
        CheckConstraint("release_date IS NULL OR release_date <= first_night",
                        name="release_before_block"),
    )

    @property
    def night_dates(self) -> list[date]:
        return nights_between(self.first_night, self.last_night)


class BlockNight(db.Model):
    """One night of a block: how many rooms it holds and how many are taken."""

    block_id: Mapped[int] = mapped_column(ForeignKey("room_block.id", ondelete="CASCADE"),
                                          primary_key=True)
    night: Mapped[date] = mapped_column(Date, primary_key=True)
    allotment: Mapped[int]
    taken: Mapped[int] = mapped_column(default=0)

    block: Mapped[RoomBlock] = relationship(back_populates="nights")

    __table_args__ = (
        CheckConstraint("taken >= 0 AND taken <= allotment", name="within_allotment"),
    )


class BookedRoom(db.Model):
    """A room taken from a block, shared by up to `capacity` guests (the block's occupancy)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("room_block.id", ondelete="CASCADE"),
                                          index=True)
    capacity: Mapped[int]
    guests: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    block: Mapped[RoomBlock] = relationship(back_populates="rooms")
    stays: Mapped[list[Stay]] = relationship(
        back_populates="room", order_by="Stay.id")

    __table_args__ = (
        CheckConstraint("guests >= 0 AND guests <= capacity", name="within_capacity"),
    )


class Stay(db.Model):
    """One person in one room, for their nights (first and last night slept there)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("booked_room.id", ondelete="CASCADE"),
                                         index=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), unique=True)
    first_night: Mapped[date] = mapped_column(Date)
    last_night: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    room: Mapped[BookedRoom] = relationship(back_populates="stays")
    registration = relationship("Registration")

    __table_args__ = (
        CheckConstraint("last_night >= first_night", name="nights_in_order"),
    )

    @property
    def check_in(self) -> date:
        return self.first_night

    @property
    def check_out(self) -> date:
        return self.last_night + timedelta(days=1)

    @property
    def night_count(self) -> int:
        return (self.last_night - self.first_night).days + 1


def nights_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
