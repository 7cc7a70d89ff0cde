"""Reading the agenda: numbering derived from order, filtering by visibility, grouping by day."""
from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.agenda.models import AgendaItem, AgendaSession, Visibility
from app.extensions import db
from app.i18n import to_zone


@dataclass
class NumberedItem:
    item: AgendaItem
    number: str
    children: list[NumberedItem] = field(default_factory=list)


@dataclass
class SessionBlock:
    session: AgendaSession
    items: list[NumberedItem]


@dataclass
class AgendaDay:
    day: date
    sessions: list[SessionBlock]


def sub_number(parent: str, index: int) -> str:
    """2, 0 -> '2(a)'; past z the letters double: 2(aa)."""
    letters = string.ascii_lowercase
    label = letters[index % 26] * (index // 26 + 1)
    return f"{parent}({label})"


def load_agenda(meeting, levels: set[Visibility]) -> list[AgendaDay]:
    """The meeting's agenda as the reader may see it, numbered across the whole meeting."""
    sessions = db.session.scalars(
        select(AgendaSession).where(AgendaSession.meeting_id == meeting.id)
        .options(selectinload(AgendaSession.room),
                 selectinload(AgendaSession.items).selectinload(AgendaItem.room),
                 selectinload(AgendaSession.items).selectinload(AgendaItem.children)
                 .selectinload(AgendaItem.room))
        .order_by(AgendaSession.starts_at, AgendaSession.position)).all()
    days: dict[date, list[SessionBlock]] = {}
    counter = 0
    for agenda_session in sessions:
        block_items = []
        for item in agenda_session.items:
            if item.parent_id is not None:
                continue
            counter += 1  # numbers count every item, so they match the printed agenda
            if item.visibility not in levels:
                continue
            numbered = NumberedItem(item, str(counter))
            numbered.children = [
                NumberedItem(child, sub_number(numbered.number, index))
                for index, child in enumerate(item.children) if child.visibility in levels]
            block_items.append(numbered)
        if block_items:
            day = to_zone(agenda_session.starts_at, meeting.timezone).date()
            days.setdefault(day, []).append(SessionBlock(agenda_session, block_items))
    return [AgendaDay(day, blocks) for day, blocks in sorted(days.items())]
