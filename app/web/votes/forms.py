"""Forms of the votes: opening a vote and recording an explanation of vote or a reservation.
Choices are filled by the view in the reader's language; the service checks every value and
reports each problem by its field, so a choice not in a list gets its own translated message."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField

from app.web.forms import AppForm, SelectField


class OpenVoteForm(AppForm):
    item_id = SelectField(_l("Agenda item"), validate_choice=False)
    subject = SelectField(_l("What is decided"), validate_choice=False)
    resolution_id = SelectField(_l("Resolution"), validate_choice=False)
    amendment_id = SelectField(_l("Amendment"), validate_choice=False)
    motion = TextAreaField(_l("Motion, or the question as the chair puts it"))
    language = SelectField(_l("Language of the motion"), validate_choice=False)
    method = SelectField(_l("How the meeting decides"), validate_choice=False)
    majority = SelectField(_l("Majority required"), validate_choice=False)
    quorum = SelectField(_l("Quorum"), validate_choice=False)


class StatementForm(AppForm):
    organisation_id = SelectField(_l("Delegation"), validate_choice=False)
    kind = SelectField(_l("Kind"), validate_choice=False)
    language = SelectField(_l("Language"), validate_choice=False)
    text = TextAreaField(_l("Text as delivered"))
