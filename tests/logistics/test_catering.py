"""Meals and receptions: the programme, who attends, the caterer's counts by dietary need (page,
CSV, XLSX, PDF, the export command), and the dietary need asked on the registration form."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token, pdf_text, post_form, sign_in, staff_client
from tests.registration.conftest import register, vietnam, vn_head  # noqa: F401 - fixture

KH = "delegate.kh@cnp.example.com"
TH = "delegate.th@rtp.example.com"


def _meals(db, demo):
    from app.logistics.catering.models import Meal
    from app.meetings.models import Meeting

    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == demo))
    return meeting, db.session.scalars(select(Meal).where(Meal.meeting_id == meeting.id)
                                       .order_by(Meal.starts_at)).all()


def _registration(db, email):
    from app.registration.models import Registration

    return db.session.scalar(select(Registration).where(Registration.email == email))


def _csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _signed_in(app, email):
    client = app.test_client()
    sign_in(app, client, email)
    return client


def test_counts_per_meal_and_dietary_need(app, db, demo):
    from app.logistics.catering.services import counts
    from app.registration.models import DietaryNeed

    meeting, meals = _meals(db, demo)
    with app.test_request_context():
        found = {c.meal.id: c for c in counts(meeting, "en")}
    dinner = found[meals[2].id]  # six approved participants, all in town
    assert dinner.total == 6
    assert dinner.by_need == {DietaryNeed.NONE: 3, DietaryNeed.HALAL: 1,
                              DietaryNeed.VEGETARIAN: 1, DietaryNeed.VEGAN: 0,
                              DietaryNeed.KOSHER: 0, DietaryNeed.GLUTEN_FREE: 1, None: 0}
    assert sorted(text for _r, text in dinner.allergies) == [
        "Coeliac: no wheat, barley or rye", "Shellfish allergy (severe)"]
    second_lunch = found[meals[3].id]  # the host's head said he will not come
    assert second_lunch.total == 5 and second_lunch.by_need[DietaryNeed.NONE] == 2


def test_the_caterer_reads_the_counts_as_csv_xlsx_and_pdf(app, db, demo):
    from openpyxl import load_workbook

    staff = staff_client(app)
    page = staff.get(f"/meetings/{demo}/catering")
    assert page.status_code == 200
    assert "Welcome dinner hosted by the Commissioner General" in page.get_data(as_text=True)
    rows = _csv_rows(staff.get(f"/meetings/{demo}/catering.csv?lang=en").data)
    assert [row["Meal"] for row in rows] == ["Coffee break", "Lunch", "Dinner", "Lunch",
                                             "Reception"]
    dinner = rows[2]
    assert (dinner["Attending"], dinner["Halal"], dinner["Vegetarian"], dinner["Gluten-free"],
            dinner["No special diet"], dinner["Kosher"]) == ("6", "1", "1", "1", "3", "0")
    assert dinner["Date"] == "2025-11-11" and dinner["Start time"] == "19:00"
    assert "Dara Sok" in dinner["Allergies and other dietary needs"]
    assert "Shellfish allergy (severe)" in dinner["Allergies and other dietary needs"]
    assert rows[3]["Attending"] == "5"

    book = load_workbook(io.BytesIO(staff.get(f"/meetings/{demo}/catering.xlsx?lang=fr").data))
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert header[:7] == ["Date", "Heure de début", "Heure de fin", "Repas", "Nom", "Lieu",
                          "Participants"]
    assert len(values) == 5
    assert values[2][4] == "Dîner de bienvenue offert par le Commissaire général"
    assert values[2][6] == 6  # a number, not text

    pdf = staff.get(f"/meetings/{demo}/catering.pdf?lang=en")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = " ".join(pdf_text(pdf.data).split())
    for expected in ("Meals and dietary needs", "Closing reception", "Halal",
                     "Shellfish allergy (severe)", "Coeliac: no wheat, barley or rye"):
        assert expected in text


def test_the_export_command_writes_the_same_counts(app, db, demo, tmp_path):
    runner = app.test_cli_runner()
    out = tmp_path / "catering.csv"
    result = runner.invoke(args=["export", "catering", demo, "--format", "csv", "--lang", "en",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = _csv_rows(out.read_bytes())
    assert [row["Attending"] for row in rows] == ["6", "6", "6", "5", "6"]
    pdf = tmp_path / "catering.pdf"
    result = runner.invoke(args=["export", "catering", demo, "--format", "pdf", "--lang", "ko",
                                 "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    assert "환영 만찬" in pdf_text(pdf.read_bytes())
    result = runner.invoke(args=["export", "catering", demo, "--format", "ics", "--lang", "en",
                                 "-o", str(tmp_path / "x")])
    assert result.exit_code != 0 and "csv, xlsx, pdf" in result.output


def test_a_delegate_says_no_and_the_count_follows(app, db, demo):
    meeting, meals = _meals(db, demo)
    delegate = _signed_in(app, TH)
    page = delegate.get(f"/meetings/{demo}/meals?lang=en")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Working lunch" in body and "Will not attend" in body
    me = _registration(db, TH)
    response = delegate.post(f"/meetings/{demo}/meals/{meals[1].id}/answer", data={
        "csrf_token": csrf_token(body), "registration": me.id, "answer": "no"})
    assert response.status_code == 302
    rows = _csv_rows(staff_client(app).get(f"/meetings/{demo}/catering.csv?lang=en").data)
    assert rows[1]["Attending"] == "5" and rows[1]["Vegetarian"] == "0"
    # and back to the default
    delegate.post(f"/meetings/{demo}/meals/{meals[1].id}/answer", data={
        "csrf_token": csrf_token(body), "registration": me.id, "answer": "default"})
    rows = _csv_rows(staff_client(app).get(f"/meetings/{demo}/catering.csv?lang=en").data)
    assert rows[1]["Vegetarian"] == "1"


def test_nobody_answers_for_someone_else_s_delegation(app, db, demo):
    _meeting, meals = _meals(db, demo)
    other_head = _signed_in(app, "head.ae@moi.example.com")
    token = csrf_token(other_head.get(f"/meetings/{demo}/meals").get_data(as_text=True))
    thai = _registration(db, TH)
    url = f"/meetings/{demo}/meals/{meals[1].id}/answer"
    data = {"csrf_token": token, "registration": thai.id, "answer": "no"}
    assert other_head.post(url, data=data).status_code == 403
    assert other_head.get(f"/meetings/{demo}/meals/{meals[1].id}").status_code == 200
    listed = other_head.get(f"/meetings/{demo}/meals/{meals[1].id}").get_data(as_text=True)
    assert "SRISUK" not in listed and "AL MANSOORI" in listed
    # the Thai head may
    thai_head = _signed_in(app, "head.th@rtp.example.com")
    data["csrf_token"] = csrf_token(thai_head.get(f"/meetings/{demo}/meals").get_data(
        as_text=True))
    assert thai_head.post(url, data=data).status_code == 302
    # a delegate sees no meal's list of attendees; bad answers are refused, nothing saved
    delegate = _signed_in(app, TH)
    assert delegate.get(f"/meetings/{demo}/meals/{meals[1].id}").status_code == 403
    token = csrf_token(delegate.get(f"/meetings/{demo}/meals?lang=en").get_data(as_text=True))
    page = delegate.post(url, data={"csrf_token": token, "registration": thai.id,
                                    "answer": "maybe"}, follow_redirects=True)
    assert "Choose whether the person attends." in page.get_data(as_text=True)
    assert delegate.post(url, data={"csrf_token": token, "registration": "x",
                                    "answer": "no"}).status_code == 400


def test_who_has_left_town_is_not_counted_by_default(app, db, demo):
    from app.logistics.catering.services import counts

    kh = _registration(db, KH)
    kh.departure_date = date(2025, 11, 11)
    db.session.commit()
    meeting, meals = _meals(db, demo)
    with app.test_request_context():
        found = {c.meal.id: c.total for c in counts(meeting, "en")}
    assert found[meals[2].id] == 6 and found[meals[4].id] == 5


def test_logistics_add_a_meal_and_bad_input_is_reported_at_once(app, db, demo):
    from app.logistics.catering.models import Meal

    staff = staff_client(app)
    url = f"/meetings/{demo}/meals/new"
    before = db.session.query(Meal).count()
    page = post_form(staff, url, {"kind": "breakfast", "title_en": "", "day": "2025-12-01",
                                  "start_time": "13:00", "end_time": "12:00"})
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    for message in ("Choose lunch, dinner, reception or coffee break.",
                    "Give the name in the meeting&#39;s working language.",
                    "The time must fall within the meeting&#39;s dates.",
                    "The end time must be after the start time."):
        assert message in body or message.replace("&#39;", "'") in body, message
    assert db.session.query(Meal).count() == before
    response = post_form(staff, url, {"kind": "coffee_break", "title_en": "Afternoon tea",
                                      "title_ko": "오후 다과", "place_en": "Foyer",
                                      "day": "2025-11-12", "start_time": "15:30",
                                      "end_time": "15:50"})
    assert response.status_code == 302
    meal = next(m for m in db.session.query(Meal) if m.title.get("en") == "Afternoon tea")
    assert meal.starts_at.hour == 6 and meal.starts_at.minute == 30  # 15:30 in Seoul, UTC
    ics = staff.get(f"/meetings/{demo}/meals.ics?lang=ko").get_data(as_text=True)
    assert "오후 다과" in ics and "TZID=Asia/Seoul:20251112T153000" in ics
    # the delegate reads it in their programme; cannot edit
    delegate = _signed_in(app, TH)
    assert "Afternoon tea" in delegate.get(f"/meetings/{demo}/meals?lang=en").get_data(
        as_text=True)
    assert delegate.get(f"/meetings/{demo}/meals/{meal.id}/edit").status_code == 403


def test_the_registration_form_asks_the_dietary_need(app, db, demo, vn_head):  # noqa: F811
    from app.registration.models import DietaryNeed

    vn_head.get(f"/meetings/{demo}/meals?lang=en")  # English for the rest of the session
    page = register(vn_head, demo, diet="")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Choose a dietary need (“No special diet” if there is none)" in body
    assert db.session.scalars(vietnam()).all() == []
    page = register(vn_head, demo, diet="halal", dietary="No peanuts")
    assert page.status_code == 302
    person = db.session.scalars(vietnam()).one()
    assert person.diet == DietaryNeed.HALAL and person.dietary == "No peanuts"


def _migration():
    import importlib.util
    from pathlib import Path

    path = next((Path(__file__).parents[2] / "migrations" / "versions").glob("b20meals_*.py"))
    spec = importlib.util.spec_from_file_location("b20meals", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    return migration


def test_the_free_text_of_earlier_registrations_maps_to_a_need():
    migration = _migration()
    assert migration.diet_of("") == ("none", "")
    assert migration.diet_of("None") == ("none", "")
    assert migration.diet_of("Halal") == ("halal", "")
    assert migration.diet_of("Vegetarian.") == ("vegetarian", "")
    assert migration.diet_of("vegan, no nuts") == ("vegan", "vegan, no nuts")
    assert migration.diet_of("Gluten-free") == ("gluten_free", "")
    assert migration.diet_of("Peanut allergy") == ("none", "Peanut allergy")
    assert migration.diet_of("Kosher meals only") == ("kosher", "")


def test_the_migration_maps_the_stored_free_text_on_this_database(app, db, demo):
    """The migration's own data step, run on the test's database (SQLite, then PostgreSQL),
    over registrations written as before it: free text and no need."""
    from sqlalchemy import text

    from app.registration.models import DietaryNeed

    texts = {TH: "Vegetarian", KH: "halal, no shellfish please", "head.ae@moi.example.com": "",
             "head.th@rtp.example.com": "Allergic to peanuts"}
    with db.engine.begin() as connection:
        for email, written in texts.items():
            connection.execute(text("UPDATE registration SET diet = NULL, dietary = :t "
                                    "WHERE email = :e"), {"t": written, "e": email})
        _migration().map_diets(connection)
    db.session.expire_all()
    found = {email: (_registration(db, email).diet, _registration(db, email).dietary)
             for email in texts}
    assert found == {TH: (DietaryNeed.VEGETARIAN, ""),
                     KH: (DietaryNeed.HALAL, "halal, no shellfish please"),
                     "head.ae@moi.example.com": (DietaryNeed.NONE, ""),
                     "head.th@rtp.example.com": (DietaryNeed.NONE, "Allergic to peanuts")}


def test_parallel_answers_for_one_meal_leave_one_answer(app, db, demo):
    from sqlalchemy import func

    from app.logistics.catering.models import MealChoice
    from tests.registration.test_concurrency import _parallel

    _meeting, meals = _meals(db, demo)
    delegate = _signed_in(app, TH)
    token = csrf_token(delegate.get(f"/meetings/{demo}/meals?lang=en").get_data(as_text=True))
    me = _registration(db, TH)
    url = f"/meetings/{demo}/meals/{meals[2].id}/answer"
    bodies = [{"csrf_token": token, "registration": me.id, "answer": answer}
              for answer in ("no", "yes") * 4]
    statuses = _parallel(app, delegate, url, bodies)
    assert statuses == [302] * 8  # a refused one says so; none fails
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(MealChoice).where(
        MealChoice.meal_id == meals[2].id, MealChoice.registration_id == me.id)) == 1


@pytest.mark.one_database
def test_the_catering_pdf_prints_each_script_with_its_font(app, db, demo, tmp_path):
    from tests.agenda.test_pdf import _covers, _fonts
    from tests.conftest import base_letters
    from tests.test_i18n import catalogue

    staff = staff_client(app)
    for locale, name in (("ko", "경찰청장 주최 환영 만찬"), ("th", "งานเลี้ยงรับรองปิดการประชุม"),
                         ("ar", "حفل الاستقبال الختامي"), ("km", None)):
        response = staff.get(f"/meetings/{demo}/catering.pdf?lang={locale}")
        assert response.status_code == 200, locale
        text = base_letters(pdf_text(response.data))
        heading = catalogue(locale).gettext("Meals and dietary needs")
        assert heading != "Meals and dietary needs", locale
        assert base_letters(heading)[:4] in text, locale
        fonts = _fonts(response.data, tmp_path)
        for sample in (heading, name or heading):
            letter = next(c for c in sample if c.isalpha())
            assert _covers(fonts, ord(letter)), (locale, letter)
        if name:
            assert base_letters(name)[:4] in text, locale
