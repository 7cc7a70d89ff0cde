"""Every date the app takes lies in a sane window around the meeting (or this year): a slip of
the keyboard (1900-01-01, 2199-12-31) is refused with a message, in every service."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.meetings.models import Meeting, Organisation, Series

SLIPS = [date(1900, 1, 1), date(2199, 12, 31)]


def _meeting(db) -> Meeting:
    return db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))


@pytest.mark.parametrize("slip", SLIPS)
def test_meeting_dates_are_bounded(app, db, demo, slip):
    from app.invitations.services import InvitationError, change_meeting_dates

    meeting = _meeting(db)
    with app.test_request_context("/?lang=fr"), pytest.raises(InvitationError) as refused:
        change_meeting_dates(meeting, slip, date(2025, 11, 12))
    assert refused.value.errors[0][1] == "start_date"
    assert "2020" in refused.value.message and "2035" in refused.value.message
    assert meeting.start_date == date(2025, 11, 11)


@pytest.mark.parametrize("slip", SLIPS)
def test_letter_reply_by_is_bounded(app, db, demo, slip):
    from app.invitations.services import InvitationError, save_letter

    with app.test_request_context(), pytest.raises(InvitationError) as refused:
        save_letter(_meeting(db), reply_by=slip, subject={"en": "Invitation"},
                    body={"en": "Dear {name},"})
    assert refused.value.field == "reply_by"


@pytest.mark.parametrize("slip", SLIPS)
def test_series_membership_dates_are_bounded(app, db, demo, slip):
    from app.series.services import SeriesError, join

    series = db.session.scalar(select(Series))
    organisation = db.session.scalar(select(Organisation).where(Organisation.code == "rtp"))
    with app.test_request_context(), pytest.raises(SeriesError) as refused:
        join(series, organisation.id, "member", slip)
    assert refused.value.field == "joined_on"


def test_the_date_field_of_a_form_refuses_1900_in_the_readers_language(app, client, db, demo):
    """DateWithin, on every date field of the app's forms: here the meeting's settings."""
    from app.web.forms import DateWithin
    from app.web.meetings.forms import SettingsForm as _SettingsForm
    from tests.test_i18n import catalogue

    assert any(isinstance(v, DateWithin) for v in _SettingsForm.start_date.kwargs["validators"])
    with app.test_request_context("/?lang=es", method="POST",
                                  data={"start_date": "1900-01-01"}):
        from flask import g

        g.meeting = _meeting(db)
        form = _SettingsForm(meta={"csrf": False})
        form.start_date.validate(form)
    opening = catalogue("es").gettext("Enter a date between %(first)s and %(last)s.")
    assert form.start_date.errors[0].startswith(opening.split("%(first)s")[0])
    assert "2020" in form.start_date.errors[0]
