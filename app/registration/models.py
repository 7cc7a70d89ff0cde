"""Delegates registered for a meeting, their badge photos and their attendance per day."""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import BadgePhotoColumns, LabelledEnum, PersonName, enum_column, utcnow
from app.registration.crypto import EncryptedText


class RegistrationStatus(LabelledEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"

    __labels__ = {
        PENDING: lazy_pgettext("status of a registration", "Pending approval"),
        APPROVED: lazy_pgettext("status of a registration", "Approved"),
        REJECTED: lazy_pgettext("status of a registration", "Rejected"),
        CANCELLED: lazy_pgettext("status of a registration", "Cancelled"),
    }


#: Registrations in these states hold a seat of the delegation's quota.
HOLDS_SEAT = (RegistrationStatus.PENDING, RegistrationStatus.APPROVED)


class DelegationRole(LabelledEnum):
    HEAD = "head"
    DELEGATE = "delegate"
    ADVISER = "adviser"
    INTERPRETER = "interpreter"
    OBSERVER = "observer"

    __labels__ = {
        HEAD: _l("Head of delegation"),
        DELEGATE: _l("Delegate"),
        ADVISER: _l("Adviser"),
        INTERPRETER: _l("Interpreter"),
        OBSERVER: _l("Observer"),
    }


class DietaryNeed(LabelledEnum):
    """What a person eats, for the caterer's counts; allergies and anything else are written
    beside it (Registration.dietary)."""

    NONE = "none"
    HALAL = "halal"
    VEGETARIAN = "vegetarian"
    VEGAN = "vegan"
    KOSHER = "kosher"
    GLUTEN_FREE = "gluten_free"

    __labels__ = {
        NONE: _l("No special diet"),
        HALAL: _l("Halal"),
        VEGETARIAN: _l("Vegetarian"),
        VEGAN: _l("Vegan"),
        KOSHER: _l("Kosher"),
        GLUTEN_FREE: _l("Gluten-free"),
    }


class Registration(PersonName, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    invitation_id: Mapped[int] = mapped_column(
        ForeignKey("invitation.id", ondelete="RESTRICT"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="RESTRICT"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(10))
    family_name: Mapped[str] = mapped_column(String(100))  # Latin script, as in the passport
    given_names: Mapped[str] = mapped_column(String(100), default="")
    native_name: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    role: Mapped[DelegationRole] = mapped_column(enum_column(DelegationRole, "delegation_role"))
    interpretation: Mapped[str] = mapped_column(String(10), default="")
    #: None: not asked yet (registrations made before the question existed).
    diet: Mapped[DietaryNeed | None] = mapped_column(enum_column(DietaryNeed, "dietary_need"))
    dietary: Mapped[str] = mapped_column(Text, default="")  # allergies and other needs, as typed
    accessibility: Mapped[str] = mapped_column(Text, default="")
    arrival_date: Mapped[date | None] = mapped_column(Date)
    arrival_flight: Mapped[str] = mapped_column(String(20), default="")
    departure_date: Mapped[date | None] = mapped_column(Date)
    departure_flight: Mapped[str] = mapped_column(String(20), default="")
    hotel: Mapped[str] = mapped_column(String(200), default="")
    visa_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    nationality = mapped_column(EncryptedText)  # ISO 3166 alpha-2, encrypted at rest
    passport_number = mapped_column(EncryptedText)
    birth_date = mapped_column(EncryptedText)  # ISO date, encrypted at rest
    purged_at: Mapped[datetime | None]
    status: Mapped[RegistrationStatus] = mapped_column(
        enum_column(RegistrationStatus, "registration_status"),
        default=RegistrationStatus.PENDING, index=True)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    #: Set when an approved registration changed and went back for approval: what changed.
    review_changes: Mapped[list | None] = mapped_column(JSON(none_as_null=True))
    decided_at: Mapped[datetime | None]
    badge_code: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    meeting = relationship("Meeting")
    organisation = relationship("Organisation")
    invitation = relationship("Invitation")
    user = relationship("User")
    photo: Mapped[RegistrationPhoto | None] = relationship(
        back_populates="registration", cascade="all, delete-orphan", uselist=False,
        lazy="select")
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="registration", cascade="all, delete-orphan")

    __table_args__ = (
        UniqueConstraint("meeting_id", "email", name="uq_registration_person"),
        UniqueConstraint("meeting_id", "user_id", name="uq_registration_user"),
        CheckConstraint("departure_date IS NULL OR arrival_date IS NULL "
                        "OR departure_date >= arrival_date", name="travel_in_order"),
        CheckConstraint("email = lower(email)", name="email_lowercase"),
    )

    @property
    def reference(self) -> str:
        return f"{self.meeting.symbol_prefix}/REG/{self.id:04d}"


class RegistrationPhoto(BadgePhotoColumns, db.Model):
    """The badge photo, re-encoded as JPEG; kept apart so lists never load the bytes."""

    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), primary_key=True)

    registration: Mapped[Registration] = relationship(back_populates="photo")


class Attendance(db.Model):
    """A delegate seen at the venue desk on one day of the meeting (once per day)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    checked_in_at: Mapped[datetime] = mapped_column(default=utcnow)
    checked_in_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"))

    registration: Mapped[Registration] = relationship(back_populates="attendance")

    __table_args__ = (UniqueConstraint("registration_id", "day"),)
