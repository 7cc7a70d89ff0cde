"""The circular's form: recipients, a subject and text per language, files."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, TextAreaField
from wtforms.validators import Optional

from app.circulars.models import Audience
from app.meetings.models import ParticipationCategory
from app.web.forms import AppForm, MultilingualField, SelectField


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class CircularForm(AppForm):
    audience = SelectField(_l("Recipients"), choices=[(a.value, Audience.__labels__[a.value])
                                                       for a in Audience])  # lazy: per request
    organisation = SelectField(_l("Delegation"), coerce=_optional_int,
                               validators=[Optional()], validate_choice=False)
    category = SelectField(_l("Category"), validators=[Optional()],
                           choices=[("", "—")] + [
                               (c.value, ParticipationCategory.__labels__[c.value])
                               for c in ParticipationCategory])
    subject = MultilingualField(max_length=200, labels=lambda name: _(
        "Subject (%(language)s)", language=name))
    body = MultilingualField(text_field=TextAreaField, max_length=20000, labels=lambda name: _(
        "Text (%(language)s)", language=name))
    working_language = BooleanField(_l("Send the working-language text to the recipients "
                                       "whose language has no text"))
    attachments = MultipleFileField(_l("Attachments (PDF, DOCX or XLSX; 10 MB in all)"))
