"""The base of every form: WTForms' own messages translated through our catalogues, dates
bounded to the page's meeting, a service's errors shown by their fields, and one field for a
text written in every language."""
from __future__ import annotations

import flask_babel
from flask import flash, g
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _nl
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import Field, StringField, widgets
from wtforms import SelectField as _SelectField
from wtforms import SelectMultipleField as _SelectMultipleField
from wtforms.utils import unset_value
from wtforms.validators import Length, Optional, ValidationError

from app.errors import DomainError
from app.i18n import LOCALES, current_locale, language_name
from app.text import date_message, date_window

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


class DateWithin:
    """Form validator: the date lies in `date_window` around the page's meeting (g.meeting)
    or, without one, around this year. Empty values are left to Optional/DataRequired."""

    def __init__(self, before: int = 5, after: int = 10):
        self.before, self.after = before, after

    def __call__(self, form, field) -> None:
        if field.data is None:
            return
        first, last = date_window(g.get("meeting"), before=self.before, after=self.after)
        if not first <= field.data <= last:
            raise ValidationError(date_message(first, last))


def _strip_nul(value):
    """NUL cannot be stored in a PostgreSQL text column and has no business in any field."""
    return value.replace("\x00", "") if isinstance(value, str) else value


class Select(widgets.Select):
    """WTForms' select widget, writing each option of a plain list of (value, label) pairs as
    one string. The stock widget builds a Choice, an attribute dict and a Markup per option:
    some 60 ms for the 250 countries of the registration form, on every page that shows it.
    The HTML is the same, attribute for attribute (tests/test_select_widget.py); any other
    kind of choices (groups, render_kw, a callable) goes the stock way."""

    def __call__(self, field, **kwargs):
        choices = field.choices
        if not isinstance(choices, list | tuple) or not all(
                type(choice) is tuple and len(choice) == 2 for choice in choices):
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        if self.multiple:
            kwargs["multiple"] = True
        flags = getattr(field, "flags", {})
        for key in dir(flags):
            if key in self.validation_attrs and key not in kwargs:
                kwargs[key] = getattr(flags, key)
        coerce, data = field.coerce, field.data
        chosen = set(data or ()) if self.multiple else None
        html = [f"<select {widgets.html_params(name=field.name, **kwargs)}>"]
        for value, label in choices:
            selected = coerce(value) in chosen if self.multiple else coerce(value) == data
            text = escape(label or value)
            if isinstance(value, bool):
                value = str(value)
            # html_params' order: "selected" sorts before "value"
            html.append(f'<option{" selected" if selected else ""} value="{escape(value)}">'
                        f"{text}</option>")
        html.append("</select>")
        return Markup("".join(html))  # noqa: S704 (names, values and labels escaped above)


class SelectField(_SelectField):
    widget = Select()


class SelectMultipleField(_SelectMultipleField):
    widget = Select(multiple=True)


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


class MultilingualField(Field):
    """A text written in each language of the application (a title, a letter's body): one
    input per language, named <field>_<code> (title_en, title_th…), and as data one
    {code: text} dict ("" where nothing was typed). Setting `data` fills the inputs of the
    languages the dict has.

    Templates lay the inputs out by language, several texts together: `form.title[code]` is
    the input of one language, a field like any other (label "Title (Thai)" in the reader's
    language, its own errors). Each input is optional and at most `max_length` long; which
    languages a text needs is the service's rule, and its errors name the input
    (`title_en`), which `attach_error` finds.
    """

    widget = None  # rendered input by input, through field[code]

    def __init__(self, label=None, validators=None, *, text_field=StringField,
                 max_length: int = 300, labels=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        reader = current_locale()
        self.inputs = {}
        for code in LOCALES:
            unbound = text_field(labels(language_name(code, reader)),
                                 validators=[Optional(), Length(max=max_length)])
            self.inputs[code] = self.meta.bind_field(self._form, unbound, {
                "name": f"{self.short_name}_{code}", "prefix": self.name[:-len(self.short_name)]
                or "", "translations": self._translations})

    def __getitem__(self, code: str):
        return self.inputs[code]

    def __iter__(self):
        return iter(self.inputs.values())

    def input_named(self, name: str):
        """The input whose name is `name` (title_th), or None."""
        return next((field for field in self.inputs.values() if field.name == name), None)

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors = []
        self.object_data = data
        values = data if isinstance(data, dict) else {}
        for code, field in self.inputs.items():
            field.process(formdata, values.get(code, unset_value))

    def validate(self, form, extra_validators=()):
        return all([field.validate(form) for field in self.inputs.values()])

    @property
    def errors(self) -> dict[str, list]:
        return {code: field.errors for code, field in self.inputs.items() if field.errors}

    @property
    def data(self) -> dict[str, str]:
        return {code: field.data or "" for code, field in self.inputs.items()}

    @data.setter
    def data(self, values: dict | None) -> None:
        for code, value in (values or {}).items():
            if code in self.inputs:
                self.inputs[code].data = value


def _field_named(form, name: str | None):
    """The form's field called `name`, or the input of that name of a multilingual field."""
    if not name:
        return None
    if name in form:  # a multilingual field as a whole is no input: None, as for no field
        return None if isinstance(form[name], MultilingualField) else form[name]
    return next((found for field in form if isinstance(field, MultilingualField)
                 if (found := field.input_named(name)) is not None), None)


def attach_error(form, message, field: str | None = None, *, fields=None) -> None:
    """Show a service's error next to its field, or at the top of the form when it has none.

    `message` may be the DomainError itself: then each of its problems goes to its own field.
    `fields` maps a service's field name to the form's, where they differ.
    """
    problems = message.errors if isinstance(message, DomainError) else [(message, field)]
    for text, name in problems:
        target = _field_named(form, (fields or {}).get(name, name))
        if target is None:
            flash(text, "error")
        elif text not in target.errors:
            target.errors = [*target.errors, text]
