"""Meeting series, meetings, organisations (agencies and international bodies) and rooms."""
from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.i18n import TranslatedText, TranslatedTextType
from app.models_base import LabelledEnum, enum_column, utcnow


class OrganisationKind(enum.StrEnum):
    NATIONAL_AGENCY = "national_agency"
    INTERNATIONAL_BODY = "international_body"


class ParticipationCategory(LabelledEnum):
    MEMBER = "member"
    INVITED_STATE = "invited_state"
    INTERNATIONAL_BODY = "international_body"

    __labels__ = {
        MEMBER: _l("Members"),
        INVITED_STATE: _l("Invited states"),
        INTERNATIONAL_BODY: _l("International organisations"),
        "total": _l("Total"),  # no category: the total row of the invitation funnel
    }


class Series(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    symbol_root: Mapped[str] = mapped_column(String(16))

    meetings: Mapped[list[Meeting]] = relationship(back_populates="series",
                                                   order_by="Meeting.number")


class Organisation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    acronym: Mapped[str] = mapped_column(String(32), default="")
    name: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    #: The short name per language ("KNPA", "경찰청"); empty: none.
    short_name: Mapped[TranslatedText] = mapped_column(TranslatedTextType, default=dict)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind, "org_kind"))
    country_code: Mapped[str | None] = mapped_column(String(2))
    language: Mapped[str] = mapped_column(String(10), default="en")

    __table_args__ = (
        CheckConstraint("kind = 'international_body' OR country_code IS NOT NULL",
                        name="agency_has_country"),
        CheckConstraint("country_code IS NULL OR length(country_code) = 2",
                        name="country_code_alpha2"),
    )


class Meeting(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="RESTRICT"),
                                           index=True)
    number: Mapped[int] = mapped_column(Integer)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    city: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    venue: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    public_summary: Mapped[TranslatedText] = mapped_column(TranslatedTextType, default=dict)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    timezone: Mapped[str] = mapped_column(String(64))
    working_language: Mapped[str] = mapped_column(String(10), default="en")
    official_languages: Mapped[list] = mapped_column(JSON, default=list)
    symbol_prefix: Mapped[str] = mapped_column(String(32), unique=True)
    host_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True)
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
    # Host rotation: the host's letterhead and signature; the secretariat may be another body.
    signature: Mapped[TranslatedText] = mapped_column(TranslatedTextType, default=dict)
    secretariat_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"))
    sequence: Mapped[int] = mapped_column(Integer, default=0)  # iCalendar SEQUENCE of the meeting
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    series: Mapped[Series] = relationship(back_populates="meetings")
    host: Mapped[Organisation | None] = relationship(foreign_keys=[host_organisation_id])
    secretariat: Mapped[Organisation | None] = relationship(foreign_keys=[secretariat_id])
    participants: Mapped[list[MeetingOrganisation]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan")
    rooms: Mapped[list[Room]] = relationship(back_populates="meeting",
                                             cascade="all, delete-orphan")

    __table_args__ = (
        UniqueConstraint("series_id", "number"),
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
    )


class MeetingOrganisation(db.Model):
    """An organisation taking part in a meeting, and in which capacity."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    category: Mapped[ParticipationCategory] = mapped_column(
        enum_column(ParticipationCategory, "participation_category"))

    meeting: Mapped[Meeting] = relationship(back_populates="participants")
    organisation: Mapped[Organisation] = relationship()

    __table_args__ = (UniqueConstraint("meeting_id", "organisation_id"),)


class Room(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    name: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    #: Seats; None: not said.
    capacity: Mapped[int | None] = mapped_column(Integer)

    meeting: Mapped[Meeting] = relationship(back_populates="rooms")

    __table_args__ = (CheckConstraint("capacity IS NULL OR capacity > 0",
                                      name="capacity_positive"),)


class SeriesMember(db.Model):
    """An organisation on the series' roster from the day it joined until it left."""

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"),
                                           index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    category: Mapped[ParticipationCategory] = mapped_column(
        enum_column(ParticipationCategory, "roster_category"))
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    decided_at_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"))
    left_at_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"))

    organisation: Mapped[Organisation] = relationship()
    decided_at = relationship("Meeting", foreign_keys=[decided_at_id])
    left_at = relationship("Meeting", foreign_keys=[left_at_id])

    __table_args__ = (CheckConstraint("left_on IS NULL OR left_on >= joined_on",
                                      name="left_after_joining"),)
