"""Minutes forms; the service checks every rule again."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.web.forms import TEXT_STATUSES, AppForm, DateWithin, SelectField
from app.web.invitations.forms import REQUIRED


class EntryForm(AppForm):
    body = TextAreaField(_l("Minutes of this item (Markdown)"), validators=[Length(max=50_000)])
    status = SelectField(_l("Status of this language version"), choices=TEXT_STATUSES)
    version = HiddenField()


class CommentForm(AppForm):
    body = TextAreaField(_l("Your comment on this item"), validators=[
        DataRequired(REQUIRED), Length(max=4000)])


class DecisionForm(AppForm):
    text = TextAreaField(_l("Decision"), validators=[DataRequired(REQUIRED), Length(max=2000)])


class ActionForm(AppForm):
    description = TextAreaField(_l("Action"), validators=[DataRequired(REQUIRED),
                                                          Length(max=2000)])
    owner_id = SelectField(_l("Responsible"), coerce=int)
    due_date = DateField(_l("Due"), validators=[Optional(), DateWithin()])


class ActionStatusForm(AppForm):
    status = SelectField(_l("Status"), choices=[("open", _l("Open")), ("done", _l("Done")),
                                                ("dropped", _l("Dropped"))])


class ClassificationForm(AppForm):
    classification = StringField(_l("Classification marking"), validators=[Length(max=40)])
