"""Column helpers shared by the domain models."""
from __future__ import annotations

import enum
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Enum, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    """Naive UTC, as stored in the database (SQLite keeps no zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def enum_column(kind: type[enum.Enum], name: str) -> Enum:
    """A portable enum: VARCHAR plus a CHECK constraint, no native database type."""
    return Enum(kind, name=name, native_enum=False, create_constraint=True, length=32,
                values_callable=lambda members: [m.value for m in members],
                validate_strings=True)


class LabelledEnum(enum.StrEnum):
    """A string enum whose members have a translated name for pages, e-mails and documents.

    A subclass maps each value to its lazy_gettext name in `__labels__` (a dunder name, so the
    mapping is no member); `member.label` is the name in the current locale, and `label_of`
    takes a member or its string value, as templates hold either."""

    __labels__: dict = {}

    @property
    def label(self) -> str:
        return str(type(self).__labels__[self.value])

    @classmethod
    def label_of(cls, value) -> str:
        return str(cls.__labels__[getattr(value, "value", value)])


class TextStatus(LabelledEnum):
    """The status of one language version of a long text (resolutions, minutes)."""

    DRAFT = "draft"  # a draft translation
    VERIFIED = "verified"

    __labels__ = {DRAFT: _l("Draft translation"), VERIFIED: _l("Verified")}


class PersonName:
    """The two ways a badge holder's Latin-script name is written (delegates, accreditations);
    the class has `family_name` and `given_names` columns."""

    @property
    def latin_name(self) -> str:
        """Passport order: FAMILY NAME, given names."""
        return ", ".join(part for part in (self.family_name.upper(), self.given_names) if part)

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.family_name) if part)


class BadgePhotoColumns:
    """A badge photo, re-encoded as JPEG (app.images): its bytes, digest and size. Each photo
    table adds its own key, the person's id."""

    data: Mapped[bytes] = mapped_column(LargeBinary)
    digest: Mapped[str] = mapped_column(String(64))
    width: Mapped[int]
    height: Mapped[int]
