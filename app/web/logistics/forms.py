"""Forms of the logistics pages (accommodation); the services check again, for every way in."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from app.web.forms import AppForm, MultilingualField, SelectField
from app.web.invitations.forms import REQUIRED


class HotelForm(AppForm):
    name = MultilingualField(max_length=200, labels=lambda name: _(
        "Hotel name (%(language)s)", language=name))
    address = MultilingualField(text_field=TextAreaField, max_length=500, labels=lambda name: _(
        "Address (%(language)s)", language=name))
    contact = MultilingualField(text_field=TextAreaField, max_length=300, labels=lambda name: _(
        "Contact at the hotel (%(language)s)", language=name))
    phone = StringField(_l("Telephone"), validators=[Length(max=40)])
    email = StringField(_l("E-mail address"), validators=[Length(max=254)])


class BlockForm(AppForm):
    room_type = MultilingualField(max_length=120, labels=lambda name: _(
        "Room type (%(language)s)", language=name))
    # Numbers are checked by the service, with every other rule, so that all problems show.
    occupancy = StringField(_l("People per room"), validators=[InputRequired(REQUIRED)],
                            render_kw={"inputmode": "numeric"})
    rate = StringField(_l("Nightly rate"), validators=[InputRequired(REQUIRED)],
                       render_kw={"inputmode": "decimal"})
    currency = StringField(_l("Currency (ISO 4217 code)"), default="KRW",
                           validators=[InputRequired(REQUIRED), Length(max=3)],
                           render_kw={"autocapitalize": "characters", "size": 4})
    first_night = DateField(_l("First night"), validators=[Optional()])
    last_night = DateField(_l("Last night"), validators=[Optional()])
    allotment = StringField(_l("Rooms per night (allotment)"),
                            validators=[InputRequired(REQUIRED)],
                            render_kw={"inputmode": "numeric"})
    release_date = DateField(_l("Release date (unassigned rooms go back to the hotel)"),
                             validators=[Optional()])
    organisation_id = SelectField(_l("Reserved for the delegation of"), coerce=int, default=0,
                                  validate_choice=False)


class AssignForm(AppForm):
    registration_id = SelectField(_l("Person"), coerce=int, validate_choice=False)
    room_id = SelectField(_lp("hotel room", "Room"), coerce=int, default=0, validate_choice=False)
    first_night = DateField(_l("First night"), validators=[Optional()])
    last_night = DateField(_l("Last night"), validators=[Optional()])


class NightsForm(AppForm):
    first_night = DateField(_l("First night"), validators=[Optional()])
    last_night = DateField(_l("Last night"), validators=[Optional()])
