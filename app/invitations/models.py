"""Invitations to a meeting and the multilingual invitation letter."""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.i18n import TranslatedText, TranslatedTextType
from app.meetings.models import ParticipationCategory
from app.models_base import LabelledEnum, enum_column, utcnow


class InvitationStatus(LabelledEnum):
    DRAFT = "draft"
    SENT = "sent"
    ACCEPTED = "accepted"
    DECLINED = "declined"

    __labels__ = {
        DRAFT: _l("Not sent"),
        SENT: _l("Sent, no answer"),
        ACCEPTED: lazy_pgettext("answer to an invitation", "Accepted"),
        DECLINED: lazy_pgettext("answer to an invitation", "Declined"),
    }


class Invitation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    category: Mapped[ParticipationCategory] = mapped_column(
        enum_column(ParticipationCategory, "invitation_category"))
    addressee_name: Mapped[str] = mapped_column(String(200))
    addressee_title: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(10))
    quota: Mapped[int] = mapped_column(Integer, default=3)
    seats_taken: Mapped[int] = mapped_column(Integer, default=0)  # pending + approved
    registration_nonce: Mapped[str] = mapped_column(String(32), default="")
    status: Mapped[InvitationStatus] = mapped_column(
        enum_column(InvitationStatus, "invitation_status"), default=InvitationStatus.DRAFT,
        index=True)
    link_nonce: Mapped[str] = mapped_column(String(32), default="")
    sent_at: Mapped[datetime | None]
    opened_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    head_name: Mapped[str] = mapped_column(String(200), default="")
    head_email: Mapped[str] = mapped_column(String(254), default="")
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0)
    last_reminder_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting = relationship("Meeting")
    organisation = relationship("Organisation")

    __table_args__ = (
        UniqueConstraint("meeting_id", "organisation_id"),
        CheckConstraint("quota >= 1 AND quota <= 50", name="quota_range"),
        CheckConstraint("seats_taken >= 0 AND seats_taken <= quota", name="quota_held"),
    )


class InvitationLetter(db.Model):
    """The letter of one meeting: a subject and a body per language, with placeholders."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            unique=True)
    reply_by: Mapped[date] = mapped_column(Date)
    subject: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    body: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    meeting = relationship("Meeting")
