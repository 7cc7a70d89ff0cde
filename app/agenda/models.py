"""Agenda sessions and items; item numbers are derived from their order, never stored."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.i18n import TranslatedText, TranslatedTextType
from app.models_base import enum_column, utcnow


class Visibility(enum.StrEnum):
    PUBLIC = "public"
    DELEGATES = "delegates"
    HEADS = "heads"


class ItemStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class AgendaSession(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="SET NULL"),
                                                index=True)

    room = relationship("Room")
    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="session", order_by="AgendaItem.position",
        cascade="all, delete-orphan")

    __table_args__ = (CheckConstraint("ends_at > starts_at", name="session_ends_after_start"),)


class AgendaItem(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("agenda_session.id", ondelete="CASCADE"),
                                            index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    description: Mapped[TranslatedText] = mapped_column(TranslatedTextType, default=dict)
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="SET NULL"),
                                                index=True)
    visibility: Mapped[Visibility] = mapped_column(enum_column(Visibility, "visibility"),
                                                   default=Visibility.DELEGATES)
    status: Mapped[ItemStatus] = mapped_column(enum_column(ItemStatus, "item_status"),
                                               default=ItemStatus.SCHEDULED)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    session: Mapped[AgendaSession] = relationship(back_populates="items")
    room = relationship("Room")
    children: Mapped[list[AgendaItem]] = relationship(order_by="AgendaItem.position")

    __table_args__ = (
        CheckConstraint("ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at",
                        name="item_ends_after_start"),
    )
