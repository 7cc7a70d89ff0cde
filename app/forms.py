"""The base of every form: WTForms' own messages translated through our catalogues."""
from __future__ import annotations

import flask_babel
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _nl
from flask_wtf import FlaskForm

# WTForms raises these itself; listed here so that `make i18n` extracts them.
WTFORMS_MESSAGES = (
    _l("Not a valid choice."),
    _l("Invalid Choice: could not coerce."),
    _l("Not a valid date value."),
    _l("Not a valid time value."),
    _l("Not a valid integer value."),
    _nl("'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.", 1),
)


TEXT_STATUSES = [("draft", _l("Draft translation")), ("verified", _l("Verified"))]


class _CatalogueTranslations:
    def gettext(self, string: str) -> str:
        return flask_babel.get_translations().gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return flask_babel.get_translations().ngettext(singular, plural, n)


class DomainError(ValueError):
    """Bad input, or a step not allowed now: a translated message for the person, and the
    form field it belongs to (None: the form as a whole). Each domain has its subclass."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


# The three shapes of free text. Every way in (web form, CLI, import) cleans with these, so
# nothing unprintable is stored and no line break can reach an e-mail header or a title.

def _printable(text: str, keep: str = "") -> str:
    """Control and format characters dropped; a line break or tab not kept becomes a space,
    so that words it separated stay apart."""
    return "".join(c if c.isprintable() or c in keep else " " if c.isspace() else ""
                   for c in text)


def _checked(text: str, field: str | None, limit: int, required: bool, error) -> str:
    if required and not text:
        raise error(flask_babel.gettext("This field is required."), field)
    if len(text) > limit:
        raise error(flask_babel.gettext("At most %(num)d characters.", num=limit), field)
    return text


def one_line(value: str | None, field: str | None, *, limit: int = 200,
             required: bool = False, error: type[DomainError] = DomainError) -> str:
    """A name, title or place: one line; control characters go, runs of spaces become one."""
    return _checked(" ".join(_printable(value or "").split()), field, limit, required, error)


def paragraphs(value: str | None, field: str | None, *, limit: int = 1000,
               required: bool = False, error: type[DomainError] = DomainError) -> str:
    """A note or an address block: line breaks kept, each line cleaned as `one_line`."""
    text = "\n".join(" ".join(_printable(line).split())
                     for line in (value or "").splitlines()).strip()
    return _checked(text, field, limit, required, error)


def markdown_text(value: str | None, field: str | None, *, limit: int = 100_000,
                  required: bool = False, error: type[DomainError] = DomainError) -> str:
    """Text in Markdown: indentation, tabs and line breaks kept as typed (they carry meaning),
    control characters and trailing spaces gone."""
    text = "\n".join(line.rstrip() for line in
                     _printable(value or "", "\n\t").splitlines()).strip()
    return _checked(text, field, limit, required, error)


def _strip_nul(value):
    """NUL cannot be stored in a PostgreSQL text column and has no business in any field."""
    return value.replace("\x00", "") if isinstance(value, str) else value


class AppForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _CatalogueTranslations()

        def bind_field(self, form, unbound_field, options):
            """Every field of every form drops NUL characters before validation.

            The CSRF field renders without an id: a page often repeats a form (a button per
            row), and an id may appear only once in a page. Nothing refers to that id.
            """
            filters = unbound_field.kwargs.get("filters", [])
            options["filters"] = [*filters, _strip_nul]
            if options.get("name") == self.csrf_field_name:
                options["render_kw"] = {**unbound_field.kwargs.get("render_kw", {}), "id": False}
            return unbound_field.bind(form=form, **options)


def attach_error(form, message: str, field: str | None) -> None:
    """Show a service's error next to its field, or at the top of the form when it has none."""
    from flask import flash

    target = form[field] if field and field in form else None
    if target is None:
        flash(message, "error")
    else:
        target.errors = [*target.errors, message]


def per_language(form_class: type, fields: dict, **kwargs):
    """A form with one field per UI language for each multilingual text, named <text>_<code>.

    fields maps a text's name to (field class, max length, label function of a language name).
    """
    from wtforms.validators import Length, Optional

    from app.i18n import LOCALES, current_locale, language_name

    reader = current_locale()
    attrs = {}
    for code in LOCALES:
        name = language_name(code, reader)
        for text, (field_class, max_length, label) in fields.items():
            attrs[f"{text}_{code}"] = field_class(
                label(name), validators=[Optional(), Length(max=max_length)])
    return type(form_class.__name__, (form_class,), attrs)(**kwargs)


def language_values(form, text: str) -> dict[str, str]:
    """The <text>_<code> fields of a per_language form, as {code: value}."""
    from app.i18n import LOCALES

    return {code: form[f"{text}_{code}"].data or "" for code in LOCALES}


def fill_language_values(form, text: str, values: dict | None) -> None:
    for code, value in (values or {}).items():
        if f"{text}_{code}" in form:
            form[f"{text}_{code}"].data = value
