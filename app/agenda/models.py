"""Agenda sessions and items; item numbers are derived from their order, never stored."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import SECRETARIAT_ROLES, Role
from app.extensions import db
from app.i18n import TranslatedText, TranslatedTextType
from app.models_base import enum_column, utcnow


class Visibility(enum.StrEnum):
    PUBLIC = "public"
    DELEGATES = "delegates"
    HEADS = "heads"


def levels_for(found: set[Role] | frozenset[Role]) -> set[Visibility]:
    """Agenda visibility levels open to someone with these roles at a meeting."""
    levels = {Visibility.PUBLIC}
    if found:
        levels.add(Visibility.DELEGATES)
    if found & (SECRETARIAT_ROLES | {Role.HEAD}):
        levels.add(Visibility.HEADS)
    return levels


class ItemStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class VersionKind(enum.StrEnum):
    PROVISIONAL = "provisional"
    ADOPTED = "adopted"


item_presenter = Table(
    "agenda_item_presenter", db.metadata,
    Column("item_id", ForeignKey("agenda_item.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"),
           primary_key=True, index=True),
)


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
    presenter_names: Mapped[str] = mapped_column(String(500), default="")
    standing: Mapped[bool] = mapped_column(Boolean, default=False)  # copied to the next meeting
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    session: Mapped[AgendaSession] = relationship(back_populates="items")
    room = relationship("Room")
    children: Mapped[list[AgendaItem]] = relationship(order_by="AgendaItem.position")
    presenters = relationship("Organisation", secondary=item_presenter)
    documents: Mapped[list[AgendaDocument]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="AgendaDocument.id")

    __table_args__ = (
        CheckConstraint("ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at",
                        name="item_ends_after_start"),
    )


class AgendaDocument(db.Model):
    """A file attached to an agenda item. Its bytes are in the database, so that every
    application server serves it whatever its instance folder (`stored_name`: the random name
    it had as a file before, kept unique)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"),
                                         index=True)
    title: Mapped[str] = mapped_column(String(200))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    item: Mapped[AgendaItem] = relationship(back_populates="documents")


class AgendaVersion(db.Model):
    """A published agenda: a frozen snapshot that delegates read, print and subscribe to."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[VersionKind] = mapped_column(enum_column(VersionKind, "version_kind"))
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True)
    snapshot: Mapped[dict] = mapped_column(JSON)

    __table_args__ = (UniqueConstraint("meeting_id", "number"),)
