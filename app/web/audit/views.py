"""The audit log page: secretariat administrators see who did what, newest first."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import func, select

from app.audit.actions import label
from app.audit.models import AuditEntry
from app.extensions import db
from app.web import access

bp = Blueprint("audit", __name__, url_prefix="/audit")
PAGE_SIZE = 100


access.guard(bp, access.admin_anywhere)


@bp.route("/")
def log():
    page = max(1, request.args.get("page", 1, type=int) or 1)
    total = db.session.scalar(select(func.count()).select_from(AuditEntry))
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.at.desc(),
                                                             AuditEntry.id.desc())
                                 .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return render_template("audit/log.html", entries=entries, page=page,
                           pages=max(1, -(-total // PAGE_SIZE)), label=label)
