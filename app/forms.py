"""The base of every form: WTForms' own messages translated through our catalogues."""
from __future__ import annotations

from datetime import date

import flask_babel
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _nl
from flask_wtf import FlaskForm

# WTForms and Flask-WTF raise these themselves, through the form's translations (AppForm's
# Meta: our catalogues, in the reader's language). Listed here so that `make i18n` extracts
# them: every message a validator or field used by our forms can give, so that no stock
# validator (Length, DataRequired, Email, NumberRange, FileAllowed…) speaks English on a Thai
# page. tests/test_form_messages.py checks this list against the validators the forms use.
WTFORMS_MESSAGES = (
    _l("This field is required."),
    _l("Not a valid choice."),
    _l("Invalid Choice: could not coerce."),
    _l("Invalid choice(s): one or more data inputs could not be coerced."),
    _l("Not a valid date value."),
    _l("Not a valid time value."),
    _l("Not a valid datetime value."),
    _l("Not a valid integer value."),
    _l("Not a valid decimal value."),
    _l("Not a valid float value."),
    _l("Invalid email address."),
    _l("Invalid input."),
    _l("Number must be at least %(min)s."),
    _l("Number must be at most %(max)s."),
    _l("Number must be between %(min)s and %(max)s."),
    _l("Field must be between %(min)d and %(max)d characters long."),
    _l("File does not have an approved extension: %(extensions)s"),
    _nl("'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.", 1),
    _nl("Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.", 1),
    _nl("Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.", 1),
    _nl("Field must be exactly %(max)d character long.",
        "Field must be exactly %(max)d characters long.", 1),
)


TEXT_STATUSES = [("draft", _l("Draft translation")), ("verified", _l("Verified"))]


class _CatalogueTranslations:
    def gettext(self, string: str) -> str:
        return flask_babel.get_translations().gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return flask_babel.get_translations().ngettext(singular, plural, n)


class DomainError(ValueError):
    """Bad input, or a step not allowed now: translated messages for the person, each with the
    form field it belongs to (None: the form as a whole). Each domain has its subclass.

    `errors` lists every (message, field) found, so that a form shows all its problems at
    once; `field` is the first one's field and `message` all the messages, so that a caller
    that shows only `message` (a flash, the command line) still loses none of them.
    """

    def __init__(self, message: str | None = None, field: str | None = None, *,
                 errors: list[tuple[str, str | None]] | None = None):
        self.errors = list(errors) if errors else [(message or "", field)]
        self.message = " ".join(str(text) for text, _ in self.errors)
        self.field = self.errors[0][1]
        super().__init__(self.message)


class Problems:
    """Collects a form's problems so that every one is reported at once:

        problems = Problems(RegistrationError)
        name = problems.check(clean_name, value, "name")   # None when it failed
        problems.add(_("..."), "field")
        problems.raise_if_any()                            # one error carrying them all
    """

    def __init__(self, error: type[DomainError] = DomainError):
        self.error = error
        self.errors: list[tuple[str, str | None]] = []

    def add(self, message: str, field: str | None = None) -> None:
        self.errors.append((message, field))

    def check(self, check, *args, default=None, **kwargs):
        try:
            return check(*args, **kwargs)
        except DomainError as exc:
            self.errors.extend(exc.errors)
            return default

    def has(self, field: str) -> bool:
        return any(name == field for _, name in self.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise self.error(errors=self.errors)


# Dates: every date typed into the app lies in a sane window, so that a slip of the keyboard
# (1900-01-01, 20255-11-11) is refused with a message instead of being stored.

def date_window(meeting=None, *, before: int = 5, after: int = 10) -> tuple[date, date]:
    """From 1 January `before` years before the meeting's (or this) year to 31 December
    `after` years after it."""
    first = meeting.start_date.year if meeting is not None else date.today().year
    last = meeting.end_date.year if meeting is not None else date.today().year
    return date(first - before, 1, 1), date(last + after, 12, 31)


def date_message(first: date, last: date) -> str:
    return flask_babel.gettext("Enter a date between %(first)s and %(last)s.",
                               first=flask_babel.format_date(first, "long"),
                               last=flask_babel.format_date(last, "long"))


def check_date(value: date | None, field: str | None, first: date, last: date, *,
               error: type[DomainError] = DomainError) -> date | None:
    """A date (or None) within [first, last]; otherwise the error, naming the window."""
    if value is not None and not first <= value <= last:
        raise error(date_message(first, last), field)
    return value


class DateWithin:
    """Form validator: the date lies in `date_window` around the page's meeting (g.meeting)
    or, without one, around this year. Empty values are left to Optional/DataRequired."""

    def __init__(self, before: int = 5, after: int = 10):
        self.before, self.after = before, after

    def __call__(self, form, field) -> None:
        from flask import g
        from wtforms.validators import ValidationError

        if field.data is None:
            return
        first, last = date_window(g.get("meeting"), before=self.before, after=self.after)
        if not first <= field.data <= last:
            raise ValidationError(date_message(first, last))


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


def email_address(value: str | None, field: str | None, *,
                  error: type[DomainError] = DomainError) -> str:
    """An e-mail address as stored everywhere: checked for form (not deliverability),
    normalised and in lower case."""
    try:
        return validate_email((value or "").strip(), check_deliverability=False) \
            .normalized.lower()
    except EmailNotValidError as exc:
        raise error(flask_babel.gettext(
            "Enter a valid e-mail address, for example name@agency.gov."), field) from exc


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


def attach_error(form, message, field: str | None = None, *, fields=None) -> None:
    """Show a service's error next to its field, or at the top of the form when it has none.

    `message` may be the DomainError itself: then each of its problems goes to its own field.
    `fields` maps a service's field name to the form's, where they differ.
    """
    from flask import flash

    problems = message.errors if isinstance(message, DomainError) else [(message, field)]
    for text, name in problems:
        name = (fields or {}).get(name, name)
        target = form[name] if name and name in form else None
        if target is None:
            flash(text, "error")
        elif text not in target.errors:
            target.errors = [*target.errors, text]


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
