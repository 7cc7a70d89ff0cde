"""Registration forms; the service validates again, for every way in."""
from __future__ import annotations

import functools

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.i18n import current_locale
from app.registration.models import DietaryNeed
from app.web.forms import AppForm, SelectField
from app.web.invitations.forms import REQUIRED, language_choices

ROLE_CHOICES = [("head", _l("Head of delegation")), ("delegate", _l("Delegate")),
                ("adviser", _l("Adviser")), ("interpreter", _l("Interpreter")),
                ("observer", _l("Observer"))]


def country_choices() -> list[tuple[str, str]]:
    return list(_country_choices(current_locale()))


@functools.lru_cache(maxsize=32)
def _country_choices(locale: str) -> tuple[tuple[str, str], ...]:
    """Sorted once per locale: CLDR's names do not change while the app runs."""
    from babel import Locale

    names = Locale.parse(locale).territories
    return tuple(sorted(((code, name) for code, name in names.items()
                         if len(code) == 2 and code.isalpha() and code not in (
                             "ZZ", "EU", "UN", "EZ", "QO", "XA", "XB")),
                        key=lambda pair: pair[1].casefold()))


class ChoiceField(SelectField):
    """A SelectField whose choice check looks the value up among the options' values;
    WTForms builds an object per option on every post to check it (some 250 countries)."""

    def pre_validate(self, form):
        if self.process_errors or not self.validate_choice or not isinstance(
                self.choices, list) or not all(isinstance(c, tuple) for c in self.choices):
            return super().pre_validate(form)
        if self.data not in {self.coerce(choice[0]) for choice in self.choices}:
            raise ValidationError(
                self.invalid_choice_message or self.gettext("Not a valid choice."))
        return None


class RegistrationForm(AppForm):
    family_name = StringField(_l("Family name (as in the passport, Latin letters)"),
                              validators=[DataRequired(REQUIRED), Length(max=100)])
    given_names = StringField(_l("Given names (as in the passport, Latin letters)"),
                              validators=[Length(max=100)])
    native_name = StringField(_l("Name in your own script"), validators=[Length(max=200)])
    title = StringField(_l("Rank or title"), validators=[Length(max=100)])
    position = StringField(_l("Position"), validators=[Length(max=200)])
    email = EmailField(_l("E-mail address"), validators=[DataRequired(REQUIRED),
                                                         Length(max=254)])
    phone = StringField(_l("Mobile phone"), validators=[Length(max=40)])
    role = ChoiceField(_l("Role in the delegation"), choices=ROLE_CHOICES, default="delegate")
    interpretation = ChoiceField(_l("Interpretation wanted into"), default="")
    nationality = ChoiceField(_l("Nationality"), validators=[DataRequired(REQUIRED)])
    diet = ChoiceField(_l("Dietary need"), default="", coerce=lambda value: (
        "" if value is None else str(getattr(value, "value", value))))
    dietary = TextAreaField(_l("Allergies and other dietary needs"),
                            validators=[Length(max=1000)])
    accessibility = TextAreaField(_l("Accessibility needs"), validators=[Length(max=1000)])
    arrival_date = DateField(_l("Arrival date"), validators=[Optional()])
    arrival_flight = StringField(_l("Arrival flight"), validators=[Length(max=20)])
    departure_date = DateField(_l("Departure date"), validators=[Optional()])
    departure_flight = StringField(_l("Departure flight"), validators=[Length(max=20)])
    hotel = StringField(_l("Hotel"), validators=[Length(max=200)])
    photo = FileField(_l("Photo for the badge (JPEG or PNG, at most 5 MB)"))
    visa_needed = BooleanField(_l("I need a visa support letter"))
    passport_number = StringField(_l("Passport number"), validators=[Length(max=40)])
    birth_date = DateField(_l("Date of birth"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.nationality.choices = [("", "—"), *country_choices()]
        self.interpretation.choices = [("", _l("None needed")), *language_choices()]
        self.diet.choices = [("", "—"), *((need.value, need.label) for need in DietaryNeed)]


class ReasonForm(AppForm):
    reason = TextAreaField(_l("Reason (sent to the delegate)"), validators=[
        DataRequired(REQUIRED), Length(max=2000)])


class QuotaForm(AppForm):
    quota = IntegerField(_l("Delegation size allowed"), validators=[DataRequired(REQUIRED)])


class CheckInForm(AppForm):
    # Focused on every page load, also without JavaScript, ready for the next scan.
    code = StringField(_l("Badge code"), validators=[DataRequired(REQUIRED), Length(max=300)],
                       render_kw={"autofocus": True, "autocapitalize": "characters",
                                  "spellcheck": "false", "enterkeyhint": "go"})
    day = SelectField(_l("Day"))


class BulkForm(AppForm):
    """Only the CSRF token: the selected ids are read from the checkboxes."""
