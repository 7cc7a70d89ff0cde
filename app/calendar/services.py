"""Building .ics files with icalendar from a published agenda snapshot."""
from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app
from icalendar import Calendar, Event, Timezone
from sqlalchemy import select, update

from app.agenda.models import CalendarFeed
from app.extensions import db
from app.i18n import TranslatedText
from app.models_base import utcnow

PRODID = "-//Breaking Chains Meetings//Agenda//EN"


def _text(value: dict | None, lang: str, fallback: str) -> str:
    return TranslatedText(value or {}).resolve(lang, fallback).text


def _utc(iso: str) -> datetime:
    return datetime.fromisoformat(iso).replace(tzinfo=UTC)


def item_uid(item_id: int) -> str:
    host = current_app.config["PUBLIC_URL"].split("//", 1)[-1].split("/")[0].split(":")[0]
    return f"agenda-item-{item_id}@{host or 'bc-meetings'}"


def build_calendar(meeting, items: list[dict], lang: str, *, name: str, link: str,
                   stamp: datetime | None = None, method: str = "PUBLISH") -> bytes:
    """One VEVENT per timed item, with the meeting's VTIMEZONE; cancelled items stay, marked."""
    zone = ZoneInfo(meeting.timezone)
    fallback = meeting.working_language
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", meeting.timezone)
    calendar.add_component(_vtimezone(meeting.timezone))  # before the events that use it
    stamp = (stamp or utcnow()).replace(tzinfo=UTC)
    venue = _text(meeting.venue, lang, fallback)
    for item in items:
        if not item.get("starts"):
            continue
        event = Event()
        event.add("uid", item_uid(item["id"]))
        event.add("sequence", item["sequence"])
        event.add("dtstamp", stamp)
        if item.get("updated"):
            event.add("last-modified", _utc(item["updated"]))
        event.add("dtstart", _utc(item["starts"]).astimezone(zone))
        event.add("dtend", _utc(item["ends"]).astimezone(zone))
        event.add("summary", f"{item['number']}. {_text(item['title'], lang, fallback)}")
        room = _text(item.get("room"), lang, fallback) if item.get("room") else ""
        event.add("location", ", ".join(part for part in (room, venue) if part))
        lines = [_text(item.get("description"), lang, fallback)]
        lines += [f"{child['number']} {_text(child['title'], lang, fallback)}"
                  for child in item.get("children", [])]
        lines.append(link)
        event.add("description", "\n".join(line for line in lines if line))
        event.add("url", link)
        event.add("class", "PUBLIC" if item["visibility"] == "public" else "PRIVATE")
        event.add("status", "CANCELLED" if item["status"] == "cancelled" else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


@lru_cache(maxsize=32)
def _vtimezone(zone: str) -> Timezone:
    """The VTIMEZONE of a zone, built once: the tz database does not change while we run."""
    return Timezone.from_tzid(zone)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_feed(user, meeting) -> str:
    """A new secret feed token for the person (the old one stops working)."""
    revoke_feeds(user, meeting)
    token = secrets.token_urlsafe(32)
    db.session.add(CalendarFeed(user_id=user.id, meeting_id=meeting.id, digest=_digest(token)))
    return token


def revoke_feeds(user, meeting) -> None:
    db.session.execute(update(CalendarFeed).where(
        CalendarFeed.user_id == user.id, CalendarFeed.meeting_id == meeting.id,
        CalendarFeed.revoked_at.is_(None)).values(revoked_at=utcnow()))


def active_feed(user, meeting) -> CalendarFeed | None:
    return db.session.scalar(select(CalendarFeed).where(
        CalendarFeed.user_id == user.id, CalendarFeed.meeting_id == meeting.id,
        CalendarFeed.revoked_at.is_(None)))


def feed_for_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 100:
        return None
    return db.session.scalar(select(CalendarFeed).where(
        CalendarFeed.digest == _digest(token), CalendarFeed.revoked_at.is_(None)))
