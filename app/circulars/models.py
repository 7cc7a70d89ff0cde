"""A circular and the log of who received it, in which language, through which outbox message."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.i18n import TranslatedText, TranslatedTextType
from app.mail.models import MailAttachment
from app.models_base import LabelledEnum, enum_column, utcnow


class Audience(LabelledEnum):
    HEADS = "heads"
    PARTICIPANTS = "participants"
    DELEGATION = "delegation"
    CATEGORY = "category"

    __labels__ = {
        HEADS: _l("All heads of delegation"),
        PARTICIPANTS: _l("All participants (registrations awaiting approval or approved)"),
        DELEGATION: _l("One delegation (its head and participants)"),
        CATEGORY: _l("One category of participation (heads and participants)"),
    }


circular_attachment = Table(
    "circular_attachment", db.metadata,
    Column("circular_id", ForeignKey("circular.id", ondelete="CASCADE"), primary_key=True),
    Column("attachment_id", ForeignKey("mail_attachment.id", ondelete="CASCADE"),
           primary_key=True, index=True),
)


class Circular(db.Model):
    """Written, previewed (sent_at None), then sent once to the recipients its audience names."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    subject: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    body: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    audience: Mapped[Audience] = mapped_column(enum_column(Audience, "circular_audience"))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"))
    category: Mapped[str | None] = mapped_column(String(32))
    #: recipients whose language has no text get the working language's
    working_language_fallback: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    meeting = relationship("Meeting")
    organisation = relationship("Organisation")
    attachments: Mapped[list[MailAttachment]] = relationship(
        secondary=circular_attachment, order_by=MailAttachment.id)
    recipients: Mapped[list[CircularRecipient]] = relationship(
        back_populates="circular", order_by="CircularRecipient.id",
        cascade="all, delete-orphan")


class CircularRecipient(db.Model):
    """One person the circular went to: the address and language at the time of sending."""

    id: Mapped[int] = mapped_column(primary_key=True)
    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"),
                                             index=True)
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(10))  # the language of the text sent
    wanted_language: Mapped[str] = mapped_column(String(10))  # the person's own
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_message.id", ondelete="SET NULL"))

    circular: Mapped[Circular] = relationship(back_populates="recipients")
    message = relationship("OutboxMessage")
