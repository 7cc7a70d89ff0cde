"""The draft minutes of the Seoul meeting: entries, decisions and action points."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.agenda.models import AgendaItem
from app.extensions import db
from app.meetings.models import Meeting
from app.minutes.models import ActionPoint, Decision, Minutes, MinutesEntry, MinutesRevision

# Draft minutes: (item title in English, {language: text}, decisions, action points as
# (description, owner code, due date)).
MINUTES = (
    ("Adoption of the agenda", {
        "en": "The provisional agenda (BC/1/1) was **adopted without amendment**.",
        "ko": "잠정 의제(BC/1/1)는 **수정 없이 채택**되었다."},
     ["The agenda was adopted as proposed."], []),
    ("Scam compounds in Southeast Asia: regional threat assessment", {
        "en": "The Royal Thai Police and the Cambodian National Police presented the "
              "regional threat assessment.\n\n- Scam compounds recruit members from many "
              "countries.\n- Victims are targeted across borders by voice phishing and "
              "romance scams.\n\nDelegations thanked the presenters and asked for the "
              "assessment to be updated before the next meeting."},
     [], [("Update the regional threat assessment with the data shared at the meeting",
           "rtp", date(2026, 3, 31))]),
    ("Channels for sharing intelligence on scam syndicates", {
        "en": "Heads of delegation discussed secure channels for sharing intelligence and "
              "agreed to name national contact points."},
     ["Each agency names a national contact point, available at all times."],
     [("Name the national contact point and send the details to the secretariat", "cnp-kh",
       date(2025, 12, 15)),
      ("Propose a secure channel for sharing intelligence", "interpol", date(2026, 2, 28))]),
)


def create_minutes(meeting: Meeting, orgs: dict) -> None:
    if db.session.scalar(select(Minutes.id).where(Minutes.meeting_id == meeting.id)):
        return
    minutes = Minutes(meeting_id=meeting.id, original_language="en")
    db.session.add(minutes)
    items = {item.title.get("en"): item for item in db.session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))}
    for title, texts, decisions, actions in MINUTES:
        item = items[title]
        for language, body in texts.items():
            entry = MinutesEntry(item_id=item.id, language=language, body=body, version=1)
            entry.revisions.append(MinutesRevision(version=1, body=body))
            minutes.entries.append(entry)
        for decision in decisions:
            db.session.add(Decision(meeting_id=meeting.id, item_id=item.id, text=decision))
        for description, owner, due in actions:
            db.session.add(ActionPoint(meeting_id=meeting.id, item_id=item.id,
                                       description=description, owner_id=orgs[owner].id,
                                       due_date=due))
