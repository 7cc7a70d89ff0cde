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

The same wrapper gives a header cell that heads a group of rows (`<th scope="rowgroup">`, the
organisation above its delegates in the participants list) its own rows: WeasyPrint links
each data cell to every header cell of its column and to the header cells of its row marked
scope="row" (the /Headers of a TD, PDF 1.7 14.8.5.7), so an organisation's name headed the
first column of the whole table, every other organisation's delegates included, and none of
its own delegates' other cells. After WeasyPrint has linked a table, `_row_group_headers`
takes such a header out of the columns and gives it to every data cell of its row group
(HTML's own rule for scope="rowgroup"). Upstream: the same, where tags.py reads `scope`.

And one cost: every structure element names its page with `pdf.page_references[n]`, which
pydyf (0.11) builds anew, a tuple of every page's reference, each time it is read: tagging
was quadratic in the pages (a sixth of the CPU of the 116-page rooming list at 2,000 guests).
While the tags are added (the pages are all in the PDF by then), `_add_tags` lets the PDF
answer with the tuple built once. The PDF written is the same, byte for byte.
"""
from __future__ import annotations

import pydyf
import weasyprint.pdf
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags

_ORIGINAL = tags._build_box_tree
_ORIGINAL_ADD_TAGS = weasyprint.pdf.add_tags


class _PagesKnown(pydyf.PDF):
    """A pydyf PDF whose pages no longer change: their references read from one tuple."""

    @property
    def page_references(self):
        return self._page_references_known


def _add_tags(pdf, *args, **kwargs):
    if type(pdf) is not pydyf.PDF:  # not the PDF this was written for: leave it alone
        return _ORIGINAL_ADD_TAGS(pdf, *args, **kwargs)
    pdf._page_references_known = pdf.page_references
    pdf.__class__ = _PagesKnown
    try:
        return _ORIGINAL_ADD_TAGS(pdf, *args, **kwargs)
    finally:
        pdf.__class__ = pydyf.PDF
        del pdf._page_references_known


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


def _row_group_headers(wrapper) -> None:
    """A table's scope="rowgroup" header cells head the data cells of their row group only."""
    table = wrapper.get_wrapped_table()
    if table is None:
        return
    groups: list[tuple[list, list]] = []  # (its rowgroup headers' ids, its data cells)
    for group in table.children:
        cells = [cell for row in getattr(group, "children", ()) for cell in row.children
                 if getattr(cell, "element", None) is not None
                 and isinstance(getattr(cell, "mark", None), pydyf.Dictionary)]
        keys = [cell.mark["ID"] for cell in cells
                if cell.element_tag == "th" and "ID" in cell.mark
                and cell.element.get("scope") == "rowgroup"]
        groups.append((keys, [cell for cell in cells if cell.element_tag == "td"]))
    row_group_keys = {str(key) for keys, _ in groups for key in keys}
    if not row_group_keys:
        return
    for keys, cells in groups:
        for cell in cells:
            attributes = cell.mark["A"]
            others = [key for key in attributes.get("Headers", ())
                      if str(key) not in row_group_keys]
            attributes["Headers"] = pydyf.Array([*keys, *others])


def _build_box_tree(box, parent, pdf, page_number, nums, annotations, page_tags):
    lang = _language_change(box)
    for element in _ORIGINAL(box, parent, pdf, page_number, nums, annotations, page_tags):
        if lang and "Lang" not in element:
            element["Lang"] = pydyf.String(lang)
        yield element
    if getattr(box, "is_table_wrapper", False):
        # WeasyPrint linked the table's cells to their headers before yielding the table
        _row_group_headers(box)


def install() -> None:
    """Idempotent; called when app.documents.pdf is imported."""
    if tags._build_box_tree is not _build_box_tree:
        tags._build_box_tree = _build_box_tree
    if weasyprint.pdf.add_tags is not _add_tags:
        weasyprint.pdf.add_tags = _add_tags
