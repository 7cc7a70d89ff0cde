"""The demo meeting's accreditation: areas of the venue, the categories' colours and areas,
the press form open, and people outside the delegations (press, security, a driver, liaison
officers, an interpreter) as they stood on the eve of the meeting."""
from __future__ import annotations

from sqlalchemy import select

from app.accreditation.models import (
    Accreditation,
    AccreditationArea,
    AccreditationCategory,
    AccreditationStatus,
    CategoryKind,
)
from app.accreditation.services import DEFAULT_COLOURS
from app.demo.rows import get_or_create
from app.extensions import db
from app.meetings.models import Meeting
from app.registration.services import _new_badge_code

AREAS = (  # code, English, Korean
    ("PL", "Plenary hall", "본회의장"),
    ("BL", "Bilateral meeting rooms", "양자회담실"),
    ("PC", "Press centre", "프레스센터"),
    ("SO", "Secretariat office", "사무국"),
    ("VP", "Vehicle drop-off and car park", "차량 승하차장 및 주차장"),
)
#: kind: (area codes, application form open)
CATEGORIES = {
    CategoryKind.DELEGATION: ("PL BL", False),
    CategoryKind.HOST_DELEGATION: ("PL BL SO", False),
    CategoryKind.SECRETARIAT: ("PL BL PC SO", False),
    CategoryKind.PRESS: ("PC", True),
    CategoryKind.SECURITY: ("PL BL PC SO VP", False),
    CategoryKind.INTERPRETER: ("PL BL", False),
    CategoryKind.DRIVER: ("VP", False),
    CategoryKind.LIAISON: ("PL BL SO VP", False),
}
# (kind, e-mail, family, given, native, organisation or outlet, function, phone, language,
# status)
PEOPLE = (
    (CategoryKind.PRESS, "kim.sora@yonhap.example.com", "Kim", "So-ra", "김소라",
     "Yonhap News Agency", "Reporter", "+82 10 2345 6789", "ko", "approved"),
    (CategoryKind.PRESS, "tran.minh@vnexpress.example.com", "Tran", "Minh Duc",
     "Trần Minh Đức", "VnExpress", "Photographer", "+84 90 123 4567", "vi", "pending"),
    (CategoryKind.SECURITY, "lee.junho@knpa.example.com", "Lee", "Jun-ho", "이준호",
     "Korean National Police Agency", "Venue security lead", "+82 10 3456 7890", "ko",
     "approved"),
    (CategoryKind.DRIVER, "choi.minsu@motorpool.example.com", "Choi", "Min-su", "최민수",
     "Seoul Metropolitan Police Agency motor pool", "Driver", "+82 10 4567 8901", "ko",
     "approved"),
    (CategoryKind.LIAISON, "han.yuna@knpa.example.com", "Han", "Yu-na", "한유나",
     "Korean National Police Agency", "Liaison officer, delegation of Thailand",
     "+82 10 5678 9012", "en", "approved"),
    (CategoryKind.LIAISON, "jung.taeyang@knpa.example.com", "Jung", "Tae-yang", "정태양",
     "Korean National Police Agency", "Liaison officer, delegation of Cambodia",
     "+82 10 6789 0123", "en", "approved"),
    (CategoryKind.INTERPRETER, "somsak.k@interpreters.example.com", "Kittisak", "Somsak",
     "สมศักดิ์ กิตติศักดิ์", "Freelance", "Thai–English interpreter", "+66 81 234 5678", "th",
     "approved"),
)


def create_accreditation(meeting: Meeting) -> None:
    """Idempotent: rows are found by their natural keys; no e-mails are queued."""
    areas = {}
    for position, (code, en, ko) in enumerate(AREAS):
        areas[code] = get_or_create(AccreditationArea, {"meeting_id": meeting.id, "code": code},
                                    name={"en": en, "ko": ko}, position=position)
    categories = {}
    for kind, (codes, open_form) in CATEGORIES.items():
        category = db.session.scalar(select(AccreditationCategory).where(
            AccreditationCategory.meeting_id == meeting.id, AccreditationCategory.kind == kind))
        if category is None:
            category = AccreditationCategory(
                meeting_id=meeting.id, kind=kind, name={}, colour=DEFAULT_COLOURS[kind],
                registration_open=open_form, areas=[areas[c] for c in codes.split()])
            db.session.add(category)
            db.session.flush()
        categories[kind] = category
    for (kind, email, family, given, native, outlet, function, phone, language,
         status) in PEOPLE:
        if db.session.scalar(select(Accreditation.id).where(
                Accreditation.category_id == categories[kind].id,
                Accreditation.email == email)):
            continue
        db.session.add(Accreditation(
            meeting_id=meeting.id, category_id=categories[kind].id, email=email,
            language=language, family_name=family, given_names=given, native_name=native,
            organisation_name=outlet, function=function, phone=phone,
            status=AccreditationStatus(status), badge_code=_new_badge_code()))
    db.session.flush()
