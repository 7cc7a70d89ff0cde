"""Printable documents: a template rendered in one language with the print stylesheet, then the
PDF. Every PDF of the application goes through `render_document`.

A document template receives `lang` and `dir` (of its language), `css` (the print stylesheet),
`page_rule` (the footer's "Page N of M" in its language), `script_lang` (which picks the font
of a name written in another script) and the forms official documents write in each language
(`formal_date`, `formal_period`, `formal_dates`, `formal_country_name`), besides its own context.
"""
from __future__ import annotations

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from app.documents.countries import formal_country_name
from app.documents.formal import formal_date, formal_dates, formal_period
from app.documents.pdf import PRINT_CSS, render_pdf
from app.i18n import html_lang, text_direction


def render_html(template: str, *, locale: str, ui_locale: str | None = None, **context) -> str:
    """The document's HTML in `locale`: its translated strings, `lang` and `dir`.

    ui_locale: the locale of the strings and multilingual names when it is not the document's
    own (the invitation letter in another language keeps the reader's, as it always has)."""
    with force_locale(ui_locale or locale):
        return render_template(template, lang=html_lang(locale), dir=text_direction(locale),
                               css=PRINT_CSS.read_text(), page_rule=page_number_rule(),
                               script_lang=script_lang, **FORMAL, **context)


# Dates and country names as official documents write them, in the language the document is
# rendered in (the current locale inside render_html).
FORMAL = {"formal_date": formal_date, "formal_period": formal_period,
          "formal_dates": formal_dates, "formal_country_name": formal_country_name}


def render_document(template: str, *, locale: str, personal: int | None = None,
                    pdf_variant: str | None = None, ui_locale: str | None = None,
                    **context) -> bytes:
    """The PDF of a document template in one language (render_html, then render_pdf).

    personal: the meeting whose delegates' data the document carries (cached only encrypted);
    pdf_variant: e.g. "pdf/a-3a" for an archival copy. Raises pdf.RenderError, which the web
    layer answers with its error page."""
    html = render_html(template, locale=locale, ui_locale=ui_locale, **context)
    return render_pdf(html, personal=personal, pdf_variant=pdf_variant)


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


_SCRIPTS = ((0xAC00, 0xD7AF, "ko"), (0x1100, 0x11FF, "ko"), (0x3040, 0x30FF, "ja"),
            (0x4E00, 0x9FFF, "zh-Hans"), (0x0E00, 0x0E7F, "th"), (0x1780, 0x17FF, "km"),
            (0x0E80, 0x0EFF, "lo"), (0x0600, 0x06FF, "ar"))


def script_lang(text: str) -> str:
    """The language tag that picks the right font for a name written in another script."""
    found = ""
    for char in text or "":
        point = ord(char)
        for low, high, tag in _SCRIPTS:
            if low <= point <= high:
                if tag == "ja" or (tag == "ko" and found != "ja"):
                    return tag
                found = found or tag
    return found
