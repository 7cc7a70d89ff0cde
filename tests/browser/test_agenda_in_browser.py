"""The agenda in a real headless Chromium, in Thai and in Arabic, on a phone-sized screen."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import issue_link

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _signed_in_page(app, live_server, browser, email):
    link = issue_link(app, email).replace(app.config["PUBLIC_URL"], live_server)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(link)
    page.get_by_role("button").last.click()
    page.wait_for_url(f"{live_server}/")
    return page


def test_agenda_reads_in_thai_and_arabic(app, live_server, browser, demo):
    page = _signed_in_page(app, live_server, browser, "head.ae@moi.example.com")
    page.goto(f"{live_server}/meetings/{demo}/agenda?lang=th")
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.get_by_text("การรับรองระเบียบวาระ").is_visible()
    assert page.get_by_text("เวลามาตรฐานเกาหลี").first.is_visible()

    page.goto(f"{live_server}/meetings/{demo}/agenda?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    item = page.locator(".agenda-item").nth(1)
    number = item.locator(".number").bounding_box()
    title = item.locator(".item-title").bounding_box()
    assert number["x"] > title["x"]  # the number stands to the right of the title in RTL
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "agenda-ar.png"), full_page=True)

    pdf = page.request.get(f"{live_server}/meetings/{demo}/agenda.pdf?lang=ar")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    page.close()


def test_staff_reorders_items_with_the_keyboard(app, live_server, browser, demo):
    from tests.conftest import staff_credentials

    page = browser.new_page()
    page.goto(f"{live_server}/auth/staff?lang=en")
    page.get_by_label("E-mail address").fill("staff@knpa.example.com")
    page.get_by_label("Password").fill(
        staff_credentials(app)["staff@knpa.example.com"]["password"])
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"{live_server}/")
    page.goto(f"{live_server}/meetings/{demo}/agenda/edit?lang=en")
    button = page.get_by_role("button", name="Move up 2", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#item-*")
    first = page.locator(".agenda-session.editor").first.locator(".agenda-item").first
    assert "Adoption of the agenda" in first.inner_text()
    page.close()


@pytest.mark.parametrize("lang, sample", [("km", "ការអនុម័តរបៀបវារៈ"), ("ja", "議題の採択")])
def test_agenda_screenshots_in_khmer_and_japanese(app, live_server, browser, demo, lang,
                                                  sample):
    page = _signed_in_page(app, live_server, browser, "delegate.kh@cnp.example.com")
    page.goto(f"{live_server}/meetings/{demo}/agenda?lang={lang}")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (lang, "ltr")
    assert page.get_by_text(sample).first.is_visible()
    item = page.locator(".agenda-item").nth(1)
    number = item.locator(".number").bounding_box()
    title = item.locator(".item-title").bounding_box()
    assert number["x"] < title["x"]  # left to right
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"agenda-{lang}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.close()
