"""The meeting room in real headless Chromium, browsers at once: the projector shows the room
display from its signed link (a browser with no session and no cookie), a delegate asks for
the floor from a phone and the display shows the request within two seconds; the chair,
from the keyboard alone, gives the floor and the display's timer runs."""
from __future__ import annotations

import time

import pyotp
import pytest
from sqlalchemy import select

from app.floor.speakers import services
from app.meetings.models import Meeting, Organisation
from tests.agenda.helpers import item_titled
from tests.conftest import issue_link, staff_credentials

pytestmark = pytest.mark.browser

STAFF = "staff@knpa.example.com"


def _open_list_and_display_link(app, db, demo) -> tuple[int, str]:
    with app.test_request_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.slug == demo))
        item = item_titled(db, "Adoption of the agenda")
        services.open_list(meeting, item)
        key = services.issue_display_link(meeting, 8)
        db.session.commit()
        return item.id, key


def _staff_signs_in(page, base: str, app) -> None:
    credentials = staff_credentials(app)[STAFF]
    page.goto(f"{base}/auth/staff")
    page.locator("#email").fill(STAFF)
    page.locator("#password").fill(credentials["password"])
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    if "/auth/totp" in page.url:
        page.locator("#code").fill(pyotp.TOTP(credentials["totp_secret"]).now())
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
    assert "/auth/" not in page.url, page.locator("main").inner_text()


def test_delegate_asks_the_display_shows_it_and_the_chair_gives_the_floor(
        app, db, live_server, browser, demo):
    item_id, key = _open_list_and_display_link(app, db, demo)
    thai = db.session.scalar(select(Organisation).where(Organisation.code == "rtp"))
    shown_name = (thai.short_name or {}).get("en") or thai.name["en"]

    projector = browser.new_context(viewport={"width": 1920, "height": 1080})
    display = projector.new_page()
    display.goto(f"{live_server}/meetings/{demo}/floor/display?key={key}")
    display.locator("[data-floor-display][data-version]").wait_for()  # the state has come
    assert "Adoption of the agenda" in display.locator("[data-floor-titles]").inner_text()
    assert display.locator("[data-floor-clock]").inner_text().count(":") == 2

    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(issue_link(app, "delegate.th@rtp.example.com").replace(
        app.config["PUBLIC_URL"], live_server))
    phone.get_by_role("button").last.click()
    phone.wait_for_url(f"{live_server}/")
    phone.goto(f"{live_server}/meetings/{demo}/floor/items/{item_id}?lang=en")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    with phone.expect_navigation():
        phone.get_by_role("button", name="Ask for the floor").click()
    asked = time.monotonic()
    display.locator("[data-floor-queue] li", has_text=shown_name).wait_for(timeout=2000)
    assert time.monotonic() - asked < 2.0
    assert "Your request for the floor is on the list." in phone.locator("main").inner_text()

    chair = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _staff_signs_in(chair, live_server, app)
    chair.goto(f"{live_server}/meetings/{demo}/floor/items/{item_id}/console?lang=en")
    chair.locator("body").focus()
    with chair.expect_navigation():
        chair.keyboard.press("n")  # "Next speaker", from the keyboard alone
    assert "Give the floor" not in chair.locator("[data-floor-manage]").inner_text()
    display.locator("[data-floor-speaker]", has_text=shown_name).wait_for(timeout=2000)
    first = display.locator("[data-floor-timer]").inner_text()
    display.wait_for_timeout(1600)
    later = display.locator("[data-floor-timer]").inner_text()
    assert first != later and later != "—", (first, later)
    assert display.locator("[data-floor-queue] li").count() == 0

    # The phone, without reloading, sees its delegation has the floor.
    phone.locator("[data-floor-speaker]", has_text=shown_name).wait_for(timeout=2000)
    assert phone.locator("html").get_attribute("dir") == "ltr"
    for context in (projector, phone.context, chair.context):
        context.close()
