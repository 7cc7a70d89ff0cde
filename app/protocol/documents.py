"""The protocol's printed documents: the seating plan (A3 or A4 landscape), the name plates
(A4 landscape, folded into a tent: two faces, the upper one printed upside down) and the flag
order list. None carries personal data."""
from __future__ import annotations

from flask_babel import force_locale, pgettext
from flask_babel import gettext as _

from app.i18n import LOCALES, html_lang, language_name, text_direction
from app.protocol import seating, services
from app.protocol.models import Paper, PrecedenceRule, SeatingLayout

LABELS = {"rule_label": PrecedenceRule.label_of, "layout_label": SeatingLayout.label_of}
PLATE_WIDTH = 277.0  # the text area of one face, mm
PLATE_SIZES = (110.0, 96.0, 84.0, 72.0, 60.0, 50.0, 42.0, 36.0, 30.0, 26.0)


def seating_plan(meeting, lang: str, layout: SeatingLayout | None = None,
                 paper: Paper | None = None) -> seating.Plan:
    settings = services.settings_of(meeting)
    layout, paper = layout or settings.layout, paper or settings.paper
    rows = services.precedence(meeting, lang)
    languages = [code for code in (meeting.official_languages or [meeting.working_language])
                 if code in LOCALES]
    with force_locale(lang):
        booths = [_("Interpretation booth: %(language)s",
                    language=language_name(code, lang)) for code in languages]
        return seating.plan(layout, paper,
                            [(row.position, row.name, row.organisation.code) for row in rows],
                            booths, pgettext("person chairing", "Chair"), _("Secretariat"))


def seating_pdf(meeting, lang: str, layout: SeatingLayout | None = None,
                paper: Paper | None = None) -> bytes:
    from app.documents.render import render_document

    plan = seating_plan(meeting, lang, layout, paper)
    return render_document("pdf/seating_plan.html", locale=lang, meeting=meeting, plan=plan,
                           rule=services.settings_of(meeting).rule, **LABELS)


def _plate_size(text: str, height: float) -> float:
    for size in PLATE_SIZES:
        if seating.fit(text, PLATE_WIDTH, height, largest=size, smallest=size - 1) >= size:
            return size
    return PLATE_SIZES[-1]


def name_plates(meeting, lang: str) -> list[dict]:
    """One plate per delegation in order of precedence: its name in `lang` (large), in its own
    language, and its agency's own name, each with the size that keeps it on the face."""
    plates = []
    for row in services.precedence(meeting, lang):
        plates.append({
            "d": row, "own_tag": html_lang(row.own_lang),
            "name_pt": _plate_size(row.name, 44.0 if row.own_name or row.agency else 62.0),
            "own_pt": min(60.0, _plate_size(row.own_name, 24.0)) if row.own_name else 0,
            "agency_pt": min(20.0, _plate_size(row.agency, 11.0)) if row.agency else 0})
    return plates


def name_plates_pdf(meeting, lang: str) -> bytes:
    from app.documents.render import render_document

    return render_document("pdf/name_plates.html", locale=lang, meeting=meeting,
                           plates=name_plates(meeting, lang), dir_of=text_direction)


def flag_order_pdf(meeting, lang: str) -> bytes:
    from app.documents.render import render_document

    return render_document("pdf/flag_order.html", locale=lang, meeting=meeting,
                           rows=services.precedence(meeting, lang),
                           rule=services.settings_of(meeting).rule, **LABELS)
