"""Structural checks of the PDFs the application makes: tags, and PDF/A claims.

veraPDF cannot be installed here, so these read the file with pypdf and check what a tagged
PDF and a PDF/A-3 file must contain (ISO 32000-1 14.7-14.8, ISO 19005-3 6.2.x, 6.6, 6.8):

- `structure(pdf)`: the catalog's /MarkInfo, /Lang, /StructTreeRoot, and the structure tree
  walked from its root: the tags used, the /Alt of figures, the /Lang of elements.
- `pdfa_problems(pdf)`: what makes a PDF/A claim false; an empty list when none is found:
  the XMP metadata's pdfaid:part and pdfaid:conformance against the claim, an /OutputIntent
  of type GTS_PDFA1 with an ICC profile, every font embedded (FontFile, FontFile2 or
  FontFile3, in the descendant font of a Type0 font), no encryption, for level U and A every
  drawn glyph with a Unicode value (tests/pdf_text.unmapped_glyphs), for level A a structure
  tree with /MarkInfo /Marked true and a /Lang in the catalog.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import IndirectObject

from tests.pdf_text import unmapped_glyphs


@dataclass
class Structure:
    marked: bool = False
    lang: str = ""
    tags: Counter = field(default_factory=Counter)
    figures: list = field(default_factory=list)  # /Alt of each figure ("" when none)
    langs: Counter = field(default_factory=Counter)  # /Lang of structure elements
    title_shown: bool = False  # /ViewerPreferences /DisplayDocTitle true


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def structure(pdf: bytes) -> Structure:
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"].get_object()
    found = Structure()
    mark_info = _resolve(root.get("/MarkInfo")) or {}
    found.marked = bool(mark_info.get("/Marked"))
    found.lang = str(root.get("/Lang", ""))
    preferences = _resolve(root.get("/ViewerPreferences")) or {}
    found.title_shown = bool(preferences.get("/DisplayDocTitle"))
    tree = _resolve(root.get("/StructTreeRoot"))
    if tree is None:
        return found
    stack, seen = [_resolve(tree.get("/K"))], set()
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(_resolve(kid) for kid in node)
            continue
        if not hasattr(node, "get") or id(node) in seen:
            continue  # a marked-content id (an integer) or an object reference
        seen.add(id(node))
        tag = node.get("/S")
        if tag is not None:
            found.tags[str(tag)[1:]] += 1
            if tag == "/Figure":
                found.figures.append(str(node.get("/Alt", "")))
            if "/Lang" in node:
                found.langs[str(node["/Lang"])] += 1
        kids = _resolve(node.get("/K"))
        if kids is not None:
            stack.append(kids)
    return found


def _xmp(root) -> str:
    metadata = _resolve(root.get("/Metadata"))
    return "" if metadata is None else metadata.get_data().decode("utf-8", "replace")


def _xmp_value(xmp: str, name: str) -> str:
    match = (re.search(rf"<{name}>\s*([^<]*?)\s*</{name}>", xmp)
             or re.search(rf'{name}="([^"]*)"', xmp))
    return match.group(1) if match else ""


def _fonts(reader: PdfReader):
    """Every font dictionary used by a page or a form it paints (once each)."""
    seen, stack = set(), []
    for page in reader.pages:
        stack.append(_resolve(page.get("/Resources")))
    while stack:
        resources = stack.pop()
        if not resources or id(resources) in seen:
            continue
        seen.add(id(resources))
        for font in (_resolve(resources.get("/Font")) or {}).values():
            yield _resolve(font)
        for xobject in (_resolve(resources.get("/XObject")) or {}).values():
            xobject = _resolve(xobject)
            if xobject.get("/Subtype") == "/Form":
                stack.append(_resolve(xobject.get("/Resources")))


def _embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs are content streams of the file itself
    if font.get("/Subtype") == "/Type0":
        font = _resolve(_resolve(font["/DescendantFonts"])[0])
    descriptor = _resolve(font.get("/FontDescriptor")) or {}
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def pdfa_problems(pdf: bytes, part: int = 3, conformance: str = "A") -> list[str]:
    """What contradicts a claim of PDF/A-<part><conformance> in the file ([] if nothing)."""
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"].get_object()
    problems = []
    if reader.is_encrypted:
        problems.append("encrypted")
    xmp = _xmp(root)
    if _xmp_value(xmp, "pdfaid:part") != str(part):
        problems.append(f"XMP pdfaid:part is {_xmp_value(xmp, 'pdfaid:part')!r}, not {part}")
    if _xmp_value(xmp, "pdfaid:conformance").upper() != conformance:
        problems.append(f"XMP pdfaid:conformance is "
                        f"{_xmp_value(xmp, 'pdfaid:conformance')!r}, not {conformance}")
    intents = [_resolve(i) for i in _resolve(root.get("/OutputIntents")) or []]
    pdfa_intents = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if not pdfa_intents:
        problems.append("no /OutputIntent of type GTS_PDFA1")
    elif not all(i.get("/DestOutputProfile") is not None and
                 _resolve(i["/DestOutputProfile"]).get_data()[36:40] == b"acsp"
                 for i in pdfa_intents):
        problems.append("the output intent has no ICC profile")
    for font in _fonts(reader):
        if not _embedded(font):
            problems.append(f"font {font.get('/BaseFont')} is not embedded")
    if conformance in ("U", "A"):
        missing = unmapped_glyphs(pdf)
        if missing:
            problems.append(f"{missing} drawn glyphs have no Unicode value")
    if conformance == "A":
        found = structure(pdf)
        if "/StructTreeRoot" not in root or not found.tags:
            problems.append("no structure tree")
        if not found.marked:
            problems.append("no /MarkInfo /Marked true")
        if not found.lang:
            problems.append("no /Lang in the catalog")
        if any(not alt for alt in found.figures):
            problems.append("a figure has no /Alt")
    return problems
