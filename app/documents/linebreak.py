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
# Words that ICU's Khmer dictionary cuts apart in some contexts, found in our own texts: after
# "ជា" it reads "ជាស|មា|ជិ|ក" for "ជា|សមាជិក" (member), and a line broke inside the word on the
# visa letter. A break inside one of these is dropped, and one is allowed on each side of it.
KEEP_WHOLE = ("សមាជិក", "កិច្ចប្រជុំ", "របៀបវារៈ")
_local = threading.local()


def _words() -> icu.BreakIterator:
    """One word iterator per thread: ICU iterators are not thread-safe, and building one
    loads the dictionaries (about a millisecond)."""
    if not hasattr(_local, "words"):
        _local.words = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    return _local.words


def _whole_words(run: str) -> tuple[set[int], set[int]]:
    """Offsets inside the KEEP_WHOLE words of the run (no break there), and their edges."""
    inside, edges = set(), set()
    for word in KEEP_WHOLE:
        start = run.find(word)
        while start >= 0:
            end = start + len(word)
            inside.update(range(start + 1, end))
            edges.update((start, end))
            start = run.find(word, end)
    return inside, edges - inside


def segment(run: str) -> str:
    """The run with a zero-width space at every word boundary inside it."""
    words = _words()
    words.setText(run)
    inside, edges = _whole_words(run)
    cuts = ({0, *words} | edges) - inside
    pieces, start = [], 0
    for end in sorted(cuts - {0}) + ([len(run)] if len(run) not in cuts else []):
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
