"""Forms of the list of speakers: asking for the floor, the time limits, the display link.
Choices are filled by the view, in the reader's language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField
from wtforms.validators import Length, Optional

from app.floor.speakers.models import RequestKind
from app.web.forms import AppForm, SelectField


class AskForm(AppForm):
    organisation_id = SelectField(_l("Delegation"), coerce=int)
    kind = SelectField(_l("Reason for asking"))
    speaker_name = StringField(_l("Who will speak (optional)"),
                               validators=[Optional(), Length(max=200)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [(kind.value, kind.label) for kind in RequestKind]


class LimitForm(AppForm):
    limit_seconds = IntegerField(_l("Time limit per intervention (seconds)"),
                                 validators=[Optional()])


class DisplayLinkForm(AppForm):
    hours = IntegerField(_l("Valid for (hours)"), default=48)
