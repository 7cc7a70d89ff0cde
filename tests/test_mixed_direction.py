"""Latin runs inside Arabic pages and PDFs keep their order and punctuation: typed values
(ranks, positions, venues, names) are set apart, and Arabic text uses Arabic punctuation."""
from __future__ import annotations

import io
import re
import subprocess

import pdfplumber
import pytest
from sqlalchemy import select

from app.registration.models import Registration
from tests.browser.conftest import BROWSER_BACKEND
from tests.conftest import issue_link, staff_client

ARABIC_HEAD = "head.ae@moi.example.com"
FSI, PDI = "\u2068", "\u2069"


def _head_registration(db) -> Registration:
    return db.session.scalar(select(Registration).where(Registration.email == ARABIC_HEAD))


def _line_of(pdf: bytes, word: str) -> str:
    """The characters on the PDF's line that holds `word`, read left to right as drawn
    (marks of another font sit a point or two lower: a line is the glyphs within 5 pt)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            chars = page.chars
            for i, char in enumerate(chars):
                if "".join(c["text"] for c in chars[i:i + len(word)]) == word:
                    line = [c for c in chars if abs(c["top"] - char["top"]) < 5]
                    return "".join(c["text"] for c in sorted(line, key=lambda c: c["x0"]))
    raise AssertionError(f"{word!r} is not in the PDF")


@pytest.mark.one_database
def test_a_latin_rank_keeps_its_full_stop_at_the_end_in_the_arabic_participants_list(
        app, db, demo):
    registration = _head_registration(db)
    registration.position = "Director of International Cooperation"
    db.session.commit()
    staff = staff_client(app)
    pdf = staff.get(f"/meetings/{demo}/registration/participants.pdf?lang=ar")
    assert pdf.status_code == 200
    line = _line_of(pdf.data, "Maj")
    # left to right on the page, the Latin run reads as typed, full stop after "Gen"
    assert "Maj. Gen." in line and ".Maj" not in line
    # the two values are separated by the Arabic comma, not a Latin one
    assert "،" in line
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.data, capture_output=True,
                          check=True).stdout.decode()
    text = re.sub("[\u200e\u200f\u202a-\u202e]", "", text)  # poppler's direction marks
    assert re.search(r"اللقب\s*،\s*المنصب", text)  # the header, with the Arabic comma
    assert "اللقب," not in text


def test_typed_values_are_isolated_in_arabic_pages(app, db, demo):
    registration = _head_registration(db)
    staff = staff_client(app)
    page = staff.get(f"/meetings/{demo}/registration/{registration.id}?lang=ar").get_data(
        as_text=True)
    assert f"<dd>{FSI}Maj. Gen.{PDI}</dd>" in page


def test_a_value_with_markup_is_still_escaped_when_isolated(app, db, demo):
    registration = _head_registration(db)
    registration.title = "<b>Gen.</b>"
    db.session.commit()
    page = staff_client(app).get(
        f"/meetings/{demo}/registration/{registration.id}?lang=ar").get_data(as_text=True)
    assert "<b>Gen.</b>" not in page and "&lt;b&gt;Gen.&lt;/b&gt;" in page


@pytest.mark.browser
@pytest.mark.parametrize("app", [BROWSER_BACKEND], indirect=True)  # one: see there
def test_the_arabic_page_shows_latin_runs_in_their_order(app, db, demo, live_server, browser):
    registration = _head_registration(db)
    link = issue_link(app, ARABIC_HEAD).replace(app.config["PUBLIC_URL"], live_server)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(link)
    page.get_by_role("button").last.click()
    page.wait_for_load_state()

    def order(selector: str, first: str, last: str) -> tuple[float, float]:
        """x of the first occurrence of `first` and of the last of `last` in the element."""
        return page.locator(selector).first.evaluate(
            """(el, [first, last]) => {
                const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
                let node, a = null, b = null;
                while ((node = walker.nextNode())) {
                    const i = node.data.indexOf(first), j = node.data.lastIndexOf(last);
                    const range = document.createRange();
                    if (i >= 0 && a === null) { range.setStart(node, i); range.setEnd(node, i + 1);
                                                a = range.getBoundingClientRect().x; }
                    if (j >= 0) { range.setStart(node, j); range.setEnd(node, j + 1);
                                  b = range.getBoundingClientRect().x; }
                }
                return [a, b];
            }""", [first, last])

    page.goto(f"{live_server}/meetings/{demo}/registration/{registration.id}")
    m, stop = order("dd:has-text('Maj. Gen.')", "M", ".")
    assert stop > m  # "Maj. Gen." and not ".Maj. Gen"
    page.goto(f"{live_server}/meetings/{demo}/agenda")
    dot, s = order("a:has-text('ics')", ".", "s")
    assert dot < s  # "(.ics)" and not "(ics.)"
    page.close()
