"""The web layer: blueprints, forms, the request-bound part of locale choice, the page cache,
error pages and the headers of every response. It sits on top of the domain packages, which never
read the request."""
from __future__ import annotations

import logging

from flask import Flask, g, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from app import i18n, redact
from app.audit.services import act_by_default
from app.documents.errors import RenderError
from app.extensions import db, login_manager
from app.web import pages
from app.web.audit import RequestActing
from app.web.locale import remember_asked_locale, template_localized, template_render_localized

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")


def init_app(app: Flask) -> None:
    """Bind the web layer to the application."""
    _init_login(app)
    _register_blueprints(app)
    _register_templates(app)
    _register_errors(app)
    app.after_request(_security_headers)
    app.after_request(remember_asked_locale)
    act_by_default(RequestActing())
    if app.config.get("LOG_REQUESTS"):
        app.before_request(_start_timer)
        app.after_request(_log_request)


def _start_timer() -> None:
    import time

    g.request_started = time.perf_counter()


def _log_request(response):
    """One structured line per request: what, who (an id, never an address), how long.
    The id comes from the session: logging must not load the person (pages.py)."""
    import time

    started = g.get("request_started")
    user_id = pages.session_user_id()
    logging.getLogger("app.request").info("request", extra={
        "method": request.method, "path": redact.redactor.path(request.path),
        "status": response.status_code,
        "ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        "user": str(user_id) if user_id is not None else None})
    return response


def _init_login(app: Flask) -> None:
    from flask import session

    from app.auth import sessions
    from app.models_base import utcnow

    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = None
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(user_id: str):
        token = session.get(sessions.TOKEN_KEY)
        if not user_id.isdigit() or not isinstance(token, str):
            return None
        # The cookie alone is not enough: its sign-in session must still be live on the
        # server (ended by signing out). Roles come in the same query: nearly every page
        # checks them.
        since = utcnow() - app.config["PERMANENT_SESSION_LIFETIME"]
        found = sessions.load_user(int(user_id), token, since)
        if found is None:
            return None
        user, session_id, last_seen_at = found
        pages.note_seen(session_id, last_seen_at)
        return user

    app.after_request(pages.write_seen)


def _register_blueprints(app: Flask) -> None:
    from app.web import main
    from app.web.accreditation.views import bp as accreditation_bp
    from app.web.admin.views import bp as admin_bp
    from app.web.agenda.views import bp as agenda_bp
    from app.web.agenda.views import feeds as feeds_bp
    from app.web.audit.views import bp as audit_bp
    from app.web.auth.views import bp as auth_bp
    from app.web.catering.views import bp as catering_bp
    from app.web.invitations.views import answers as answers_bp
    from app.web.invitations.views import bp as invitations_bp
    from app.web.mail.views import bp as outbox_bp
    from app.web.meetings.views import bp as meetings_bp
    from app.web.minutes.views import bp as minutes_bp
    from app.web.registration.views import bp as registration_bp
    from app.web.registration.views import self_service as self_registration_bp
    from app.web.resolutions.views import bp as resolutions_bp
    from app.web.series.views import bp as series_bp
    from app.web.series.views import meeting_pages as series_meeting_bp
    from app.web.staff.views import bp as staff_bp
    from app.web.staff.views import passwords as passwords_bp
    from app.web.travel.views import bp as travel_bp

    for bp in (main.bp, auth_bp, meetings_bp, agenda_bp, feeds_bp, audit_bp, invitations_bp,
               answers_bp, outbox_bp, registration_bp, self_registration_bp,
               resolutions_bp, minutes_bp, series_bp, series_meeting_bp, admin_bp,
               staff_bp, passwords_bp, accreditation_bp, travel_bp, catering_bp):
        app.register_blueprint(bp)
    from app.web.protocol.views import bp as protocol_bp

    app.register_blueprint(protocol_bp)
    from app.web.logistics.views import bp as logistics_bp

    app.register_blueprint(logistics_bp)
    from app.web.doc_register.views import bp as doc_register_bp

    app.register_blueprint(doc_register_bp)
    from app.floor.speakers.services import follow_agenda
    from app.web.floor.views import bp as floor_bp

    app.register_blueprint(floor_bp)
    follow_agenda()  # the room display's version follows agenda edits
    from app.web.votes.views import bp as votes_bp

    app.register_blueprint(votes_bp)
    from app.web.jobs.views import bp as jobs_bp
    from app.web.jobs.views import register_kinds

    app.register_blueprint(jobs_bp)
    register_kinds(app)


def _register_templates(app: Flask) -> None:
    @app.context_processor
    def inject_i18n():
        locale = i18n.current_locale()
        return {
            "locale": locale,
            "html_lang": i18n.html_lang(locale),
            "text_dir": i18n.text_direction(locale),
            "languages": [(code, i18n.language_name(code), i18n.html_lang(code))
                          for code in i18n.LOCALES],
        }

    from app.auth.models import Role
    from app.invitations.models import InvitationStatus
    from app.mail.models import OutboxStatus
    from app.meetings.models import ParticipationCategory
    from app.minutes.models import ActionStatus, MinutesStatus
    from app.models_base import TextStatus
    from app.registration.models import DelegationRole, RegistrationStatus
    from app.resolutions.models import ResolutionState

    app.jinja_env.add_extension("jinja2.ext.do")
    from app.web.locale import install_template_gettext

    install_template_gettext(app.jinja_env)
    app.jinja_env.globals.update(  # each enum names its own members (models_base.LabelledEnum)
        role_label=Role.label_of, category_label=ParticipationCategory.label_of,
        status_label=InvitationStatus.label_of, outbox_label=OutboxStatus.label_of,
        delegation_role_label=DelegationRole.label_of,
        registration_label=RegistrationStatus.label_of,
        resolution_state_label=ResolutionState.label_of, text_status_label=TextStatus.label_of,
        action_status_label=ActionStatus.label_of, minutes_status_label=MinutesStatus.label_of,
        ml=template_render_localized, localized=template_localized,
        ui_locales=i18n.LOCALES,
        country_name=i18n.country_name,
        language_name=i18n.language_name, format_time_in=i18n.format_time_in,
        format_date_long=i18n.format_date_long, format_date_range=i18n.format_date_range,
        zone_name=i18n.zone_name, format_utc=i18n.format_utc, html_lang_of=i18n.html_lang,
        dir_of=i18n.text_direction, personal=pages.personal)
    app.jinja_env.filters["isolate"] = i18n.isolate
    app.jinja_env.globals["two_values"] = i18n.two_values


def _error_page(status: int, title: str, message: str):
    return render_template("errors/error.html", status=status, title=title,
                           message=message), status


def _register_errors(app: Flask) -> None:
    messages = {
        400: (lambda: _("Bad request"),
              lambda: _("The request could not be understood. Please go back and try again.")),
        403: (lambda: _("Access denied"),
              lambda: _("You do not have permission to see this page.")),
        404: (lambda: _("Page not found"),
              lambda: _("There is no page at this address. Check the link or start from the "
                        "home page.")),
        405: (lambda: _("Method not allowed"),
              lambda: _("This page cannot be used this way.")),
        413: (lambda: _("File too large"),
              lambda: _("The file is larger than the 20 MB allowed. Nothing was saved.")),
        429: (lambda: _("Too many attempts"),
              lambda: _("Too many attempts in a short time. Please wait a minute and try "
                        "again.")),
        500: (lambda: _("Something went wrong"),
              lambda: _("An unexpected error occurred. Nothing was saved. The secretariat has "
                        "been told; please try again later.")),
    }

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        db.session.rollback()
        return _error_page(400, _("Form expired"),
                           _("This form has expired or was not sent from this site. Reload the "
                             "page and submit it again."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        db.session.rollback()
        title, message = messages.get(error.code or 500, messages[400] if (error.code or 500)
                                      < 500 else messages[500])
        return _error_page(error.code or 500, title(), message())

    @app.errorhandler(RenderError)
    def document_failed(error: RenderError):
        """A PDF WeasyPrint could not produce: the error page, the cause in the log."""
        db.session.rollback()
        app.logger.exception("Document failed on %s", redact.redactor.path(request.path))
        title, message = messages[500]
        return _error_page(500, title(), message())

    @app.errorhandler(SQLAlchemyError)
    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method,
                             redact.redactor.path(request.path))
        title, message = messages[500]
        return _error_page(500, title(), message())


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "geolocation=(), microphone=(), camera=(self)"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    if request.endpoint != "static":  # pages carry delegates' data: never in shared caches
        response.headers.setdefault("Cache-Control", "no-store")
    return response
