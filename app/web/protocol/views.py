"""Protocol pages: the order of precedence and its rule, the lot, the seating plan (page and
PDF), the name plates and the flag order (PDFs). The protocol officers and the secretariat
see and change them; heads of delegation see the seating plan."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth.models import SECRETARIAT_ROLES, Role
from app.i18n import LOCALES, current_locale, format_datetime_in
from app.protocol import documents, services
from app.protocol.models import Paper, SeatingLayout
from app.web import access
from app.web.meetings.views import bind_meeting
from app.web.protocol.forms import LotForm, RuleForm, SeatingForm
from app.web.steps import step

bp = Blueprint("protocol", __name__, url_prefix="/meetings/<slug>/protocol")
bind_meeting(bp)

EDITORS = SECRETARIAT_ROLES | {Role.PROTOCOL}


def _editor() -> bool:
    return bool(access.roles(g.meeting) & EDITORS)


def editor_here() -> None:
    if not _editor():
        abort(403)


def seating_reader_here() -> None:
    """The editors, and the heads of delegation: where their delegation sits."""
    if not (_editor() or access.headed(g.meeting)):
        abort(403)


access.guard(bp, editor_here, skip={"seating", "seating_pdf"})
access.guard(bp, seating_reader_here, only={"seating", "seating_pdf"})


@bp.context_processor
def _helpers() -> dict:
    return {**documents.LABELS, "format_datetime_in": format_datetime_in}


def _lang(default: str | None = None) -> str:
    lang = request.args.get("lang", "")
    return lang if lang in LOCALES else (default or current_locale())


def _choice(kind, name: str):
    value = request.args.get(name, "")
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        abort(400)


@bp.route("/")
def index(rule_form: RuleForm | None = None, lot_form: LotForm | None = None):
    meeting = g.meeting
    settings = services.settings_of(meeting)
    rule_form = rule_form or RuleForm(rule=settings.rule.value)
    return render_template("protocol/index.html", meeting=meeting, settings=settings,
                           rows=services.precedence(meeting, current_locale()),
                           lots=services.lots(meeting), rule_form=rule_form,
                           lot_form=lot_form or LotForm())


@bp.route("/rule", methods=["POST"])
def rule():
    form = RuleForm()
    if form.validate_on_submit():
        with step(services.ProtocolError, form, success=_("Order of precedence saved.")) as done:
            services.set_rule(g.meeting, form.rule.data, actor=current_user)
        if done:
            return redirect(url_for("protocol.index"))
    return index(rule_form=form), 400


@bp.route("/lot", methods=["POST"])
def lot():
    form = LotForm()
    if form.validate_on_submit():
        with step(services.ProtocolError, form) as done:
            drawn = services.draw_lot(g.meeting, actor=current_user, redraw=form.redraw.data)
        if done:
            flash(_("Letter drawn: %(letter)s.", letter=drawn.letter), "success")
            return redirect(url_for("protocol.index"))
    return index(lot_form=form), 400


@bp.route("/seating", methods=["GET", "POST"])
def seating():
    meeting = g.meeting
    settings = services.settings_of(meeting)
    form = SeatingForm(layout=settings.layout.value, paper=settings.paper.value)
    status = 200
    if request.method == "POST":
        if not _editor():
            abort(403)
        if form.validate_on_submit():
            with step(services.ProtocolError, form, success=_("Seating plan saved.")) as done:
                services.set_seating(meeting, form.layout.data, form.paper.data,
                                     actor=current_user)
            if done:
                return redirect(url_for("protocol.seating"))
        status = 400
    lang = current_locale()
    plan = documents.seating_plan(meeting, lang)
    return render_template("protocol/seating.html", meeting=meeting, plan=plan, form=form,
                           editor=_editor(), settings=settings,
                           own={o.code for o in access.headed(meeting)},
                           rows=services.precedence(meeting, lang)), status


@bp.route("/seating.pdf")
def seating_pdf():
    from app.documents.pdf import pdf_response

    data = documents.seating_pdf(g.meeting, _lang(), _choice(SeatingLayout, "layout"),
                                 _choice(Paper, "paper"))
    return pdf_response(data, f"seating-plan-{g.meeting.slug}.pdf")


@bp.route("/name-plates.pdf")
def name_plates():
    """In the language asked for (?lang=), else the meeting's working language."""
    from app.documents.pdf import pdf_response

    data = documents.name_plates_pdf(g.meeting, _lang(g.meeting.working_language))
    return pdf_response(data, f"name-plates-{g.meeting.slug}.pdf")


@bp.route("/flags.pdf")
def flags():
    from app.documents.pdf import pdf_response

    data = documents.flag_order_pdf(g.meeting, _lang())
    return pdf_response(data, f"flag-order-{g.meeting.slug}.pdf")
