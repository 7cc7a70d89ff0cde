"""The caterer's counts (CSV, XLSX, PDF) and the visa report (CSV, XLSX), in one language."""
from __future__ import annotations

from babel import dates as babel_dates
from flask_babel import force_locale
from flask_babel import gettext as _

from app.documents.tables import csv_text, xlsx_bytes
from app.i18n import TranslatedText, country_name
from app.logistics.catering.models import MealKind
from app.logistics.catering.services import NEEDS, MealCount, counts, meal_time, need_label
from app.logistics.catering.visas import visa_rows


def _text(value, meeting, lang: str) -> str:
    return TranslatedText(value or {}).resolve(lang, meeting.working_language).text


def _delegation(registration, lang: str) -> str:
    org = registration.organisation
    name = TranslatedText(org.name).resolve(lang, registration.meeting.working_language).text
    country = country_name(org.country_code, lang) if org.country_code else ""
    return f"{country} — {name}" if country else name


def _allergy_line(registration, text: str, lang: str) -> str:
    return f"{registration.display_name} ({_delegation(registration, lang)}): {text}"


def catering_table(meeting, lang: str) -> tuple[list[str], list[list]]:
    """One row per meal: when, where, how many, how many per dietary need, the allergies."""
    with force_locale(lang):
        header = [_("Date"), _("Start time"), _("End time"), _("Meal"), _("Name"), _("Place"),
                  _("Attending"), *(need_label(n) for n in NEEDS),
                  _("Allergies and other dietary needs")]
        rows = []
        for count in counts(meeting, lang):
            starts, ends = meal_time(count.meal, meeting)
            rows.append([
                count.day.isoformat(), starts.strftime("%H:%M"), ends.strftime("%H:%M"),
                MealKind.label_of(count.meal.kind), _text(count.meal.title, meeting, lang),
                _text(count.meal.place, meeting, lang), count.total,
                *(count.by_need[n] for n in NEEDS),
                " | ".join(_allergy_line(r, text, lang) for r, text in count.allergies)])
    return header, rows


def catering_csv(meeting, lang: str) -> bytes:
    return csv_text(*catering_table(meeting, lang)).encode()


def catering_xlsx(meeting, lang: str) -> bytes:
    header, rows = catering_table(meeting, lang)
    with force_locale(lang):
        return xlsx_bytes(header, rows, sheet=_("Catering"),
                          title=_text(meeting.title, meeting, lang))


def catering_pdf(meeting, lang: str) -> bytes:
    from app.documents.render import render_document

    found: list[MealCount] = counts(meeting, lang)
    with force_locale(lang):
        days = {c.day: babel_dates.format_date(c.day, "full", locale=lang) for c in found}
    return render_document("pdf/catering.html", locale=lang, personal=meeting.id,
                           meeting=meeting, counts=found, needs=NEEDS, days=days,
                           need_label=need_label, meal_time=meal_time,
                           delegation=lambda r: _delegation(r, lang))


def visa_table(meeting, lang: str, **scope) -> tuple[list[str], list[list]]:
    with force_locale(lang):
        header = [_("Delegation"), _("Name"), _("Registration"), _("Visa support letter"),
                  _("Letter first printed"), _("Visa status"), _("Reported on")]
        rows = []
        for row in visa_rows(meeting, lang, **scope):
            r = row.registration
            rows.append([
                _delegation(r, lang), r.latin_name, r.status.label,
                _("Issued") if row.letter_issued else _("Not yet issued"),
                row.letter_fetched_at.strftime("%Y-%m-%d %H:%M UTC")
                if row.letter_fetched_at else "",
                row.report.status.label if row.report else _("Not reported"),
                row.report.reported_at.strftime("%Y-%m-%d %H:%M UTC") if row.report else ""])
    return header, rows


def visas_csv(meeting, lang: str) -> bytes:
    return csv_text(*visa_table(meeting, lang)).encode()


def visas_xlsx(meeting, lang: str) -> bytes:
    header, rows = visa_table(meeting, lang)
    with force_locale(lang):
        return xlsx_bytes(header, rows, sheet=_("Visas"),
                          title=_text(meeting.title, meeting, lang))
