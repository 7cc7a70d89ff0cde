"""Sign-in forms; every message is translated."""
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, Length, Regexp

from app.web.forms import AppForm as FlaskForm
from app.web.forms import SelectField

REQUIRED = _l("This field is required.")
EMAIL_INVALID = _l("Enter a valid e-mail address, for example name@agency.gov.")


class LinkRequestForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[
        DataRequired(REQUIRED), Length(max=254), Email(EMAIL_INVALID)])


class PasswordSignInForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[
        DataRequired(REQUIRED), Length(max=254), Email(EMAIL_INVALID)])
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED),
                                                         Length(max=1024)])


class TotpForm(FlaskForm):
    code = StringField(_l("Six-digit code from your authenticator app"), validators=[
        DataRequired(REQUIRED),
        Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message=_l("The code has six digits."))])


class ConfirmForm(FlaskForm):
    """A form with only its CSRF token: confirms an action such as using a sign-in link."""


class ProfileForm(FlaskForm):
    """The person's own settings; choices are filled in by the view, in the reader's language.
    The service checks every field (all problems at once), so the fields carry no validators."""
    name = StringField(_l("Name"), render_kw={"maxlength": 200, "autocomplete": "name"})
    locale = SelectField(_l("Language of pages and e-mails"), validate_choice=False)
    timezone = SelectField(_l("Time zone for reading times"), validate_choice=False)


class EmailChangeForm(FlaskForm):
    email = EmailField(_l("New e-mail address"), validators=[
        DataRequired(REQUIRED), Length(max=254), Email(EMAIL_INVALID)])
