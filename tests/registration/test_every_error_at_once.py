"""A registration form with several problems shows them all at once, each by its field, in
the reader's language, and saves nothing."""
from __future__ import annotations

import re
from html import unescape

from sqlalchemy import func, select

from tests.conftest import csrf_token
from tests.registration.conftest import form_data, vietnam
from tests.test_i18n import catalogue

URL = "/meetings/{slug}/registration/delegations/mps-vn/new?lang=th"


def field_error(page: str, field: str) -> str:
    found = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', page, re.S)
    return unescape(found.group(1)) if found else ""


def _post(client, slug: str, **overrides):
    url = URL.format(slug=slug)
    data = form_data(client.get(url).get_data(as_text=True), **overrides)
    return client.post(url, data=data, content_type="multipart/form-data")


def _count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(vietnam().subquery()))


def test_three_problems_are_shown_at_once_each_by_its_field_in_thai(app, db, demo, vn_head):
    th = catalogue("th")
    response = _post(vn_head, demo, email="an.nguyen(at)mps", arrival_date="2025-11-12",
                     departure_date="2025-11-10", visa_needed="y", passport_number="",
                     birth_date="1980-05-17")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert field_error(page, "email") == th.gettext(
        "Enter a valid e-mail address, for example name@agency.gov.")
    assert field_error(page, "departure_date") == th.gettext(
        "The departure cannot be before the arrival.")
    assert field_error(page, "passport_number") == th.gettext(
        "Enter the passport number as printed in the passport (5 to 20 letters and digits).")
    assert th.gettext("Please correct the fields marked below; nothing has been saved.") in page
    assert _count(db) == 0


def test_a_too_long_name_and_the_services_problems_show_together(app, db, demo, vn_head):
    """The form's own check (length) failing does not hide the service's (dates)."""
    th = catalogue("th")
    response = _post(vn_head, demo, family_name="N" * 101, arrival_date="2025-11-12",
                     departure_date="2025-11-10")
    page = response.get_data(as_text=True)
    assert field_error(page, "family_name") == th.ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.", 100) % {"max": 100}
    assert "100" in field_error(page, "family_name")
    assert "Field cannot be longer" not in page
    assert field_error(page, "departure_date") == th.gettext(
        "The departure cannot be before the arrival.")
    assert _count(db) == 0


def test_dates_out_of_any_sane_window_are_refused(app, db, demo, vn_head):
    th = catalogue("th")
    response = _post(vn_head, demo, arrival_date="1900-01-01", departure_date="2099-11-13",
                     visa_needed="y", passport_number="C1234567", birth_date="2024-01-01")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for field in ("arrival_date", "departure_date"):
        assert field_error(page, field).startswith(th.gettext(
            "Enter a date between %(first)s and %(last)s.").split("%(first)s")[0]), field
    assert field_error(page, "birth_date") == th.gettext("Enter a real date of birth.")
    assert _count(db) == 0


def test_the_service_reports_every_problem_in_one_error(app, db, demo):
    from app.meetings.models import Meeting
    from app.registration import services

    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == demo))
    details = services.Details(family_name="Kim", email="nobody", nationality="KR",
                               arrival_date=meeting.start_date,
                               departure_date=meeting.start_date.replace(day=1),
                               visa_needed=True)
    with app.test_request_context():
        try:
            services.validate(meeting, details)
        except services.RegistrationError as error:
            fields = [field for _, field in error.errors]
        else:
            raise AssertionError("accepted")
    assert fields == ["email", "departure_date", "passport_number", "birth_date"]
    assert csrf_token  # the helper import is used by the other tests' form_data
