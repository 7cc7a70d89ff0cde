"""Agenda forms: multilingual titles and descriptions, times in the meeting's zone."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.agenda.models import VersionKind, Visibility
from app.web.forms import AppForm as FlaskForm
from app.web.forms import MultilingualField, SelectField, SelectMultipleField

REQUIRED = _l("This field is required.")
DOCUMENT_TYPES = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt"]


def _title():
    return MultilingualField(max_length=300, labels=lambda name: _(
        "Title (%(language)s)", language=name))


class SessionForm(FlaskForm):
    day = DateField(_l("Day"), validators=[DataRequired(REQUIRED)])
    start_time = TimeField(_l("Start time"), validators=[DataRequired(REQUIRED)])
    end_time = TimeField(_l("End time"), validators=[DataRequired(REQUIRED)])
    room_id = SelectField(_l("Room"), coerce=int)
    title = _title()


class ItemForm(FlaskForm):
    session_id = SelectField(_l("Session"), coerce=int)
    parent_id = SelectField(_l("Sub-item of"), coerce=int)
    day = DateField(_l("Day"), validators=[Optional()])
    start_time = TimeField(_l("Start time"), validators=[Optional()])
    end_time = TimeField(_l("End time"), validators=[Optional()])
    room_id = SelectField(_l("Room"), coerce=int)
    visibility = SelectField(_l("Who can see it"), choices=[
        (Visibility.PUBLIC.value, _l("Everyone, including the public page")),
        (Visibility.DELEGATES.value, _l("All participants")),
        (Visibility.HEADS.value, _l("Heads of delegation and the secretariat only"))])
    presenter_ids = SelectMultipleField(_l("Presented by (organisations)"), coerce=int,
                                        widget=ListWidget(prefix_label=False),
                                        option_widget=CheckboxInput())
    presenter_names = StringField(_l("Presented by (people)"), validators=[Length(max=500)])
    standing = BooleanField(_l("Standing item (copied to the next meeting)"))
    title = _title()
    description = MultilingualField(text_field=TextAreaField, max_length=5000,
                                    labels=lambda name: _("Description (%(language)s)",
                                                          language=name))


class PublishForm(FlaskForm):
    kind = SelectField(_l("Publish as"), choices=[
        (VersionKind.PROVISIONAL.value, _l("Provisional agenda")),
        (VersionKind.ADOPTED.value, _l("Adopted agenda"))])


class DocumentForm(FlaskForm):
    title = StringField(_l("Document title"), validators=[DataRequired(REQUIRED),
                                                          Length(max=200)])
    file = FileField(_l("File"), validators=[
        FileRequired(REQUIRED),
        FileAllowed(DOCUMENT_TYPES, _l("Allowed file types: PDF, Word, Excel, PowerPoint, "
                                       "OpenDocument, plain text."))])
