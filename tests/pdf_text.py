"""Measures of a PDF's text layer, shared by the tests and the bench (bench/run.py).

- `script_shares(source, extracted)`: for each script of the source, the share of its
  characters that the extracted text keeps, in order, word by word (see the function);
  `script_lcs_shares` is the whole-document variant (longest common subsequence of the
  source's and the extracted characters of each script), which also counts the order in
  which an extractor visits table cells and headers. Both sides are normalised to NFC;
  white space and default-ignorable characters (zero-width spaces, joiners, the combining
  grapheme joiner) are left out. A combining mark of script Inherited counts with the script
  of the letter it sits on; Common characters (digits, punctuation) are measured as a script
  of their own, "Zyyy", so reordered digits in a right-to-left line count too.
- `unmapped_glyphs(pdf)`: the number of glyphs drawn (every show-text operator of every page
  and of the forms it paints) whose character code has no Unicode value in its font's
  ToUnicode map (no map, no entry, or an empty value, U+0000, U+FEFF or U+FFFE).
- `pdftotext_text(pdf)` and `pypdf_text(pdf)`: the text two independent extractors read.
"""
from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from collections import defaultdict
from html.parser import HTMLParser

import icu
from pypdf import PdfReader
from pypdf.generic import ContentStream

_IGNORABLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                        "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f"
                        "\ufeff\uffa0]")


def pdftotext_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                          capture_output=True, check=True).stdout.decode()


def pypdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


class _Text(HTMLParser):
    """The text of an HTML document's body as a reader sees it (no head, style, script)."""

    SKIP = {"head", "style", "script", "template", "title"}
    # Elements that start a block or a cell of their own: their text is never one word with
    # the text before them (a term and its description, a label and its value).
    BLOCKS = {"br", "p", "div", "td", "th", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
              "dt", "dd", "dl", "ul", "ol", "table", "caption", "section", "header",
              "footer", "main", "article", "aside", "nav", "figure", "figcaption",
              "blockquote", "address", "hr", "img"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def _script(char: str) -> str:
    return icu.Script.getScript(ord(char)).getShortName()


def by_script(text: str) -> dict[str, str]:
    """The text's characters grouped by script, in order (marks with their base letter)."""
    groups: dict[str, list[str]] = defaultdict(list)
    current = "Zyyy"
    for char in _IGNORABLE.sub("", unicodedata.normalize("NFC", text)):
        if char.isspace():
            continue
        script = _script(char)
        if script == "Zinh":  # a mark: the script of the letter before it
            script = current
        elif script in ("Zzzz",):
            continue
        current = script
        groups[script].append(char)
    return {script: "".join(chars) for script, chars in groups.items()}


def lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence (bit-parallel, Hyyrö 2004: O(|a||b|/w))."""
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for i, char in enumerate(a):
        masks[char] = masks.get(char, 0) | (1 << i)
    full = (1 << len(a)) - 1
    row = full
    for char in b:
        matches = row & masks.get(char, 0)
        row = ((row + matches) | (row - matches)) & full
    return len(a) - bin(row).count("1")


def _squeezed(text: str) -> str:
    # Hyphens go too: pdftotext joins a word broken after a hyphen at the end of a line
    # ("Seodaemun-" / "gu" reads "Seodaemungu"), which is its choice, not a lost letter.
    # Case goes too: a CSS text-transform draws "Breaking Chains" as BREAKING CHAINS, and the
    # drawn letters are what any extractor reads (Pango shapes the transformed text; the
    # source's case is not in the PDF). Scripts without case are unchanged by casefold().
    return "".join(_IGNORABLE.sub("", unicodedata.normalize("NFC", text)).split()).replace(
        "-", "").casefold()


_LINE_BREAKS = icu.BreakIterator.createLineInstance(icu.Locale.getRoot())
_NEAR_LINES = 3  # how far (in lines of the extracted text) a broken word may go on


class _Extracted:
    """The extracted text squeezed (see _squeezed), with where its white-space separated
    tokens start and end and the line each position is on."""

    def __init__(self, text: str):
        parts, self.starts, self.ends, self.line_of = [], set(), set(), []
        position = 0
        for number, line in enumerate(text.splitlines()):
            for token in line.split():
                token = _squeezed(token)
                if not token:
                    continue
                self.starts.add(position)
                parts.append(token)
                position += len(token)
                self.ends.add(position)
                self.line_of.extend([number] * len(token))
        self.text = "".join(parts)

    def has(self, word: str) -> bool:
        """The word whole, or broken where the source allows a line break into pieces that
        end a token and go on at the start of a token a few lines further (see
        script_shares)."""
        if word in self.text:
            return True
        _LINE_BREAKS.setText(word)
        breaks = set(_LINE_BREAKS) - {len(word)}
        if not breaks:
            return False
        seen: set[tuple[int, int]] = set()

        def rest(i: int, after: int) -> bool:
            # word[i:] from the start of a token at or after `after`, on a near line
            if (i, after) in seen:
                return False
            seen.add((i, after))
            line = self.line_of[after - 1] if after else 0
            for start in sorted(q for q in self.starts if q >= after):
                if self.line_of[start] > line + _NEAR_LINES:
                    break
                if piece(i, start):
                    return True
            return False

        def piece(i: int, at: int) -> bool:
            # word[i:] from position `at`: whole, or up to a break that ends a token
            k = 0
            while i + k < len(word) and at + k < len(self.text) \
                    and word[i + k] == self.text[at + k]:
                k += 1
                if i + k in breaks and at + k in self.ends and rest(i + k, at + k):
                    return True
            return i + k == len(word)

        first = word
        return any(piece(0, at) for at in range(len(self.text))
                   if self.text.startswith(first[:1], at))


def script_shares(source: str, extracted: str) -> dict[str, float]:
    """Per script of the source: the share of its characters that `extracted` gives back in
    order, word by word: a word of the source (between white space) counts with its
    characters of each script when the word comes back whole, its characters in their order,
    somewhere in the extracted text (white space and default-ignorables left out on both
    sides, and case: see _squeezed). Where a table cell or a running header lands is the
    layout's business; a dropped, added or reordered character inside a word (ำ, a Khmer
    subscript, a detached damma, "12–11" for "11–12") is the text layer's, and loses its word.

    A word of a script written without spaces (Han, Kana) can be a whole sentence, and the
    layout breaks it over lines; in a table, pdftotext reads a row line by line across its
    cells ("…AFRIPOLと 14:00–15:30" / "の協力"), so the word comes back in pieces with
    another cell's text between them. Such a word still counts when it comes back as pieces,
    in order, each cut where the source allows a line break (ICU), each piece but the last
    ending a token of the extracted text and each but the first starting a token at most
    three lines further on: a character dropped or moved inside a piece still loses it."""
    got = _Extracted(extracted)
    kept: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for word in source.split():
        if not _squeezed(word):
            continue
        found = got.has(_squeezed(word))
        for script, chars in by_script(word).items():
            total[script] += len(chars)
            kept[script] += len(chars) if found else 0
    return {script: kept[script] / total[script] for script in total}


def script_lcs_shares(source: str, extracted: str) -> dict[str, float]:
    """The stricter whole-document measure: per script, the longest common subsequence of
    the source's and the extracted text's characters of that script, over the source's."""
    wanted, got = by_script(source), by_script(extracted)
    return {script: lcs_length(chars, got.get(script, "")) / len(chars)
            for script, chars in wanted.items()}


# --- glyphs without a Unicode value -------------------------------------------------------

_HEX = re.compile(rb"<([0-9a-fA-F]+)>")


def _tounicode(font) -> tuple[dict[int, str], int] | None:
    """A font's ToUnicode map (code -> text) and its code width in bytes, or None."""
    if "/ToUnicode" not in font:
        return None
    data = font["/ToUnicode"].get_object().get_data()
    mapping: dict[int, str] = {}
    width = 1
    for block in re.findall(rb"begincodespacerange(.*?)endcodespacerange", data, re.S):
        width = max(len(h) // 2 for h in _HEX.findall(block))

    def text(hexa: bytes) -> str:
        return bytes.fromhex(hexa.decode()).decode("utf-16-be", "replace") if hexa else ""

    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, value in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            mapping[int(code, 16)] = text(value)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, rest in re.findall(
                rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]*>)", block):
            low, high = int(low, 16), int(high, 16)
            if rest.startswith(b"["):
                for offset, value in enumerate(_HEX.findall(rest)):
                    mapping[low + offset] = text(value)
            else:
                start = bytes.fromhex(rest[1:-1].decode())
                for offset in range(high - low + 1):
                    last = int.from_bytes(start[-2:], "big") + offset
                    mapping[low + offset] = (start[:-2] + last.to_bytes(2, "big")).decode(
                        "utf-16-be", "replace")
    return mapping, width


def _has_value(text: str | None) -> bool:
    return bool(text) and not any(c in "\x00\ufeff\ufffe" for c in text)


def _count(content, resources, seen_forms: set) -> tuple[int, int]:
    """(glyphs drawn, glyphs without a Unicode value) in one content stream and its forms."""
    fonts = resources.get("/Font", {}) if resources else {}
    fonts = fonts.get_object() if hasattr(fonts, "get_object") else fonts
    maps: dict[str, tuple[dict[int, str], int] | None] = {}
    drawn = unmapped = 0
    current = None
    for operands, operator in content.operations:
        if operator == b"Tf":
            name = operands[0]
            if name not in maps:
                maps[name] = _tounicode(fonts[name].get_object()) if name in fonts else None
            current = maps[name]
        elif operator in (b"Tj", b"'", b'"', b"TJ"):
            strings = operands[0] if operator == b"TJ" else operands[-1:]
            for item in strings:
                if not isinstance(item, (bytes, str)) and not hasattr(item, "original_bytes"):
                    continue
                raw = item.original_bytes if hasattr(item, "original_bytes") else item
                width = current[1] if current else 1
                for i in range(0, len(raw) - width + 1, width):
                    drawn += 1
                    code = int.from_bytes(raw[i:i + width], "big")
                    if current is None or not _has_value(current[0].get(code)):
                        unmapped += 1
        elif operator == b"Do" and resources and "/XObject" in resources:
            xobject = resources["/XObject"].get_object().get(operands[0])
            if xobject is None:
                continue
            form = xobject.get_object()
            if form.get("/Subtype") != "/Form" or id(form) in seen_forms:
                continue
            seen_forms.add(id(form))
            inner = form.get("/Resources")
            d, u = _count(ContentStream(form, None), inner.get_object() if inner else None,
                          seen_forms)
            drawn, unmapped = drawn + d, unmapped + u
    return drawn, unmapped


def glyph_counts(pdf: bytes) -> tuple[int, int]:
    """(glyphs drawn, glyphs drawn without a Unicode value) in the whole document."""
    reader = PdfReader(io.BytesIO(pdf))
    drawn = unmapped = 0
    for page in reader.pages:
        contents = page.get_contents()
        if contents is None:
            continue
        resources = page.get("/Resources")
        d, u = _count(ContentStream(contents, reader),
                      resources.get_object() if resources else None, set())
        drawn, unmapped = drawn + d, unmapped + u
    return drawn, unmapped


def unmapped_glyphs(pdf: bytes) -> int:
    return glyph_counts(pdf)[1]


def roundtrip(pdf: bytes, source: str) -> dict[str, dict[str, float]]:
    """{"pdftotext": {script: share}, "pypdf": {script: share}} for a PDF of `source`."""
    return {"pdftotext": script_shares(source, pdftotext_text(pdf)),
            "pypdf": script_shares(source, pypdf_text(pdf))}
