"""Thai, Khmer and Lao put no spaces between words: the PDF renderer must still break lines
between words, never inside a syllable, and never let a line run out of its column.

The checks read the lines as WeasyPrint laid them out (its boxes, i.e. what is painted), not
text extracted from the PDF, which scrambles Khmer clusters.
"""
from __future__ import annotations

import io
import itertools

import pytest
import weasyprint
from pypdf import PdfReader
from weasyprint.formatting_structure import boxes

from app.config import ROOT
from app.demo import resolution as demo_resolution
from app.documents.linebreak import ZWSP, with_break_opportunities
from app.documents.pdf import render_pdf

SCRIPTS = {"th": (0x0E00, 0x0E7F), "lo": (0x0E80, 0x0EFF), "km": (0x1780, 0x17FF)}
# A line may not start with a vowel sign, tone mark or other sign that belongs to the
# consonant before it, nor end with a vowel written before its consonant, or with the Khmer
# COENG that joins the next consonant below: each would cut an orthographic syllable.
CANNOT_START = {
    "th": set(range(0x0E30, 0x0E3B)) | {0x0E45} | set(range(0x0E47, 0x0E4F)),
    "lo": set(range(0x0EB0, 0x0EBD)) | set(range(0x0EC8, 0x0ECE)),
    "km": set(range(0x17B6, 0x17D4)) | {0x17D4, 0x17D5, 0x17D7, 0x17DD},
}
CANNOT_END = {"th": set(range(0x0E40, 0x0E45)), "lo": set(range(0x0EC0, 0x0EC5)),
              "km": {0x17D2}}
NARROW = """<!doctype html><html lang="{lang}"><head><style>
  @page {{ size: A4; margin: 20mm }}
  p {{ width: {width}; font-family: "Noto Sans Thai", "Noto Sans Lao", "Noto Sans Khmer";
      font-size: 11pt; margin: 0 0 4mm }}
</style></head><body>{paragraphs}</body></html>"""


def _paragraphs(lang: str) -> list[str]:
    texts = [demo_resolution.TITLE[lang]]
    texts += [p[lang] for p in demo_resolution.PREAMBLE]
    for text, subparagraphs in demo_resolution.OPERATIVE:
        texts += [text[lang]] + [sub[lang] for sub in subparagraphs]
    return [text.replace("*", "") for text in texts]


def _laid_out_lines(html: str) -> tuple[list[list[tuple[str, float, float]]], str]:
    """Per block, its lines as (text, line width, width of the block it sits in); and the
    document as given to the renderer."""
    html = with_break_opportunities(html)
    document = weasyprint.HTML(string=html,
                               base_url=str(ROOT / "static")).render()
    blocks: list[list[tuple[str, float, float]]] = []

    def walk(box, block_width):
        if isinstance(box, boxes.BlockContainerBox) and any(
                isinstance(child, boxes.LineBox) for child in box.children):
            blocks.append([])
        for child in getattr(box, "children", []):
            if isinstance(child, boxes.LineBox):
                text = "".join(t.text for t in child.descendants()
                               if isinstance(t, boxes.TextBox))
                blocks[-1].append((text, child.width, box.width))
            else:
                walk(child, getattr(child, "width", block_width))

    for page in document.pages:
        walk(page._page_box, page._page_box.width)
    return [block for block in blocks if block], html


def _in_script(char: str, lang: str) -> bool:
    low, high = SCRIPTS[lang]
    return low <= ord(char) <= high


def _check_breaks(lines: list[tuple[str, float, float]], lang: str, source: str) -> int:
    """Asserts every break between two lines of the script falls between syllables and at
    a word boundary (a space or a marked boundary in the source: the letters on either side
    of a break never follow each other directly there); returns how many breaks there were."""
    breaks = 0
    for (before, _, _), (after, _, _) in itertools.pairwise(lines):
        end = before.rstrip(" " + ZWSP)
        start = after.lstrip(" " + ZWSP)
        if not end or not start or not (_in_script(end[-1], lang) and
                                         _in_script(start[0], lang)):
            continue
        breaks += 1
        context = f"{end[-12:]}|{start[:12]}"
        assert ord(start[0]) not in CANNOT_START[lang], f"line starts inside a syllable: {context}"
        assert ord(end[-1]) not in CANNOT_END[lang], f"line ends inside a syllable: {context}"
        if lang != "th":  # Thai is segmented by Pango's own dictionary (libthai)
            assert end[-8:] + start[:8] not in source, f"break at no word boundary: {context}"
    return breaks


@pytest.mark.parametrize("lang", ["th", "km", "lo"])
@pytest.mark.parametrize("width", ["38mm", "61mm", "97mm"])
def test_narrow_columns_break_between_words_and_lines_fit(lang, width):
    paragraphs = "".join(f"<p>{text}</p>" for text in _paragraphs(lang))
    blocks, source = _laid_out_lines(NARROW.format(lang=lang, width=width,
                                                   paragraphs=paragraphs))
    breaks = sum(_check_breaks(lines, lang, source) for lines in blocks)
    assert breaks >= 10, "the column should force breaks inside runs of the script"
    for lines in blocks:
        for text, line_width, column in lines:
            assert line_width <= column + 0.5, f"line runs out of its column: {text}"


def test_marked_boundaries_are_words_and_do_not_reach_the_text_layer(app):
    title = demo_resolution.TITLE["km"]
    marked = with_break_opportunities(f"<html><head><title>{title}</title></head>"
                                      f"<body><p title=\"x\">{title}</p></body></html>")
    head, body = marked.split("<body>")
    assert ZWSP not in head, "the title (PDF metadata) stays as typed"
    words = body.removeprefix('<p title="x">').removesuffix("</p></body></html>").split(ZWSP)
    assert "".join(words) == title and len(words) >= 8
    assert {"ក្រុម", "ព្រំដែន", "ឆបោក"} <= set(words)
    assert with_break_opportunities("<body><p>ภาษาไทย Latin 한국어</p></body>") == \
        "<body><p>ภาษาไทย Latin 한국어</p></body>"
    with app.app_context():
        data = render_pdf(marked)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert ZWSP not in text


@pytest.mark.one_database
@pytest.mark.parametrize("lang", ["th", "km", "lo"])
def test_resolution_one_as_printed_breaks_between_words(app, demo, lang):
    from sqlalchemy import select

    from app.extensions import db
    from app.meetings.models import Meeting
    from app.resolutions.documents import resolution_html
    from app.resolutions.models import Resolution

    with app.test_request_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.slug == demo))
        resolution = db.session.scalar(select(Resolution).where(
            Resolution.meeting_id == meeting.id, Resolution.number == 1))
        blocks, source = _laid_out_lines(resolution_html(resolution, lang))
    assert sum(_check_breaks(lines, lang, source) for lines in blocks) >= 3
    for lines in blocks:
        for text, line_width, column in lines:
            assert line_width <= column + 0.5, f"line runs out of its column: {text}"
