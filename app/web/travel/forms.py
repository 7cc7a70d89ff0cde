"""Forms of the travel pages; the services check the values (every problem at once)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, StringField
from wtforms.validators import Length, Optional

from app.logistics.travel.models import Direction, VehicleKind
from app.web.forms import AppForm, SelectField


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class FlightsForm(AppForm):
    arrival_carrier = StringField(_l("Airline"), validators=[Length(max=8)])
    arrival_number = StringField(_l("Flight number"), validators=[Length(max=8)])
    arrival_airport = StringField(_l("Airport"), validators=[Length(max=8)])
    arrival_terminal = StringField(_l("Terminal"), validators=[Length(max=10)])
    arrival_day = DateField(_l("Date"), validators=[Optional()])
    arrival_time = StringField(_l("Local time"), validators=[Length(max=8)])
    departure_carrier = StringField(_l("Airline"), validators=[Length(max=8)])
    departure_number = StringField(_l("Flight number"), validators=[Length(max=8)])
    departure_airport = StringField(_l("Airport"), validators=[Length(max=8)])
    departure_terminal = StringField(_l("Terminal"), validators=[Length(max=10)])
    departure_day = DateField(_l("Date"), validators=[Optional()])
    departure_time = StringField(_l("Local time"), validators=[Length(max=8)])
    met_by = SelectField(_l("Met by"), coerce=_optional_int, validate_choice=False)


class VehicleForm(AppForm):
    kind = SelectField(_l("Kind"), validate_choice=False)  # the service checks; choices per request
    capacity = IntegerField(_l("Passenger seats"), validators=[Optional()])
    plate = StringField(_l("Number plate"), validators=[Length(max=20)])
    driver_name = StringField(_l("Driver"), validators=[Length(max=100)])
    driver_phone = StringField(_l("Driver's phone"), validators=[Length(max=30)])


class TripForm(AppForm):
    vehicle_id = SelectField(_l("Vehicle"), coerce=_optional_int, validate_choice=False)
    direction = SelectField(_l("Arrival or departure"), validate_choice=False)
    airport = StringField(_l("Airport"), validators=[Length(max=8)])
    day = DateField(_l("Date"), validators=[Optional()])
    starts = StringField(_l("Leaves at"), validators=[Length(max=8)])
    ends = StringField(_l("Back at"), validators=[Length(max=8)])


class PassengerForm(AppForm):
    flight_id = SelectField(_l("Passenger"), coerce=_optional_int, validate_choice=False)


def enum_choices(kind: type[Direction] | type[VehicleKind]) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in kind]
