"""Column helpers shared by the domain models."""
from __future__ import annotations

import enum
from datetime import UTC, datetime

from sqlalchemy import Enum


def utcnow() -> datetime:
    """Naive UTC, as stored in the database (SQLite keeps no zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def enum_column(kind: type[enum.Enum], name: str) -> Enum:
    """A portable enum: VARCHAR plus a CHECK constraint, no native database type."""
    return Enum(kind, name=name, native_enum=False, create_constraint=True, length=32,
                values_callable=lambda members: [m.value for m in members],
                validate_strings=True)


class TextStatus(enum.StrEnum):
    """The status of one language version of a long text (resolutions, minutes)."""

    DRAFT = "draft"  # a draft translation
    VERIFIED = "verified"
