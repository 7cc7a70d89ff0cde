"""The series around the Seoul meeting: its roster, and meeting 2 cloned from Seoul."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.auth.models import Membership, Role, User
from app.extensions import db
from app.meetings.models import Meeting, ParticipationCategory, Series, SeriesMember
from app.series.services import clone_meeting

# The roster: the nine founding members announced on 23 October 2025, the states that joined
# at the Seoul meeting, and the international bodies as observers.
FOUNDERS = ("knpa", "cnp-kh", "mps-la", "rtp", "spf", "pnp", "fbi", "moi-ae", "moi-qa")
JOINED_AT_SEOUL = ("mps-cn", "npa-jp", "mps-vn", "polri", "pdrm")
OBSERVERS = ("interpol", "aseanapol", "afripol")


def create_roster(series: Series, meeting: Meeting, orgs: dict) -> None:
    if db.session.scalar(select(SeriesMember.id).where(SeriesMember.series_id == series.id)):
        return
    for code in FOUNDERS:
        db.session.add(SeriesMember(series_id=series.id, organisation_id=orgs[code].id,
                                    category=ParticipationCategory.MEMBER,
                                    joined_on=date(2025, 10, 23)))
    for codes, category in ((JOINED_AT_SEOUL, ParticipationCategory.MEMBER),
                            (OBSERVERS, ParticipationCategory.INTERNATIONAL_BODY)):
        for code in codes:
            db.session.add(SeriesMember(series_id=series.id, organisation_id=orgs[code].id,
                                        category=category, joined_on=date(2025, 11, 12),
                                        decided_at_id=meeting.id))


def create_next_meeting(seoul: Meeting) -> None:
    """Meeting 2, made from the Seoul meeting as the secretariat would: hosted in Bangkok by
    the Royal Thai Police, about three months ahead, with the open action points of Seoul."""
    if db.session.scalar(select(Meeting.id).where(Meeting.series_id == seoul.series_id,
                                                  Meeting.number == 2)):
        return
    start = date.today() + timedelta(days=100)
    result = clone_meeting(
        seoul, slug=f"bc-{start.year}-bangkok", start=start, end=start + timedelta(days=1),
        title={"en": "Second Meeting of Operation Breaking Chains",
               "ko": "브레이킹 체인스 작전 제2차 회의",
               "th": "การประชุมครั้งที่ 2 ของปฏิบัติการ Breaking Chains"},
        city={"en": "Bangkok", "ko": "방콕", "th": "กรุงเทพมหานคร"},
        venue={"en": "Royal Thai Police Headquarters, Bangkok",
               "th": "สำนักงานตำรวจแห่งชาติ กรุงเทพมหานคร"},
        timezone="Asia/Bangkok", host_code="rtp")
    meeting = result.meeting
    meeting.signature = {"en": "Pol. Gen. Kittirat\nCommissioner-General\nRoyal Thai Police"}
    meeting.secretariat_id = seoul.host_organisation_id
    for email in ("admin@knpa.example.com", "staff@knpa.example.com"):
        user = db.session.scalar(select(User).where(User.email == email))
        role = Role.ADMIN if email.startswith("admin") else Role.STAFF
        db.session.add(Membership(user_id=user.id, meeting_id=meeting.id, role=role))
