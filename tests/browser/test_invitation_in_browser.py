"""An addressee answers the invitation in a real headless Chromium, in Korean, Thai, Arabic."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.invitations.models import InvitationStatus
from app.mail.models import OutboxMessage
from tests.invitations.conftest import invitation_of, upcoming  # noqa: F401 - fixture

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang, direction", [("ko", "ltr"), ("th", "ltr"), ("ar", "rtl")])
def test_addressee_accepts_in_their_language(app, db, live_server, browser, upcoming,  # noqa: F811
                                             lang, direction):
    from tests.test_i18n import catalogue

    accept_label = catalogue(lang).gettext("We accept the invitation")
    assert accept_label != "We accept the invitation"
    from app.invitations.services import send_invitation

    invitation = invitation_of(db, "fbi")
    invitation.language = lang
    with app.test_request_context():
        send_invitation(invitation.meeting, invitation)
        db.session.commit()
    body = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id.desc())).body_text
    link = re.search(r"(/invitation/\S+)", body).group(1)

    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(live_server + link)
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (lang, direction)
    page.locator("input[value=accept]").check()
    assert accept_label in page.locator("label[for=answer-0]").inner_text()
    page.locator("#head_name").fill("Special Agent Jane Doe")
    page.locator("#head_email").fill("jane.doe@fbi.example.com")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[role=status]").is_visible()
    db.session.expire_all()
    assert invitation_of(db, "fbi").status == InvitationStatus.ACCEPTED
    assert invitation_of(db, "fbi").head_email == "jane.doe@fbi.example.com"
    page.close()
