"""The chair's vote console from the keyboard alone, in a real headless Chromium: the next
delegation to be called has the focus; Enter records its vote and the focus moves on."""
from __future__ import annotations

import pyotp
import pytest
from sqlalchemy import select

from app.floor.votes import services
from app.floor.votes.models import Ballot, Choice
from tests.conftest import staff_credentials
from tests.votes.helpers import first_item, meeting_of, tabled_resolution

pytestmark = pytest.mark.browser
STAFF = "staff@knpa.example.com"


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


def test_chair_enters_votes_with_the_keyboard(app, db, live_server, browser, demo):
    with app.test_request_context():
        meeting = meeting_of(demo)
        resolution = tabled_resolution(meeting)
        vote = services.open_vote(meeting, item_id=first_item(meeting).id,
                                  subject="resolution", resolution_id=resolution.id,
                                  method="recorded", majority="simple", quorum="majority")
        order, number, vote_id = list(vote.call_order), vote.number, vote.id
        db.session.commit()
    chair = browser.new_page(viewport={"width": 390, "height": 844})
    _staff_signs_in(chair, live_server, app)
    chair.goto(f"{live_server}/meetings/{demo}/votes/{number}/console?lang=en")
    focused = chair.evaluate("document.activeElement.closest('tr').id")
    assert focused == f"delegation-{order[0]}"
    with chair.expect_navigation():
        chair.keyboard.press("Enter")  # Yes for the first delegation
    assert chair.evaluate("document.activeElement.closest('tr').id") == f"delegation-{order[1]}"
    chair.keyboard.press("Tab")  # from Yes to No
    with chair.expect_navigation():
        chair.keyboard.press("Enter")
    chair.close()
    db.session.expire_all()
    ballots = {b.organisation_id: b.choice for b in db.session.scalars(
        select(Ballot).where(Ballot.vote_id == vote_id))}
    assert ballots == {order[0]: Choice.YES, order[1]: Choice.NO}
