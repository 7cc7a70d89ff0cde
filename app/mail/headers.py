"""The e-mail policy: Python's default, except that the Subject is encoded here.

RFC 2047 §2: an encoded-word is at most 75 characters, and a line holding encoded-words at most
76. Python's folder (3.11–3.13) makes words of 76 characters for Thai, Khmer or Arabic subjects,
and may drop the space between two encoded-words. A subject that needs encoding is therefore
encoded here, whole, as UTF-8 base64 words that each carry whole characters (a base letter stays
with its marks: Thai vowels and tones, Khmer subscripts after the coeng), folded one word per line.
"""
from __future__ import annotations

import base64
import unicodedata
from email.policy import EmailPolicy

MAX_WORD = 75  # RFC 2047 §2
MAX_LINE = 76  # RFC 2047 §2, for a line that holds encoded-words
_JOINERS = {"\u200c", "\u200d", "\u17d2", "\u1039", "\u0e3a"}  # ZWNJ, ZWJ, Khmer/Myanmar virama


def _word(data: bytes) -> str:
    return f"=?utf-8?b?{base64.b64encode(data).decode('ascii')}?="


def _clusters(text: str) -> list[str]:
    """The text cut only where a new base character starts (marks and joined letters stay)."""
    clusters: list[str] = []
    for char in text:
        if clusters and (unicodedata.category(char).startswith("M") or char in _JOINERS
                         or clusters[-1][-1] in _JOINERS or "\ufe00" <= char <= "\ufe0f"):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def encoded_words(text: str, first_room: int) -> list[str]:
    """The text as encoded-words: the first at most first_room characters long, the others at
    most MAX_WORD, none splitting a character (nor, when it fits, a cluster)."""
    words: list[str] = []
    room = min(first_room, MAX_WORD)
    chunk = b""
    for cluster in _clusters(text):
        for piece in ([cluster] if len(_word(cluster.encode())) <= MAX_WORD else cluster):
            data = piece.encode()
            if chunk and len(_word(chunk + data)) > room:
                words.append(_word(chunk))
                chunk, room = b"", MAX_WORD
            chunk += data
    if chunk:
        words.append(_word(chunk))
    return words


def _needs_encoding(value: str) -> bool:
    return (not value.isascii() or "=?" in value
            or any(len(word) > MAX_WORD for word in value.split()))


class MailPolicy(EmailPolicy):
    """EmailPolicy whose Subject folding keeps RFC 2047's limits (see the module's note)."""

    def _subject(self, name: str, value) -> str | None:
        if name.lower() != "subject" or not _needs_encoding(str(value)):
            return None
        prefix = f"{name}: "
        words = encoded_words(" ".join(str(value).split()), MAX_LINE - len(prefix))
        return prefix + f"{self.linesep} ".join(words) + self.linesep

    def fold(self, name, value):
        folded = self._subject(name, value)
        return super().fold(name, value) if folded is None else folded

    def fold_binary(self, name, value):
        folded = self._subject(name, value)
        return super().fold_binary(name, value) if folded is None else folded.encode("ascii")


# Other headers keep the default of 78 (RFC 5322 §2.1.1): at 76, a Message-ID of our length
# went to a continuation line, and some readers then keep the folding space in its value.
MAIL_POLICY = MailPolicy()
