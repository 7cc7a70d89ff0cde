"""The visa report (who needs a visa, the letter, the status the delegation reports), the meals
in a person's calendar feed, and the catering pages as valid HTML in four languages."""
from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

from tests.checkers import vnu_errors
from tests.conftest import csrf_token, sign_in, staff_client

KH = "delegate.kh@cnp.example.com"
LAO = "souksavanh.p@mps-la.example.com"


def _registration(db, email):
    from app.registration.models import Registration

    return db.session.scalar(select(Registration).where(Registration.email == email))


def _signed_in(app, email):
    client = app.test_client()
    sign_in(app, client, email)
    return client


def test_the_secretariat_reads_who_needs_a_visa_and_where_it_stands(app, db, demo):
    from openpyxl import load_workbook

    staff = staff_client(app)
    page = staff.get(f"/meetings/{demo}/visas?lang=en").get_data(as_text=True)
    assert "SOK, Dara" in page and "PHOMMACHANH, Souksavanh" in page
    assert "WONGSAKUL" not in page  # no visa asked
    rows = list(csv.DictReader(io.StringIO(
        staff.get(f"/meetings/{demo}/visas.csv?lang=en").data.decode("utf-8-sig"))))
    by_name = {row["Name"]: row for row in rows}
    assert set(by_name) == {"SOK, Dara", "PHOMMACHANH, Souksavanh"}
    assert by_name["SOK, Dara"]["Visa support letter"] == "Issued"  # approved
    assert by_name["SOK, Dara"]["Visa status"] == "Visa issued"
    assert by_name["PHOMMACHANH, Souksavanh"]["Visa support letter"] == "Not yet issued"
    assert by_name["PHOMMACHANH, Souksavanh"]["Visa status"] == "Appointment at the embassy"
    assert by_name["SOK, Dara"]["Letter first printed"] == ""
    # printing the letter is recorded, and the report says when
    kh = _registration(db, KH)
    assert staff.get(f"/meetings/{demo}/registration/{kh.id}/visa-letter.pdf").status_code == 200
    rows = list(csv.DictReader(io.StringIO(
        staff.get(f"/meetings/{demo}/visas.csv?lang=en").data.decode("utf-8-sig"))))
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC",
                        next(r for r in rows if r["Name"] == "SOK, Dara")["Letter first printed"])
    book = load_workbook(io.BytesIO(staff.get(f"/meetings/{demo}/visas.xlsx?lang=km").data))
    values = [[cell.value for cell in row] for row in book.active.iter_rows()]
    assert len(values) == 3 and "SOK, Dara" in values[1] + values[2]


def test_the_delegate_reports_their_visa_and_nobody_else_s(app, db, demo):
    from app.logistics.catering.models import VisaReport, VisaStatus

    kh = _registration(db, KH)
    lao = _registration(db, LAO)
    delegate = _signed_in(app, KH)
    page = delegate.get(f"/meetings/{demo}/visas?lang=en").get_data(as_text=True)
    assert "SOK, Dara" in page and "PHOMMACHANH" not in page
    token = csrf_token(page)
    assert delegate.post(f"/meetings/{demo}/visas/{kh.id}", data={
        "csrf_token": token, "status": "refused"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(VisaReport, kh.id).status == VisaStatus.REFUSED
    # another delegation's person: refused; a made-up status: a message, nothing changed
    assert delegate.post(f"/meetings/{demo}/visas/{lao.id}", data={
        "csrf_token": token, "status": "issued"}).status_code == 403
    answer = delegate.post(f"/meetings/{demo}/visas/{kh.id}", data={
        "csrf_token": token, "status": "lost"}, follow_redirects=True)
    assert "Choose where the visa stands." in answer.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(VisaReport, kh.id).status == VisaStatus.REFUSED
    # the secretariat's files are not the delegate's
    assert delegate.get(f"/meetings/{demo}/visas.csv").status_code == 403


def test_someone_without_a_visa_request_has_no_status(app, db, demo):
    from app.logistics.catering.models import VisaReport

    th = _registration(db, "delegate.th@rtp.example.com")
    staff = staff_client(app)
    token = csrf_token(staff.get(f"/meetings/{demo}/visas?lang=en").get_data(as_text=True))
    answer = staff.post(f"/meetings/{demo}/visas/{th.id}", data={
        "csrf_token": token, "status": "issued"}, follow_redirects=True)
    assert "This person has not asked for a visa support letter." in answer.get_data(
        as_text=True)
    assert db.session.get(VisaReport, th.id) is None


def test_the_meals_a_person_attends_are_in_their_calendar_feed(app, db, demo):
    from icalendar import Calendar

    from app.logistics.catering.models import Meal

    client = _signed_in(app, "head.kr@knpa.example.com")
    page = client.get(f"/meetings/{demo}/calendar")
    html = client.post(f"/meetings/{demo}/calendar", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "action": "create"}
    ).get_data(as_text=True)
    feed = re.search(r'value="https?://[^/"]+(/calendar/[^"]+)"', html).group(1)
    body = app.test_client().get(feed.replace("&amp;", "&") + "&lang=en"
                                 if "?" in feed else feed + "?lang=en").data
    events = [e for e in Calendar.from_ical(body).walk("VEVENT")
              if str(e["UID"]).startswith("meal-")]
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    # four of the five: he said he would not come to the second lunch
    assert len(events) == 4
    assert "Welcome dinner hosted by the Commissioner General (Dinner)" in summaries
    assert not any(s.startswith("Lunch (") for s in summaries)
    second_lunch = db.session.scalars(select(Meal).order_by(Meal.starts_at)).all()[3]
    assert f"meal-{second_lunch.id}@" not in body.decode()


@pytest.mark.one_database
def test_catering_pages_are_valid_html(app, db, demo, tmp_path):
    from app.logistics.catering.models import Meal

    meal = db.session.scalars(select(Meal).order_by(Meal.id)).first().id
    base = f"/meetings/{demo}"
    staff = staff_client(app)
    head = _signed_in(app, "head.th@rtp.example.com")
    delegate = _signed_in(app, KH)
    readers = {
        "staff": (staff, (f"{base}/meals", f"{base}/meals/{meal}", f"{base}/meals/new",
                          f"{base}/meals/{meal}/edit", f"{base}/catering", f"{base}/visas")),
        "head": (head, (f"{base}/meals", f"{base}/meals/{meal}", f"{base}/visas")),
        "delegate": (delegate, (f"{base}/meals", f"{base}/visas")),
    }
    pages = {}
    for role, (client, paths) in readers.items():
        for path in paths:
            for lang in ("en", "ar", "th", "km"):
                response = client.get(f"{path}?lang={lang}")
                assert response.status_code == 200, f"{role} {path} {lang}"
                pages[f"{role} {path} {lang}"] = response.get_data(as_text=True)
    # the form with its errors shown
    token = csrf_token(pages[f"staff {base}/meals/new en"])
    response = staff.post(f"{base}/meals/new?lang=en", data={
        "csrf_token": token, "kind": "x", "day": "2025-12-01", "start_time": "13:00",
        "end_time": "12:00"})
    assert response.status_code == 200
    assert "The end time must be after the start time." in response.get_data(as_text=True)
    pages["meal form with errors"] = response.get_data(as_text=True)
    errors = vnu_errors(pages, tmp_path)
    assert errors == [], "\n".join(errors[:40])


def test_a_person_s_data_holds_their_diet_and_visa_status_and_the_purge_erases_them(app, db,
                                                                                    demo):
    from app.logistics.catering.models import VisaReport

    kh = _registration(db, KH)
    delegate = _signed_in(app, KH)
    data = delegate.get(f"/meetings/{demo}/registration/{kh.id}/my-data.json").get_json()
    assert data["diet"] == "none" and data["dietary"] == "Shellfish allergy (severe)"
    assert data["visa_status"] == "issued" and data["meal_answers"] == []
    result = app.test_cli_runner().invoke(args=["privacy", "purge", demo, "--force"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.scalars(select(VisaReport)).all() == []
    kh = _registration(db, KH)
    assert kh.diet is None and kh.dietary == "" and not kh.visa_needed


def test_catering_pages_leave_no_english_in_any_locale(app, db, demo):
    from app.logistics.catering.models import Meal
    from tests.test_locales import OTHER, _english_strings, _visible_text

    meal = db.session.scalars(select(Meal).order_by(Meal.id)).first().id
    staff = staff_client(app)
    paths = [f"/meetings/{demo}/{path}" for path in (
        "meals", f"meals/{meal}", f"meals/{meal}/edit", "catering", "visas")]
    left = []
    for locale in OTHER:
        english = _english_strings(locale)
        for path in paths:
            response = staff.get(f"{path}?lang={locale}")
            assert response.status_code == 200, (path, locale)
            text = _visible_text(response.get_data(as_text=True))
            left += [f"{locale} {path}: {s!r}" for s in english if s in text]
    assert left == []
