"""A head of delegation marks their agency's carried-forward action point as done, in a real
headless Chromium, in Thai."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.auth.models import Membership, Role, User
from app.meetings.models import Meeting
from app.minutes.models import ActionPoint
from tests.conftest import issue_link
from tests.meetings.test_series import _approve_seoul_minutes

pytestmark = pytest.mark.browser


def test_head_marks_own_action_point_done(app, db, live_server, browser, demo):
    from tests.test_i18n import catalogue

    second = db.session.scalar(select(Meeting).where(Meeting.number == 2))
    head = db.session.scalar(select(User).where(User.email == "head.th@rtp.example.com"))
    db.session.add(Membership(user_id=head.id, meeting_id=second.id, role=Role.HEAD,
                              organisation_id=head.organisation_id))
    db.session.commit()
    action = db.session.scalar(select(ActionPoint).where(ActionPoint.description.like(
        "Update the regional threat assessment%")))
    _approve_seoul_minutes(db)  # heads see carried action points of approved minutes only
    th = catalogue("th")

    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(issue_link(app, head.email).replace(app.config["PUBLIC_URL"], live_server))
    page.get_by_role("button").last.click()
    page.wait_for_url(f"{live_server}/")
    page.goto(f"{live_server}/meetings/{second.slug}/follow-up?lang=th")
    row = page.locator(f"#action-{action.id}")
    row.get_by_label(th.gettext("Status")).select_option("done")
    row.get_by_role("button", name=th.gettext("Update")).click()
    page.wait_for_load_state()
    assert th.gettext("The action point has been updated.") in page.locator("body").inner_text()
    other = page.locator("tr[id^=action-]").filter(has_text="Name the national contact point")
    assert other.locator("select").count() == 0  # another agency's: read only
    db.session.expire_all()
    assert db.session.get(ActionPoint, action.id).status == "done"
    page.close()
