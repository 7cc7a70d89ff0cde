"""A decision of the meeting by its member delegations (a recorded or roll-call vote, or
adoption without a vote), each delegation's vote and its explanations of vote or reservations.

The database itself refuses a second vote of one delegation in one vote (unique), and — by a
trigger, see the migration b21votes — a vote recorded once the vote is closed, and a vote of a
delegation that is not a member delegation of the meeting (observers do not vote)."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.i18n import TranslatedText, TranslatedTextType
from app.models_base import LabelledEnum, enum_column, utcnow


class Subject(LabelledEnum):
    RESOLUTION = "resolution"
    AMENDMENT = "amendment"
    ITEM = "item"
    MOTION = "motion"

    __labels__ = {RESOLUTION: _l("A resolution"), AMENDMENT: _l("An amendment"),
                  ITEM: _l("The decision on the agenda item"), MOTION: _l("A motion")}


class VoteMethod(LabelledEnum):
    RECORDED = "recorded"
    ROLL_CALL = "roll_call"
    CONSENSUS = "consensus"

    __labels__ = {RECORDED: _l("Recorded vote"), ROLL_CALL: _l("Roll-call vote"),
                  CONSENSUS: _l("Adoption without a vote (consensus)")}


class Majority(LabelledEnum):
    SIMPLE = "simple"
    TWO_THIRDS = "two_thirds"
    CONSENSUS = "consensus"

    __labels__ = {SIMPLE: _l("Simple majority of those present and voting"),
                  TWO_THIRDS: _l("Two-thirds majority of those present and voting"),
                  CONSENSUS: _l("Consensus")}


class Quorum(LabelledEnum):
    """How many member delegations must take part (vote or abstain) for a vote to count."""

    MAJORITY = "majority"
    TWO_THIRDS = "two_thirds"
    ONE_THIRD = "one_third"
    NONE = "none"

    __labels__ = {MAJORITY: _l("A majority of the member delegations"),
                  TWO_THIRDS: _l("Two-thirds of the member delegations"),
                  ONE_THIRD: _l("One-third of the member delegations"),
                  NONE: _l("No quorum")}


class VoteStatus(LabelledEnum):
    OPEN = "open"
    CLOSED = "closed"

    __labels__ = {OPEN: _l("Open"), CLOSED: _l("Closed")}


class Outcome(LabelledEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    NO_QUORUM = "no_quorum"
    NO_CONSENSUS = "no_consensus"

    __labels__ = {ADOPTED: _l("Adopted"),
                  REJECTED: _l("Rejected"),
                  NO_QUORUM: _l("No quorum: no decision"),
                  NO_CONSENSUS: _l("No consensus: no decision")}


class Choice(LabelledEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    ABSENT = "absent"

    __labels__ = {YES: _l("Yes"), NO: _l("No"), ABSTAIN: _l("Abstention"),
                  ABSENT: _l("Absent")}


class StatementKind(LabelledEnum):
    EXPLANATION = "explanation"
    RESERVATION = "reservation"

    __labels__ = {EXPLANATION: _l("Explanation of vote"), RESERVATION: _l("Reservation")}


_OPEN_SQL = text("status = 'open'")


class Vote(db.Model):
    """One decision put to the member delegations, numbered per meeting, taken under an agenda
    item. Its counts and outcome are written when it closes and never change after."""

    __tablename__ = "floor_vote"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"),
                                         index=True)
    subject: Mapped[Subject] = mapped_column(enum_column(Subject, "vote_subject"))
    resolution_id: Mapped[int | None] = mapped_column(
        ForeignKey("resolution.id", ondelete="CASCADE"), index=True)
    amendment_id: Mapped[int | None] = mapped_column(
        ForeignKey("amendment.id", ondelete="CASCADE"), index=True)
    #: The motion's words, in the language(s) it was put; other subjects: the chair's words.
    motion: Mapped[TranslatedText] = mapped_column(TranslatedTextType, default=dict)
    method: Mapped[VoteMethod] = mapped_column(enum_column(VoteMethod, "vote_method"))
    majority: Mapped[Majority] = mapped_column(enum_column(Majority, "vote_majority"))
    quorum: Mapped[Quorum] = mapped_column(enum_column(Quorum, "vote_quorum"))
    #: Organisation ids in the order the delegations are called (roll call: precedence).
    call_order: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[VoteStatus] = mapped_column(enum_column(VoteStatus, "vote_status"),
                                               default=VoteStatus.OPEN)
    outcome: Mapped[Outcome | None] = mapped_column(enum_column(Outcome, "vote_outcome"))
    members: Mapped[int | None] = mapped_column(Integer)
    yes: Mapped[int | None] = mapped_column(Integer)
    no: Mapped[int | None] = mapped_column(Integer)
    abstain: Mapped[int | None] = mapped_column(Integer)
    absent: Mapped[int | None] = mapped_column(Integer)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    minutes_language: Mapped[str | None] = mapped_column(String(10))

    meeting = relationship("Meeting")
    item = relationship("AgendaItem")
    resolution = relationship("Resolution")
    amendment = relationship("Amendment")
    ballots: Mapped[list[Ballot]] = relationship(back_populates="vote",
                                                 cascade="all, delete-orphan")
    statements: Mapped[list[VoteStatement]] = relationship(
        back_populates="vote", cascade="all, delete-orphan", order_by="VoteStatement.id")

    __table_args__ = (
        UniqueConstraint("meeting_id", "number", name="uq_floor_vote_number"),
        # One vote at a time in the room, whatever races.
        Index("uq_floor_vote_open", "meeting_id", unique=True, sqlite_where=_OPEN_SQL,
              postgresql_where=_OPEN_SQL),
        CheckConstraint("number >= 1", name="vote_number_positive"),
        CheckConstraint("subject != 'resolution' OR resolution_id IS NOT NULL",
                        name="vote_resolution_named"),
        CheckConstraint("subject != 'amendment' OR (amendment_id IS NOT NULL AND "
                        "resolution_id IS NOT NULL)", name="vote_amendment_named"),
        CheckConstraint("(method = 'consensus' AND majority = 'consensus') OR "
                        "(method != 'consensus' AND majority != 'consensus')",
                        name="vote_consensus_both"),
        CheckConstraint("(status = 'open' AND outcome IS NULL AND closed_at IS NULL) OR "
                        "(status = 'closed' AND outcome IS NOT NULL AND closed_at IS NOT NULL)",
                        name="vote_closed_has_outcome"),
        CheckConstraint("yes IS NULL OR (yes >= 0 AND no >= 0 AND abstain >= 0 AND absent >= 0 "
                        "AND yes + no + abstain + absent = members)", name="vote_counts_add_up"),
    )


class Ballot(db.Model):
    """A member delegation's vote in one vote; at closing, the delegations not heard are
    recorded absent, so the closed vote lists every member delegation."""

    __tablename__ = "floor_ballot"

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("floor_vote.id", ondelete="CASCADE"),
                                         index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    choice: Mapped[Choice] = mapped_column(enum_column(Choice, "ballot_choice"))
    cast_at: Mapped[datetime] = mapped_column(default=utcnow)
    cast_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    vote: Mapped[Vote] = relationship(back_populates="ballots")
    organisation = relationship("Organisation")

    __table_args__ = (UniqueConstraint("vote_id", "organisation_id",
                                       name="uq_floor_ballot_delegation"),)


class VoteStatement(db.Model):
    """An explanation of vote or a reservation a member delegation made, in its language."""

    __tablename__ = "floor_vote_statement"

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("floor_vote.id", ondelete="CASCADE"),
                                         index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[StatementKind] = mapped_column(enum_column(StatementKind, "vote_statement"))
    language: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"))

    vote: Mapped[Vote] = relationship(back_populates="statements")
    organisation = relationship("Organisation")

    __table_args__ = (CheckConstraint("length(text) > 0", name="vote_statement_not_empty"),)
