"""A meeting's protocol choices (the precedence rule, the seating layout and paper) and the lots
drawn for its order of precedence, each kept."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import LabelledEnum, enum_column, utcnow


class PrecedenceRule(LabelledEnum):
    """How the delegations after the host are ordered."""

    ENGLISH = "english"
    FRENCH = "french"
    HOST_LANGUAGE = "host_language"
    LOT = "lot"

    __labels__ = {
        ENGLISH: _l("Alphabetical order in English"),
        FRENCH: _l("Alphabetical order in French"),
        HOST_LANGUAGE: _l("Alphabetical order in the host's language"),
        LOT: _l("Alphabetical order in English from a letter drawn by lot"),
    }


class SeatingLayout(LabelledEnum):
    HOLLOW_SQUARE = "hollow_square"
    U_SHAPE = "u_shape"
    CLASSROOM = "classroom"

    __labels__ = {
        HOLLOW_SQUARE: _l("Hollow square"),
        U_SHAPE: _l("U-shape"),
        CLASSROOM: _l("Classroom"),
    }


class Paper(LabelledEnum):
    A3 = "a3"
    A4 = "a4"

    __labels__ = {A3: _l("A3 landscape"), A4: _l("A4 landscape")}


class ProtocolSettings(db.Model):
    """One row per meeting, made when the secretariat first chooses."""

    __tablename__ = "protocol_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            unique=True)
    rule: Mapped[PrecedenceRule] = mapped_column(
        enum_column(PrecedenceRule, "precedence_rule"), default=PrecedenceRule.ENGLISH)
    layout: Mapped[SeatingLayout] = mapped_column(
        enum_column(SeatingLayout, "seating_layout"), default=SeatingLayout.HOLLOW_SQUARE)
    paper: Mapped[Paper] = mapped_column(enum_column(Paper, "seating_paper"), default=Paper.A3)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PrecedenceLot(db.Model):
    """A letter drawn by lot: the English alphabetical order starts at the first delegation
    whose name begins with it (or the next letter that has one) and wraps round. Every draw is
    kept; the one with the highest number counts. Two draws at once cannot both take the next
    number (the database refuses the second)."""

    __tablename__ = "precedence_lot"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int] = mapped_column(Integer)
    letter: Mapped[str] = mapped_column(String(1))
    drawn_at: Mapped[datetime] = mapped_column(default=utcnow)
    drawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    #: Who drew, as they were known then (kept if the account goes).
    drawn_by_label: Mapped[str] = mapped_column(String(254), default="")
    #: The order it gave when drawn: organisation codes, host first.
    order: Mapped[list] = mapped_column(JSON, default=list)

    drawn_by = relationship("User")

    __table_args__ = (
        UniqueConstraint("meeting_id", "number", name="uq_precedence_lot_number"),
        CheckConstraint("letter >= 'A' AND letter <= 'Z' AND length(letter) = 1",
                        name="lot_letter_latin"),
        CheckConstraint("number > 0", name="lot_number_positive"),
    )
