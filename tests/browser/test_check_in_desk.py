"""The venue desk in a real headless Chromium on a phone: three scans in a row (a valid code,
the same again, an unknown code) each leave the code field empty and focused for the next
scan, and the three results differ at a glance by class, word and symbol (not colour alone);
a badge not approved shows the person and the reason."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.registration.models import Registration
from tests.conftest import staff_credentials
from tests.registration.conftest import picture, register, vn_head  # noqa: F401 - fixture
from tests.registration.test_documents_and_check_in import _approve_all

pytestmark = pytest.mark.browser


def _scan(page, code: str) -> dict:
    """What a handheld scanner does: type the code into the focused field, then Enter."""
    with page.expect_navigation():
        page.keyboard.type(code)
        page.keyboard.press("Enter")
    result = page.locator("#check-in-result")
    return {"class": result.get_attribute("class"),
            "verdict": result.locator(".checkin-verdict").inner_text().strip(),
            "colour": result.evaluate("e => getComputedStyle(e).borderTopColor"),
            "field": page.locator("input[name=code]").input_value(),
            "focused": page.evaluate("document.activeElement && document.activeElement.name")}


def test_three_scans_in_a_row_at_the_desk_on_a_phone(app, db, live_server, browser, demo,
                                                    vn_head):  # noqa: F811 - the fixture
    register(vn_head, demo, photo=picture())
    _approve_all(app, db)
    register(vn_head, demo, email="pending@mps.example.com", family_name="Pham",
             given_names="Thi Lan", photo=picture())
    approved = db.session.scalar(select(Registration).where(
        Registration.email == "an.nguyen@mps.example.com"))
    pending = db.session.scalar(select(Registration).where(
        Registration.email == "pending@mps.example.com"))

    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server}/auth/staff?lang=en")
    page.get_by_label("E-mail address").fill("staff@knpa.example.com")
    page.get_by_label("Password").fill(
        staff_credentials(app)["staff@knpa.example.com"]["password"])
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"{live_server}/")
    page.goto(f"{live_server}/meetings/{demo}/registration/check-in?lang=en")

    # On a phone the code field comes first: before the title, the menus and the day.
    assert page.locator("main").inner_text().strip().startswith("Badge code")
    box = page.locator("input[name=code]").bounding_box()
    field_top = box["y"]
    assert box["y"] + box["height"] <= 844  # on the first screen, without scrolling
    for other in ("main h1", "#day"):
        assert field_top < page.locator(other).bounding_box()["y"]
    assert page.evaluate("document.activeElement.name") == "code"

    first = _scan(page, approved.badge_code)
    second = _scan(page, approved.badge_code)
    third = _scan(page, "ZZZZ-ZZZZ")
    for result in (first, second, third):
        assert result["field"] == "" and result["focused"] == "code", result
    assert "checked-in" in first["class"] and first["verdict"] == "✓ Checked in"
    assert "already" in second["class"] and second["verdict"].startswith(
        "⚠ Already checked in today at")
    assert "unknown" in third["class"] and third["verdict"] == "✕ Unknown code: do not admit"
    assert len({first["colour"], second["colour"], third["colour"]}) == 3
    assert "ZZZZ" in page.locator("#check-in-result").inner_text()  # what was scanned

    refused = _scan(page, pending.badge_code)
    assert "refused" in refused["class"] and refused["verdict"] == "✕ Do not admit"
    assert refused["field"] == "" and refused["focused"] == "code"
    panel = page.locator("#check-in-result")
    assert "PHAM, Thi Lan" in panel.inner_text()
    assert "Pending approval" in panel.inner_text()
    assert panel.locator("img").evaluate("i => i.complete && i.naturalWidth > 0")
    page.close()
