"""Rooming lists as hotels receive them: CSV and XLSX (the hotel a column) and PDF (A4 landscape,
a section per hotel), each in one language."""
from __future__ import annotations

from flask_babel import force_locale, format_date, pgettext
from flask_babel import gettext as _

from app.documents.tables import csv_text, xlsx_bytes
from app.i18n import TranslatedText
from app.logistics.accommodation.models import Hotel
from app.logistics.accommodation.services import RoomingRow


def headers() -> list[str]:
    return [_("Hotel"), pgettext("hotel room", "Room"), _("Guest (as in the passport)"),
            _("Name in own script"),
            _("Delegation"), _("Room type"), _("Arrival"), _("Departure"), _("Nights"),
            _("Sharing with"), _("Special requests")]


def _cells(hotel_name: str, row: RoomingRow, *, iso: bool) -> list:
    return [hotel_name, row.room, row.guest, row.native_name, row.delegation, row.room_type,
            row.arrival.isoformat() if iso else row.arrival,
            row.departure.isoformat() if iso else row.departure, row.nights,
            "; ".join(row.sharing_with), row.special_requests]


def hotel_name(hotel: Hotel, lang: str) -> str:
    return TranslatedText(hotel.name).resolve(lang, hotel.meeting.working_language).text


def rooming_csv(lists: list[tuple[Hotel, list[RoomingRow]]], lang: str) -> str:
    """One table for the hotels given; dates as ISO 8601 (YYYY-MM-DD), which every program
    reads the same way."""
    with force_locale(lang):
        return csv_text(headers(), (_cells(hotel_name(hotel, lang), row, iso=True)
                                    for hotel, rows in lists for row in rows))


def rooming_xlsx(lists: list[tuple[Hotel, list[RoomingRow]]], lang: str, title: str) -> bytes:
    """One workbook; the hotels one after the other in one sheet (the hotel is a column), dates
    as dates."""
    with force_locale(lang):
        return xlsx_bytes(headers(), (_cells(hotel_name(hotel, lang), row, iso=False)
                                      for hotel, rows in lists for row in rows),
                          sheet=_("Rooming list"), title=title)


def rooming_pdf(meeting, lists: list[tuple[Hotel, list[RoomingRow]]], lang: str) -> bytes:
    """A4 landscape, one section per hotel (a new page each), carrying personal data: cached
    only encrypted, in the meeting's part of the cache."""
    from app.documents.render import render_document

    fallback = meeting.working_language
    sections = [{"name": hotel_name(hotel, lang),
                 "address": TranslatedText(hotel.address).resolve(lang, fallback).text,
                 "rows": rows} for hotel, rows in lists]
    return render_document("pdf/rooming_list.html", locale=lang, personal=meeting.id,
                           meeting=meeting, sections=sections,
                           short_date=lambda day: format_date(day, "medium"))
