"""The request-bound part of languages: which locale and time zone a request is served in
(Flask-Babel's selectors), the language a browser session remembers, the switcher's choice,
and multilingual content falling back to the language of the page's meeting (g.meeting).
The pure part (catalogue of locales, TranslatedText, CLDR formatting) is app.i18n."""
from __future__ import annotations

from flask import g, has_request_context, request, session
from flask.globals import _cv_app
from flask_babel import get_translations
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

from app import i18n
from app.i18n import DEFAULT_LOCALE, Resolved, TranslatedText, normalise_locale


def select_locale() -> str:
    """?lang= for this request, the language remembered for this browser session, the
    person's saved preference, Accept-Language, the meeting's default, en.

    ?lang= never changes the saved preference (which e-mails follow): only the person's own
    choice does (`save_preference`). An HTML page asked for in a language remembers it for
    the browser session (`remember_asked_locale`); a document (PDF, .ics, CSV) does not.

    Outside a request (a command, a worker) the language is whatever `force_locale` set, else
    English: there is no reader to ask."""
    if not has_request_context():
        return DEFAULT_LOCALE
    asked = normalise_locale(request.args.get("lang"))
    if asked:
        return asked
    meeting = g.get("meeting")
    return unasked_locale(current_user.locale if current_user.is_authenticated else None,
                          meeting.working_language if meeting is not None else None)


def unasked_locale(preferred: str | None, meeting_language: str | None) -> str:
    """The locale when the address names none: the one remembered, the person's preference,
    Accept-Language, the meeting's working language, en."""
    for tag in (session.get("lang"), preferred):
        if normalise_locale(tag):
            return normalise_locale(tag)
    for tag, _quality in request.accept_languages:
        found = normalise_locale(tag)
        if found:
            return found
    return normalise_locale(meeting_language) or DEFAULT_LOCALE


def remember_asked_locale(response):
    """After a request: a page (HTML, or a redirect on the way to one, such as the sign-in
    page) asked for in a language keeps that language for the rest of the browser session.
    Documents choose their own language only."""
    asked = normalise_locale(request.args.get("lang"))
    if asked and response.mimetype == "text/html" and session.get("lang") != asked:
        session["lang"] = asked
    return response


def choose_language(code: str, user=None) -> bool:
    """The person's own choice of language (the switcher): saved as their preference when
    signed in, and for this browser session in any case. False for an unknown code."""
    chosen = normalise_locale(code)
    if chosen is None or chosen != code:
        return False
    session["lang"] = chosen
    if user is not None and user.locale != chosen:
        user.locale = chosen
    return True


def select_timezone() -> str:
    meeting = g.get("meeting") if has_request_context() else None
    return meeting.timezone if meeting is not None else "UTC"


def meeting_language() -> str | None:
    """The working language of the page's meeting, if the page has one."""
    meeting = g.get("meeting") if has_request_context() else None
    return meeting.working_language if meeting is not None else None


def localized(value: TranslatedText | dict | None, fallback: str | None = None) -> Resolved:
    """i18n.localized, falling back to the language of the page's meeting."""
    return i18n.localized(value, fallback or meeting_language())


def render_localized(value: TranslatedText | dict | None, fallback: str | None = None,
                     note: bool = True) -> Markup:
    """i18n.render_localized, falling back to the language of the page's meeting."""
    return i18n.render_localized(value, fallback or meeting_language(), note)


def _template_language(context) -> str | None:
    """The fallback of a template's multilingual text: the page's meeting during a request
    (as localized above); outside one (a command, a worker), the `meeting` the template
    was given, so a document reads the same wherever it is made."""
    if has_request_context():
        return meeting_language()
    return getattr(context.get("meeting"), "working_language", None)


@pass_context
def template_localized(context, value: TranslatedText | dict | None,
                       fallback: str | None = None) -> Resolved:
    """The template global `localized`."""
    return i18n.localized(value, fallback or _template_language(context))


@pass_context
def template_render_localized(context, value: TranslatedText | dict | None,
                              fallback: str | None = None, note: bool = True) -> Markup:
    """The template global `ml`."""
    return i18n.render_localized(value, fallback or _template_language(context), note)


def template_translations():
    """The request's catalogue for the templates' _(), ngettext, pgettext and npgettext.

    Flask-Babel's own lookup resolves the request context, the domain and the locale and
    formats the locale's name on every call (some 25 µs; a page makes 50 to 100 of them).
    This one keeps the catalogue found on Flask-Babel's per-request namespace, beside the
    locale and domain it was found for, and finds it again while they are the same objects
    (force_locale puts another locale object there, refresh() removes it: then Flask-Babel
    is asked again)."""
    context = _cv_app.get(None)
    space = context.g.__dict__.get("_flask_babel") if context is not None else None
    if space is None:
        return get_translations()
    found = space.__dict__
    locale, domain = found.get("babel_locale"), found.get("babel_domain")
    kept = found.get("bcm_template_translations")
    if kept is not None and locale is not None and kept[0] is locale and kept[1] is domain:
        return kept[2]
    translations = get_translations()
    locale, domain = found.get("babel_locale"), found.get("babel_domain")
    if locale is not None and domain is not None:
        space.bcm_template_translations = (locale, domain, translations)
    return translations


def install_template_gettext(environment) -> None:
    """The templates' gettext callables, as Flask-Babel installs them (new style: they
    format their arguments and autoescape), reading the catalogue through
    template_translations()."""
    environment.install_gettext_callables(
        gettext=lambda s: template_translations().ugettext(s),
        ngettext=lambda s, p, n: template_translations().ungettext(s, p, n),
        pgettext=lambda c, s: template_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: template_translations().unpgettext(c, s, p, n),
        newstyle=True)
