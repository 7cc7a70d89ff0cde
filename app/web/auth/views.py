"""Sign-in: one-time links for delegates, password and TOTP for the secretariat."""
from __future__ import annotations

import json
import time
from urllib.parse import urlsplit

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app import i18n
from app.audit.services import record
from app.auth import profile, sessions
from app.auth.models import User
from app.auth.services import (
    SignInError,
    authenticate,
    begin_second_step,
    check_login_link,
    clear_failures,
    new_totp_secret,
    note_failed_sign_in,
    note_wrong_totp,
    redeem_login_link,
    second_step_open,
    send_login_link,
    totp_uri,
    verify_totp,
)
from app.extensions import db, limiter
from app.models_base import utcnow
from app.series import privacy
from app.urls import public_url
from app.web.auth.forms import (
    ConfirmForm,
    EmailChangeForm,
    LinkRequestForm,
    PasswordSignInForm,
    ProfileForm,
    TotpForm,
)
from app.web.steps import step

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _sign_in_limit() -> str:
    return current_app.config["SIGN_IN_RATE_LIMIT"]


def safe_next(target: str | None) -> str:
    """Only same-site relative paths are followed after sign-in."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") \
                and not target.startswith("//") and "\\" not in target:
            return target
    return url_for("main.index")


def _complete_sign_in(user: User, method: str):
    lang = session.get("lang")
    session.clear()  # a fresh session on every sign-in: no fixation
    if lang:
        session["lang"] = lang
    login_user(user)
    session[sessions.TOKEN_KEY] = sessions.start(
        user, method, request.user_agent.string, current_app.config["PERMANENT_SESSION_LIFETIME"])
    session.permanent = True
    user.last_sign_in_at = utcnow()
    clear_failures(user)
    record(f"auth.sign_in_{method}", user, actor=user)
    db.session.commit()
    return user


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"])
def sign_in():
    form = LinkRequestForm()
    if form.validate_on_submit():
        send_login_link(form.email.data)
        db.session.commit()
        return render_template("auth/link_sent.html", email=form.email.data)
    return render_template("auth/sign_in.html", form=form, next=request.args.get("next", ""))


@bp.route("/link/<token>", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"])
def link(token: str):
    """GET only shows a button, so mail scanners that open links do not use them up."""
    form = ConfirmForm()
    try:
        row = check_login_link(token)
        if request.method == "POST" and form.validate_on_submit():
            user = redeem_login_link(token)
            _complete_sign_in(user, "link")
            flash(_("Welcome, %(name)s. You are signed in.", name=user.name), "success")
            return redirect(safe_next(request.args.get("next")))
    except SignInError as error:
        return render_template("auth/link_invalid.html", reason=error.reason), 400
    return render_template("auth/link_confirm.html", form=form, user=row.user)


@bp.route("/staff", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"])
def staff_sign_in():
    form = PasswordSignInForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is None or not user.needs_password:
            # Locked accounts get this same answer: their password is not even checked.
            db.session.rollback()
            record("auth.sign_in_failed", None, email=form.email.data[:254])
            note_failed_sign_in(form.email.data)
            db.session.commit()
            form.password.errors.append(_("The e-mail address or password is not correct."))
        elif user.is_admin:
            begin_second_step(user)
            session["pending_user"] = {"id": user.id, "at": time.time(),
                                       "next": safe_next(request.args.get("next"))}
            db.session.commit()
            return redirect(url_for("auth.totp"))
        else:
            _complete_sign_in(user, "password")
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/staff_sign_in.html", form=form)


def _pending_user() -> tuple[User | None, str]:
    """The person between the password and the code step; None when that step is void
    (too many wrong codes, or the account locked): the state is checked in the database,
    as the cookie that holds the pending step can be copied and replayed."""
    pending = session.get("pending_user") or {}
    try:
        age = time.time() - float(pending.get("at", 0))
        user_id = int(pending.get("id", 0))
    except (TypeError, ValueError):
        age, user_id = float("inf"), 0
    user = db.session.get(User, user_id) if pending else None
    if user is None or age > current_app.config["TOTP_PENDING_MAX_AGE"]:
        session.pop("pending_user", None)
        abort(403)
    if not second_step_open(user):
        return None, ""
    return user, pending.get("next") or url_for("main.index")


def _back_to_password_step():
    session.pop("pending_user", None)
    session.pop("totp_enrol_secret", None)
    flash(_("Too many wrong codes. Please sign in again with your password."), "error")
    return redirect(url_for("auth.staff_sign_in"))


@bp.route("/totp", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"])
def totp():
    """Second step for administrators: a TOTP code; enrolment on first use."""
    user, target = _pending_user()
    if user is None:
        return _back_to_password_step()
    enrolling = not user.totp_secret
    if enrolling:
        session.setdefault("totp_enrol_secret", new_totp_secret())
    secret = user.totp_secret or session["totp_enrol_secret"]
    form = TotpForm()
    if form.validate_on_submit():
        if verify_totp(user, form.code.data, secret):
            if enrolling:
                user.totp_secret = secret
                record("auth.totp_enrolled", user, actor=user)
            _complete_sign_in(user, "password_totp")
            return redirect(target)
        db.session.rollback()
        void = note_wrong_totp(user)
        record("auth.totp_failed", user, actor=None)
        db.session.commit()
        if void:
            return _back_to_password_step()
        form.code.errors.append(_("This code is not valid. Wait for a new code and try again."))
    qr = segno.make(totp_uri(user, secret)).svg_data_uri(scale=4) if enrolling else None
    return render_template("auth/totp.html", form=form, enrolling=enrolling, qr=qr,
                           secret=secret if enrolling else None)


@bp.route("/sign-out", methods=["POST"])
@login_required
def sign_out():
    ConfirmForm()  # CSRF is checked globally before we get here
    sessions.end(current_user.id, session.get(sessions.TOKEN_KEY))
    record("auth.sign_out", current_user, actor=current_user)
    db.session.commit()
    _forget_sign_in()
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.index"))


def _forget_sign_in() -> None:
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang


def _sessions_since():
    return utcnow() - current_app.config["PERMANENT_SESSION_LIFETIME"]


@bp.route("/sessions")
@login_required
def sessions_page():
    """The person's own signed-in browsers, with the buttons to sign them out."""
    digest = sessions.digest(session.get(sessions.TOKEN_KEY) or "")
    return render_template("auth/sessions.html",
                           sessions=sessions.live(current_user.id, _sessions_since()),
                           current_digest=digest)


@bp.route("/sessions/end-others", methods=["POST"])
@login_required
def end_other_sessions():
    ConfirmForm()  # CSRF is checked globally before we get here
    ended = sessions.end_all(current_user.id, keep_token=session.get(sessions.TOKEN_KEY))
    record("auth.sign_out_elsewhere", current_user, actor=current_user, sessions=ended)
    db.session.commit()
    flash(ngettext("%(num)d other browser was signed out.",
                   "%(num)d other browsers were signed out.", ended), "success")
    return redirect(url_for("auth.sessions_page"))


@bp.route("/sessions/end-all", methods=["POST"])
@login_required
def end_all_sessions():
    ConfirmForm()  # CSRF is checked globally before we get here
    ended = sessions.end_all(current_user.id)
    record("auth.sign_out_everywhere", current_user, actor=current_user, sessions=ended)
    db.session.commit()
    logout_user()  # the session ended in the database: the cookie only forgets the person
    session.pop(sessions.TOKEN_KEY, None)
    flash(_("You are signed out everywhere, on this browser too."), "info")
    return redirect(url_for("main.index"))


# --- the person's own profile -----------------------------------------------------------------

def _profile_forms(profile_form=None, email_form=None):
    form = profile_form or ProfileForm(obj=current_user)
    form.locale.choices = [(code, i18n.language_name(code)) for code in i18n.LOCALES]
    form.timezone.choices = [("", _("The meeting's time zone"))] + profile.zone_choices(
        i18n.current_locale())
    return form, email_form or EmailChangeForm(formdata=None)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile_page():
    """Name, language (which e-mails follow) and time zone, each the person's own choice."""
    form, email_form = _profile_forms()
    if form.validate_on_submit():
        with step(profile.ProfileError, form) as done:
            profile.update_profile(current_user, name=form.name.data or "",
                                   locale=form.locale.data or "",
                                   timezone=form.timezone.data or "")
        if done:
            session["lang"] = current_user.locale  # the page answers in the chosen language
            with force_locale(current_user.locale):
                flash(_("Your profile has been saved."), "success")
            return redirect(url_for("auth.profile_page"))
    return render_template("auth/profile.html", form=form, email_form=email_form)


@bp.route("/profile/my-data.json")
@login_required
def my_data():
    """Everything held about the signed-in person, as JSON (their own copy)."""
    data = privacy.account_data(current_user)
    record("auth.data_exported", current_user, actor=current_user)
    db.session.commit()
    response = Response(json.dumps(data, ensure_ascii=False, indent=2),
                        mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/profile/email", methods=["POST"])
@login_required
@limiter.limit(_sign_in_limit)
def change_email():
    """A new sign-in address: a confirmation link goes to it; nothing changes until then."""
    form, email_form = _profile_forms(ProfileForm(formdata=None, obj=current_user),
                                      EmailChangeForm())
    if email_form.validate_on_submit():
        with step(profile.ProfileError, email_form,
                  success=_("A link has been sent to the new address. Your address changes "
                            "when you open it (within an hour).")) as done:
            profile.request_email_change(
                current_user, email_form.email.data,
                lambda token: public_url("auth.confirm_email", token=token))
        if done:
            return redirect(url_for("auth.profile_page"))
    return render_template("auth/profile.html", form=form, email_form=email_form), 400


@bp.route("/email/<token>", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"])
def confirm_email(token: str):
    """GET only shows a button, so mail scanners that open links do not use them up."""
    form = ConfirmForm()
    try:
        user, email = profile.check_email_change(token)
        if request.method == "POST" and form.validate_on_submit():
            profile.confirm_email_change(token)
            db.session.commit()
            flash(_("Your e-mail address is now %(email)s.", email=email), "success")
            return redirect(url_for("auth.profile_page") if current_user.is_authenticated
                            else url_for("main.index"))
    except profile.ProfileError as error:
        db.session.rollback()
        return render_template("auth/email_invalid.html", message=error.message), 400
    return render_template("auth/email_confirm.html", form=form, email=email)
