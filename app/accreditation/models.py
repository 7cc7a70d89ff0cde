"""Accreditation categories of a meeting (badge colour, areas, own registration path), the
areas, and the accreditations of people who are not in a delegation.

A delegation registration (app.registration) belongs to the category of kind DELEGATION, or
HOST_DELEGATION when its organisation hosts the meeting; every other person has an
`Accreditation` here, e.g. a liaison officer is an Accreditation whose category.kind is
CategoryKind.LIAISON.
"""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.crypto import EncryptedText
from app.extensions import db
from app.i18n import TranslatedText, TranslatedTextType
from app.models_base import BadgePhotoColumns, LabelledEnum, PersonName, enum_column, utcnow


class CategoryKind(LabelledEnum):
    DELEGATION = "delegation"
    HOST_DELEGATION = "host"
    SECRETARIAT = "secretariat"
    PRESS = "press"
    SECURITY = "security"
    INTERPRETER = "interpreter"
    DRIVER = "driver"
    LIAISON = "liaison"

    __labels__ = {
        DELEGATION: _l("Delegation"),
        HOST_DELEGATION: _l("Host delegation"),
        SECRETARIAT: _l("Secretariat"),
        PRESS: _l("Press and media"),
        SECURITY: _l("Security"),
        INTERPRETER: _l("Interpreter"),
        DRIVER: _l("Driver"),
        LIAISON: _l("Liaison officer"),
    }


#: Categories whose people register as delegation members (app.registration), never here.
DELEGATION_KINDS = (CategoryKind.DELEGATION, CategoryKind.HOST_DELEGATION)


class AccreditationStatus(LabelledEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"

    __labels__ = {
        PENDING: lazy_pgettext("status of an accreditation request", "Pending approval"),
        APPROVED: lazy_pgettext("status of an accreditation request", "Approved"),
        REJECTED: lazy_pgettext("status of an accreditation request", "Rejected"),
    }


category_area = Table(
    "accreditation_category_area", db.metadata,
    Column("category_id", ForeignKey("accreditation_category.id", ondelete="CASCADE"),
           primary_key=True),
    Column("area_id", ForeignKey("accreditation_area.id", ondelete="CASCADE"),
           primary_key=True),
)


class AccreditationArea(db.Model):
    """A zone of the venue a badge opens (plenary, bilateral rooms, press centre…)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    code: Mapped[str] = mapped_column(String(8))  # printed on the badge, e.g. "PL"
    name: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    position: Mapped[int] = mapped_column(Integer, default=0)

    meeting = relationship("Meeting")

    __table_args__ = (
        UniqueConstraint("meeting_id", "code", name="uq_accreditation_area_code"),
        CheckConstraint("code = upper(code) AND length(code) BETWEEN 1 AND 8",
                        name="area_code_upper"),
    )


class AccreditationCategory(db.Model):
    """One per kind and meeting: its badge colour, its areas, and whether people may apply."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    kind: Mapped[CategoryKind] = mapped_column(enum_column(CategoryKind, "category_kind"))
    #: Per language; empty: the kind's label in the reader's language.
    name: Mapped[TranslatedText] = mapped_column(TranslatedTextType, default=dict)
    colour: Mapped[str] = mapped_column(String(7))  # "#rrggbb", lower case
    registration_open: Mapped[bool] = mapped_column(Boolean, default=False)

    meeting = relationship("Meeting")
    areas: Mapped[list[AccreditationArea]] = relationship(
        secondary=category_area, order_by=AccreditationArea.position)

    __table_args__ = (
        UniqueConstraint("meeting_id", "kind", name="uq_accreditation_category_kind"),
        CheckConstraint("length(colour) = 7 AND colour = lower(colour) "
                        "AND substr(colour, 1, 1) = '#'", name="category_colour_hex"),
    )


class Accreditation(PersonName, db.Model):
    """A person outside the delegations, accredited in one category of one meeting."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    category_id: Mapped[int] = mapped_column(
        ForeignKey("accreditation_category.id", ondelete="RESTRICT"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(10))
    family_name: Mapped[str] = mapped_column(String(100))  # Latin script, as in the passport
    given_names: Mapped[str] = mapped_column(String(100), default="")
    native_name: Mapped[str] = mapped_column(String(200), default="")
    organisation_name: Mapped[str] = mapped_column(String(200), default="")  # agency, outlet
    function: Mapped[str] = mapped_column(String(200), default="")
    phone = mapped_column(EncryptedText)  # encrypted at rest
    status: Mapped[AccreditationStatus] = mapped_column(
        enum_column(AccreditationStatus, "accreditation_status"),
        default=AccreditationStatus.PENDING, index=True)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None]
    #: The secretariat member who entered the person; None: the person applied.
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    badge_code: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    meeting = relationship("Meeting")
    category: Mapped[AccreditationCategory] = relationship()
    photo: Mapped[AccreditationPhoto | None] = relationship(
        back_populates="accreditation", cascade="all, delete-orphan", uselist=False)

    __table_args__ = (
        UniqueConstraint("category_id", "email", name="uq_accreditation_person"),
        CheckConstraint("email = lower(email)", name="accreditation_email_lowercase"),
    )

    @property
    def reference(self) -> str:
        return f"{self.meeting.symbol_prefix}/ACC/{self.id:04d}"


class AccreditationPhoto(BadgePhotoColumns, db.Model):
    """The badge photo, re-encoded as JPEG by the registration photo rules."""

    accreditation_id: Mapped[int] = mapped_column(
        ForeignKey("accreditation.id", ondelete="CASCADE"), primary_key=True)

    accreditation: Mapped[Accreditation] = relationship(back_populates="photo")
