"""Multilingual text falls back to the meeting's working language: the page's meeting in a
request (g.meeting), the template's `meeting` outside one (a command rendering a document)."""
from __future__ import annotations

from types import SimpleNamespace

from flask import g, render_template_string
from flask_babel import force_locale

from app.i18n import localized

TEXT = {"ko": "회의", "fr": "réunion"}  # no English: the fallback decides
TEMPLATE = "{{ localized(text).text }}|{{ ml(text, note=False) }}"


def test_the_pure_part_takes_the_fallback_as_an_argument(app):
    with app.app_context(), force_locale("en"):
        assert localized(TEXT, "fr").text == "réunion"
        assert localized(TEXT).text == "회의"  # en, then the locales in order


def test_outside_a_request_the_template_meeting_decides(app):
    french = SimpleNamespace(working_language="fr")
    with app.app_context(), force_locale("en"):  # a document names its language
        assert render_template_string(TEMPLATE, text=TEXT, meeting=french) == \
            'réunion|<span lang="fr" dir="ltr">réunion</span>'
        assert render_template_string(TEMPLATE, text=TEXT).startswith("회의|")


def test_in_a_request_the_page_meeting_decides(app):
    with app.test_request_context("/?lang=en"):
        g.meeting = SimpleNamespace(working_language="fr")
        assert render_template_string(TEMPLATE, text=TEXT).startswith("réunion|")
    with app.test_request_context("/?lang=en"):  # no page meeting: as before, not the template's
        assert render_template_string(TEMPLATE, text=TEXT,
                                      meeting=SimpleNamespace(working_language="fr")) \
            .startswith("회의|")


def test_outside_a_request_messages_are_english_unless_a_language_is_forced(app):
    """A command or a worker translates without a reader: no crash, the default locale."""
    from flask_babel import gettext

    with app.app_context():
        assert gettext("Page not found") == "Page not found"
        with force_locale("fr"):
            assert gettext("Page not found") != "Page not found"
