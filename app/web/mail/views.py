"""The outbox page: every e-mail's state, the server's reply when it failed, and a retry."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.audit.services import record
from app.extensions import db
from app.mail.models import OutboxMessage, OutboxStatus
from app.mail.services import retry
from app.web import access
from app.web.auth.forms import ConfirmForm

bp = Blueprint("outbox", __name__, url_prefix="/outbox")
PAGE_SIZE = 100


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
                           status=status, form=ConfirmForm(), statuses=list(OutboxStatus))


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
