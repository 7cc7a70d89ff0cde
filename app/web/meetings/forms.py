"""The meeting's settings form (administrators)."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms import AppForm, DateWithin, per_language
from app.i18n import LOCALES, current_locale, language_name

REQUIRED = _l("This field is required.")


class _SettingsForm(AppForm):
    start_date = DateField(_l("First day"), validators=[DataRequired(REQUIRED), DateWithin()])
    end_date = DateField(_l("Last day"), validators=[DataRequired(REQUIRED), DateWithin()])
    timezone = SelectField(_l("Time zone"))
    working_language = SelectField(_l("Working language"))
    official_languages = SelectMultipleField(_l("Official languages"),
                                             widget=ListWidget(prefix_label=False),
                                             option_widget=CheckboxInput())
    is_public = BooleanField(_l("Show the meeting's public page to everyone"))
    host_id = SelectField(_l("Host (its letterhead heads the letters)"), coerce=int, default=0)
    secretariat_id = SelectField(_l("Secretariat"), coerce=int, default=0)


def settings_form(**kwargs) -> _SettingsForm:
    """Title, city, venue and public summary get one field per language."""
    form = per_language(_SettingsForm, {
        "title": (StringField, 300, lambda name: _("Title (%(language)s)", language=name)),
        "city": (StringField, 120, lambda name: _("City (%(language)s)", language=name)),
        "venue": (StringField, 300, lambda name: _("Venue (%(language)s)", language=name)),
        "public_summary": (TextAreaField, 3000,
                           lambda name: _("Public summary (%(language)s)", language=name)),
        "signature": (TextAreaField, 500,
                      lambda name: _("Signature block of the host (%(language)s)",
                                     language=name)),
    }, **kwargs)
    choices = [(code, language_name(code, current_locale())) for code in LOCALES]
    form.working_language.choices = choices
    form.official_languages.choices = choices
    return form
