"""Resolutions: numbered per meeting, paragraphs aligned across languages, sponsors,
adoption record and amendments."""
from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_pgettext
from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.i18n import TranslatedText, TranslatedTextType
from app.models_base import LabelledEnum, TextStatus, enum_column, utcnow


class ResolutionState(LabelledEnum):
    DRAFT = "draft"
    TABLED = "tabled"
    ADOPTED = "adopted"
    WITHDRAWN = "withdrawn"
    REJECTED = "rejected"

    __labels__ = {
        DRAFT: lazy_pgettext("status of a resolution", "Draft"),
        TABLED: lazy_pgettext("status of a resolution", "Tabled"),
        ADOPTED: lazy_pgettext("status of a resolution", "Adopted"),
        WITHDRAWN: lazy_pgettext("status of a resolution", "Withdrawn"),
        REJECTED: lazy_pgettext("status of a resolution", "Rejected"),
    }


class AdoptionMethod(enum.StrEnum):
    CONSENSUS = "consensus"
    VOTE = "vote"


class ParagraphKind(enum.StrEnum):
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"


class AmendmentState(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Resolution(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int] = mapped_column(Integer)
    original_language: Mapped[str] = mapped_column(String(10))
    state: Mapped[ResolutionState] = mapped_column(
        enum_column(ResolutionState, "resolution_state"), default=ResolutionState.DRAFT)
    adoption_method: Mapped[AdoptionMethod | None] = mapped_column(
        enum_column(AdoptionMethod, "adoption_method"))
    votes_for: Mapped[int | None]
    votes_against: Mapped[int | None]
    votes_abstaining: Mapped[int | None]
    record: Mapped[str] = mapped_column(Text, default="")  # how it was decided, for the file
    decided_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)  # optimistic locking
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    meeting = relationship("Meeting")
    texts: Mapped[list[ResolutionText]] = relationship(
        back_populates="resolution", cascade="all, delete-orphan",
        order_by="ResolutionText.language")
    paragraphs: Mapped[list[Paragraph]] = relationship(
        back_populates="resolution", cascade="all, delete-orphan",
        order_by="Paragraph.position")
    sponsors: Mapped[list[ResolutionSponsor]] = relationship(  # in the order they joined
        back_populates="resolution", cascade="all, delete-orphan", order_by="ResolutionSponsor.id")
    amendments: Mapped[list[Amendment]] = relationship(
        back_populates="resolution", cascade="all, delete-orphan", order_by="Amendment.id")

    __table_args__ = (
        UniqueConstraint("meeting_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint("state != 'adopted' OR adoption_method IS NOT NULL",
                        name="adopted_has_method"),
        CheckConstraint("adoption_method != 'vote' OR (votes_for IS NOT NULL AND "
                        "votes_against IS NOT NULL AND votes_abstaining IS NOT NULL)",
                        name="vote_has_counts"),
    )

    @property
    def symbol(self) -> str:
        return f"{self.meeting.symbol_prefix}/RES/{self.number}"

    @property
    def locked(self) -> bool:
        return self.state != ResolutionState.DRAFT and self.state != ResolutionState.TABLED

    def text_in(self, language: str) -> ResolutionText | None:
        return next((t for t in self.texts if t.language == language), None)

    def proposed_amendments(self) -> list[Amendment]:
        return [a for a in self.amendments if a.state == AmendmentState.PROPOSED]

    def top_level(self, kind: ParagraphKind) -> list[Paragraph]:
        return sorted((p for p in self.paragraphs if p.kind == kind and p.parent_id is None),
                      key=lambda p: p.position)


class ResolutionText(db.Model):
    """The title and status of the resolution in one language; paragraphs hold the body."""

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(
        ForeignKey("resolution.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[TextStatus] = mapped_column(enum_column(TextStatus, "text_status"),
                                               default=TextStatus.DRAFT)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    resolution: Mapped[Resolution] = relationship(back_populates="texts")

    __table_args__ = (UniqueConstraint("resolution_id", "language"),)


class Paragraph(db.Model):
    """A paragraph in every language at once, so the editions stay aligned."""

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(
        ForeignKey("resolution.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ParagraphKind] = mapped_column(enum_column(ParagraphKind, "paragraph_kind"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("paragraph.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[TranslatedText] = mapped_column(TranslatedTextType, default=dict)

    resolution: Mapped[Resolution] = relationship(back_populates="paragraphs")
    children: Mapped[list[Paragraph]] = relationship(
        order_by="Paragraph.position", cascade="all, delete-orphan")

    __table_args__ = (CheckConstraint("parent_id IS NULL OR kind = 'operative'",
                                      name="only_operative_subparagraphs"),)


class ResolutionSponsor(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(
        ForeignKey("resolution.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"))

    resolution: Mapped[Resolution] = relationship(back_populates="sponsors")
    organisation = relationship("Organisation")

    __table_args__ = (UniqueConstraint("resolution_id", "organisation_id"),)


class Amendment(db.Model):
    """A proposed new wording of one paragraph in one language, and what became of it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(
        ForeignKey("resolution.id", ondelete="CASCADE"), index=True)
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraph.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(10))
    proposed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"))
    old_text: Mapped[str] = mapped_column(Text)
    new_text: Mapped[str] = mapped_column(Text)
    state: Mapped[AmendmentState] = mapped_column(
        enum_column(AmendmentState, "amendment_state"), default=AmendmentState.PROPOSED)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]

    resolution: Mapped[Resolution] = relationship(back_populates="amendments")
    paragraph: Mapped[Paragraph] = relationship()
    proposed_by = relationship("Organisation")


class ResolutionFile(db.Model):
    """The archival PDF/A of an adopted resolution in one language, kept as first printed."""

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(
        ForeignKey("resolution.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(10))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("resolution_id", "language"),)
