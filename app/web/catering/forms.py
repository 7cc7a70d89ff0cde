"""Catering forms: a meal of the programme, a person's answer for a meal, a visa status."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, IntegerField, StringField, TimeField
from wtforms.validators import DataRequired, Optional

from app.logistics.catering.models import MealKind, VisaStatus
from app.web.forms import AppForm, MultilingualField, SelectField
from app.web.invitations.forms import REQUIRED


class MealForm(AppForm):
    # The service checks the kind, with every other problem of the form (all at once).
    kind = SelectField(_l("Kind"), validate_choice=False)
    title = MultilingualField(max_length=300, labels=lambda name: _(
        "Name (%(language)s)", language=name))
    place = MultilingualField(max_length=300, labels=lambda name: _(
        "Place (%(language)s)", language=name))
    day = DateField(_l("Day"), validators=[Optional()])
    start_time = TimeField(_l("Start time"), validators=[Optional()])
    end_time = TimeField(_l("End time"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [(k.value, k.label) for k in MealKind]


class AnswerForm(AppForm):
    """One person's answer for one meal: the buttons carry answer=yes|no|default."""

    registration = IntegerField(validators=[DataRequired(REQUIRED)])
    answer = StringField(validators=[DataRequired(REQUIRED)])
    back = HiddenField()


class VisaStatusForm(AppForm):
    status = SelectField(_l("Visa status"), validators=[DataRequired(REQUIRED)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [("", "—"), *((s.value, s.label) for s in VisaStatus)]
