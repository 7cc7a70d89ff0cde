"""Forms of the documents register: a new document, its details, a language version, a
revision, addendum or corrigendum. Choices are filled by the view, in the reader's language."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import IntegerField
from wtforms.validators import NumberRange, Optional

from app.doc_register.models import DocumentKind
from app.web.forms import AppForm, MultilingualField, SelectField


def _title():
    return MultilingualField(max_length=300, labels=lambda name: _(
        "Title (%(language)s)", language=name))


class DetailsForm(AppForm):
    title = _title()
    agenda_item_id = SelectField(_l("Agenda item"), coerce=int)
    distribution = SelectField(_l("Distribution"))


class NewDocumentForm(DetailsForm):
    doc_class = SelectField(_l("Class of document"))
    number = IntegerField(_l("Number (leave blank for the next free one)"),
                          validators=[Optional(), NumberRange(min=1, max=9999)])
    language = SelectField(_l("Language of the file"))
    file = FileField(_l("File (PDF, DOCX or XLSX; optional now)"))


class FileForm(AppForm):
    language = SelectField(_l("Language of the file"))
    file = FileField(_l("File (PDF, DOCX or XLSX)"))


class ReviseForm(AppForm):
    kind = SelectField(_l("What to issue"), choices=[
        (DocumentKind.REVISION.value, _l("A revision (replaces the document)")),
        (DocumentKind.ADDENDUM.value, _l("An addendum (adds to it)")),
        (DocumentKind.CORRIGENDUM.value, _l("A corrigendum (corrects it)"))])
    title = _title()
    language = SelectField(_l("Language of the file"))
    file = FileField(_l("File (PDF, DOCX or XLSX; optional now)"))
