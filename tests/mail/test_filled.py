"""An e-mail rendered once per language and shape, then filled in (app/mail/filled.py), is the
templates' own output character for character: in every language, for every registration
event, with and without a link or a reason, and for values the markers cannot stand for."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from flask import render_template
from flask_babel import force_locale

from app.i18n import LOCALES, html_lang, text_direction
from app.mail import filled
from app.registration.services import NOTICE_EVENTS, notice_subject


def _by_template(lang: str, subject: str, context: dict) -> tuple[str, str]:
    """What the registration notice was before: both templates rendered with the values."""
    with force_locale(lang):
        context = {**context, "lang": html_lang(lang), "dir": text_direction(lang),
                   "subject": subject}
        return (render_template("mail/registration.txt", **context),
                render_template("mail/registration.html", **context))


def _both(lang: str, event: str, name: str, title: str, agency: str, link: str,
          reason: str) -> tuple[tuple[str, str], tuple[str, str]]:
    with force_locale(lang):
        subject = notice_subject(event, title)
    values = {"meeting_title": title, "agency": agency, "link": link,
              "reference": "BC-1/REG/0042", "reason": reason}
    made = filled.render_filled("registration", lang, subject,
                                fixed={"event": event, "minutes": 60}, values=values,
                                objects={"registration": {"display_name": name}})
    expected = _by_template(lang, subject, {
        **values, "event": event, "minutes": 60,
        "registration": SimpleNamespace(display_name=name)})
    return made, expected


@pytest.mark.parametrize("lang", LOCALES)
def test_every_language_and_event_fills_in_as_the_template_renders(app, lang):
    with app.test_request_context():
        for event in NOTICE_EVENTS:
            for link, reason in (("https://m.example.org/auth/link/abc.DEF-12?lang=vi", ""),
                                 ("", "The quota is reached."), ("", "")):
                for name in ("Van 1 Nguyen", "Somchai Jaidee"):  # the second: from the cache
                    made, expected = _both(lang, event, name, "Seoul Meeting 2026",
                                           "Police Tra Vinh", link, reason)
                    assert made == expected, (lang, event, link, reason)
                    assert name in made[0] and name in made[1]
        shapes = [shape for key, shape in app.extensions["mail_filled"].items()
                  if key[:2] == ("registration", lang)]
        # Each event with a link, a reason or neither; each filled in, none left to the
        # template (which would also give the same e-mails, only slower).
        assert len(shapes) == 3 * len(NOTICE_EVENTS) and all(shapes)


def test_values_markers_cannot_stand_for_are_rendered_by_the_template(app):
    with app.test_request_context():
        for name, agency, reason in (
                ("Seán O'Brien", "Police", ""),  # escaped in the HTML
                ("Ana", "Police <Vice> & Crime", ""),
                ("Ana", "Police", "Two lines\nof reason"),
                ("Ana \x1e0\x1e", "Police", "")):
            for event in ("received", "rejected"):
                made, expected = _both("fr", event, name, "Réunion « A »", agency, "", reason)
                assert made == expected, (name, agency, reason)


def test_each_shape_is_rendered_once(app, monkeypatch):
    calls = []
    rendered = filled.render_template
    monkeypatch.setattr(filled, "render_template",
                        lambda *args, **kwargs: calls.append(args[0]) or rendered(*args,
                                                                                   **kwargs))
    with app.test_request_context():
        app.extensions.pop("mail_filled", None)
        for number in range(5):
            _both("ko", "received", f"Min {number} Kim", "Seoul", "KNPA", "https://x.example/l",
                  "")
    # Five e-mails (each compared with the templates' own output, rendered apart): the
    # filled one's two templates rendered once, for the shape.
    assert calls == ["mail/registration.txt", "mail/registration.html"]


def test_a_template_reading_what_was_not_given_raises(app):
    with app.test_request_context():
        with pytest.raises(filled.NotASlot):
            render = app.jinja_env.from_string("{{ registration.family_name }}")
            render.render(registration=filled.Slots(display_name="Ana"))
