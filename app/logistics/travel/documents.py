"""The manifest as files: CSV and XLSX (one row per leg) and a PDF by day and hour, each in
the reader's language; the same the pages offer and `flask export arrivals` writes."""
from __future__ import annotations

from flask_babel import force_locale, pgettext
from flask_babel import gettext as _

from app.documents.tables import csv_text, xlsx_bytes
from app.i18n import TranslatedText, country_name, to_zone
from app.logistics.travel.manifest import Row, by_hour
from app.registration.models import DelegationRole


def _header() -> list[str]:
    return [_("Date"), pgettext_time(), _("Arrival or departure"), _("Flight"), _("Airport"),
            _("Terminal"), _("Name"), _("Delegation"), _("Role in the delegation"),
            _("Met by"), _("Transfer")]


def pgettext_time() -> str:
    return pgettext("clock time", "Time")


def delegation_name(row: Row, lang: str) -> str:
    org = row.registration.organisation
    name = TranslatedText(org.name).resolve(lang, row.registration.meeting.working_language).text
    return f"{country_name(org.country_code, lang)} — {name}" if org.country_code else name


def transfer_text(row: Row, zone: str) -> str:
    if row.trip is None:
        return ""
    starts = to_zone(row.trip.starts_at, zone).strftime("%H:%M")
    return _("%(vehicle)s at %(time)s", vehicle=row.vehicle.label, time=starts)


def _cells(row: Row, lang: str) -> list:
    flight, r = row.flight, row.registration
    return [flight.local_time.date().isoformat(), flight.local_time.strftime("%H:%M"),
            flight.direction.label, flight.code, flight.airport, flight.terminal,
            r.latin_name, delegation_name(row, lang), DelegationRole.label_of(r.role),
            row.met_by, transfer_text(row, r.meeting.timezone)]


def manifest_csv(found: list[Row], lang: str) -> bytes:
    with force_locale(lang):
        return csv_text(_header(), (_cells(row, lang) for row in found)).encode()


def manifest_xlsx(found: list[Row], lang: str, title: str) -> bytes:
    with force_locale(lang):
        return xlsx_bytes(_header(), (_cells(row, lang) for row in found),
                          sheet=_("Arrivals and departures"), title=title)


def manifest_pdf(meeting, found: list[Row], lang: str) -> bytes:
    """Every leg by day and hour; it carries delegates' data, so it is cached only
    encrypted, in the meeting's part of the cache."""
    from app.documents.render import render_document

    return render_document("pdf/travel_manifest.html", locale=lang, personal=meeting.id,
                           meeting=meeting, hours=by_hour(found), reader=lang,
                           delegation_name=delegation_name, transfer_text=transfer_text)
