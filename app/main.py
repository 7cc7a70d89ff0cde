"""The landing page and the health check."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template
from flask_login import current_user
from sqlalchemy import or_, select, text

from app.auth.models import Membership
from app.extensions import db
from app.meetings.models import Meeting

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    visible = Meeting.is_public.is_(True)
    if current_user.is_authenticated:
        mine = select(Membership.meeting_id).where(Membership.user_id == current_user.id)
        visible = or_(visible, Meeting.id.in_(mine))
    meetings = db.session.scalars(select(Meeting).where(visible)
                                  .order_by(Meeting.start_date.desc())).all()
    return render_template("index.html", meetings=meetings)


@bp.route("/healthz")
def healthz():
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")
