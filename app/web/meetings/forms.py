"""The meeting's settings form (administrators)."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    TextAreaField,
)
from wtforms.validators import DataRequired
from wtforms.widgets import CheckboxInput, ListWidget

from app.i18n import LOCALES, current_locale, language_name
from app.web.forms import AppForm, DateWithin, MultilingualField, SelectField, SelectMultipleField

REQUIRED = _l("This field is required.")


def language_choices() -> list[tuple[str, str]]:
    """The application's languages, each named in the reader's language."""
    return [(code, language_name(code, current_locale())) for code in LOCALES]


class MeetingTextsForm(AppForm):
    """What every meeting says in each language: its title, city and venue (the settings page
    and the administration's new meeting)."""

    # One input per language each (title_en, city_th…).
    title = MultilingualField(max_length=300, labels=lambda name: _(
        "Title (%(language)s)", language=name))
    city = MultilingualField(max_length=120, labels=lambda name: _(
        "City (%(language)s)", language=name))
    venue = MultilingualField(max_length=300, labels=lambda name: _(
        "Venue (%(language)s)", language=name))


class SettingsForm(MeetingTextsForm):
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
    public_summary = MultilingualField(text_field=TextAreaField, max_length=3000,
                                       labels=lambda name: _(
                                           "Public summary (%(language)s)", language=name))
    signature = MultilingualField(text_field=TextAreaField, max_length=500,
                                  labels=lambda name: _(
                                      "Signature block of the host (%(language)s)",
                                      language=name))


def settings_form(**kwargs) -> SettingsForm:
    form = SettingsForm(**kwargs)
    form.working_language.choices = form.official_languages.choices = language_choices()
    return form
