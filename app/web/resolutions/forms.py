"""Resolution forms; the service checks every rule again."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from app.web.forms import TEXT_STATUSES, AppForm, DateWithin, SelectField, SelectMultipleField
from app.web.invitations.forms import REQUIRED


class NewResolutionForm(AppForm):
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED), Length(max=300)])
    language = SelectField(_l("Original language"))


class EditionForm(AppForm):
    """Title and status; one textarea per paragraph is added by the view."""

    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED), Length(max=300)])
    status = SelectField(_l("Status of this language version"), choices=TEXT_STATUSES)
    version = HiddenField()


class ParagraphForm(AppForm):
    kind = SelectField(_l("Paragraph"), choices=[
        ("preambular", _l("Preambular paragraph")), ("operative", _l("Operative paragraph"))])
    parent_id = HiddenField()


class SponsorsForm(AppForm):
    organisations = SelectMultipleField(_l("Sponsors"), coerce=int)


class DecisionForm(AppForm):
    action = HiddenField()
    method = SelectField(_l("Decided"), choices=[("consensus", _l("By consensus")),
                                                 ("vote", _l("By vote"))],
                         default="consensus")
    votes_for = IntegerField(_l("In favour"), validators=[Optional()])
    votes_against = IntegerField(_l("Against"), validators=[Optional()])
    votes_abstaining = IntegerField(_l("Abstaining"), validators=[Optional()])
    decided_on = DateField(_l("Date"), validators=[Optional(), DateWithin()])
    record = TextAreaField(_l("Record (statements, reservations)"),
                           validators=[Length(max=2000)])


class AmendmentForm(AppForm):
    paragraph_id = SelectField(_l("Paragraph"), coerce=int)
    language = SelectField(_l("Language"))
    text = TextAreaField(_l("Proposed wording"), validators=[DataRequired(REQUIRED),
                                                             Length(max=4000)])
    organisation_id = SelectField(_l("Proposed by"), coerce=int)
