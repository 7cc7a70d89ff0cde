"""A true text layer for WeasyPrint's PDFs: every drawn glyph has a Unicode value, and text
extraction gives back the source text in logical order in every script.

Why (WeasyPrint 70.0, weasyprint/draw/text.py `draw_first_line` and weasyprint/pdf/fonts.py
`build_fonts_dictionary`): the text of a PDF is known only through each font's ToUnicode map,
keyed by glyph, and WeasyPrint fills that map the first time a glyph is drawn, with the UTF-8
slice between the glyph's cluster start and the next glyph's cluster start. Two faults follow:

- when HarfBuzz shapes one cluster into several glyphs (Thai ำ into nikhahit and sara aa, a
  Khmer consonant with a subscript or a pre-base vowel, Arabic marks), every glyph but the last
  gets the empty string, so it has no Unicode value (PDF/A level U is broken), and the last
  glyph gets the whole cluster;
- a glyph keeps the text of its first cluster for the whole document, whatever it stands for
  later: after "ក្រ" the glyph of ក reads "ក្រ" everywhere, after "ำ" sara aa reads "ำ", so
  "สำนักงาน" is copied as "สำนักงำน".
And the glyphs are written in visual order, which is not the reading order of a Khmer cluster
with a pre-base vowel or subscript, nor of a right-to-left line.

What this module does, without touching WeasyPrint's layout or drawing (so the page renders
identically, glyph for glyph and position for position):

1. It wraps `draw_first_line`: the function draws into a recording stand-in of the stream; then
   every glyph of the line gets the text it stands for *in this place*, from Pango's clusters:
   a glyph alone in its cluster gets the cluster's text; the glyphs of a cluster that map one
   to one, in order, to its characters (by the font's own cmap) get their characters; otherwise
   the first glyph of the cluster (in drawing order) gets the cluster's text and the others
   U+2060 WORD JOINER (invisible, default-ignorable: a Unicode value that adds no letter), and
   the cluster is wrapped in a `/Span <</ActualText ...>> BDC ... EMC` marked-content sequence
   holding its text, which extractors that know ActualText (Acrobat, poppler, PDFium) use in
   place of the glyphs'.
   Right-to-left text is drawn in visual order, and extractors turn it back into reading
   order with a simple rule rather than the bidirectional algorithm: poppler (pdftotext)
   reverses the characters of right-to-left stretches and writes left-to-right ones (letters,
   digits and the separators of numbers, with the neutrals to their left) as they stand;
   pypdf reverses the glyphs between two left-to-right characters, keeping the text of one
   glyph whole, and ignores ActualText. So, in a right-to-left run, a cluster of several
   characters goes on its widest glyph in reading order with a reversed ActualText
   (_right_to_left; marks that Pango gives clusters of their own join their letter,
   _join_marks); an Arabic comma or colon gets a RIGHT-TO-LEFT MARK before it and a bracket,
   quotation mark or dash one after it, so that poppler does not read it with the
   left-to-right text beside it; and each stretch that poppler reads left to right but is
   drawn in another order than it is read ("11–12" shows as 12–11, the closing parenthesis of
   "(BC/1/1)" is drawn at its left) gets an ActualText with its reading order and a
   LEFT-TO-RIGHT MARK (_left_to_right_sections).
   pypdf reads the glyphs in the order of the content stream, not by position: a line
   holding right-to-left text is written in slices, in reading order, each slice the longest
   run of glyphs drawn one after another that pypdf's rule gives back in reading order, each
   after a Tf (where pypdf ends a stretch) and a Tm to the place WeasyPrint drew it, with
   WeasyPrint's own TJ numbers, rises and glyphs (_reading_order): the page is drawn as before,
   pixel for pixel. Inside an ActualText span, which poppler reads, the glyphs' own values
   serve pypdf: a left-to-right section's text is on its first glyph.
   poppler also gives a whole page one primary direction, from the count of its left-to-right
   and right-to-left letters (TextPage::coalesce): on a page with more Latin letters (an
   English and Arabic parallel text) it reads each Arabic line inside a left-to-right line,
   from the left, reversing only the stretches that start with a right-to-left letter. So
   the page's letters are counted as it is drawn (_paint), and each text box of a line of
   right-to-left text is wrapped in one more ActualText span, written with the stream once
   the page's direction is known (_OnPage): on a left-to-right page the leftmost box of the
   line holds the line's text in the order that reading gives back (_left_to_right_reading),
   the others U+2060, and the spans of their glyphs are left out (poppler does not nest
   spans); on a right-to-left page the line span is left out (_LineSpan).
   A glyph whose text here differs from the text it has elsewhere is drawn with a character
   code of its own (allocated from the top of the 2-byte code space, above the font's glyph ids).
2. It wraps `build_fonts_dictionary`: for a font that got such codes, the font's Encoding
   becomes a CMap mapping each code to its glyph (CID = glyph id, as WeasyPrint's CIDFonts
   are), and the ToUnicode map gets the codes' texts.

Pinned to WeasyPrint 70.0 (`install()` refuses another version). Remove this module when
WeasyPrint assigns ToUnicode per drawn cluster (the upstream report is in the closing note of
issue 18); app/documents/pdf.py calls `install()` once.
"""
from __future__ import annotations

import functools
import inspect
import io
import re
import threading
import unicodedata
from fractions import Fraction

import pydyf
import weasyprint
import weasyprint.document
import weasyprint.draw.text as wp_text
import weasyprint.pdf as wp_pdf
from fontTools.ttLib import TTFont
from weasyprint.text.ffi import ffi, pango

SUPPORTED = "70.0"
VERSION = "6"  # in the PDF cache key: a change here or in tagging.py renders PDFs again
FILLER = "\u2060"  # WORD JOINER: the value of a glyph that only completes its cluster's text
_TOKEN = re.compile(r"<([0-9a-fA-F]*)>|([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)")
_lock = threading.Lock()
_cmaps: dict[tuple[str, int, int], dict[int, str]] = {}
_installed = False
_page = threading.local()  # .state: the page being painted, {"count": L minus R letters, …}
# Pango's constants, read once: an attribute of the library costs a look-up for every glyph.
_EMPTY, _UNKNOWN = pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG
# A run's glyphs are read in one go from Pango's array of PangoGlyphInfo (a glyph id, then the
# geometry's width: 4-byte integers, 5 to a glyph), not one cffi attribute at a time.
_INFO_INTS = ffi.sizeof("PangoGlyphInfo") // 4
_BULK = (ffi.sizeof("PangoGlyphInfo") == 20 and ffi.offsetof("PangoGlyphInfo", "glyph") == 0
         and ffi.offsetof("PangoGlyphInfo", "geometry") == 4
         and ffi.offsetof("PangoGlyphGeometry", "width") == 0)


class _Recorder:
    """Stands in for the stream while WeasyPrint draws one line: records what it writes."""

    def __init__(self, stream):
        self._stream = stream
        self.calls: list[tuple[str, tuple]] = []

    def add_font(self, pango_font):
        return self._stream.add_font(pango_font)

    def __getattr__(self, name):
        attribute = getattr(self._stream, name)
        if not inspect.ismethod(attribute):  # e.g. the Pango rectangles it lends
            return attribute

        def record(*args):
            self.calls.append((name, args))
        return record


def _natural(font) -> dict[int, str]:
    """glyph id -> the character the font's cmap maps to it (the lowest one)."""
    key = (font.hash, len(font.file_content), font.index)
    with _lock:
        found = _cmaps.get(key)
    if found is not None:
        return found
    mapping: dict[int, str] = {}
    try:
        ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
        order = {name: gid for gid, name in enumerate(ttfont.getGlyphOrder())}
        for codepoint, name in sorted(ttfont.getBestCmap().items(), reverse=True):
            if name in order:
                mapping[order[name]] = chr(codepoint)
    except Exception:  # noqa: BLE001 - an unreadable cmap only costs the natural mapping
        mapping = {}
    with _lock:
        _cmaps[key] = mapping
    return mapping


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def _has_rtl_letter(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def _span(members: list[dict], text: str) -> None:
    """Wrap these glyphs (consecutive in drawing order) in one ActualText span."""
    for glyph in members:
        glyph.pop("span", None)
        glyph.pop("span_end", None)
    members[0]["span"] = text
    members[-1]["span_end"] = True


def _glyphs(stream, textbox) -> list[dict]:
    """The line's glyphs as WeasyPrint writes them (empty glyphs left out), each with the
    text it stands for here, and the ActualText spans the line needs."""
    first_line, _ = textbox.pango_layout.get_first_line()
    utf8 = textbox.pango_layout.text.encode()
    glyphs: list[dict] = []
    runs: list[dict] = []
    run = first_line.runs[0]
    while run != ffi.NULL:
        item, run = run.data, run.next
        glyph_string = item.glyphs
        count = glyph_string.num_glyphs
        infos = glyph_string.glyphs
        clusters = ffi.unpack(glyph_string.log_clusters, count)
        offset, length = item.item.offset, item.item.length
        level = item.item.analysis.level
        rtl = bool(level % 2)
        font, _ = stream.add_font(item.item.analysis.font)
        starts = sorted(set(clusters)) + [length]
        ends = {start: starts[i + 1] for i, start in enumerate(starts[:-1])}
        if _BULK and count:
            raw = ffi.buffer(infos, count * 20)
            ids = memoryview(raw).cast("I")[::_INFO_INTS]
            widths = memoryview(raw).cast("i")[1::_INFO_INTS]
        else:
            ids = [infos[k].glyph for k in range(count)]
            widths = [infos[k].geometry.width for k in range(count)]
        run_glyphs: list[dict] = []
        groups: list[tuple[str, list[dict]]] = []  # a letter and the marks on it
        i = 0
        while i < count:
            cluster = clusters[i]
            j = i + 1
            while j < count and clusters[j] == cluster:
                j += 1
            start = offset + cluster
            text = utf8[start:offset + ends[cluster]].decode("utf-8", "replace")
            if j == i + 1 and not rtl:  # one glyph for the cluster (_assign, in short)
                gid = ids[i]
                members = [] if gid == _EMPTY else [{
                    "gid": gid, "font": font, "rtl": False, "width": widths[i],
                    "offset": start, "cluster": text, "text": text, "alone": True}]
            else:
                members = [{"gid": ids[k], "font": font, "rtl": rtl, "width": widths[k],
                            "offset": start, "cluster": text}
                           for k in range(i, j) if ids[k] != _EMPTY]
                _assign(members, text, font, rtl)
            run_glyphs.extend(members)
            if groups and not rtl and text and _is_mark(text[0]):
                groups[-1] = (groups[-1][0] + text, groups[-1][1] + members)
            else:
                groups.append((text, members))
            i = j
        # A letter drawn with several glyphs (a cluster, or a letter and the marks of the
        # next clusters): extractors place marks by their position and reorder stacked or
        # pre-base ones, so the span tells them the text. Not in a right-to-left run, whose
        # spans poppler reverses with the run.
        for text, members in groups:
            if len(members) > 1 and not rtl:
                _span(members, text)
        if rtl:
            _join_marks(groups)
        glyphs.extend(run_glyphs)
        runs.append({"glyphs": run_glyphs, "offset": offset, "level": level,
                     "text": utf8[offset:offset + length].decode("utf-8", "replace")})
    if any(r["level"] % 2 for r in runs):
        _left_to_right_sections(glyphs)
    return glyphs


_NUMBER_PUNCTUATION = {"CS", "ES", "ET"}  # separators and signs of numbers (, . : / + %)
RLM, LRM = "\u200f", "\u200e"


def _neutral(char: str) -> bool:
    """A visible neutral of the bidirectional algorithm (not a space, mark or separator)."""
    return unicodedata.bidirectional(char) == "ON"


def _kind(glyph: dict) -> str:
    """How poppler classes a glyph's text in a right-to-left line: "R" (a right-to-left
    letter), "L" (a left-to-right letter, a digit, or the separators and signs of numbers,
    which poppler reads with digits), "S" (such a separator in right-to-left text, which
    _assign gives a RIGHT-TO-LEFT MARK before it: poppler reads the separator with the
    left-to-right text on its right, and stops at the mark) or "N" (anything else)."""
    classes = {unicodedata.bidirectional(char) for char in glyph.get("cluster", "")}
    if classes & {"R", "AL"}:
        return "R"
    if classes & {"L", "EN", "AN"}:
        return "L"
    if classes & _NUMBER_PUNCTUATION:
        return "S" if glyph["rtl"] else "L"
    return "N"


def _left_to_right_sections(glyphs: list[dict]) -> None:
    """In a line of right-to-left text, the stretches that poppler reads left to right get an
    ActualText span with their text in reading order.

    poppler (TextOutputDev's reorderText, for a line of mostly right-to-left characters) reads
    the line's characters from the right: right-to-left letters and the neutrals after them
    as they come; at a letter or digit of a left-to-right script, it takes that one and every
    character to its left up to the next right-to-left letter, and writes them from left to
    right. Such a stretch is drawn in visual order ("11–12" in an Arabic line shows as
    12–11) and may end in a neutral of the right-to-left text around it (the closing
    parenthesis of "(BC/1/1)" is drawn at its left end): the span gives it in reading order
    ("11–12", "BC/1/1)"), which poppler writes as it stands."""
    kinds = [_kind(glyph) for glyph in glyphs]
    end = len(glyphs) - 1
    while end >= 0:
        if kinds[end] != "L":
            end -= 1
            continue
        start = last = end
        while start > 0 and kinds[start - 1] not in ("R", "S"):
            start -= 1
        if start > 0 and kinds[start - 1] == "S":
            start -= 1
        # the neutrals that close left-to-right text ("4(a)" in a left-to-right span) are
        # drawn to its right, where poppler would read them with the right-to-left text
        while (last + 1 < len(glyphs) and kinds[last + 1] == "N"
               and not glyphs[last + 1]["rtl"]):
            last += 1
        members = glyphs[start:last + 1]
        clusters = sorted({(glyph["offset"], glyph["cluster"]) for glyph in members})
        logical = "".join(text for _, text in clusters)
        visual = "".join(text for _, text in dict.fromkeys(
            (glyph["offset"], glyph["cluster"]) for glyph in members))
        if logical != visual:
            # A span already inside these glyphs (a Latin letter of several glyphs) goes:
            # the section's text holds its letter. The LEFT-TO-RIGHT MARK at its end makes
            # poppler start the section there, so a closing neutral stays in it.
            _span(members, logical + LRM)
            # For extractors that ignore ActualText (pypdf), whose glyphs' own values read
            # in another order (12–11, the comma of "Maj. Gen.،" drawn at its left): the
            # glyphs keep their values where these follow the reading order, the others
            # give theirs to the glyph before them in it (see _reading_order).
            _values_in_reading_order(members, logical)
        end = start - 1


def _values_in_reading_order(members: list[dict], logical: str) -> None:
    """Give the glyphs of a left-to-right section (in drawing order) values that read
    `logical` when taken in drawing order: a glyph keeps its value where it comes next in
    `logical`, another gets U+2060, and the text they leave out joins the value of the last
    kept glyph. Else (nothing kept, or a value too long for poppler's ToUnicode token):
    the first glyphs hold the text (_pieces)."""
    strip = re.compile(f"[{FILLER}{RLM}{LRM}]")
    at, kept = 0, []  # (glyph, end of its text in `logical`)
    for glyph in members:
        own = strip.sub("", glyph.get("text", ""))
        if own and logical.startswith(own, at):
            at += len(own)
            kept.append((glyph, at))
    values = {}
    for k, (glyph, end) in enumerate(kept):  # the matches are consecutive in `logical`
        start = kept[k - 1][1] if k else 0
        values[id(glyph)] = logical[start:len(logical) if k == len(kept) - 1 else end]
    if not kept or max(_units(value) for value in values.values()) > 60:
        pieces = _pieces(logical)
        for k, glyph in enumerate(members):
            last = k == len(members) - 1
            glyph["text"] = (FILLER if k >= len(pieces)
                             else "".join(pieces[k:]) if last else pieces[k])
            glyph.pop("alone", None)
        return
    for glyph in members:
        if id(glyph) in values:
            if values[id(glyph)] != strip.sub("", glyph.get("text", "")):
                glyph["text"] = values[id(glyph)]
                glyph.pop("alone", None)
        else:
            glyph["text"] = FILLER
            glyph.pop("alone", None)


def _units(text: str) -> int:
    return len(text.encode("utf-16-be")) // 2


def _pieces(text: str, most: int = 60) -> list[str]:
    """A left-to-right section's text as the values of its first glyphs: whole when short,
    else a left-to-right first character (pypdf then keeps what follows in order) and pieces
    of several characters (to pypdf neutral), none longer than poppler reads in a ToUnicode
    map (a 255-character token: 60 UTF-16 units)."""
    if _units(text) <= most or len(text) < 4:
        return [text]
    pieces = [text[0]]
    for char in text[1:]:
        if len(pieces) == 1 or _units(pieces[-1] + char) > most:
            pieces.append(char)
        else:
            pieces[-1] += char
    if len(pieces) > 2 and len(pieces[-1]) < 2:
        last = pieces.pop()
        pieces[-1] += last  # one unit over at most: still within the token
    return pieces


def _join_marks(clusters: list[tuple[str, list[dict]]]) -> None:
    """In a right-to-left run (clusters in visual order), a letter and the marks on it that
    Pango keeps as clusters of their own: the letter's glyph carries the text of all of them
    (reversed, see _assign), the marks U+2060. Each mark would otherwise be a character of
    its own, which poppler places by its raised position (a line of its own, or before the
    letter) and pypdf reverses past its letter."""
    pending: list[tuple[str, list[dict]]] = []
    for text, members in clusters:  # visual order: a letter's marks come before it
        if text and _is_mark(text[0]) and not _has_rtl_letter(text):
            pending.append((text, members))
            continue
        if pending and members and text:
            _right_to_left([glyph for _, marks in pending for glyph in marks] + members,
                           text + "".join(mark for mark, _ in reversed(pending)),
                           carriers=members)
        pending = []


def _right_to_left(glyphs: list[dict], text: str, carriers: list[dict] | None = None) -> None:
    """Glyphs (consecutive, in drawing order) of a right-to-left run that stand together for
    `text` of several characters: a lam-alef ligature, a letter and its marks.

    The two extractors read a right-to-left run in visual order and turn it around, but not
    in the same way: pypdf reverses the order of the glyphs and keeps each glyph's text as it
    is; poppler reverses characters, also those of one glyph, and honours ActualText. So the
    widest glyph (the letter, not a mark raised above it, which poppler would read as a line
    of its own) carries the text in logical order, the others U+2060, and an ActualText span
    holds the text reversed, which poppler turns back into logical order."""
    carrier = max(carriers or glyphs, key=lambda glyph: glyph["width"])
    for glyph in glyphs:
        glyph["text"] = text if glyph is carrier else FILLER
        glyph.pop("alone", None)
    _span(glyphs, text[::-1])


def _assign(members: list[dict], text: str, font, rtl: bool) -> None:
    """Give each glyph of one cluster its text (see the module's docstring)."""
    if not members:
        return
    if rtl and text and {unicodedata.bidirectional(char) for char in text} <= (
            _NUMBER_PUNCTUATION | {"WS", "BN"}) and text.strip():
        # A separator of numbers in right-to-left text (the Arabic comma, a colon): poppler
        # reads it as a digit and moves it to the number beside it, unless a
        # right-to-left character stands next to it in the direction poppler reads.
        # (The mark goes before it: poppler gives a glyph's characters from left to
        # right, and reads right-to-left text from the right.)
        text = RLM + text
        if len(members) == 1:
            members[0]["text"] = text
            return
    if rtl and len(members) == 1 and len(text) == 1 and _neutral(text):
        # A bracket, quote or dash of right-to-left text: poppler reads it with the
        # left-to-right text on its right ("(" before "International" in
        # "… International Conference Hall (معروض …") unless a right-to-left character
        # stands between them: the mark goes after it.
        members[0]["text"] = text + RLM
        return
    if rtl and (len(text) > 1 or len(members) > 1):
        _right_to_left(members, text)
        return
    if len(members) == 1:
        members[0]["text"] = text
        members[0]["alone"] = True
        return
    natural = _natural(font)
    pieces = [natural.get(glyph["gid"]) for glyph in members]
    in_order = pieces[::-1] if rtl else pieces
    if None not in pieces and "".join(in_order) == text:
        for glyph, piece in zip(members, pieces, strict=True):
            glyph["text"] = piece
        return
    for k, glyph in enumerate(members):
        glyph["text"] = text if k == 0 else FILLER


def _canonical(font) -> dict[int, str]:
    """The font's glyph id -> the Unicode value its own code stands for (filled by _code)."""
    state = font.__dict__.get("_text_layer")
    if state is None:
        state = font.__dict__.setdefault("_text_layer", {"codes": {}, "canonical": {}})
    return state["canonical"]


def _code(font, gid: int, text: str, alone: bool) -> int:
    """The character code that draws glyph `gid` of `font` with Unicode value `text`."""
    if gid & _UNKNOWN:
        return -1  # a .notdef: WeasyPrint's own code and value are kept
    state = font.__dict__.get("_text_layer")
    if state is None:
        state = font.__dict__.setdefault("_text_layer", {"codes": {}, "canonical": {}})
    if not text:
        text = FILLER
    canonical = state["canonical"]
    if gid not in canonical:
        # The glyph's own value: its text where it stands for a cluster alone, else its
        # character in the font's cmap, else its first text.
        natural = None if alone and len(text) == 1 else _natural(font).get(gid)
        canonical[gid] = font.to_unicode[gid] = natural or text
    if canonical[gid] == text:
        return gid
    key = (gid, text)
    if key in state["codes"]:
        return state["codes"][key]
    # A code of its own, mapped to the glyph by the CIDFont's CIDToGIDMap: only TrueType
    # CIDFonts have one (a CFF font keeps the glyph's code). The codes start 4096 above the
    # font's glyph ids: WeasyPrint gives glyphs missing from the font the codes just above.
    code = font.glyph_count + 4096 + len(state["codes"])
    if font.type != "ttf" or code > 0xFFFF:
        return gid
    state["codes"][key] = code
    return code


def _replay(stream, recorder: _Recorder, glyphs: list[dict], fonts_by_hash: dict,
            member: dict | None = None) -> None:
    """Write the recorded line to the real stream with the new codes and the spans."""
    index = 0
    in_span = False
    begin, end = _span_writers(stream, member)
    bitmap = False
    canonicals: dict = {}  # font -> its glyphs' own values (_code's "canonical")
    for name, args in recorder.calls:
        if name == "set_font_size":
            font = fonts_by_hash.get(args[0])
            bitmap = bool(font is None or font.bitmap)
        if name != "show_text" or bitmap:
            if name == "show_text":
                index += sum(len(h) // 2 for h in re.findall(r"<([0-9a-fA-F]*)>", args[0]))
            getattr(stream, name)(*args)
            continue
        parts: list[str] = []
        flush = functools.partial(_flush, stream, parts)

        for match in _TOKEN.finditer(args[0]):
            hexa, number = match.groups()
            if number is not None:
                parts.append(" " + number + " ")
                continue
            for k in range(0, len(hexa), 4):
                piece = hexa[k:k + 4]
                written = int(piece, 16)
                glyph = glyphs[index] if index < len(glyphs) else None
                index += 1
                if glyph is None:
                    parts.append(f"<{written:04x}>")
                    continue
                if "span" in glyph and not in_span:
                    flush()
                    begin(glyph["span"])
                    in_span = True
                gid, text = glyph["gid"], glyph.get("text") or FILLER
                font = glyph["font"]
                known = canonicals.get(font)
                if known is None:
                    known = canonicals[font] = _canonical(font)
                if known.get(gid) == text and not gid & _UNKNOWN:
                    code = gid  # the glyph's own value: _code's first answer, in short
                else:
                    code = _code(font, gid, glyph.get("text", ""), glyph.get("alone", False))
                if code >= 0 and code != written:
                    parts.append(f"<{code:04x}>")
                elif len(piece) == 4 and piece == piece.lower():  # what f"{:04x}" makes
                    parts.append("<" + piece + ">")
                else:
                    parts.append(f"<{written:04x}>")
                if glyph.get("span_end") and in_span:
                    flush()
                    end()
                    in_span = False
        flush()
    if in_span:
        end()
    if member is not None:
        stream.stream.append(_OnPage(member["page"], "EMC", ""))


_PYPDF_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_PYPDF_NEUTRAL = re.compile("[\x00-\x2f\x3a-\x40\u0660-\u066d\u06f0-\u06f9"
                            "\u2000-\u206f\u20a0-\u21ff]")


def _pypdf_reading(texts: list[str | None], rtl: bool) -> tuple[str, bool]:
    """What pypdf (7.x, _text_extraction.get_display_str) makes of these character codes'
    texts, shown in this order after a font change, starting in direction `rtl` (None in
    `texts`: another font change, where pypdf writes out what it holds): a text of one
    character is right to left (Hebrew, Arabic), neutral (ASCII punctuation, Arabic-Indic
    digits, general punctuation…) or left to right (anything else); a text of several
    characters is neutral. The text is cut where a strong character changes direction, and
    each right-to-left piece is reversed."""
    pieces, run = [], []
    for text in texts:
        if text is None:
            pieces.append("".join(reversed(run)) if rtl else "".join(run))
            run = []
            continue
        if len(text) == 1 and not _PYPDF_NEUTRAL.match(text):
            strong = bool(_PYPDF_RTL.match(text))
            if strong != rtl:
                pieces.append("".join(reversed(run)) if rtl else "".join(run))
                run, rtl = [], strong
        run.append(text)
    pieces.append("".join(reversed(run)) if rtl else "".join(run))
    return "".join(pieces).replace(FILLER, ""), rtl


def _reading_order(recorder: _Recorder, glyphs: list[dict]) -> list[dict] | None:
    """The slices of a line holding right-to-left text, to be written in reading order.

    pypdf reads glyphs in the order the content stream shows them, not by position, and
    reverses each stretch of right-to-left characters. So the line is cut into slices of
    glyphs drawn one after the other (an ActualText span never cut), in reading order,
    each the longest whose glyphs pypdf reads back in reading order (the
    glyphs of a right-to-left word are shown from the left, as drawn, and pypdf reverses
    them; digits and Latin from the left too, and pypdf keeps them). Each slice is then
    written after a Tf (pypdf ends its stretch there) and a Tm to the place where WeasyPrint
    drew its first glyph, with the same TJ numbers, rises, fonts and glyphs: the page is
    drawn as before (the pen is summed exactly, from the widths WeasyPrint gives the subset
    font). None when the recorded line is not one this knows."""
    names = [name for name, _ in recorder.calls]
    if (not names or names[0] != "set_text_matrix" or names.count("set_text_matrix") != 1
            or set(names) - {"set_text_matrix", "set_font_size", "show_text",
                             "set_text_rise"}):
        return None
    matrix = recorder.calls[0][1]
    font = size = None
    rise = 0
    pen = Fraction(0)
    entries: list[dict] = []  # one per glyph, in drawing order
    pending: list[str] = []  # TJ numbers before the next glyph
    for name, args in recorder.calls[1:]:
        if name == "set_font_size":
            font, size = args
            continue
        if name == "set_text_rise":
            rise = args[0]
            continue
        if name != "show_text":
            continue
        tokens = list(_TOKEN.finditer(args[0]))
        for match in tokens:
            hexa, number = match.groups()
            if number is not None:
                if entries and not pending and entries[-1]["tj"] is tokens:
                    entries[-1]["after"].append(number)
                else:
                    pending.append(number)
                continue
            for _ in range(0, len(hexa), 4):
                index = len(entries)
                if index >= len(glyphs):
                    return None
                glyph = glyphs[index]
                width = glyph["font"].widths.get(glyph["gid"])
                if width is None or font != glyph["font"].hash:
                    return None
                entries.append({"glyph": glyph, "font": font, "size": size, "rise": rise,
                                "before": pending, "after": [], "tj": tokens,
                                "width": width})
                pending = []
    if pending or len(entries) != len(glyphs):
        return None
    # The pen: each glyph's numbers and width, in thousandths of the font size.
    for entry in entries:
        entry["start"] = pen
        scale = Fraction(str(entry["size"])) / 1000
        pen += scale * (Fraction(entry["width"]) - sum(
            Fraction(n) for n in entry["before"] + entry["after"]))
    # Units: an ActualText span, or one glyph.
    units: list[list[int]] = []
    open_span = False
    for i, entry in enumerate(entries):
        glyph = entry["glyph"]
        if open_span:
            units[-1].append(i)
        else:
            units.append([i])
            open_span = "span" in glyph
        if glyph.get("span_end"):
            open_span = False
    key = {id(unit): (min(entries[i]["glyph"]["offset"] for i in unit), unit[0])
           for unit in units}
    order = sorted(units, key=lambda unit: key[id(unit)])

    def texts(first: int, last: int) -> list[str | None]:
        found: list[str | None] = []
        for i in range(first, last + 1):
            if i > first and (entries[i]["font"], entries[i]["size"]) != (
                    entries[i - 1]["font"], entries[i - 1]["size"]):
                found.append(None)
            found.append(entries[i]["glyph"].get("text") or FILLER)
        return found

    def reads(first: int, last: int, wanted: str, rtl: bool | None) -> tuple[bool, bool | None]:
        ends = set()
        for start in ((False, True) if rtl is None else (rtl,)):
            text, end = _pypdf_reading(texts(first, last), start)
            if text != wanted:
                return False, None
            ends.add(end)
        return True, (ends.pop() if len(ends) == 1 else None)

    slices: list[tuple[int, int]] = []
    rtl: bool | None = None
    first = last = None
    wanted = ""
    state: bool | None = None
    for unit in order:
        text = "".join(t for t in texts(unit[0], unit[-1]) if t).replace(FILLER, "")
        if first is not None:
            for a, b in ((first, unit[-1]), (unit[0], last)):
                if (a, b) == (first, unit[-1]) and unit[0] != last + 1:
                    continue
                if (a, b) == (unit[0], last) and unit[-1] != first - 1:
                    continue
                ok, end = reads(a, b, wanted + text, rtl)
                if ok:
                    first, last, wanted, state = a, b, wanted + text, end
                    break
            else:
                ok = False
            if ok:
                continue
        if first is not None:
            slices.append((first, last))
            rtl = state
        first, last, wanted = unit[0], unit[-1], text
        _, state = reads(first, last, text, rtl)
    slices.append((first, last))
    return [{"matrix": matrix, "entries": entries[a:b + 1]} for a, b in slices]


class _OnPage:
    """A piece of the content stream whose text depends on the direction poppler gives the
    page (TextPage::coalesce: left to right when the page has at least as many left-to-right
    letters as right-to-left ones), known once the whole page is drawn: written when the
    stream is (pydyf writes str() of an item it does not know)."""

    def __init__(self, page: dict | None, left_to_right: str, right_to_left: str):
        self.page, self.ltr, self.rtl = page, left_to_right, right_to_left

    def __str__(self) -> str:
        return self.ltr if _left_to_right_page(self.page) else self.rtl


def _left_to_right_page(page: dict | None) -> bool:
    return page is not None and page["count"] >= 0


def _letters(text: str) -> int:
    """Left-to-right letters minus right-to-left ones, as poppler counts a page's direction."""
    count = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        count += 1 if kind == "L" else -1 if kind in ("R", "AL") else 0
    return count


def _left_to_right_reading(logical: str) -> str:
    """The text that poppler, reading a line of a left-to-right page, turns into `logical`.

    poppler (TextOutputDev reorderText, primary direction left to right) takes the line's
    characters from the left: a stretch without right-to-left letters as it stands, then from
    a right-to-left letter up to the next left-to-right letter or digit, reversed. So the
    right-to-left stretches of `logical` (from a right-to-left letter to the last one before
    a left-to-right letter, a digit or a separator of numbers) go reversed, and each other
    stretch after one of them starts with a LEFT-TO-RIGHT MARK, where poppler ends the
    reversed stretch."""
    kinds = []
    for char in logical:
        kind = unicodedata.bidirectional(char)
        kinds.append("R" if kind in ("R", "AL")
                     else "L" if kind in ({"L", "EN", "AN"} | _NUMBER_PUNCTUATION) else "N")
    out, i, n = [], 0, len(logical)
    while i < n:
        if kinds[i] != "R":
            j = i
            while j < n and kinds[j] != "R":
                j += 1
            out.append((LRM if out else "") + logical[i:j])
            i = j
            continue
        j = last = i
        while j < n and kinds[j] != "L":
            if kinds[j] == "R":
                last = j
            j += 1
        out.append(logical[i:last + 1][::-1])
        i = last + 1
    return "".join(out)


def _span_writers(stream, member: dict | None):
    """How a line's spans are written: as they are, or, for a text box of a line of
    right-to-left text (`member` of its visual line), the box's line span first
    (_LineSpan) and its own spans only on a page poppler reads right to left (poppler does
    not nest spans)."""
    if member is None:
        return (lambda text: _begin_span(stream, text)), stream.end_marked_content
    page = member["page"]
    stream.stream.append(_LineSpan(member))

    def begin(text: str) -> None:
        stream.stream.append(_OnPage(page, "", _span_operator(text)))

    def end() -> None:
        stream.stream.append(_OnPage(page, "", "EMC"))
    return begin, end


class _LineSpan:
    """The ActualText span of one text box of a visual line of right-to-left text, on a page
    poppler reads left to right: poppler reads the boxes of the line from the left, so the
    leftmost holds the whole line's text, in the order that reading needs
    (_left_to_right_reading), the others U+2060."""

    def __init__(self, member: dict):
        self.member = member

    def __str__(self) -> str:
        member = self.member
        if not _left_to_right_page(member["page"]):
            return ""
        boxes = member["line"]
        if member is min(boxes, key=lambda box: box["x"]):
            text = _left_to_right_reading("".join(box["text"] for box in boxes).strip())
        else:
            text = ""
        return _span_operator(text or FILLER)


def _line_member(page: dict | None, textbox, line: str) -> dict | None:
    """This text box's place in the visual line of right-to-left text it belongs to (the
    boxes of a line are drawn one after another, in logical order), None outside one."""
    if page is None or textbox.style["direction"] != "rtl":
        if page is not None:
            page["line"] = None
        return None
    key = round(float(textbox.position_y + textbox.baseline), 2)
    current = page.get("line")
    if current is None or current["key"] != key:
        current = page["line"] = {"key": key, "boxes": []}
    member = {"page": page, "x": textbox.position_x, "text": line, "line": current["boxes"]}
    current["boxes"].append(member)
    return member


def _replay_in_reading_order(stream, slices: list[dict], member: dict | None = None) -> None:
    """Write the slices; on a page poppler reads left to right (known when the page is
    written), the whole line is one ActualText span in the order that reading needs
    (_left_to_right_reading) and the spans inside it are left out (poppler does not nest
    them); else the spans of its glyphs."""
    a, b, c, d, e, f = slices[0]["matrix"]
    in_span = False
    begin, end = _span_writers(stream, member)
    for part in slices:
        entries = part["entries"]
        font, size = entries[0]["font"], entries[0]["size"]
        # Always written: pypdf ends its right-to-left stretch at a Tf.
        pydyf.Stream.set_font_size(stream, font, size)
        stream._current_font = (font, size)
        x = float(entries[0]["start"])
        stream.set_text_matrix(a, b, c, d, e + x * a, f + x * b)
        rise = 0
        parts: list[str] = []
        for entry in entries:
            glyph = entry["glyph"]
            if (entry["font"], entry["size"]) != (font, size):
                _flush(stream, parts)
                font, size = entry["font"], entry["size"]
                stream.set_font_size(font, size)
            if entry["rise"] != rise:
                _flush(stream, parts)
                stream.set_text_rise(entry["rise"])
                rise = entry["rise"]
            if "span" in glyph and not in_span:
                _flush(stream, parts)
                begin(glyph["span"])
                in_span = True
            code = _code(glyph["font"], glyph["gid"], glyph.get("text", ""),
                         glyph.get("alone", False))
            parts.extend(" " + n + " " for n in entry["before"])
            parts.append(f"<{(glyph['gid'] if code < 0 else code):04x}>")
            parts.extend(" " + n + " " for n in entry["after"])
            if glyph.get("span_end") and in_span:
                _flush(stream, parts)
                end()
                in_span = False
        _flush(stream, parts)
        if rise:
            stream.set_text_rise(0)
    if in_span:
        end()
    if member is not None:
        stream.stream.append(_OnPage(member["page"], "EMC", ""))


def _flush(stream, parts: list[str]) -> None:
    if parts:
        stream.show_text("".join(parts))
        parts.clear()


def _span_operator(text: str) -> str:
    return "/Span <</ActualText <feff" + text.encode("utf-16-be").hex() + ">>> BDC"


def _begin_span(stream, text: str) -> None:
    stream.begin_marked_content(
        "Span", "<</ActualText <feff" + text.encode("utf-16-be").hex() + ">>>")


def _draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
    recorder = _Recorder(stream)
    emojis = _original_draw_first_line(recorder, textbox, text_overflow, block_ellipsis,
                                       matrix)
    if not recorder.calls:
        return emojis
    page = getattr(_page, "state", None)
    first_line, _ = textbox.pango_layout.get_first_line()
    line = textbox.pango_layout.text.encode()[
        first_line.start_index:first_line.start_index + first_line.length].decode(
            "utf-8", "replace")
    if page is not None:
        page["count"] += _letters(line)
    member = _line_member(page, textbox, line)
    glyphs = _glyphs(stream, textbox)
    fonts_by_hash = {glyph["font"].hash: glyph["font"] for glyph in glyphs}
    written = sum(len(h) // 4 for name, args in recorder.calls if name == "show_text"
                  for h in re.findall(r"<([0-9a-fA-F]*)>", args[0]))
    if written != len(glyphs) or any(font.bitmap for font in fonts_by_hash.values()):
        # Not the drawing this wrapper knows (another WeasyPrint, or a bitmap font): keep it.
        for name, args in recorder.calls:
            getattr(stream, name)(*args)
        return emojis
    slices = _reading_order(recorder, glyphs) if any(g["rtl"] for g in glyphs) else None
    if slices is not None:
        _replay_in_reading_order(stream, slices, member)
    else:
        _replay(stream, recorder, glyphs, fonts_by_hash, member)
    return emojis


def _cmap_blocks(entries: list[tuple[int, str]], keyword: str) -> list[bytes]:
    lines: list[bytes] = []
    for start in range(0, len(entries), 100):
        batch = entries[start:start + 100]
        lines.append(f"{len(batch)} begin{keyword}".encode())
        lines.extend(f"<{code:04x}> {value}".encode() for code, value in batch)
        lines.append(f"end{keyword}".encode())
    return lines


def _insert_before_endcmap(stream: pydyf.Stream, lines: list[bytes]) -> None:
    body = stream.stream
    at = next(i for i, line in enumerate(body)
              if (line if isinstance(line, bytes) else str(line).encode()) == b"endcmap")
    body[at:at] = lines


def _build_fonts_dictionary(pdf, fonts, compress, subset, options):
    pdf_fonts = _original_build_fonts_dictionary(pdf, fonts, compress, subset, options)
    for font in fonts.values():
        state = font.__dict__.get("_text_layer")
        if not state or not state["codes"] or font.hash not in pdf_fonts:
            continue
        dictionary = pdf.objects[int(pdf_fonts[font.hash].split()[0])]
        if dictionary.get("Subtype") != "/Type0":
            continue
        extra = sorted((code, gid_text) for gid_text, code in state["codes"].items())
        # ToUnicode: the codes' texts.
        to_unicode = pdf.objects[int(dictionary["ToUnicode"].split()[0])]
        _insert_before_endcmap(to_unicode, _cmap_blocks(
            [(code, "<" + text.encode("utf-16-be").hex() + ">")
             for code, (_gid, text) in extra], "bfchar"))
        encoding = dictionary.get("Encoding")
        if encoding != "/Identity-H":  # WeasyPrint's CMap for missing glyphs: code = CID
            _insert_before_endcmap(pdf.objects[int(encoding.split()[0])], _cmap_blocks(
                [(code, str(code)) for code, _ in extra], "cidchar"))
        # The CIDFont: each code is a CID drawn with its glyph, as wide as the glyph.
        cid_font = pdf.objects[int(dictionary["DescendantFonts"][0].split()[0])]
        gids = list(range(extra[-1][0] + 1))
        for code in range(font.glyph_count, len(gids)):
            gids[code] = 0
        for code, (gid, _text) in extra:
            gids[code] = gid
        cid_to_gid = pydyf.Stream(
            [b"".join(gid.to_bytes(2, "big") for gid in gids)], compress=compress)
        pdf.add_object(cid_to_gid)
        cid_font["CIDToGIDMap"] = cid_to_gid.reference
        widths = font.widths if subset and not font.used_in_forms else None
        for code, (gid, _text) in extra:
            width = (widths or {}).get(gid)
            if width is not None:
                cid_font["W"].extend([code, pydyf.Array([width])])
    return pdf_fonts


def _paint(self, stream, scale=1):
    """Paint a page, counting its letters for the direction poppler gives it (_OnPage)."""
    _page.state = {"count": 0}
    try:
        return _original_paint(self, stream, scale)
    finally:
        _page.state = None


_original_draw_first_line = wp_text.draw_first_line
_original_paint = weasyprint.document.Page.paint
_original_build_fonts_dictionary = wp_pdf.build_fonts_dictionary


def require_supported(module: str, advice: str) -> None:
    """Refuse a WeasyPrint other than the one the wrappers of this package were written for."""
    if weasyprint.__version__ != SUPPORTED:
        raise RuntimeError(f"{module} is written for WeasyPrint {SUPPORTED}, not "
                           f"{weasyprint.__version__}: {advice}")


def install() -> None:
    """Put the two wrappers in place (once); refuses a WeasyPrint it was not written for."""
    global _installed
    if _installed:
        return
    require_supported("app/documents/text_layer.py", "check whether upstream fixed the "
                      "ToUnicode of glyph clusters, then remove or adapt the module")
    wp_text.draw_first_line = _draw_first_line
    weasyprint.document.Page.paint = _paint
    wp_pdf.build_fonts_dictionary = _build_fonts_dictionary
    _installed = True
