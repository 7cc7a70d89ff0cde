"""Encryption at rest under DATA_KEYS: sensitive registration fields, outbox bodies, cached
documents that carry personal data.

The keys come from the environment (DATA_KEYS, comma-separated Fernet keys, newest first), so
a copy of the database alone reveals nothing. Older keys still decrypt: rotate by putting a new
key first and running `flask --app app privacy rotate-keys`.
"""
from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator


class DecryptionError(RuntimeError):
    """The stored value was encrypted with a key that is not configured."""


@lru_cache(maxsize=4)
def _cipher(keys: str) -> MultiFernet:
    return MultiFernet([Fernet(key.strip().encode()) for key in keys.split(",") if key.strip()])


def cipher() -> MultiFernet:
    return _cipher(current_app.config["DATA_KEYS"])


def encrypt(value: str) -> str:
    return cipher().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return cipher().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError(
            "a sensitive field cannot be decrypted with the configured DATA_KEYS") from exc


def encrypt_bytes(data: bytes) -> bytes:
    return cipher().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    """The plain bytes; DecryptionError when no configured key opens them."""
    try:
        return cipher().decrypt(token)
    except InvalidToken as exc:
        raise DecryptionError("data cannot be decrypted with the configured DATA_KEYS") from exc


def rotate(token: str) -> str:
    return cipher().rotate(token.encode()).decode()


class EncryptedText(TypeDecorator):
    """A text column stored as a Fernet token; None and "" stay NULL."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return encrypt(value) if value else None

    def process_result_value(self, value, dialect):
        return decrypt(value) if value else None


class EncryptedBody(TypeDecorator):
    """A NOT NULL text column stored as a Fernet token; "" stays "" (an empty part)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return encrypt(value) if value else ""

    def process_result_value(self, value, dialect):
        return decrypt(value) if value else ""


def mask(value: str | None, keep: int = 2) -> str:
    """What a screen shows of a sensitive value: only its last characters."""
    if not value:
        return ""
    return "•" * max(len(value) - keep, 3) + value[-keep:]
