"""The outbox page: every e-mail's state, the server's reply when it failed, and a retry."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import func, select

from app.audit.services import record
from app.extensions import db
from app.mail.models import OutboxMessage, OutboxStatus
from app.auth.models import SECRETARIAT_ROLES
from app.mail.services import deliver_due, pending_count, retry
from app.web import access
from app.web.auth.forms import ConfirmForm

bp = Blueprint("outbox", __name__, url_prefix="/outbox")
PAGE_SIZE = 100
SEND_NOW_LIMIT = 500  # per click; the worker takes the rest


access.guard(bp, access.secretariat_anywhere)


@bp.route("/")
def index():
    status = request.args.get("status")
    query = select(OutboxMessage)
    if status in {s.value for s in OutboxStatus}:
        query = query.where(OutboxMessage.status == status)
    counts = dict(db.session.execute(select(OutboxMessage.status, func.count())
                                     .group_by(OutboxMessage.status)).all())
    messages = db.session.scalars(query.order_by(OutboxMessage.id.desc()).limit(PAGE_SIZE)).all()
    return render_template("mail/outbox.html", messages=messages, counts=counts,
                           status=status, form=ConfirmForm(), statuses=list(OutboxStatus),
                           due=pending_count(_my_meetings()))


def _my_meetings() -> set[int] | None:
    """The meetings whose e-mails this person may send now (with those of no meeting: sign-in
    links, address changes); None for a site administrator: all of them."""
    if getattr(current_user, "site_admin", False):
        return None
    return {m.meeting_id for m in current_user.memberships if m.role in SECRETARIAT_ROLES}


@bp.route("/send-now", methods=["POST"])
def send_now():
    """Deliver the due messages at once, without waiting for the worker. Each message is
    claimed before it is sent, so a second click (or the worker) never sends one twice."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    meetings = _my_meetings()
    sent, failed = deliver_due(limit=SEND_NOW_LIMIT, meetings=meetings)
    record("outbox.send_now", sent=sent, failed=failed)
    db.session.commit()
    if sent:
        flash(ngettext("%(num)d e-mail sent.", "%(num)d e-mails sent.", sent), "success")
    if failed:
        flash(ngettext("%(num)d e-mail could not be sent; the reason is shown below.",
                       "%(num)d e-mails could not be sent; the reasons are shown below.",
                       failed), "error")
    if not sent and not failed:
        flash(_("No e-mail was waiting to be sent."), "success")
    return redirect(url_for("outbox.index", status=request.args.get("status")))


@bp.route("/<int:message_id>/retry", methods=["POST"])
def retry_message(message_id: int):
    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        abort(404)
    if message.status != OutboxStatus.FAILED:
        flash(_("Only failed messages can be sent again."), "error")
    else:
        retry(message)
        record("outbox.retry", message)
        db.session.commit()
        flash(_("The message is queued again."), "success")
    return redirect(url_for("outbox.index", status=request.args.get("status")))
