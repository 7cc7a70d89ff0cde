"""The printable agenda: one standalone HTML document, the source of the PDF and HTML export."""
from __future__ import annotations

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from app.agenda import services
from app.documents.pdf import PRINT_CSS
from app.i18n import html_lang, text_direction


def agenda_html(meeting, snapshot: dict, version, levels, lang: str) -> str:
    """The agenda as the reader with these visibility levels may see it, in one language."""
    with force_locale(lang):
        days = services.reading_days(snapshot, levels, meeting.timezone, now=_never())
        symbol = services.version_symbol(meeting, version) if version else ""
        return render_template(
            "pdf/agenda.html", meeting=meeting, days=days, version=version, symbol=symbol,
            lang=html_lang(lang), dir=text_direction(lang), css=PRINT_CSS.read_text(),
            page_rule=page_number_rule())


def page_number_rule() -> Markup:
    """CSS for the footer's 'Page N of M' in the current language, counters in place."""
    text = _("Page %(page)s of %(pages)s", page="\x00page\x00", pages="\x00pages\x00")
    parts = []
    for index, piece in enumerate(text.split("\x00")):
        if index % 2:
            parts.append(f"counter({'pages' if piece == 'pages' else 'page'})")
        elif piece:
            literal = piece.replace("\\", "").replace('"', '\\"').replace("<", "\\3c ")
            parts.append(f'"{literal}"')
    # Safe: every literal is quoted with its quotes, backslashes and "<" escaped above.
    return Markup(f"@page {{ @bottom-center {{ content: {' '.join(parts)}; }} }}")  # noqa: S704


def _never():
    """A moment long past, so printed agendas carry no 'now' or 'next' marks."""
    from datetime import datetime

    return datetime(1970, 1, 1)
