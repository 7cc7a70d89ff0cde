"""Meeting documents (BC/2/WP/3, BC/2/WP/3/Rev.1 …), their language versions and the log of
who was told of their issue. The database keeps a symbol unique within its meeting."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from flask_babel.speaklater import LazyString
from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.agenda.models import Visibility
from app.extensions import db
from app.i18n import TranslatedText, TranslatedTextType
from app.models_base import LabelledEnum, enum_column, utcnow


class DocumentClass(LabelledEnum):
    """The series' document classes, in the order the register lists them."""

    INF = "INF"
    WP = "WP"
    CRP = "CRP"
    L = "L"
    R = "R"

    __labels__ = {
        INF: _l("Information document"),
        WP: _l("Working paper"),
        CRP: _l("Conference room paper"),
        L: _l("Limited distribution (draft for decision)"),
        R: _l("Restricted document"),
    }


class DocumentKind(LabelledEnum):
    """An original, or what is issued on top of another document (its suffix)."""

    ORIGINAL = "original"
    REVISION = "revision"
    ADDENDUM = "addendum"
    CORRIGENDUM = "corrigendum"

    __labels__ = {
        ORIGINAL: _l("Original"),
        REVISION: _l("Revision"),
        ADDENDUM: _l("Addendum"),
        CORRIGENDUM: _l("Corrigendum"),
    }


#: The suffix each kind adds to its parent's symbol (Rev.1, Add.1, Corr.1).
SUFFIX = {DocumentKind.REVISION: "Rev", DocumentKind.ADDENDUM: "Add",
          DocumentKind.CORRIGENDUM: "Corr"}


class DocumentStatus(LabelledEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    WITHDRAWN = "withdrawn"

    __labels__ = {
        DRAFT: _l("Draft (not issued)"),
        # "Issued" alone is a badge's or a letter's elsewhere: a document's is another word.
        ISSUED: LazyString(lambda: pgettext("meeting document", "Issued")),
        WITHDRAWN: LazyString(lambda: pgettext("meeting document", "Withdrawn")),
    }


#: Who may read a document: the agenda's levels (public, participants, heads only).
DISTRIBUTION_LABELS = {
    Visibility.PUBLIC: _l("Public (anyone, including the public page)"),
    Visibility.DELEGATES: _l("Participants"),
    Visibility.HEADS: _l("Heads of delegation and the secretariat only"),
}


class MeetingDocument(db.Model):
    """One document of a meeting, whatever its languages; a revision, addendum or corrigendum
    is a document of its own whose parent is the document it is issued on."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    doc_class: Mapped[DocumentClass] = mapped_column(enum_column(DocumentClass,
                                                                 "document_class"))
    number: Mapped[int] = mapped_column(Integer)  # the class's number (WP/3 → 3)
    kind: Mapped[DocumentKind] = mapped_column(enum_column(DocumentKind, "document_kind"),
                                               default=DocumentKind.ORIGINAL)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_document.id", ondelete="RESTRICT"), index=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)  # Rev.2 → 2; an original 0
    symbol: Mapped[str] = mapped_column(String(120))
    title: Mapped[TranslatedText] = mapped_column(TranslatedTextType)
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True)
    distribution: Mapped[Visibility] = mapped_column(
        enum_column(Visibility, "document_distribution"), default=Visibility.DELEGATES)
    status: Mapped[DocumentStatus] = mapped_column(
        enum_column(DocumentStatus, "document_status"), default=DocumentStatus.DRAFT)
    issued_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True)

    meeting = relationship("Meeting")
    agenda_item = relationship("AgendaItem")
    parent: Mapped[MeetingDocument | None] = relationship(
        remote_side="MeetingDocument.id", back_populates="children")
    children: Mapped[list[MeetingDocument]] = relationship(
        back_populates="parent", order_by="MeetingDocument.id")
    files: Mapped[list[MeetingDocumentFile]] = relationship(
        back_populates="document", cascade="all, delete-orphan",
        order_by="MeetingDocumentFile.language")

    __table_args__ = (
        UniqueConstraint("meeting_id", "symbol", name="uq_meeting_document_symbol"),
        UniqueConstraint("parent_id", "kind", "sequence", name="uq_meeting_document_suffix"),
        CheckConstraint("number > 0", name="number_positive"),
        CheckConstraint("(kind = 'original') = (parent_id IS NULL)",
                        name="parent_when_suffixed"),
    )

    @property
    def languages(self) -> list[str]:
        return [f.language for f in self.files]

    def file_in(self, language: str) -> MeetingDocumentFile | None:
        return next((f for f in self.files if f.language == language), None)


class MeetingDocumentFile(db.Model):
    """The file of one language version, kept in the database as uploaded (checked first)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_document.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(10))
    extension: Mapped[str] = mapped_column(String(8))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True)

    document: Mapped[MeetingDocument] = relationship(back_populates="files")

    __table_args__ = (UniqueConstraint("document_id", "language",
                                       name="uq_meeting_document_file_language"),)


class DocumentNotice(db.Model):
    """Who was told of a document's issue, once each: the database refuses a second notice."""

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_document.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(10))
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_message.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("document_id", "user_id",
                                       name="uq_document_notice_person"),)
