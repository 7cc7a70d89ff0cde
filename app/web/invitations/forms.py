"""Invitation forms; the services apply the same rules to forms, CSV rows and the CLI."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.i18n import LOCALES, current_locale, language_name
from app.web.forms import AppForm, DateWithin, MultilingualField, SelectField

REQUIRED = _l("This field is required.")
CATEGORIES = [("member", _l("Member")), ("invited_state", _l("Invited state")),
              ("international_body", _l("International organisation (observer)"))]


def language_choices() -> list[tuple[str, str]]:
    return [(code, f"{language_name(code)} — {language_name(code, current_locale())}")
            for code in LOCALES]


class InvitationForm(AppForm):
    organisation_id = SelectField(_l("Organisation"), coerce=int)
    category = SelectField(_l("Category"), choices=CATEGORIES)
    addressee_name = StringField(_l("Addressee's name"), validators=[
        DataRequired(REQUIRED), Length(max=200)])
    addressee_title = StringField(_l("Addressee's title or position"), validators=[
        Length(max=200)])
    email = EmailField(_l("E-mail address"), validators=[DataRequired(REQUIRED),
                                                         Length(max=254)])
    language = SelectField(_l("Language of the letter"))
    quota = IntegerField(_l("Delegation size allowed"), default=3, validators=[
        DataRequired(REQUIRED),
        NumberRange(1, 50, message=_l("The delegation size is a number from 1 to 50."))])


class ImportForm(AppForm):
    file = FileField(_l("CSV file"), validators=[FileRequired(REQUIRED)])


class ConfirmImportForm(AppForm):
    csv_text = TextAreaField(validators=[DataRequired(REQUIRED), Length(max=1_000_000)])


class AnswerForm(AppForm):
    answer = RadioField(_l("Your answer"), choices=[
        ("accept", _l("We accept the invitation")),
        ("decline", _l("We decline the invitation"))], validators=[DataRequired(REQUIRED)])
    head_name = StringField(_l("Name of the head of delegation"), validators=[
        Optional(), Length(max=200)])
    head_email = EmailField(_l("E-mail address of the head of delegation"), validators=[
        Optional(), Length(max=254)])
    reason = TextAreaField(_l("Reason for declining"), validators=[Optional(),
                                                                    Length(max=2000)])


class LetterForm(AppForm):
    reply_by = DateField(_l("Reply by"), validators=[DataRequired(REQUIRED), DateWithin()])
    # One input per language each (subject_en, body_th…).
    subject = MultilingualField(max_length=300, labels=lambda name: _(
        "Subject (%(language)s)", language=name))
    body = MultilingualField(text_field=TextAreaField, max_length=20000, labels=lambda name: _(
        "Letter (%(language)s)", language=name))
