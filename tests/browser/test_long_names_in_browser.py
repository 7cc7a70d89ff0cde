"""A 100-letter name without a space in the secretariat's list of registrations, in a real
headless Chromium at phone and desktop width: the name wraps inside its cell, the other
columns keep room for their words, and only the table's own scroll box may scroll sideways."""
from __future__ import annotations

import pytest

from tests.conftest import staff_credentials
from tests.registration.conftest import register, vn_head  # noqa: F401 - fixture

pytestmark = pytest.mark.browser
LONG_LATIN = "Abcdefghij" * 10
LONG_ARABIC = "عبدالرحمنبنعبداللهبنمحمدبنسلطانالقاسمي"

MEASURE = """() => {
  const table = document.querySelector('#registration-ROW').closest('table');
  const em = parseFloat(getComputedStyle(table).fontSize);
  const heads = [...table.querySelectorAll('thead th')].slice(1);
  const name = document.querySelector('#registration-ROW td.name');
  const cell = name.getBoundingClientRect();
  const inside = [...name.querySelectorAll('a, span')].every(e => {
    const box = e.getBoundingClientRect();
    return box.left >= cell.left - 1 && box.right <= cell.right + 1;
  });
  return {widths: heads.map(th => th.getBoundingClientRect().width / em),
          labels: heads.map(th => th.innerText),
          inside: inside, nameScroll: name.scrollWidth - name.clientWidth,
          pageScroll: document.documentElement.scrollWidth - window.innerWidth,
          tableScroll: table.parentElement.scrollWidth - table.parentElement.clientWidth,
          nameWidth: cell.width / window.innerWidth};
}"""


def _staff_page(app, browser, live_server, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_server}/auth/staff?lang=en")
    page.get_by_label("E-mail address").fill("staff@knpa.example.com")
    page.get_by_label("Password").fill(
        staff_credentials(app)["staff@knpa.example.com"]["password"])
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"{live_server}/")
    return page


def test_a_hundred_letter_name_wraps_in_the_registrations_table(
        app, db, live_server, browser, demo, vn_head):  # noqa: F811 - the fixture
    from tests.registration.conftest import vietnam

    assert register(vn_head, demo, family_name=LONG_LATIN, given_names=LONG_LATIN,
                    native_name=LONG_ARABIC).status_code == 302
    row = db.session.scalar(vietnam()).id
    for width in (390, 1280):
        page = _staff_page(app, browser, live_server, width)
        page.goto(f"{live_server}/meetings/{demo}/registration/?lang=en")
        found = page.evaluate(MEASURE.replace("ROW", str(row)))
        assert found["inside"] and found["nameScroll"] <= 0, (width, found)
        assert all(w >= 4 for w in found["widths"]), (width, found)
        assert found["pageScroll"] <= 0, (width, found)
        # the name wraps: on a desktop the table fits, on a phone the name takes part of it
        assert found["nameWidth"] <= (.4 if width > 1000 else .7), (width, found)
        if width > 1000:
            assert found["tableScroll"] <= 0, (width, found)
        page.close()
