"""Minutes of a meeting: a text per agenda item and language with its revisions, decisions,
action points, and the comments of heads of delegation while the draft is circulated."""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import LabelledEnum, TextStatus, enum_column, utcnow


class MinutesStatus(LabelledEnum):
    DRAFT = "draft"
    CIRCULATED = "circulated"
    APPROVED = "approved"

    __labels__ = {
        DRAFT: lazy_pgettext("status of the minutes", "Draft"),
        CIRCULATED: lazy_pgettext("status of the minutes", "Circulated for comments"),
        APPROVED: lazy_pgettext("status of the minutes", "Approved"),
    }


class ActionStatus(LabelledEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"

    __labels__ = {
        OPEN: _l("Open"),
        DONE: _l("Done"),
        DROPPED: _l("Dropped"),
    }


class Minutes(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            unique=True)
    status: Mapped[MinutesStatus] = mapped_column(
        enum_column(MinutesStatus, "minutes_status"), default=MinutesStatus.DRAFT)
    original_language: Mapped[str] = mapped_column(String(10), default="en")
    classification: Mapped[str] = mapped_column(String(40), default="RESTRICTED")
    circulated_at: Mapped[datetime | None]
    approved_at: Mapped[datetime | None]

    meeting = relationship("Meeting")
    entries: Mapped[list[MinutesEntry]] = relationship(
        back_populates="minutes", cascade="all, delete-orphan")
    comments: Mapped[list[MinutesComment]] = relationship(
        back_populates="minutes", cascade="all, delete-orphan", order_by="MinutesComment.id")

    @property
    def symbol(self) -> str:
        return f"{self.meeting.symbol_prefix}/MIN"

    @property
    def locked(self) -> bool:
        return self.status == MinutesStatus.APPROVED


class MinutesEntry(db.Model):
    """What was said and decided under one agenda item, in one language."""

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"),
                                            index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"),
                                         index=True)
    language: Mapped[str] = mapped_column(String(10))
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown
    status: Mapped[TextStatus] = mapped_column(enum_column(TextStatus, "entry_status"),
                                               default=TextStatus.DRAFT)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    minutes: Mapped[Minutes] = relationship(back_populates="entries")
    revisions: Mapped[list[MinutesRevision]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="MinutesRevision.version")
    updated_by = relationship("User")

    __table_args__ = (UniqueConstraint("minutes_id", "item_id", "language"),)


class MinutesRevision(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("minutes_entry.id", ondelete="CASCADE"),
                                          index=True)
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    entry: Mapped[MinutesEntry] = relationship(back_populates="revisions")
    author = relationship("User")

    __table_args__ = (UniqueConstraint("entry_id", "version"),)


class Decision(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"),
                                         index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ActionPoint(db.Model):
    """Who does what by when; heads of delegation update their own agency's."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"),
                                         index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(enum_column(ActionStatus, "action_status"),
                                                 default=ActionStatus.OPEN)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    owner = relationship("Organisation")


class MinutesComment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"),
                                            index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"),
                                         index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    minutes: Mapped[Minutes] = relationship(back_populates="comments")
    author = relationship("User")
    organisation = relationship("Organisation")
