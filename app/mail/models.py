"""The transactional outbox: messages written with the change that causes them.

The bodies carry sign-in and invitation links, which are credentials: they are stored
encrypted under DATA_KEYS, and once a message is sent its stored copy keeps the links without
their tokens (mail.services.without_links).
"""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, Index, Integer, LargeBinary, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from app.crypto import EncryptedBody, decrypt_bytes, encrypt_bytes
from app.extensions import db
from app.models_base import LabelledEnum, enum_column, utcnow


class OutboxStatus(LabelledEnum):
    QUEUED = "queued"
    SENDING = "sending"  # claimed by a worker; if it dies here the message is not resent
    SENT = "sent"
    FAILED = "failed"

    __labels__ = {
        QUEUED: _l("Queued"),
        SENDING: _l("Being sent"),
        SENT: _l("Sent"),
        FAILED: _l("Failed"),
    }


class OutboxMessage(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    recipient: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(998))
    # Encrypted at rest; deferred, so lists of messages never decrypt them.
    body_text: Mapped[str] = mapped_column(EncryptedBody, deferred=True)
    body_html: Mapped[str] = mapped_column(EncryptedBody, default="", deferred=True)
    calendar: Mapped[str] = mapped_column(EncryptedBody, default="",  # iCalendar part, if any
                                          deferred=True)
    calendar_method: Mapped[str] = mapped_column(String(16), default="")
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"),
                                                   index=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[OutboxStatus] = mapped_column(enum_column(OutboxStatus, "outbox_status"),
                                                 default=OutboxStatus.QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_outbox_message_due", "status", "next_attempt_at"),)


class EncryptedBytes(TypeDecorator):
    """A file's bytes stored as a Fernet token under DATA_KEYS."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return encrypt_bytes(value) if value is not None else None

    def process_result_value(self, value, dialect):
        return decrypt_bytes(bytes(value)) if value is not None else None


class MailAttachment(db.Model):
    """A file sent with e-mails (a circular's attachment), stored once for all its messages and
    encrypted at rest: what the secretariat attaches may name people (a list of participants)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(127))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(EncryptedBytes, deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


#: Which attachments go with which outbox message.
outbox_message_attachment = Table(
    "outbox_message_attachment", db.metadata,
    Column("message_id", ForeignKey("outbox_message.id", ondelete="CASCADE"), primary_key=True),
    Column("attachment_id", ForeignKey("mail_attachment.id", ondelete="CASCADE"),
           primary_key=True, index=True),
)
