"""A long list prepared in the background, followed in a real headless Chromium: the button,
the job's page whose bar the script moves from the JSON status (under the page's CSP), the
live status line saying it is ready, and the file's link."""
from __future__ import annotations

import pytest

from tests.conftest import staff_credentials
from tests.jobs.test_jobs import consumer

pytestmark = pytest.mark.browser


def test_the_participants_list_is_prepared_while_the_page_shows_progress(
        app, db, live_server, browser, demo, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_INLINE_LIMIT", 1)
    page = browser.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{live_server}/auth/staff?lang=en")
    page.get_by_label("E-mail address").fill("staff@knpa.example.com")
    page.get_by_label("Password").fill(
        staff_credentials(app)["staff@knpa.example.com"]["password"])
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"{live_server}/")
    with consumer(app, monkeypatch, start=False) as worker:
        page.goto(f"{live_server}/meetings/{demo}/registration/participants.pdf?lang=en")
        page.get_by_role("button", name="Prepare the file").click()
        page.wait_for_url(f"{live_server}/meetings/{demo}/files/*")
        # The worker starts only now: what follows on the page is the script's doing.
        assert page.locator("#job-label").inner_text() == "Waiting to start"
        assert page.locator("#job-download").is_hidden()
        assert page.locator("#job-status").get_attribute("aria-live") == "polite"
        worker.start()
        page.locator("#job-download").wait_for(state="visible", timeout=120_000)
    assert page.locator("#job-label").inner_text() == "Ready"
    assert page.locator("#job-progress").get_attribute("value") == "100"
    assert page.locator("#job-refresh").is_hidden()
    link = page.get_by_role("link", name=f"Download {demo}-participants-en.pdf")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"{demo}-participants-en.pdf"
    page.goto(f"{live_server}/meetings/{demo}/files/")
    assert f"{demo}-participants-en.pdf" in page.locator("main").inner_text()
    assert errors == []
    page.close()
