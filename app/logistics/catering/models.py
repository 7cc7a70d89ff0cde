"""Meals and receptions, each person's choice to attend one, and the visa status a delegation
reports."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.i18n import TranslatedText, TranslatedTextType
from app.models_base import LabelledEnum, enum_column, utcnow


class MealKind(LabelledEnum):
    LUNCH = "lunch"
    DINNER = "dinner"
    RECEPTION = "reception"
    COFFEE_BREAK = "coffee_break"

    __labels__ = {
        LUNCH: _l("Lunch"),
        DINNER: _l("Dinner"),
        RECEPTION: _l("Reception"),
        COFFEE_BREAK: _l("Coffee break"),
    }


class Meal(db.Model):
    """A meal or reception of the meeting's programme; times in UTC, shown in the meeting's
    zone."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    kind: Mapped[MealKind] = mapped_column(enum_column(MealKind, "meal_kind"))
    title: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    place: Mapped[TranslatedText] = mapped_column(TranslatedTextType, default=dict)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    choices: Mapped[list[MealChoice]] = relationship(back_populates="meal",
                                                     cascade="all, delete-orphan")

    __table_args__ = (CheckConstraint("ends_at > starts_at", name="meal_ends_after_start"),)


class MealChoice(db.Model):
    """A person's answer for one meal, set by them, their head of delegation or logistics;
    without one, whoever is registered and in town that day attends."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meal_id: Mapped[int] = mapped_column(ForeignKey("meal.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), index=True)
    attending: Mapped[bool] = mapped_column(Boolean)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    set_at: Mapped[datetime] = mapped_column(default=utcnow)

    meal: Mapped[Meal] = relationship(back_populates="choices")

    __table_args__ = (UniqueConstraint("meal_id", "registration_id"),)


class VisaStatus(LabelledEnum):
    REQUESTED = "requested"
    APPOINTMENT = "appointment"
    ISSUED = "issued"
    REFUSED = "refused"

    __labels__ = {
        REQUESTED: _l("Visa requested"),
        APPOINTMENT: _l("Appointment at the embassy"),
        ISSUED: _l("Visa issued"),
        REFUSED: _l("Visa refused"),
    }


class VisaReport(db.Model):
    """Where a person's visa stands, as their delegation (or logistics) last reported it."""

    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[VisaStatus] = mapped_column(enum_column(VisaStatus, "visa_status"))
    reported_at: Mapped[datetime] = mapped_column(default=utcnow)
    reported_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"))
