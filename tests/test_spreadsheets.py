"""Spreadsheet exports show what people wrote and never run it.

A value that starts like a formula (= + - @) is CSV injection. CSV has no types, so it keeps
its apostrophe prefix; an XLSX cell is typed: it is stored as text (an inline string, marked
quotePrefix as Excel marks typed text), so it shows exactly as written, without an apostrophe.
"""
from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import select

from tests.conftest import sign_in, staff_client
from tests.registration.conftest import register

TEXTS = {"family_name": "=1+1", "given_names": "@SUM(A1:A2)", "title": "+1 Colonel",
         "position": '=HYPERLINK("http://evil.example","Director")'}


def _thai_member_with_formula_like_texts(app, db, demo):
    from app.registration.models import Registration, RegistrationStatus
    from app.registration.services import approve

    head = app.test_client()
    sign_in(app, head, "head.th@rtp.example.com")
    response = register(head, demo, code="rtp", email="f@rtp.example.com", nationality="TH",
                        native_name="", **TEXTS)
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.test_request_context():
        registration = db.session.scalar(select(Registration).where(
            Registration.email == "f@rtp.example.com"))
        assert registration.status == RegistrationStatus.PENDING
        approve(registration)
        db.session.commit()


def test_xlsx_cells_hold_the_text_as_written_and_no_formula(app, db, demo):
    _thai_member_with_formula_like_texts(app, db, demo)
    staff = staff_client(app)
    response = staff.get(f"/meetings/{demo}/registration/participants.xlsx?lang=en")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [cell.value for cell in sheet[1]]
    row = next(row for row in sheet.iter_rows(min_row=2)
               if row[header.index("family_name")].value == "=1+1")
    for column, text in TEXTS.items():
        cell = row[header.index(column)]
        assert cell.value == text and cell.data_type == "s" and cell.quotePrefix, column
    formulas = [cell.coordinate for line in sheet.iter_rows() for cell in line
                if cell.data_type == "f" or str(cell.value or "").startswith("'")]
    assert formulas == []
    # In the file itself: inline strings, no <f> element anywhere.
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(response.data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml and b"<f " not in xml and b"<t>=1+1</t>" in xml


def test_csv_keeps_its_apostrophe_protection(app, db, demo):
    import csv

    _thai_member_with_formula_like_texts(app, db, demo)
    staff = staff_client(app)
    text = staff.get(f"/meetings/{demo}/registration/participants.csv?lang=en").get_data(
        as_text=True).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    row = next(r for r in rows if r["family_name"] == "'=1+1")
    assert {column: row[column] for column in TEXTS} == {
        column: "'" + value for column, value in TEXTS.items()}
