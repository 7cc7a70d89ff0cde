"""A delegate in a real headless Chromium: signs in by link, reads the agenda, switches language."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import issue_link

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_delegate_signs_in_and_switches_language(app, live_server, browser, demo):
    link = issue_link(app, "head.th@rtp.example.com").replace(app.config["PUBLIC_URL"],
                                                               live_server)
    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    page.goto(link)
    assert page.locator("html").get_attribute("lang") == "th"  # the person's preference
    page.get_by_role("button").last.click()
    page.wait_for_url(f"{live_server}/")
    page.goto(f"{live_server}/meetings/{demo}/agenda")
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.get_by_text("การรับรองระเบียบวาระ").is_visible()

    page.locator(".language-switcher summary").click()
    with page.expect_navigation():
        page.get_by_role("button", name="العربية").click()
    assert page.url == f"{live_server}/meetings/{demo}/agenda"  # the same page, now in Arabic
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert page.get_by_text("إقرار جدول الأعمال").is_visible()
    # Mirrored layout: the site name sits at the right edge in Arabic.
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] + brand["width"] > 390 / 2

    page.keyboard.press("Home")
    page.locator(".language-switcher summary").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="한국어").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.get_by_text("의제 채택").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "agenda-ko.png"), full_page=True)
    # the choice is saved: a new browser signed in by link reads Korean
    other = browser.new_page()
    other.goto(issue_link(app, "head.th@rtp.example.com").replace(app.config["PUBLIC_URL"],
                                                                   live_server))
    assert other.locator("html").get_attribute("lang") == "ko"
    other.close()
    page.close()
