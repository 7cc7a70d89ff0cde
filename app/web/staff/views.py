"""The staff pages of a meeting (its administrators, and site administrators): who works in
the secretariat and in which role, inviting, changing, removing, deactivating, resetting
two-step verification, and a person's signed-in browsers. Beside them, the pages of the
e-mailed links that set a password (an invitation, "Forgot your password?")."""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app import i18n
from app.auth import sessions, staff
from app.auth.models import Role
from app.extensions import db, limiter
from app.models_base import utcnow
from app.web import access
from app.web.auth.forms import ConfirmForm
from app.web.forms import attach_error
from app.web.meetings.views import bind_meeting
from app.web.staff.forms import ChoosePasswordForm, ForgotPasswordForm, InviteForm, RoleForm
from app.web.steps import step

bp = Blueprint("staff", __name__, url_prefix="/meetings/<slug>/staff")
bind_meeting(bp)
# Every page: the meeting's administrators (a site administrator is one of every meeting).
access.guard(bp, access.admin_here)

passwords = Blueprint("passwords", __name__, url_prefix="/auth/password")


def _role_choices() -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in staff.GIVEN_ROLES]


def _invite_form(form: InviteForm | None = None) -> InviteForm:
    form = form or InviteForm()
    form.role.choices = _role_choices()
    form.locale.choices = [(code, i18n.language_name(code)) for code in i18n.LOCALES]
    if not form.is_submitted():
        form.role.data = Role.STAFF.value
        form.locale.data = g.meeting.working_language \
            if g.meeting.working_language in i18n.LOCALES else i18n.current_locale()
    return form


@bp.route("/", methods=["GET", "POST"])
def index():
    """The meeting's secretariat, and the form that invites someone to it."""
    form = _invite_form()
    status = 200
    if form.validate_on_submit():
        with step(staff.StaffError, form) as done:
            user, created = staff.invite(
                g.meeting, name=form.name.data or "", email=form.email.data or "",
                role=form.role.data or "", locale=form.locale.data or "", actor=current_user)
            message = (_("%(name)s is invited: an e-mail with a link to choose a password is "
                         "on its way.", name=user.name) if user.password_hash is None
                       else _("%(name)s now has this role at this meeting.", name=user.name))
        if done:
            flash(message, "success")
            return redirect(url_for("staff.index"))
        status = 400
    elif form.is_submitted():
        status = 400
    return render_template("staff/index.html", meeting=g.meeting, form=form,
                           people=staff.staff_of(g.meeting)), status


def _person(user_id: int):
    user = staff.member_of_staff(g.meeting, user_id)
    if user is None:
        abort(404)
    return user


def _since():
    return utcnow() - current_app.config["PERMANENT_SESSION_LIFETIME"]


@bp.route("/<int:user_id>")
def person(user_id: int, role_form: RoleForm | None = None):
    user = _person(user_id)
    form = role_form or RoleForm()
    form.role.choices = _role_choices()
    held = [m.role for m in user.memberships if m.meeting_id == g.meeting.id]
    if role_form is None:
        form.role.data = next((r.value for r in staff.GIVEN_ROLES if r in held), "")
    return render_template(
        "staff/person.html", meeting=g.meeting, person=user, held=held, form=form,
        confirm=ConfirmForm(), sessions=sessions.live(user.id, _since()),
        manageable=staff.may_manage_account(current_user, user))


@bp.route("/<int:user_id>/role", methods=["POST"])
def change_role(user_id: int):
    user = _person(user_id)
    form = RoleForm()
    form.role.choices = _role_choices()
    with step(staff.StaffError, form, success=_("The role has been changed.")) as done:
        staff.change_role(g.meeting, user, form.role.data or "", actor=current_user)
    if done:
        return redirect(url_for("staff.person", user_id=user.id))
    return person(user.id, role_form=form), 400


@bp.route("/<int:user_id>/remove", methods=["POST"])
def remove(user_id: int):
    user = _person(user_id)
    ConfirmForm()  # CSRF is checked globally before we get here
    with step(staff.StaffError, success=_("%(name)s no longer works at this meeting.",
                                          name=user.name)) as done:
        staff.remove(g.meeting, user, actor=current_user)
    return redirect(url_for("staff.index") if done
                    else url_for("staff.person", user_id=user.id))


def _account_step(user_id: int, action, success: str):
    user = _person(user_id)
    ConfirmForm()  # CSRF is checked globally before we get here
    with step(staff.StaffError, success=success):
        action(user)
    return redirect(url_for("staff.person", user_id=user.id))


@bp.route("/<int:user_id>/deactivate", methods=["POST"])
def deactivate(user_id: int):
    return _account_step(user_id, lambda user: staff.deactivate_account(
        g.meeting, user, actor=current_user),
        _("The account is deactivated: it can no longer sign in."))


@bp.route("/<int:user_id>/reactivate", methods=["POST"])
def reactivate(user_id: int):
    return _account_step(user_id, lambda user: staff.reactivate_account(
        user, actor=current_user), _("The account is active again: it can sign in."))


@bp.route("/<int:user_id>/reset-totp", methods=["POST"])
def reset_totp(user_id: int):
    return _account_step(user_id, lambda user: staff.reset_totp(user, actor=current_user),
                         _("Two-step verification is reset: the person sets it up again at "
                           "the next sign-in."))


@bp.route("/<int:user_id>/sign-out", methods=["POST"])
def sign_out(user_id: int):
    user = _person(user_id)
    ConfirmForm()  # CSRF is checked globally before we get here
    with step(staff.StaffError) as done:
        ended = staff.sign_out_everywhere(user, actor=current_user)
    if done:
        flash(ngettext("%(num)d browser was signed out.", "%(num)d browsers were signed out.",
                       ended), "success")
    return redirect(url_for("staff.person", user_id=user.id))


# --- the links that set a password ------------------------------------------------------------

def _sign_in_limit() -> str:
    return current_app.config["SIGN_IN_RATE_LIMIT"]


@passwords.route("/forgot", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"])
def forgot():
    """The same answer whether or not the address has an account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        staff.send_password_reset(form.email.data)
        db.session.commit()
        return render_template("staff/reset_sent.html", email=form.email.data)
    return render_template("staff/forgot.html", form=form), 400 if form.is_submitted() else 200


@passwords.route("/<any(invitation, reset):purpose>/<token>", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"])
def choose(purpose: str, token: str):
    """GET only shows the form: a mail scanner that opens the link does not use it up."""
    form = ChoosePasswordForm()
    try:
        row = staff.check_link(purpose, token)
    except staff.StaffError as error:
        return render_template("auth/email_invalid.html", message=error.message), 400
    user = row.user
    if form.is_submitted():
        try:
            staff.set_password(purpose, token, form.password.data or "", form.confirm.data or "")
        except staff.StaffError as error:
            db.session.rollback()
            if any(field is None for _text, field in error.errors):  # the link, used meanwhile
                return render_template("auth/email_invalid.html", message=error.message), 400
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("Your password is set. Sign in with it."), "success")
            return redirect(url_for("auth.staff_sign_in"))
    return render_template("staff/choose_password.html", form=form, person=user,
                           purpose=purpose, minimum=staff.PASSWORD_MIN), \
        400 if form.is_submitted() else 200
