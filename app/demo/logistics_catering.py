"""The demo's meals and receptions of both days, the participants' dietary needs, one answer
for a meal, and the visa statuses the delegations reported."""
from __future__ import annotations

from sqlalchemy import select

from app.demo.meeting import _seoul
from app.demo.rows import get_or_create
from app.extensions import db
from app.logistics.catering.models import Meal, MealChoice, MealKind, VisaReport, VisaStatus
from app.meetings.models import Meeting
from app.registration.models import DietaryNeed, Registration

CANTEEN = {"en": "KNPA headquarters, staff restaurant (2nd floor)",
           "ko": "경찰청 본관 2층 직원식당",
           "fr": "Siège de la KNPA, restaurant du personnel (2e étage)"}
MEALS = (
    (MealKind.COFFEE_BREAK, 11, "10:30", "10:50",
     {"en": "Morning coffee", "ko": "오전 다과", "fr": "Pause-café du matin",
      "th": "พักรับประทานกาแฟช่วงเช้า",
      "ar": "استراحة القهوة الصباحية", "vi": "Giải lao buổi sáng"},
     {"en": "Foyer of the Grand Conference Hall", "ko": "대회의실 로비"}),
    (MealKind.LUNCH, 11, "12:30", "14:00",
     {"en": "Working lunch", "ko": "업무 오찬", "fr": "Déjeuner de travail",
      "th": "อาหารกลางวันระหว่างการประชุม",
      "ar": "غداء عمل", "vi": "Bữa trưa làm việc"}, CANTEEN),
    (MealKind.DINNER, 11, "19:00", "21:30",
     {"en": "Welcome dinner hosted by the Commissioner General",
      "ko": "경찰청장 주최 환영 만찬", "fr": "Dîner de bienvenue offert par le Commissaire général",
      "th": "งานเลี้ยงต้อนรับโดยผู้บัญชาการตำรวจแห่งชาติ",
      "ar": "عشاء ترحيبي يقيمه المفوض العام", "vi": "Tiệc chào mừng do Tổng Ủy viên chủ trì"},
     {"en": "Lotte Hotel Seoul, Crystal Ballroom", "ko": "롯데호텔 서울 크리스탈 볼룸"}),
    (MealKind.LUNCH, 12, "12:30", "14:00",
     {"en": "Lunch", "ko": "오찬", "fr": "Déjeuner", "th": "อาหารกลางวัน", "ar": "غداء",
      "vi": "Bữa trưa"}, CANTEEN),
    (MealKind.RECEPTION, 12, "17:30", "19:00",
     {"en": "Closing reception", "ko": "폐회 리셉션", "fr": "Réception de clôture",
      "th": "งานเลี้ยงรับรองปิดการประชุม", "ar": "حفل الاستقبال الختامي",
      "vi": "Tiệc chiêu đãi bế mạc"},
     {"en": "KNPA headquarters, 15th-floor terrace", "ko": "경찰청 본관 15층 테라스"}),
)
#: e-mail → (dietary need, allergies and other needs as they wrote them)
DIETS = {
    "head.th@rtp.example.com": (DietaryNeed.NONE, ""),
    "delegate.th@rtp.example.com": (DietaryNeed.VEGETARIAN, ""),
    "delegate.kh@cnp.example.com": (DietaryNeed.NONE, "Shellfish allergy (severe)"),
    "head.ae@moi.example.com": (DietaryNeed.HALAL, ""),
    "observer@interpol.example.com": (DietaryNeed.GLUTEN_FREE, "Coeliac: no wheat, barley or rye"),
    "head.kr@knpa.example.com": (DietaryNeed.NONE, ""),
    "souksavanh.p@mps-la.example.com": (DietaryNeed.VEGAN, ""),
}
#: e-mail → what their delegation reported about the visa
VISAS = {"delegate.kh@cnp.example.com": VisaStatus.ISSUED,
         "souksavanh.p@mps-la.example.com": VisaStatus.APPOINTMENT}


def create_catering(meeting: Meeting) -> None:
    meals = [get_or_create(Meal, {"meeting_id": meeting.id, "kind": kind,
                                  "starts_at": _seoul(day, start)},
                           ends_at=_seoul(day, end), title=title, place=place)
             for kind, day, start, end, title, place in MEALS]
    people = {r.email: r for r in db.session.scalars(select(Registration).where(
        Registration.meeting_id == meeting.id))}
    for email, (need, text) in DIETS.items():
        person = people.get(email)
        if person is not None and person.diet is None:
            person.diet, person.dietary = need, text
    head_kr = people.get("head.kr@knpa.example.com")
    if head_kr is not None:  # the host's head hosts the dinner; he skips the second lunch
        get_or_create(MealChoice, {"meal_id": meals[3].id, "registration_id": head_kr.id},
                      attending=False)
    for email, status in VISAS.items():
        if email in people:
            get_or_create(VisaReport, {"registration_id": people[email].id}, status=status)
