"""The language of each part of a tagged PDF.

WeasyPrint (70) writes the document's language (<html lang>) as the catalog's /Lang, but not
the language of an element inside it: a structure element made from `<p lang="km">` or
`<span lang="ar">` carries no /Lang, so a screen reader reads a Khmer paragraph of a visa
letter, or the Arabic column of a parallel text, with the voice of the document's language.
PDF 1.7 (14.9.2) and PDF/UA-1 (7.2) ask for /Lang on the structure element wherever the
language changes.

WeasyPrint builds the structure tree in `weasyprint.pdf.tags._build_box_tree`, a generator that
calls itself through the module's global name for every child box. `install()` puts a wrapper
under that name which adds /Lang to the element made for a box whose HTML element has a lang
attribute. Nothing else changes: the wrapper yields what
WeasyPrint yields. The upstream change would be the same two lines inside _build_box_tree.
"""
from __future__ import annotations

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags

_ORIGINAL = tags._build_box_tree


def _language_change(box) -> str | None:
    """The lang attribute of the box's own element (not <html>: that is the catalog's)."""
    element = getattr(box, "element", None)
    if element is None or isinstance(box, (boxes.PageBox, boxes.MarginBox)):
        return None
    if box.element_tag in ("html", "body") or getattr(box, "element_tag", "").endswith(
            ("::before", "::after", "::marker")):
        return None
    # The parsed tree has no parent links: an element that repeats its parent's language
    # gets a /Lang too, which says nothing new and is allowed.
    return element.get("lang") or None


def _build_box_tree(box, parent, pdf, page_number, nums, annotations, page_tags):
    lang = _language_change(box)
    for element in _ORIGINAL(box, parent, pdf, page_number, nums, annotations, page_tags):
        if lang and "Lang" not in element:
            element["Lang"] = pydyf.String(lang)
        yield element


def install() -> None:
    """Idempotent; called when app.documents.pdf is imported."""
    if tags._build_box_tree is not _build_box_tree:
        tags._build_box_tree = _build_box_tree
