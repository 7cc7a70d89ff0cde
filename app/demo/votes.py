"""Vote 1 of the Seoul meeting: the recorded vote on the Royal Thai Police's amendment to
resolution 1 (contact points "available at all times"), taken before the resolution was adopted
by consensus, with two explanations of vote. Built as rows, as the other demo modules do: the
resolution it amended is adopted, so the steps that take votes no longer apply to it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.agenda.models import AgendaItem
from app.extensions import db
from app.floor.votes import services
from app.floor.votes.models import (
    Ballot,
    Choice,
    Majority,
    Quorum,
    StatementKind,
    Subject,
    Vote,
    VoteMethod,
    VoteStatement,
    VoteStatus,
)
from app.meetings.models import Meeting
from app.resolutions.models import Amendment, AmendmentState, ParagraphKind, Resolution

#: The paragraph before the amendment: without "available at all times".
OLD_TEXT = ("*Decides* to establish a network of national contact points for the exchange of "
            "information on scam syndicates and their members;")
#: Member delegations that did not vote in favour (the others did).
CHOICES = {"spf": Choice.NO, "moi-ae": Choice.ABSTAIN, "moi-qa": Choice.ABSENT}
STATEMENTS = [
    ("spf", StatementKind.EXPLANATION, "en",
     "Singapore voted against the amendment only because national contact points already "
     "work around the clock under existing arrangements; it fully supports the resolution."),
    ("moi-ae", StatementKind.EXPLANATION, "ar",
     "امتنع وفد دولة الإمارات العربية المتحدة عن التصويت لأن جهات الاتصال الوطنية لديه تحتاج "
     "إلى وقت لتأمين العمل على مدار الساعة، وهو يؤيد مشروع القرار في مجمله."),
]
CLOSED_AT = datetime(2025, 11, 12, 5, 40)  # 14:40 in Seoul, before the resolution's adoption


def create_votes(meeting: Meeting, orgs: dict) -> None:
    if db.session.scalar(select(Vote.id).where(Vote.meeting_id == meeting.id)):
        return
    resolution = db.session.scalar(select(Resolution).where(
        Resolution.meeting_id == meeting.id, Resolution.number == 1))
    item = next((i for i in db.session.scalars(select(AgendaItem).where(
        AgendaItem.meeting_id == meeting.id))
        if (i.title or {}).get("en", "").startswith("Adoption of resolution")), None)
    if resolution is None or item is None:
        return
    paragraph = resolution.top_level(ParagraphKind.OPERATIVE)[0]
    amendment = Amendment(resolution_id=resolution.id, paragraph_id=paragraph.id, language="en",
                          proposed_by_id=orgs["rtp"].id, old_text=OLD_TEXT,
                          new_text=paragraph.text["en"], state=AmendmentState.ACCEPTED,
                          created_at=datetime(2025, 11, 12, 5, 0), decided_at=CLOSED_AT)
    db.session.add(amendment)
    db.session.flush()
    members = services.voting_members(meeting)
    vote = Vote(meeting_id=meeting.id, number=1, item_id=item.id, subject=Subject.AMENDMENT,
                resolution_id=resolution.id, amendment_id=amendment.id,
                method=VoteMethod.RECORDED, majority=Majority.SIMPLE, quorum=Quorum.MAJORITY,
                call_order=[o.id for o in services.alphabetical(members, "en")],
                opened_at=datetime(2025, 11, 12, 5, 30))
    db.session.add(vote)
    db.session.flush()
    for org in members:
        db.session.add(Ballot(vote_id=vote.id, organisation_id=org.id,
                              choice=CHOICES.get(org.code, Choice.YES), cast_at=CLOSED_AT))
    for code, kind, language, text in STATEMENTS:
        vote.statements.append(VoteStatement(organisation_id=orgs[code].id, kind=kind,
                                             language=language, text=text,
                                             created_at=CLOSED_AT))
    db.session.flush()
    db.session.refresh(vote)
    count = services.count_of(vote)
    vote.members, vote.yes, vote.no = count.members, count.yes, count.no
    vote.abstain, vote.absent = count.abstain, count.absent
    vote.outcome = services.decide(count, vote.majority, vote.quorum)
    vote.status, vote.closed_at = VoteStatus.CLOSED, CLOSED_AT
    db.session.flush()
