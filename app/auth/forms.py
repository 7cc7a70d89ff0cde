"""Sign-in forms; every message is translated."""
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, Length, Regexp

from app.forms import AppForm as FlaskForm

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
