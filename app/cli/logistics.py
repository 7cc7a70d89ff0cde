"""The logistics files of `flask export` (rooming-list; arrivals and catering join here): each
kind maps to a function (meeting, format, locale) → the file's bytes, which app/cli/documents.py
offers as `flask --app app export KIND MEETING --format csv|xlsx|pdf --lang L -o FILE`."""
from __future__ import annotations

from collections.abc import Callable

import click

from app.i18n import TranslatedText
from app.logistics.accommodation import documents as rooming
from app.logistics.accommodation.services import rooming_lists
from app.logistics.catering import documents as catering
from app.logistics.travel import documents as travel
from app.logistics.travel import manifest


def _rooming_list(meeting, fmt: str, locale: str) -> bytes:
    """Every hotel of the meeting (CSV and XLSX: the hotel is a column; PDF: a section each)."""
    lists = rooming_lists(meeting, locale)
    if not lists:
        raise click.ClickException(f"{meeting.slug} has no hotel yet.")
    if fmt == "csv":
        return rooming.rooming_csv(lists, locale).encode()
    if fmt == "xlsx":
        title = TranslatedText(meeting.title).resolve(locale, meeting.working_language).text
        return rooming.rooming_xlsx(lists, locale, title)
    return rooming.rooming_pdf(meeting, lists, locale)


def _catering(meeting, fmt: str, locale: str) -> bytes:
    """The caterer's counts: per meal, how many attend and how many per dietary need."""
    exporters = {"csv": catering.catering_csv, "xlsx": catering.catering_xlsx,
                 "pdf": catering.catering_pdf}
    return exporters[fmt](meeting, locale)


def _arrivals(meeting, fmt: str, locale: str) -> bytes:
    """The arrivals and departures manifest: every leg, by day and hour, as the page offers."""
    rows = manifest.rows(meeting)
    if fmt == "csv":
        return travel.manifest_csv(rows, locale)
    if fmt == "xlsx":
        title = TranslatedText(meeting.title).resolve(locale, meeting.working_language).text
        return travel.manifest_xlsx(rows, locale, title)
    return travel.manifest_pdf(meeting, rows, locale)


#: kind → (formats, exporter). Add `arrivals` and `catering` here.
EXPORTS: dict[str, tuple[tuple[str, ...], Callable[[object, str, str], bytes]]] = {
    "rooming-list": (("csv", "xlsx", "pdf"), _rooming_list),
    "catering": (("csv", "xlsx", "pdf"), _catering),
    "arrivals": (("csv", "xlsx", "pdf"), _arrivals),
}


def export(kind: str, meeting, fmt: str, locale: str) -> bytes:
    formats, exporter = EXPORTS[kind]
    if fmt not in formats:
        raise click.BadParameter(f"{kind} is exported as {', '.join(formats)}",
                                 param_hint="--format")
    return exporter(meeting, fmt, locale)
