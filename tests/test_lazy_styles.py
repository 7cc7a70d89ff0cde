"""The styles of markers, footnote calls and notes, computed only when drawn (issue 24): the
PDF is the same, byte for byte, and the styles never drawn are not made."""
from __future__ import annotations

import io

import pytest
import weasyprint
from pypdf import PdfReader

from app.documents import lazy_styles
from app.documents import pdf as pipeline  # installs the wrappers
from app.documents.pdf import PRINT_CSS

# A list with numbers and bullets, an author's ::marker rule, an element made a list item by
# CSS, a footnote with its call and marker, a table, and text in two directions.
HTML = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Marks</title>
<style>{PRINT_CSS.read_text()}
@page {{ @footnote {{ border-top: .5pt solid }} }}
ol li::marker {{ color: #8a1c1c; font-weight: bold }}
div.item {{ display: list-item; list-style: square inside }}
.note {{ float: footnote }}
</style></head><body>
<h1>Operative paragraphs</h1>
<ol><li>Decides to act<span class="note">The first footnote.</span></li>
<li>Requests a report <span lang="ar" dir="rtl">تقرير الأمانة</span></li></ol>
<ul><li>One</li><li>Two<ul><li>Nested</li></ul></li></ul>
<div class="item">A list item made by CSS</div>
<table><thead><tr><th>Name</th><th>Role</th></tr></thead>
<tbody><tr><td>KIM, Min-jun</td><td>Head of delegation</td></tr>
<tr><td>ហេង សុខា</td><td>Delegate<span class="note">A second footnote.</span></td></tr></tbody>
</table></body></html>"""


def _pdf(html: str) -> bytes:
    return weasyprint.HTML(string=html).write_pdf(pdf_tags=True,
                                                  font_config=pipeline._font_config())


@pytest.fixture
def without_deferral():
    lazy_styles.uninstall()
    try:
        yield
    finally:
        lazy_styles.install()


def test_the_pdf_is_the_same_byte_for_byte(without_deferral):
    before = _pdf(HTML)
    lazy_styles.install()
    try:
        after = _pdf(HTML)
    finally:
        lazy_styles.uninstall()
    assert after == before
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(after)).pages)
    # the markers (numbers and bullets), the footnotes and their calls were drawn
    for drawn in ("1.", "2.", "•", "Decides to act1", "1. The first footnote.",
                  "2. A second footnote."):
        assert drawn in text, drawn


def test_only_the_pseudo_elements_drawn_get_a_style():
    document = weasyprint.HTML(string=HTML)
    style_for = weasyprint.css.get_all_computed_styles(document,
                                                       font_config=pipeline._font_config())
    made = {pseudo for _, pseudo in style_for.get_computed_styles() if pseudo}
    assert not made & lazy_styles.LAZY  # none before a box asks for one
    items = [element for element in document.etree_element.iter() if element.tag == "li"]
    marker = style_for(items[0], "marker")
    assert marker is not None and marker["font_weight"] == 700  # the author's ::marker rule
    assert tuple(round(channel * 255) for channel in marker["color"][:3]) == (138, 28, 28)
    # asked twice: the same style, computed once
    assert style_for(items[0], "marker") is marker
