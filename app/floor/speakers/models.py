"""The list of speakers of an agenda item, each delegation's request for the floor (which
becomes the record of its intervention), and the meeting's floor: what the room display shows,
its version number and its display link. The database refuses a second open request of the
same kind from one delegation on one list."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import LabelledEnum, enum_column, utcnow

#: A per-intervention limit when neither the item nor the meeting sets one (3 minutes).
DEFAULT_LIMIT = 180


class ListStatus(LabelledEnum):
    OPEN = "open"
    CLOSED = "closed"

    __labels__ = {OPEN: _l("Open for requests"), CLOSED: _l("Closed to requests")}


class RequestKind(LabelledEnum):
    """Why a delegation asks for the floor; points of order and rights of reply are heard
    before the speeches waiting (in that order)."""

    SPEECH = "speech"
    POINT_OF_ORDER = "point_of_order"
    RIGHT_OF_REPLY = "right_of_reply"

    __labels__ = {SPEECH: _l("Intervention"), POINT_OF_ORDER: _l("Point of order"),
                  RIGHT_OF_REPLY: _l("Right of reply")}


#: The queue's order: a lower rank is heard first.
KIND_RANK = {RequestKind.POINT_OF_ORDER: 0, RequestKind.RIGHT_OF_REPLY: 1,
             RequestKind.SPEECH: 2}


class RequestState(LabelledEnum):
    WAITING = "waiting"
    SPEAKING = "speaking"
    DONE = "done"
    WITHDRAWN = "withdrawn"

    __labels__ = {WAITING: _l("Waiting"), SPEAKING: _l("Has the floor"),
                  DONE: _l("Spoke"), WITHDRAWN: _l("Withdrawn")}


OPEN_STATES = (RequestState.WAITING, RequestState.SPEAKING)
_OPEN_SQL = text("state IN ('waiting', 'speaking')")


class SpeakersList(db.Model):
    """One agenda item's list; it exists once the chair opens it."""

    __tablename__ = "speakers_list"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"),
                                         unique=True)
    status: Mapped[ListStatus] = mapped_column(enum_column(ListStatus, "speakers_list_status"),
                                               default=ListStatus.OPEN)
    #: Seconds per intervention on this item; None: the meeting's limit.
    limit_seconds: Mapped[int | None] = mapped_column(Integer)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]

    item = relationship("AgendaItem")
    meeting = relationship("Meeting")
    requests: Mapped[list[SpeakerRequest]] = relationship(
        back_populates="list", cascade="all, delete-orphan",
        order_by="SpeakerRequest.position")

    __table_args__ = (CheckConstraint("limit_seconds IS NULL OR limit_seconds BETWEEN 10 AND "
                                      "7200", name="speakers_limit_range"),)


class SpeakerRequest(db.Model):
    """A delegation's request for the floor on one item; once heard, the record of its
    intervention (who spoke, when, for how long)."""

    __tablename__ = "speaker_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("speakers_list.id", ondelete="CASCADE"),
                                         index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    speaker_name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[RequestKind] = mapped_column(enum_column(RequestKind, "speaker_request_kind"),
                                              default=RequestKind.SPEECH)
    state: Mapped[RequestState] = mapped_column(
        enum_column(RequestState, "speaker_request_state"), default=RequestState.WAITING)
    position: Mapped[int] = mapped_column(Integer, default=0)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True)
    started_at: Mapped[datetime | None]
    duration_seconds: Mapped[int | None] = mapped_column(Integer)

    list: Mapped[SpeakersList] = relationship(back_populates="requests")
    organisation = relationship("Organisation")

    __table_args__ = (
        # One open request of each kind per delegation and list, whatever races.
        Index("uq_speaker_request_open", "list_id", "organisation_id", "kind", unique=True,
              sqlite_where=_OPEN_SQL, postgresql_where=_OPEN_SQL),
        CheckConstraint("duration_seconds IS NULL OR duration_seconds >= 0",
                        name="speaker_duration_positive"),
        CheckConstraint("state != 'done' OR started_at IS NOT NULL",
                        name="speaker_done_started"),
    )


class FloorState(db.Model):
    """The meeting's floor: the item before the room, the meeting's limit per intervention,
    a version number raised by every change the room display shows, and the display link
    (its nonce revokes every earlier link when renewed)."""

    __tablename__ = "floor_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            unique=True)
    current_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True)
    limit_seconds: Mapped[int] = mapped_column(Integer, default=DEFAULT_LIMIT)
    version: Mapped[int] = mapped_column(Integer, default=1)
    display_nonce: Mapped[str | None] = mapped_column(String(64))
    display_expires_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint("limit_seconds BETWEEN 10 AND 7200", name="floor_limit_range"),
        UniqueConstraint("display_nonce", name="uq_floor_display_nonce"),
    )
