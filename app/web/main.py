"""The landing page and the health check."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import Blueprint, abort, jsonify, redirect, render_template, request
from flask_login import current_user
from sqlalchemy import or_, select, text

from app.auth.models import Membership
from app.extensions import db
from app.meetings.models import Meeting
from app.web.auth.forms import ConfirmForm
from app.web.auth.views import safe_next
from app.web.locale import choose_language

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


@bp.route("/language", methods=["POST"])
def language():
    """The language switcher: the person's own choice, saved as their preference (which their
    e-mails follow) when signed in; then back to the page they were on, without ?lang=."""
    ConfirmForm()  # CSRF is checked globally before we get here
    user = current_user if current_user.is_authenticated else None
    if not choose_language(request.form.get("lang", ""), user):
        abort(400)
    if user is not None:
        db.session.commit()
    return redirect(_without_lang(safe_next(request.form.get("next"))))


def _without_lang(target: str) -> str:
    """The page's address without ?lang=: the chosen language applies from now on."""
    parts = urlsplit(target)
    query = [pair for pair in parse_qsl(parts.query, keep_blank_values=True)
             if pair[0] != "lang"]
    return parts.path + ("?" + urlencode(query) if query else "")
