"""The templates' gettext keeps the request's catalogue (app/web/locale.py,
template_translations) and still follows the locale: force_locale inside the request (e-mails
in the recipient's language), back out of it, and a locale chosen anew (refresh)."""
from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale, refresh

TEMPLATE = ("{{ _('Overview') }}|{{ ngettext('%(num)d badge: it will be prepared in the "
            "background.', '%(num)d badges: they will be prepared in the background.', 3) }}|"
            "{{ pgettext('closing formula of a formal e-mail or letter, above the signature', "
            "'Yours sincerely,') }}")


def _words(app, lang: str) -> str:
    """The same template rendered in a request of its own in `lang`."""
    with app.test_request_context(f"/?lang={lang}"):
        return render_template_string(TEMPLATE)


def test_the_catalogue_follows_force_locale_and_refresh(app):
    french, korean, english = _words(app, "fr"), _words(app, "ko"), _words(app, "en")
    assert len({french, korean, english}) == 3 and english.startswith("Overview|3 badges")
    with app.test_request_context("/?lang=fr"):
        assert render_template_string(TEMPLATE) == french
        with force_locale("ko"):
            assert render_template_string(TEMPLATE) == korean
            with force_locale("en"):
                assert render_template_string(TEMPLATE) == english
            assert render_template_string(TEMPLATE) == korean
        assert render_template_string(TEMPLATE) == french
        refresh()  # the locale is chosen again (here: ?lang=fr once more)
        assert render_template_string(TEMPLATE) == french


def test_outside_a_request_templates_still_translate(app):
    with app.app_context(), force_locale("ko"):
        assert render_template_string(TEMPLATE) == _words(app, "ko")
