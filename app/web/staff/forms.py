"""Forms of the staff pages and of the password links. The services check every value (all
problems at once, translated), so the fields carry only what the browser needs."""
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, Length

from app.web.auth.forms import EMAIL_INVALID, REQUIRED
from app.web.forms import AppForm as FlaskForm
from app.web.forms import SelectField


class InviteForm(FlaskForm):
    name = StringField(_l("Name"), render_kw={"maxlength": 200, "autocomplete": "off"})
    email = EmailField(_l("E-mail address"), render_kw={"maxlength": 254,
                                                         "autocomplete": "off"})
    role = SelectField(_l("Role"), validate_choice=False)
    locale = SelectField(_l("Language of pages and e-mails"), validate_choice=False)


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), validate_choice=False)


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[
        DataRequired(REQUIRED), Length(max=254), Email(EMAIL_INVALID)])


class ChoosePasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), render_kw={"minlength": 12,
                                                            "maxlength": 1024})
    confirm = PasswordField(_l("New password again"), render_kw={"maxlength": 1024})
