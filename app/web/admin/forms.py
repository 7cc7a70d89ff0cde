"""Forms of the administration pages (site administrators)."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    StringField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.meetings.models import OrganisationKind, ParticipationCategory
from app.web.forms import AppForm, MultilingualField, SelectField, SelectMultipleField
from app.web.meetings.forms import MeetingTextsForm, language_choices
from app.web.registration.forms import country_choices

REQUIRED = _l("This field is required.")
#: Room rows on the new-meeting form and on a meeting's page.
ROOM_ROWS = 3
KIND_LABELS = {OrganisationKind.NATIONAL_AGENCY: _l("National agency"),
               OrganisationKind.INTERNATIONAL_BODY: _l("International organisation")}


class SeriesForm(AppForm):
    name = MultilingualField(max_length=200, labels=lambda name: _(
        "Name (%(language)s)", language=name))
    slug = StringField(_l("Address (slug)"), validators=[DataRequired(REQUIRED),
                                                         Length(max=40)])
    symbol_root = StringField(_l("Symbol root"), validators=[DataRequired(REQUIRED),
                                                            Length(max=16)])



def _with_rooms(cls):
    for index in range(1, ROOM_ROWS + 1):
        setattr(cls, f"room_name_{index}", StringField(
            _l("Room %(number)s", number=index), validators=[Optional(), Length(max=120)]))
        setattr(cls, f"room_capacity_{index}", IntegerField(
            _l("Seats in room %(number)s", number=index), validators=[Optional()]))
    return cls


@_with_rooms
class MeetingForm(MeetingTextsForm):
    # The lists are checked by the service (create_meeting), with every other rule, so that
    # a form shows all its problems at once.
    series_id = SelectField(_l("Series"), coerce=int, validate_choice=False)
    start_date = DateField(_l("First day"), validators=[DataRequired(REQUIRED)])
    end_date = DateField(_l("Last day"), validators=[DataRequired(REQUIRED)])
    timezone = StringField(_l("Time zone"), validators=[DataRequired(REQUIRED),
                                                         Length(max=64)],
                           render_kw={"list": "zones"})
    working_language = SelectField(_l("Working language"), validate_choice=False)
    official_languages = SelectMultipleField(_l("Official languages"),
                                             widget=ListWidget(prefix_label=False),
                                             option_widget=CheckboxInput(),
                                             validate_choice=False)
    host_id = SelectField(_l("Host (its letterhead heads the letters)"), coerce=int, default=0,
                          validate_choice=False)
    symbol_prefix = StringField(_l("Symbol prefix"), validators=[DataRequired(REQUIRED),
                                                                Length(max=32)])
    is_public = BooleanField(_l("Show the meeting's public page to everyone"))

    def rooms(self) -> list[tuple]:
        return [(self[f"room_name_{n}"], self[f"room_capacity_{n}"])
                for n in range(1, ROOM_ROWS + 1)]


def meeting_form(series: list[tuple[int, str]], organisations: list[tuple[int, str]],
                 **kwargs) -> MeetingForm:
    form = MeetingForm(**kwargs)
    form.series_id.choices = series
    form.working_language.choices = language_choices()
    form.official_languages.choices = language_choices()
    form.host_id.choices = [(0, "—"), *organisations]
    return form


@_with_rooms
class RoomsForm(AppForm):
    def rooms(self) -> list[tuple]:
        return MeetingForm.rooms(self)


class RoomForm(AppForm):
    name = MultilingualField(max_length=120, labels=lambda name: _(
        "Name (%(language)s)", language=name))
    capacity = IntegerField(_l("Seats"), validators=[Optional()])


class ParticipantForm(AppForm):
    organisation_id = SelectField(_l("Organisation"), coerce=int,
                                  validators=[DataRequired(REQUIRED)])
    category = SelectField(_l("Category"), choices=[
        (c.value, ParticipationCategory.__labels__[c.value]) for c in ParticipationCategory])


class OrganisationForm(AppForm):
    name = MultilingualField(max_length=200, labels=lambda name: _(
        "Name (%(language)s)", language=name))
    short_name = MultilingualField(max_length=32, labels=lambda name: _(
        "Short name (%(language)s)", language=name))
    # The lists are checked by the service (save_organisation), with its other rules.
    kind = SelectField(_l("Kind"), choices=[(kind.value, label)
                                            for kind, label in KIND_LABELS.items()],
                       validate_choice=False)
    country = SelectField(_l("Country"), validate_choice=False)
    language = SelectField(_l("Default language"), validate_choice=False)


def organisation_form(**kwargs) -> OrganisationForm:
    form = OrganisationForm(**kwargs)
    form.country.choices = [("", "—"), *country_choices()]
    form.language.choices = language_choices()
    return form
