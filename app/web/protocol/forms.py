"""Protocol forms; the services check the choices again, for every way in."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from app.protocol.models import Paper, PrecedenceRule, SeatingLayout
from app.web.forms import AppForm, SelectField


def _choices(kind) -> list[tuple[str, str]]:
    return [(member.value, kind.__labels__[member.value]) for member in kind]


class RuleForm(AppForm):
    rule = SelectField(_l("Order after the host"), choices=_choices(PrecedenceRule))


class LotForm(AppForm):
    redraw = BooleanField(_l("Draw again: the new letter replaces the one drawn before (which "
                             "stays on record)"))


class SeatingForm(AppForm):
    layout = SelectField(_l("Layout"), choices=_choices(SeatingLayout))
    paper = SelectField(_l("Paper"), choices=_choices(Paper))
