"""Dates typed into the app lie in a sane window: an action point due 1900-01-01 is refused
with a message in the reader's language, and nothing is saved."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.minutes.models import ActionPoint
from tests.agenda.helpers import item_titled
from tests.conftest import csrf_token, staff_client
from tests.test_i18n import catalogue

BASE = "/meetings/bc-2025-seoul/minutes"


def _count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(ActionPoint))


def _add(client, item_id: int, due: str):
    page = client.get(f"{BASE}/items/{item_id}?lang=fr").get_data(as_text=True)
    return client.post(f"{BASE}/items/{item_id}/actions?lang=fr", data={
        "csrf_token": csrf_token(page), "description": "Envoyer la liste des contacts",
        "owner_id": "0", "due_date": due}, follow_redirects=True)


@pytest.mark.parametrize("due", ["1900-01-01", "2099-12-31"])
def test_an_action_point_due_in_1900_or_2099_is_refused_in_french(app, db, demo, due):
    item = item_titled(db, "Adoption of the agenda")
    before = _count(db)
    page = _add(staff_client(app), item.id, due).get_data(as_text=True)
    fr = catalogue("fr")
    opening = fr.gettext("Enter a date between %(first)s and %(last)s.").split("%(first)s")[0]
    assert opening in page
    assert "2020" in page and "2035" in page  # 2025 minus five, plus ten
    assert _count(db) == before


def test_a_due_date_near_the_meeting_is_accepted(app, db, demo):
    item = item_titled(db, "Adoption of the agenda")
    before = _count(db)
    _add(staff_client(app), item.id, "2025-12-15")
    assert _count(db) == before + 1


def test_the_service_refuses_the_date_for_every_way_in(app, db, demo):
    from app.meetings.models import Meeting
    from app.minutes import services

    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == demo))
    item = item_titled(db, "Adoption of the agenda")
    with app.test_request_context(), pytest.raises(services.MinutesError) as refused:
        services.add_action_point(meeting, item.id, description="Report", owner_id=None,
                                  due_date=date(1900, 1, 1))
    assert refused.value.field == "due_date"
