"""Line-break opportunities for scripts written without spaces between words.

Khmer and Lao (and Burmese) put no spaces between words, and Pango, which lays out our PDFs,
has no dictionary for them: a paragraph could only break at its few spaces, so lines ran out
of the page, or, with `overflow-wrap`, broke between two letters of a syllable. ICU's
dictionary-based word segmentation finds the word boundaries; a zero-width space at each one
lets the renderer break there and nowhere else. Thai is left to Pango, which segments it with
libthai. Chromium segments all of them itself, so only the PDF pipeline needs this.
"""
from __future__ import annotations

import re
import threading

import icu

ZWSP = "\u200b"
# Runs of Lao, Khmer, Khmer Symbols and Myanmar letters and signs (two or more characters).
_RUN = re.compile("[\u0e80-\u0eff\u1780-\u17ff\u19e0-\u19ff\u1000-\u109f\uaa60-\uaa7f]{2,}")
_TEXT = re.compile(r">([^<]+)")
# Signs that belong to the word before them: the repetition marks (Khmer ៗ, Lao ໆ) and the
# Khmer sentence and clause signs (។ ៕ ៖ …), which ICU returns as words of their own.
_NO_BREAK_BEFORE = frozenset("\u0ec6\u17d4\u17d5\u17d6\u17d7\u17d8\u17d9\u17da")
_local = threading.local()


def _words() -> icu.BreakIterator:
    """One word iterator per thread: ICU iterators are not thread-safe, and building one
    loads the dictionaries (about a millisecond)."""
    if not hasattr(_local, "words"):
        _local.words = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    return _local.words


def segment(run: str) -> str:
    """The run with a zero-width space at every word boundary inside it."""
    words = _words()
    words.setText(run)
    pieces, start = [], 0
    for end in words:
        if start and run[start] not in _NO_BREAK_BEFORE:
            pieces.append(ZWSP)
        pieces.append(run[start:end])
        start = end
    return "".join(pieces)


def _segment_text(text: str) -> str:
    return _RUN.sub(lambda match: segment(match.group(0)), text)


def with_break_opportunities(html: str) -> str:
    """The document with word boundaries marked in the text of its body (not in markup,
    and not in the head, whose title becomes the PDF's metadata)."""
    if not _RUN.search(html):
        return html
    head, separator, body = html.partition("<body")
    if not separator:
        head, body = "", html
    return head + separator + _TEXT.sub(lambda m: ">" + _segment_text(m.group(1)), body)
