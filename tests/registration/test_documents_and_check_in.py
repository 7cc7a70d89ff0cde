"""Badges, the list of participants, the visa letter and the venue desk, checked as files."""
from __future__ import annotations

import io
import subprocess

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.registration.models import Attendance, Registration
from tests.conftest import csrf_token, pdf_text, staff_client
from tests.registration.conftest import picture, register, vietnam


def _approve_all(app, db):
    from app.registration.models import RegistrationStatus
    from app.registration.services import approve

    with app.test_request_context():
        for registration in db.session.scalars(select(Registration).where(
                Registration.status == RegistrationStatus.PENDING)):
            approve(registration)
        db.session.commit()


@pytest.mark.one_database
def test_badges_carry_both_scripts_a_qr_code_and_a_font_for_each(app, db, demo, vn_head,
                                                                  tmp_path):
    register(vn_head, demo, photo=picture())
    register(vn_head, demo, email="b@mps.example.com", family_name="Pham",
             given_names="Thi Lan", native_name="Phạm Thị Lan", role="interpreter")
    _approve_all(app, db)
    response = staff_client(app).get(
        f"/meetings/{demo}/registration/badges.pdf?lang=vi&organisation=mps-vn")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 2
    width, height = (float(v) * 25.4 / 72 for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (105, 148)  # A6
    text = pdf_text(response.data)
    for expected in ("NGUYEN", "Nguyễn Văn An", "PHAM", "Phạm Thị Lan", "VN"):
        assert expected in text
    codes = [r.badge_code for r in db.session.scalars(vietnam())]
    assert all(f"{code[:5]}-{code[5:]}" in text for code in codes)
    path = tmp_path / "badges.pdf"
    path.write_bytes(response.data)
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True,
                            text=True, check=True).stdout
    assert "jpeg" in images.lower() or "dct" in images.lower()  # the photo


def test_qr_code_on_the_badge_opens_the_check_in_for_that_badge(app, db, demo, vn_head):
    import segno  # noqa: F401 - the library that draws it

    from app.registration.documents import check_in_url

    register(vn_head, demo)
    _approve_all(app, db)
    registration = db.session.scalar(vietnam())
    with app.test_request_context():
        url = check_in_url(registration)
    assert url.endswith(f"/meetings/{demo}/registration/check-in?code={registration.badge_code}")
    page = staff_client(app).get(url.removeprefix(app.config["PUBLIC_URL"]))
    assert registration.badge_code in page.get_data(as_text=True)


def test_list_of_participants_is_ordered_by_country_name_in_the_language(app, db, demo,
                                                                          vn_head):
    from tests.conftest import sign_in
    from tests.registration.conftest import organisation

    register(vn_head, demo)
    from app.auth.models import Membership, Role, User

    meeting_id = db.session.scalar(select(Registration.meeting_id))
    th = organisation(db, "rtp")
    head = db.session.scalar(select(User).where(User.email == "head.th@rtp.example.com"))
    assert db.session.scalar(select(Membership).where(
        Membership.user_id == head.id, Membership.role == Role.HEAD,
        Membership.meeting_id == meeting_id)) is not None
    thai = app.test_client()
    sign_in(app, thai, "head.th@rtp.example.com")
    assert register(thai, demo, code=th.code, email="p@rtp.example.com",
                    family_name="Chaiyaphum", given_names="Arthit",
                    native_name="อาทิตย์ ชัยภูมิ", nationality="TH").status_code == 302
    _approve_all(app, db)
    staff = staff_client(app)
    english = pdf_text(staff.get(f"/meetings/{demo}/registration/participants.pdf?lang=en").data)
    assert english.index("Thailand") < english.index("Vietnam")
    assert "อาทิตย์" in english and "Cambodia" in english
    korean = pdf_text(staff.get(f"/meetings/{demo}/registration/participants.pdf?lang=ko").data)
    assert korean.index("베트남") < korean.index("태국")  # ㅂ before ㅌ
    csv = staff.get(f"/meetings/{demo}/registration/participants.csv?lang=fr")
    lines = csv.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("country_or_body,")
    assert any(line.startswith("Thaïlande,") for line in lines)
    from openpyxl import load_workbook

    xlsx = staff.get(f"/meetings/{demo}/registration/participants.xlsx?lang=en")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    countries = [row[0].value for row in sheet.iter_rows(min_row=2) if row[0].value]
    assert countries == sorted(countries, key=str.casefold)
    assert countries.index("Thailand") < countries.index("Vietnam")


def test_visa_letter_names_the_traveller_with_a_reference(app, db, demo, vn_head):
    register(vn_head, demo, visa_needed="y", passport_number="C1234567",
             birth_date="1980-05-17")
    registration = db.session.scalar(vietnam())
    url = f"/meetings/{demo}/registration/{registration.id}/visa-letter.pdf?lang=vi"
    assert vn_head.get(url).status_code == 404  # only once approved
    _approve_all(app, db)
    response = vn_head.get(url)
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert f"{registration.reference}/VISA" in text
    assert "C1234567" in text and "NGUYEN, Van An" in text
    # formal names and dates, in English and in the Vietnamese translation
    assert "Republic of Korea" in text and "South Korea" not in text
    assert "Đại Hàn Dân Quốc" in text and "Socialist Republic of Viet Nam" in text
    from app.documents.formal import formal_dates

    start, end = registration.meeting.start_date, registration.meeting.end_date
    words = " ".join(text.split())  # pdftotext breaks lines where the PDF does
    # the period as running text: "from 11 to 12 November 2025", "ngày 11–12 tháng 11 năm 2025"
    assert formal_dates(start, end, "en") in words and formal_dates(start, end, "vi") in words
    assert "from from" not in words and "ngày ngày" not in words
    assert "thg" not in text  # months in full, not CLDR's abbreviation
    assert len(PdfReader(io.BytesIO(response.data)).pages) == 2  # English, then Vietnamese


def test_check_in_marks_a_delegate_present_once_per_day(app, db, demo, vn_head):
    register(vn_head, demo, photo=picture())
    register(vn_head, demo, email="pending@mps.example.com")
    first = db.session.scalar(select(Registration).where(
        Registration.email == "an.nguyen@mps.example.com"))
    from app.registration.services import approve

    with app.test_request_context():
        approve(first)
        db.session.commit()
    pending = db.session.scalar(select(Registration).where(
        Registration.email == "pending@mps.example.com"))
    staff = staff_client(app)
    url = f"/meetings/{demo}/registration/check-in"
    token = csrf_token(staff.get(url).get_data(as_text=True))
    code = f"{first.badge_code[:5]}-{first.badge_code[5:]}".lower()  # typed by hand
    page = staff.post(url, data={"csrf_token": token, "code": code, "day": "2025-11-11"})
    body = page.get_data(as_text=True)
    assert "NGUYEN, Van An" in body and "photo.jpg" in body
    again = staff.post(url, data={"csrf_token": token, "code": first.badge_code,
                                  "day": "2025-11-11"}).get_data(as_text=True)
    assert "NGUYEN, Van An" in again
    staff.post(url, data={"csrf_token": token, "code": first.badge_code, "day": "2025-11-12"})
    assert db.session.query(Attendance).count() == 2
    refused = staff.post(url, data={"csrf_token": token, "code": pending.badge_code,
                                    "day": "2025-11-11"})
    assert 'class="error"' in refused.get_data(as_text=True)
    wrong_day = staff.post(url, data={"csrf_token": token, "code": first.badge_code,
                                      "day": "2030-01-01"})
    assert 'class="error"' in wrong_day.get_data(as_text=True)
    assert db.session.query(Attendance).count() == 2
    attendance = staff.get(f"/meetings/{demo}/registration/attendance").get_data(as_text=True)
    assert attendance.count("NGUYEN, Van An") == 2


def test_export_cli_writes_participants_and_badges(app, db, demo, vn_head, tmp_path):
    register(vn_head, demo)
    _approve_all(app, db)
    runner = app.test_cli_runner()
    for kind, fmt in (("participants", "pdf"), ("participants", "csv"),
                      ("participants", "xlsx"), ("badges", "pdf")):
        out = tmp_path / f"{kind}.{fmt}"
        result = runner.invoke(args=["export", kind, demo, "--format", fmt, "--lang", "vi",
                                     "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 100
    assert "NGUYEN" in pdf_text((tmp_path / "badges.pdf").read_bytes())
    bad = runner.invoke(args=["export", "badges", demo, "--format", "csv", "-o",
                              str(tmp_path / "x")])
    assert bad.exit_code != 0


@pytest.mark.one_database
def test_badges_embed_a_font_for_every_script_of_the_names(app, db, demo, tmp_path):
    from tests.agenda.test_pdf import _covers, _fonts

    response = staff_client(app).get(f"/meetings/{demo}/registration/badges.pdf?lang=en")
    assert response.status_code == 200
    fonts = _fonts(response.data, tmp_path)
    for sample in ("ณัฐยา", "សុខ", "خالد"):  # Thai, Khmer and Arabic names of the demo
        assert _covers(fonts, ord(sample[0])), (sample, fonts)


def test_registrations_export_is_a_safe_table_without_passport_data(app, db, demo, vn_head):
    import csv as csv_module

    assert register(vn_head, demo, family_name="NGUYEN", native_name="=HYPERLINK(\"x\")",
                    passport_number="C1234567").status_code == 302
    staff = staff_client(app)
    response = staff.get(f"/meetings/{demo}/registration/registrations.csv")
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeffreference,status,organisation,")
    rows = list(csv_module.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    ours = [row for row in rows if row["organisation"] == "mps-vn"]
    assert ours and ours[0]["family_name"] == "NGUYEN" and ours[0]["status"] == "pending"
    assert ours[0]["native_name"] == "'=HYPERLINK(\"x\")"  # not a formula in a spreadsheet
    assert "C1234567" not in text and "passport" not in rows[0]
