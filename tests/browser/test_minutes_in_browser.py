"""A head of delegation reads the circulated draft minutes and comments on an item in a real
headless Chromium, in Arabic (right to left)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.minutes.models import MinutesComment
from tests.agenda.helpers import item_titled
from tests.conftest import csrf_token, issue_link, sign_in_staff

pytestmark = pytest.mark.browser


def test_head_of_delegation_comments_on_circulated_minutes(app, db, live_server, browser,
                                                            demo):
    from tests.test_i18n import catalogue

    staff = app.test_client()
    sign_in_staff(app, staff)
    page = staff.get(f"/meetings/{demo}/minutes/").get_data(as_text=True)
    staff.post(f"/meetings/{demo}/minutes/circulate", data={"csrf_token": csrf_token(page)})
    item = item_titled(db, "Adoption of the agenda")
    ar = catalogue("ar")

    head = browser.new_page(viewport={"width": 390, "height": 844})
    head.goto(issue_link(app, "head.ae@moi.example.com").replace(app.config["PUBLIC_URL"],
                                                                 live_server))
    head.get_by_role("button").last.click()
    head.wait_for_url(f"{live_server}/")
    head.goto(f"{live_server}/meetings/{demo}/minutes/?lang=ar")
    assert head.locator("html").get_attribute("dir") == "rtl"
    head.get_by_role("link", name=item.title["ar"]).click()
    assert "adopted without amendment" in head.locator("main").inner_text()
    head.get_by_label(ar.gettext("Your comment on this item")).fill(
        "نرجو تسجيل أن الإمارات العربية المتحدة أيدت الاقتراح.")
    head.get_by_role("button", name=ar.gettext("Send the comment")).click()
    head.wait_for_load_state()
    assert "نرجو تسجيل" in head.locator("main").inner_text()
    comment = db.session.scalar(select(MinutesComment))
    assert comment.body.startswith("نرجو تسجيل") and comment.organisation.code == "moi-ae"
    head.close()
