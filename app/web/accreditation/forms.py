"""Accreditation forms; the service validates again, for every way in."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length

from app.web.forms import AppForm, MultilingualField, SelectField, SelectMultipleField
from app.web.invitations.forms import REQUIRED, language_choices


class PersonForm(AppForm):
    """A person's own application (the public form of a category)."""

    family_name = StringField(_l("Family name (as in the passport, Latin letters)"),
                              validators=[DataRequired(REQUIRED), Length(max=100)])
    given_names = StringField(_l("Given names (as in the passport, Latin letters)"),
                              validators=[Length(max=100)])
    native_name = StringField(_l("Name in your own script"), validators=[Length(max=200)])
    organisation_name = StringField(_l("Organisation or media outlet"),
                                    validators=[Length(max=200)])
    function = StringField(_l("Function"), validators=[Length(max=200)])
    email = EmailField(_l("E-mail address"), validators=[DataRequired(REQUIRED),
                                                         Length(max=254)])
    phone = StringField(_l("Mobile phone"), validators=[Length(max=40)])
    photo = FileField(_l("Photo for the badge (JPEG or PNG, at most 5 MB)"))


class EntryForm(PersonForm):
    """The secretariat enters a person directly: the category and the e-mails' language."""

    category = SelectField(_l("Category"), validators=[DataRequired(REQUIRED)])
    language = SelectField(_l("Language of the e-mails"), default="en")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()


class CategoryForm(AppForm):
    name = MultilingualField(max_length=100, labels=lambda name: _(
        "Name (%(language)s)", language=name))
    colour = StringField(_l("Badge colour"), validators=[DataRequired(REQUIRED),
                                                         Length(max=7)])
    areas = SelectMultipleField(_l("Areas it may enter"), coerce=int, choices=[],
                                validate_choice=False)
    registration_open = BooleanField(_l("Its own application form is open"))


class AreaForm(AppForm):
    code = StringField(_l("Code on the badge"), validators=[DataRequired(REQUIRED),
                                                             Length(max=8)])
    name = MultilingualField(max_length=100, labels=lambda name: _(
        "Name (%(language)s)", language=name))


class ReasonForm(AppForm):
    reason = TextAreaField(_l("Reason (sent to the person)"), validators=[
        DataRequired(REQUIRED), Length(max=2000)])
