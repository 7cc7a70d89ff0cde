"""The demo's hotels: two in Seoul near the venue, with room blocks (one reserved for the Thai
delegation), every demo participant in a room, some sharing."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.extensions import db
from app.logistics.accommodation import services
from app.logistics.accommodation.models import Hotel
from app.meetings.models import Meeting
from app.registration.models import Registration

LOTTE = {"name": {"en": "Lotte Hotel Seoul", "ko": "롯데호텔 서울", "th": "โรงแรมล็อตเต้ โซล"},
         "address": {"en": "30 Eulji-ro, Jung-gu, Seoul 04533",
                     "ko": "서울특별시 중구 을지로 30 (04533)"},
         "contact": {"en": "Group reservations desk", "ko": "단체 예약 담당"},
         "phone": "+82 2 771 1000", "email": "groups@lotte-hotel.example.com"}
KOREANA = {"name": {"en": "Koreana Hotel", "ko": "코리아나호텔"},
           "address": {"en": "135 Sejong-daero, Jung-gu, Seoul 04520",
                       "ko": "서울특별시 중구 세종대로 135 (04520)"},
           "contact": {"en": "Front office manager", "ko": "프런트 오피스 매니저"},
           "phone": "+82 2 2171 7000", "email": "reservations@koreana.example.com"}


def _block(hotel, room_type: dict, occupancy: int, rate: str, allotment: int,
           organisation_id=None):
    return services.save_block(hotel, None, services.BlockDetails(
        room_type=room_type, occupancy=occupancy, rate=Decimal(rate), currency="KRW",
        first_night=date(2025, 11, 9), last_night=date(2025, 11, 13), allotment=allotment,
        release_date=date(2025, 10, 27), organisation_id=organisation_id))


def create_hotels(meeting: Meeting, orgs: dict) -> None:
    """Once: the two hotels, their blocks and every registration holding a seat in a room."""
    if db.session.scalar(select(Hotel.id).where(Hotel.meeting_id == meeting.id)):
        return
    lotte = services.save_hotel(meeting, None, **LOTTE)
    koreana = services.save_hotel(meeting, None, **KOREANA)
    twin = _block(lotte, {"en": "Deluxe twin", "ko": "디럭스 트윈", "th": "ห้องดีลักซ์เตียงคู่"},
                  2, "320000", 6)
    thai = _block(lotte, {"en": "Deluxe twin (Thai delegation)",
                          "ko": "디럭스 트윈 (태국 대표단)", "th": "ห้องดีลักซ์เตียงคู่ (คณะผู้แทนไทย)"},
                  2, "320000", 2, orgs["rtp"].id)
    single = _block(koreana, {"en": "Standard single", "ko": "스탠다드 싱글"}, 1, "185000", 5)
    people = {r.email: r for r in db.session.scalars(select(Registration).where(
        Registration.meeting_id == meeting.id))}

    def put(email: str, block, room=None, **nights):
        if email in people:
            return services.assign(people[email], block, room, **nights).room
        return None

    room = put("head.th@rtp.example.com", thai)
    put("delegate.th@rtp.example.com", thai, room)
    room = put("delegate.kh@cnp.example.com", twin)
    put("souksavanh.p@mps-la.example.com", twin, room)
    put("head.ae@moi.example.com", twin)
    put("head.kr@knpa.example.com", single)
    # Arrives on the 10th but stays from the 11th: the page and the rooming list warn.
    put("observer@interpol.example.com", single, first_night=date(2025, 11, 11),
        last_night=date(2025, 11, 12))
    db.session.flush()
