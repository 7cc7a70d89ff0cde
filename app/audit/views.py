"""The audit log page: secretariat administrators see who did what, newest first."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.extensions import db

bp = Blueprint("audit", __name__, url_prefix="/audit")
PAGE_SIZE = 100

ACTIONS = {
    "auth.link_sent": _l("Sign-in link sent"),
    "auth.sign_in_link": _l("Signed in with a link"),
    "auth.sign_in_password": _l("Signed in with a password"),
    "auth.sign_in_password_totp": _l("Signed in with a password and code"),
    "auth.sign_in_failed": _l("Failed sign-in"),
    "auth.totp_enrolled": _l("Two-step verification set up"),
    "auth.sign_out": _l("Signed out"),
    "auth.sign_out_elsewhere": _l("Signed out on other browsers"),
    "auth.sign_out_everywhere": _l("Signed out everywhere"),
    "auth.locked": _l("Sign-in paused after repeated failures"),
    "auth.totp_failed": _l("Wrong verification code"),
    "auth.link_not_sent": _l("Sign-in link asked for an address without a link account"),
    "users.deactivated": _l("Account deactivated"),
    "users.create": _l("Account created"),
    "agenda.session_saved": _l("Agenda session saved"),
    "agenda.item_created": _l("Agenda item added"),
    "agenda.item_changed": _l("Agenda item changed"),
    "agenda.item_moved": _l("Agenda item moved"),
    "agenda.item_cancelled": _l("Agenda item cancelled"),
    "agenda.item_scheduled": _l("Agenda item reinstated"),
    "agenda.document_added": _l("Document attached"),
    "agenda.published": _l("Agenda published"),
    "calendar.feed_created": _l("Calendar link created"),
    "calendar.feed_revoked": _l("Calendar link stopped"),
    "invitations.added": _l("Invitee added"),
    "invitations.changed": _l("Invitation changed"),
    "invitations.removed": _l("Invitation removed"),
    "invitations.letter_saved": _l("Invitation letter saved"),
    "invitations.sent": _l("Invitation sent"),
    "invitations.reminded": _l("Reminder sent"),
    "invitations.opened": _l("Invitation opened"),
    "invitations.accepted": _l("Invitation accepted"),
    "invitations.declined": _l("Invitation declined"),
    "meetings.dates_changed": _l("Meeting dates changed"),
    "meetings.settings_changed": _l("Meeting settings changed"),
    "meetings.translations_saved": _l("Translations saved"),
    "outbox.retry": _l("E-mail queued again"),
}


@bp.route("/")
@login_required
def log():
    if not current_user.is_admin:
        abort(403)
    page = max(1, request.args.get("page", 1, type=int) or 1)
    total = db.session.scalar(select(func.count()).select_from(AuditEntry))
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.at.desc(),
                                                             AuditEntry.id.desc())
                                 .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return render_template("audit/log.html", entries=entries, page=page,
                           pages=max(1, -(-total // PAGE_SIZE)), actions=ACTIONS)
