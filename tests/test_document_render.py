"""app/documents/render.py: every PDF goes through render_document, and a document WeasyPrint
cannot produce is answered once, by the web layer, with the error page."""
from __future__ import annotations

import logging

import weasyprint
from flask import g
from flask_babel import force_locale, gettext
from markupsafe import escape
from sqlalchemy import select

from app.documents.render import page_number_rule, render_html, script_lang
from app.extensions import db
from app.meetings.models import Meeting
from tests.conftest import sign_in

PDF = "/meetings/bc-2025-seoul/agenda.pdf"


def test_a_document_weasyprint_cannot_render_is_the_500_page_with_the_cause_logged(
        app, client, demo, monkeypatch, caplog):
    sign_in(app, client, "delegate.th@rtp.example.com")

    def broken(*args, **kwargs):
        raise ValueError("no font for this glyph")

    monkeypatch.setattr(weasyprint, "HTML", broken)
    caplog.set_level(logging.ERROR)
    # the migrations' logging configuration disables the loggers that exist when they run
    monkeypatch.setattr(app.logger, "disabled", False)
    response = client.get(PDF + "?lang=fr")
    assert response.status_code == 500
    assert response.mimetype == "text/html"
    with app.test_request_context(), force_locale("fr"):
        title = gettext("Something went wrong")
    assert title != "Something went wrong"
    assert str(escape(title)) in response.get_data(as_text=True)
    failed = [r for r in caplog.records if r.getMessage().startswith("Document failed on")]
    assert failed and "no font for this glyph" in failed[0].exc_text


def test_render_html_sets_the_language_direction_and_page_rule_of_the_document(app, demo):
    with app.test_request_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.slug == demo))
        g.meeting = meeting
        html = render_html("pdf/letter.html", locale="ar", meeting=meeting, subject="S",
                           body="B", invitation=None)
        with force_locale("ar"):
            rule = str(page_number_rule())
    assert '<html lang="ar" dir="rtl">' in html
    assert "counter(page)" in rule and "counter(pages)" in rule
    assert "Page" not in rule  # the words around the counters are Arabic


def test_script_lang_names_the_script_of_a_native_name():
    assert script_lang("김민준") == "ko"
    assert script_lang("สมชาย") == "th"
    assert script_lang("Nguyễn") == ""
    assert script_lang("山田はなこ") == "ja"  # kana make the Han letters Japanese
