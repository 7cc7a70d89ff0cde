"""Encryption at rest for sensitive registration fields: the one implementation is app.crypto
(shared with the outbox and the document cache); these names stay importable from here."""
from app.crypto import (  # noqa: F401
    DecryptionError,
    EncryptedText,
    cipher,
    decrypt,
    encrypt,
    mask,
    rotate,
)
