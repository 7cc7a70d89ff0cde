"""Helpers for agenda tests: the staff editor's forms, filled as a person would."""
from __future__ import annotations

from sqlalchemy import select

from app.agenda.models import AgendaItem, AgendaSession
from app.meetings.models import Meeting, Room
from tests.conftest import csrf_token


def meeting(db) -> Meeting:
    return db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))


def first_session(db) -> AgendaSession:
    return db.session.scalar(select(AgendaSession).order_by(AgendaSession.starts_at))


def hall(db) -> Room:
    return db.session.scalar(select(Room).order_by(Room.id))


def item_titled(db, english: str) -> AgendaItem:
    for item in db.session.scalars(select(AgendaItem).join(Meeting).where(
            Meeting.slug == "bc-2025-seoul")):
        if item.title.get("en") == english:
            return item
    raise LookupError(english)


def item_form(db, **overrides) -> dict:
    data = {"session_id": first_session(db).id, "parent_id": 0, "title_en": "Coffee briefing",
            "title_ko": "커피 브리핑", "day": "2025-11-11", "start_time": "10:30",
            "end_time": "10:45", "room_id": 0, "visibility": "delegates",
            "presenter_names": ""}
    data.update(overrides)
    return data


def post_item(client, db, url: str = "/meetings/bc-2025-seoul/agenda/items/new", **overrides):
    page = client.get(url + ("&" if "?" in url else "?") + "lang=en")
    data = item_form(db, **overrides)
    data["csrf_token"] = csrf_token(page.get_data(as_text=True))
    return client.post(url + ("&" if "?" in url else "?") + "lang=en", data=data)


def publish(client, kind: str = "provisional"):
    page = client.get("/meetings/bc-2025-seoul/agenda/publish?lang=en")
    return client.post("/meetings/bc-2025-seoul/agenda/publish?lang=en", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "kind": kind})
