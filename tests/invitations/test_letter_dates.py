"""The invitation letter writes its dates as a letter does in each language: {dates} the period
with its preposition, {start}, {end} and {reply_by} single dates (app.documents.formal)."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.invitations.models import InvitationLetter
from app.meetings.models import Meeting
from tests.conftest import pdf_text

# The demo letter (app/demo/letter.py) of the Seoul meeting, 11–12 November 2025.
DEMO_DATES = {
    "en": "to be held in Seoul from 11 to 12 November 2025 at",
    "fr": "qui se tiendra à Séoul (Agence nationale de police coréenne, 97 Tongil-ro, "
          "Seodaemun-gu, Séoul) du 11 au 12 novembre 2025.",
    "es": "del 11 al 12 de noviembre de 2025.",
    "pt": "de 11 a 12 de novembro de 2025.",
    "vi": "ngày 11–12 tháng 11 năm 2025.",
    "th": "ระหว่างวันที่ 11–12 พฤศจิกายน พ.ศ. 2568",
    "ko": "2025년 11월 11일~12일",
    "zh_Hans": "定于2025年11月11日至12日在",
    "ja": "2025年11月11日～12日に",
    "ar": "من 11 إلى 12 نوفمبر 2025.",
    "km": "ពីថ្ងៃទី 11 ដល់ថ្ងៃទី 12 ខែវិច្ឆិកា ឆ្នាំ 2025។",
    "lo": "ແຕ່ວັນທີ 11 ຫາ 12 ພະຈິກ 2025.",
    "id": "pada tanggal 11 sampai dengan 12 November 2025.",
    "ms": "dari 11 hingga 12 November 2025.",
    "fil": "mula ika-11 hanggang ika-12 ng Nobyembre 2025.",
}


def _seoul(db):
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    letter = db.session.scalar(select(InvitationLetter).where(
        InvitationLetter.meeting_id == meeting.id))
    return meeting, letter


@pytest.mark.parametrize("lang", sorted(DEMO_DATES))
def test_demo_letter_dates_in_every_language(app, db, demo, lang):
    from app.invitations.services import render_letter

    meeting, letter = _seoul(db)
    with app.test_request_context():
        _subject, body = render_letter(meeting, letter, None, lang)
    assert DEMO_DATES[lang] in body
    # no CLDR abbreviation, no doubled preposition, no Christian era in Thai
    for wrong in ("nov.", "thg", "du du", "del del", "vào ngày ngày", "ค.ศ.", "2025 –"):
        assert wrong not in body, wrong


@pytest.mark.parametrize(("lang", "template", "expected"), [
    ("fr", "Du {start} au {end}\u202f; réponse avant le {reply_by}.",
     "Du 28 novembre 2025 au 2 décembre 2025\u202f; réponse avant le 1er novembre 2025."),
    ("es", "Se celebrará {dates}.", "Se celebrará del 28 de noviembre al 2 de diciembre de 2025."),
    ("th", "จัดขึ้น{dates} เริ่ม {start}", "จัดขึ้นระหว่างวันที่ 28 พฤศจิกายน – 2 ธันวาคม พ.ศ. 2568 "
     "เริ่ม 28 พฤศจิกายน พ.ศ. 2568"),
    ("vi", "Hội nghị diễn ra {dates}.",
     "Hội nghị diễn ra từ ngày 28 tháng 11 đến ngày 2 tháng 12 năm 2025."),
    ("zh_Hans", "会议定于{dates}举行。", "会议定于2025年11月28日至12月2日举行。"),
    ("ar", "يُعقد الاجتماع {dates}.", "يُعقد الاجتماع من 28 نوفمبر إلى 2 ديسمبر 2025."),
])
def test_start_end_and_dates_across_months(app, db, demo, lang, template, expected):
    from app.invitations.services import render_letter

    meeting, _letter = _seoul(db)
    meeting.start_date, meeting.end_date = date(2025, 11, 28), date(2025, 12, 2)
    letter = InvitationLetter(meeting_id=meeting.id, reply_by=date(2025, 11, 1),
                              subject={lang: "x"}, body={lang: template})
    with app.test_request_context():
        _subject, body = render_letter(meeting, letter, None, lang)
    assert body == expected
    db.session.rollback()


def test_start_and_end_are_placeholders_the_editor_accepts():
    from app.invitations.services import PLACEHOLDERS

    assert {"dates", "start", "end", "reply_by"} <= set(PLACEHOLDERS)


def test_letter_pdf_in_thai_has_one_era(app, db, demo):
    from app.invitations.documents import letter_pdf
    from app.invitations.services import render_letter

    meeting, letter = _seoul(db)
    with app.test_request_context():
        subject, body = render_letter(meeting, letter, None, "th")
        text = pdf_text(letter_pdf(meeting, None, "th", subject, body, "th"))
    assert "พ.ศ. 2568" in text and "ค.ศ." not in text


@pytest.mark.parametrize(("lang", "example", "single"), [
    ("fr", "du 11 au 12 novembre 2025", "11 novembre 2025"),
    ("th", "ระหว่างวันที่ 11–12 พฤศจิกายน พ.ศ. 2568", "11 พฤศจิกายน พ.ศ. 2568"),
])
def test_letter_editor_says_what_dates_gives(app, db, demo, lang, example, single):
    """{dates} carries its preposition: the editor says so, with the meeting's own dates, so
    that nobody writes "du {dates}"."""
    from tests.conftest import staff_client

    client = staff_client(app)
    page = client.get(f"/meetings/bc-2025-seoul/invitations/letter?lang={lang}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert example in html and single in html
